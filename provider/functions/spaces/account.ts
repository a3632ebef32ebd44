import { defineFunction, queryOp } from "../descriptor";

const ACCOUNT = queryOp("query GetAccount { name tier spaceliftAwsAccountId }");

/** `getAccount`: the account the credentials belong to. */
export const getAccount = defineFunction({
  name: "getAccount",
  dataSource: "spacelift_account",
  doc: "The Spacelift account the credentials belong to: its name, billing tier and the AWS account it assumes roles from.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift-account`." },
    name: { type: "string", doc: "The account's name, the subdomain of its Spacelift address." },
    tier: { type: "string", doc: "The account's billing tier, e.g. `ENTERPRISE`." },
    awsAccountId: {
      type: "string",
      doc: "The id of the AWS account Spacelift assumes IAM roles from, for trust policies; empty when Spacelift reports none.",
    },
  },
  async run(_args, api) {
    const data = await api.query<{ name: string; tier: string; spaceliftAwsAccountId: string | null }>(
      ACCOUNT,
    );
    return {
      id: "spacelift-account",
      name: data.name,
      tier: data.tier,
      awsAccountId: data.spaceliftAwsAccountId ?? "",
    };
  },
});
