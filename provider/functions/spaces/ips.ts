import { defineFunction, queryOp } from "../descriptor";

const OUTGOING_IPS = queryOp("query GetIPs { outgoingIPAddresses }");

/** `getIPs`: the addresses Spacelift's public workers and webhooks connect from. */
export const getIPs = defineFunction({
  name: "getIPs",
  dataSource: "spacelift_ips",
  doc:
    "The IP addresses Spacelift's own services connect from (webhook deliveries, calls to VCS providers), " +
    "to allow-list them. Runs on the public worker pool connect from other addresses.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift-ips`." },
    ips: { type: "string[]", doc: "The addresses, sorted." },
  },
  async run(_args, api) {
    const data = await api.query<{ outgoingIPAddresses: string[] }>(OUTGOING_IPS);
    return { id: "spacelift-ips", ips: [...data.outgoingIPAddresses].sort() };
  },
});
