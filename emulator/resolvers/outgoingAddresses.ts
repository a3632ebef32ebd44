import { isIP } from "node:net";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import type { FieldResolver } from "./resolverMap";
import { SETTINGS_COLLECTION } from "./settings";

const OUTGOING_IPS_KEY = "outgoingIPAddresses";

/**
 * What `outgoingIPAddresses` answers unless told otherwise: addresses of the documentation ranges
 * of RFC 5737 (TEST-NET-1 and TEST-NET-2), so a program sees a realistic, fixed list that can never
 * be mistaken for, or route to, a real host.
 */
export const DEFAULT_OUTGOING_IP_ADDRESSES: readonly string[] = [
  "192.0.2.10",
  "192.0.2.11",
  "198.51.100.20",
  "198.51.100.21",
];

/**
 * The addresses the account's `outgoingIPAddresses` lists. Kept in the store's settings (like the
 * stack deletion delay) so the server sets them from its options and a data reset keeps them.
 */
export function outgoingIPAddresses(store: Store): readonly string[] {
  const value = store.collection<unknown>(SETTINGS_COLLECTION).get(OUTGOING_IPS_KEY);
  return Array.isArray(value) && value.every((v) => typeof v === "string")
    ? (value as string[])
    : DEFAULT_OUTGOING_IP_ADDRESSES;
}

/**
 * Sets what {@link outgoingIPAddresses} answers; throws a RangeError naming the first entry that is
 * not an IPv4 or IPv6 address.
 */
export function setOutgoingIPAddresses(store: Store, addresses: readonly string[]): void {
  const bad = addresses.find((a) => isIP(a) === 0);
  if (bad !== undefined) {
    throw new RangeError(`outgoingIPAddresses: ${JSON.stringify(bad)} is not an IP address`);
  }
  store.collection<string[]>(SETTINGS_COLLECTION).set(OUTGOING_IPS_KEY, [...addresses]);
}

/**
 * Account-wide facts the data functions of the spaces domain read that no other domain owns: the
 * addresses Spacelift connects from (Terraform's `spacelift_ips`).
 */
export const outgoingAddressesModule: DomainModule = {
  resolvers: {
    Query: {
      outgoingIPAddresses: ((_parent, _args, ctx) => [
        ...outgoingIPAddresses(ctx.store),
      ]) satisfies FieldResolver<unknown, unknown, string[]>,
    },
  },
};
