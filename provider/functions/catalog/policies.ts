import { defineFunction, queryOp, type FunctionFields } from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";

const POLICY = queryOp(`query GetPolicy($id: ID!) {
  policy(id: $id) { id name body type labels space }
}`);

// Spacelift has no server-side filter on type or labels for `policies`; like the Terraform data
// source we read the plain list (the API does not page it) and filter here.
const POLICIES = queryOp(`query GetPolicies {
  policies { id name type labels space }
}`);

interface PolicyNode {
  readonly id: string;
  readonly name: string;
  readonly body?: string;
  readonly type: string;
  readonly labels: readonly string[];
  readonly space: string;
}

// Spacelift still accepts the old names of three policy types and returns such policies under the
// current name, so a filter by an old name would otherwise never match anything.
const RENAMED_TYPES: Readonly<Record<string, string>> = {
  STACK_ACCESS: "ACCESS",
  TASK_RUN: "TASK",
  TERRAFORM_PLAN: "PLAN",
};

/** `getPolicy`: one policy by id. */
export const getPolicy = defineFunction({
  name: "getPolicy",
  dataSource: "spacelift_policy",
  doc: "Looks up a policy by its id: its name, type, space, labels and Rego body.",
  args: {
    policyId: { type: "string", doc: "The policy's id (the slug Spacelift made of its name)." },
  },
  result: {
    body: { type: "string", doc: "The policy's Rego source." },
    id: { type: "string", doc: "The policy's id." },
    labels: { type: "string[]", doc: "The policy's labels, sorted." },
    name: { type: "string", doc: "The policy's name." },
    policyId: { type: "string", doc: "The id that was looked up." },
    spaceId: { type: "string", doc: "Id of the space the policy belongs to." },
    type: {
      type: "string",
      doc: "The decision point the policy serves, e.g. `PLAN`, `GIT_PUSH` or `NOTIFICATION`; renamed types appear under their current name.",
    },
  },
  async run(args, api) {
    const policyId = args.policyId as string;
    const data = await api.query<{ policy: PolicyNode | null }>(POLICY, { id: policyId });
    const policy = data.policy;
    if (policy === null) throw new FunctionError("getPolicy", `no policy "${policyId}" (policyId)`);
    return {
      body: policy.body ?? "",
      id: policy.id,
      labels: visibleLabels(policy.labels),
      name: policy.name,
      policyId,
      spaceId: policy.space,
      type: policy.type,
    };
  },
});

const policySummary: FunctionFields = {
  id: { type: "string", doc: "The policy's id." },
  labels: { type: "string[]", doc: "The policy's labels, sorted." },
  name: { type: "string", doc: "The policy's name." },
  spaceId: { type: "string", doc: "Id of the space the policy belongs to." },
  type: { type: "string", doc: "The policy's type." },
};

/** `getPolicies`: every policy of the account, optionally only of one type or with given labels. */
export const getPolicies = defineFunction({
  name: "getPolicies",
  dataSource: "spacelift_policies",
  doc: "Lists the account's policies the caller can see, optionally only those of one type and/or carrying every one of the given labels.",
  args: {
    labels: {
      type: "string[]",
      optional: true,
      doc: "Only policies that have all of these labels; empty or left out: no label filter.",
    },
    type: {
      type: "string",
      optional: true,
      doc: "Only policies of this type, e.g. `PLAN` (the old names `TERRAFORM_PLAN`, `STACK_ACCESS` and `TASK_RUN` mean their current types).",
    },
  },
  result: {
    id: { type: "string", doc: "An identifier of the look-up, made of its filters." },
    labels: { type: "string[]", optional: true, doc: "The label filter, as given." },
    policies: { type: "GetPoliciesPolicy[]", doc: "The matching policies, by name." },
    type: { type: "string", optional: true, doc: "The type filter, as given." },
  },
  types: { GetPoliciesPolicy: policySummary },
  async run(args, api) {
    const labels = args.labels as string[] | undefined;
    const type = args.type as string | undefined;
    const wantedType = type === undefined ? undefined : (RENAMED_TYPES[type] ?? type);
    const data = await api.query<{ policies: PolicyNode[] }>(POLICIES);
    const policies = data.policies
      .filter((p) => wantedType === undefined || p.type === wantedType)
      .filter((p) => (labels ?? []).every((label) => p.labels.includes(label)))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((p) => ({
        id: p.id,
        labels: visibleLabels(p.labels),
        name: p.name,
        spaceId: p.space,
        type: p.type,
      }));
    return {
      id: `policies/${type ?? ""}/${[...(labels ?? [])].sort().join(",")}`,
      ...(labels === undefined ? {} : { labels }),
      policies,
      ...(type === undefined ? {} : { type }),
    };
  },
});
