import { requireViewer } from "../context";
import type { Store } from "../store";
import { removeAttachments } from "./attachmentRecords";
import { countOf, type DomainModule } from "./domainModule";
import { orNotFound, rejected, slugTaken } from "./errors";
import { slugify, unixSeconds } from "./ids";
import {
  currentPolicyType,
  findPolicy,
  listPolicies,
  removePolicyRecord,
  savePolicy,
  type PolicyEngineType,
  type PolicyRecord,
  type PolicyType,
  type PolicyTypeInput,
} from "./policyRecords";
import type { FieldResolver } from "./resolverMap";
import { searchField, type SearchSpec } from "./search";
import { ROOT_SPACE_ID, canUseEntitiesOf } from "./spaceRecords";
import { existingSpaceId, spaceDetailsField } from "./spaces";

/** `PolicyUpdateInput` as the resolvers receive it. */
export interface PolicyUpdateInput {
  readonly name: string;
  readonly body: string;
  readonly description?: string | null;
  readonly labels?: readonly string[] | null;
  readonly space?: string | null;
  readonly engineType?: PolicyEngineType | null;
}

/** `PolicyCreateInput` as the resolvers receive it. */
export interface PolicyCreateInput extends PolicyUpdateInput {
  readonly type: PolicyTypeInput;
}

/** The arguments of the deprecated `policyCreate` and `policyUpdate`. */
interface LegacyPolicyArgs {
  readonly name: string;
  readonly body: string;
  readonly labels?: readonly string[] | null;
  readonly space?: string | null;
  /** Sent by Spacelift's Kubernetes operator; Terraform provider v1.9 does not send it. */
  readonly description?: string | null;
}

/** Creates a policy as `policyCreatev2` does; shared with seeding. */
export function createPolicy(store: Store, input: PolicyCreateInput, nowMs: number): PolicyRecord {
  const id = slugify(input.name);
  if (!id) {
    throw rejected("policy name must contain at least one letter or digit");
  }
  if (findPolicy(store, id)) {
    throw slugTaken("policy", id);
  }
  const policy = policyFromInput(store, input, currentPolicyType(input.type), nowMs, undefined, id);
  savePolicy(store, policy);
  return policy;
}

// Updates replace every field, as Spacelift's do: a null space or engine type is taken as at
// creation, never as "keep"; its Terraform provider re-sends both from state instead.
function policyFromInput(
  store: Store,
  input: PolicyUpdateInput,
  type: PolicyType,
  nowMs: number,
  current: PolicyRecord | undefined,
  id: string,
): PolicyRecord {
  if (input.name.trim() === "") {
    throw rejected("name must not be empty");
  }
  if (input.body.trim() === "") {
    throw rejected("policy body must not be empty");
  }
  const space = existingSpaceId(store, input.space, ROOT_SPACE_ID);
  // Login policies decide who may log in to the whole account; the real API keeps them in root.
  if (type === "LOGIN" && space !== ROOT_SPACE_ID) {
    throw rejected("login policies cannot be moved out of root space");
  }
  return {
    id,
    name: input.name,
    body: input.body,
    type,
    engineType: input.engineType ?? "REGO_V0",
    description: input.description ?? null,
    labels: [...(input.labels ?? [])],
    space,
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
    updatedAt: unixSeconds(nowMs),
  };
}

function existingPolicy(store: Store, id: string): PolicyRecord {
  return orNotFound(findPolicy(store, id), "policy", id);
}

const policySearch: SearchSpec<PolicyRecord> = {
  fields: {
    id: (p) => [p.id],
    name: (p) => [p.name],
    label: (p) => p.labels,
    labels: (p) => p.labels,
    space: (p) => [p.space],
    type: (p) => [p.type],
    engineType: (p) => [p.engineType],
  },
  text: (p) => [p.id, p.name, p.description, ...p.labels],
  order: {
    name: (p) => p.name,
    id: (p) => p.id,
    createdAt: (p) => p.createdAt,
    updatedAt: (p) => p.updatedAt,
    space: (p) => p.space,
    type: (p) => p.type,
  },
  id: (p) => p.id,
};

const queries = {
  policies: ((_parent, _args, ctx) => (ctx.viewer ? listPolicies(ctx.store) : [])) satisfies FieldResolver<
    unknown,
    unknown,
    PolicyRecord[]
  >,
  policy: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return findPolicy(ctx.store, id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, PolicyRecord | null>,
  searchPolicies: searchField((ctx) => listPolicies(ctx.store), policySearch),
  attachablePoliciesInSpace: ((_parent, { id }, ctx) =>
    ctx.viewer
      ? listPolicies(ctx.store).filter((p) => p.type !== "LOGIN" && canUseEntitiesOf(ctx.store, id, p.space))
      : []) satisfies FieldResolver<unknown, { id: string }, PolicyRecord[]>,
};

const mutations = {
  policyCreatev2: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return createPolicy(ctx.store, input, ctx.now());
  }) satisfies FieldResolver<unknown, { input: PolicyCreateInput }, PolicyRecord>,
  policyUpdatev2: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const current = existingPolicy(ctx.store, id);
    const updated = policyFromInput(ctx.store, input, current.type, ctx.now(), current, current.id);
    savePolicy(ctx.store, updated);
    return updated;
  }) satisfies FieldResolver<unknown, { id: string; input: PolicyUpdateInput }, PolicyRecord>,
  // The deprecated forms, still sent by older clients (Spacelift's Terraform provider up to
  // v1.9, its Kubernetes operator): the same as the v2 mutations, with the fields they cannot
  // express taken as at creation, or kept on update.
  policyCreate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return createPolicy(ctx.store, args, ctx.now());
  }) satisfies FieldResolver<unknown, LegacyPolicyArgs & { type: PolicyTypeInput }, PolicyRecord>,
  policyUpdate: ((_parent, { id, ...args }, ctx) => {
    requireViewer(ctx);
    const current = existingPolicy(ctx.store, id);
    const input: PolicyUpdateInput = {
      ...args,
      description: args.description === undefined ? current.description : args.description,
      engineType: current.engineType,
    };
    const updated = policyFromInput(ctx.store, input, current.type, ctx.now(), current, current.id);
    savePolicy(ctx.store, updated);
    return updated;
  }) satisfies FieldResolver<unknown, LegacyPolicyArgs & { id: string }, PolicyRecord>,
  policyDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingPolicy(ctx.store, id);
    removeAttachments(ctx.store, { policyId: id });
    removePolicyRecord(ctx.store, id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, PolicyRecord>,
};

/** Policies: slug ids, current type names for deprecated ones, login policies kept in root. */
export const policiesModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    Policy: {
      spaceDetails: spaceDetailsField,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(listPolicies(store).filter((p) => p.space === spaceId).length, "policy", "policies"),
};
