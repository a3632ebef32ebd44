import { GraphQLError } from "graphql";
import { requireViewer } from "../../context";
import { generateApiKey } from "../../credentials";
import { asRequestContext } from "../../requestContext";
import type { Store } from "../../store";
import { notFound, orNotFound, rejected } from "../errors";
import { newUlid, slugify, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { existingSpaceId } from "../spaces";
import { findStack } from "../stackRecords";
import type { ManagedUserGroupRecord, ManagedUserRecord } from "./index";

/**
 * The actions a role may grant, as the schema's `Action` enum lists them. Spacelift refuses a role
 * naming any other; terraform-provider-spacelift 8565261 checks them against that enum before it
 * sends a role (resource_role.go:201-220), with the message used below.
 */
export const KNOWN_ACTIONS: readonly string[] = [
  "RUN_CONFIRM",
  "RUN_TRIGGER",
  "SPACE_ADMIN",
  "SPACE_READ",
  "SPACE_WRITE",
  "STACK_MANAGE",
];

/** An API key as stored. The secret is not: the credential registry keeps only its digest. */
export interface ApiKeyRecord {
  /** A ULID; the id the key is exchanged with. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly admin: boolean;
  readonly isMachineUser: boolean;
  readonly teams: readonly string[];
  readonly expiresAt: number | null;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** A custom role as stored. */
export interface RoleRecord {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly actions: readonly string[];
}

/** What a role binding binds the role to. */
export type BindingTarget = "apiKey" | "user" | "userGroup" | "stack";

/** A role binding of any kind as stored. */
export interface RoleBindingRecord {
  readonly id: string;
  readonly target: BindingTarget;
  /** The API key, user, group or stack id. */
  readonly targetId: string;
  readonly roleID: string;
  readonly spaceID: string;
}

function apiKeys(store: Store): Map<string, ApiKeyRecord> {
  return store.collection<ApiKeyRecord>("apiKeys");
}

function roles(store: Store): Map<string, RoleRecord> {
  return store.collection<RoleRecord>("roles");
}

function bindings(store: Store): Map<string, RoleBindingRecord> {
  return store.collection<RoleBindingRecord>("roleBindings");
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// --- API keys ------------------------------------------------------------------------------------

function apiKeyView(store: Store, record: ApiKeyRecord, secret: string | null = null) {
  return {
    ...record,
    type: "SECRET",
    accessRules: [],
    apiKeyRoleBindings: [...bindings(store).values()]
      .filter((b) => b.target === "apiKey" && b.targetId === record.id)
      .sort(byId)
      .map((b) => bindingView(store, b)),
    secret,
    lastUsedAt: null,
  };
}

type ApiKeyView = ReturnType<typeof apiKeyView>;

interface ApiKeyInput {
  readonly name: string;
  readonly admin: boolean;
  readonly teams?: readonly string[] | null;
  readonly description?: string | null;
  readonly machine?: boolean | null;
  readonly expiresAt?: number | null;
}

interface ApiKeyUpdateInput {
  readonly name?: string | null;
  readonly teams?: readonly string[] | null;
  readonly description?: string | null;
}

// --- roles ---------------------------------------------------------------------------------------

function checkedActions(actions: readonly string[]): string[] {
  if (actions.length === 0) throw rejected("actions must not be empty");
  for (const action of actions) {
    if (!KNOWN_ACTIONS.includes(action)) {
      throw rejected(
        `action ${action} is not a valid action. valid actions are: ${KNOWN_ACTIONS.join(", ")}`,
      );
    }
  }
  return [...new Set(actions)].sort();
}

function roleView(store: Store, record: RoleRecord) {
  return {
    ...record,
    isSystem: false,
    roleBindingsCount: [...bindings(store).values()].filter((b) => b.roleID === record.id).length,
  };
}

type RoleView = ReturnType<typeof roleView>;

function uniqueRoleSlug(store: Store, name: string, except?: string): string {
  const slug = slugify(name);
  if (slug === "") throw rejected("role name must contain a letter or a digit");
  for (const role of roles(store).values()) {
    if (role.id !== except && role.slug === slug) throw rejected(`role with slug ${slug} already exists`);
  }
  return slug;
}

interface RoleInput {
  readonly name: string;
  readonly description?: string | null;
  readonly actions: readonly string[];
}

interface RoleUpdateInput {
  readonly name?: string | null;
  readonly description?: string | null;
  readonly actions?: readonly string[] | null;
  readonly Actions?: readonly string[] | null;
}

// --- bindings ------------------------------------------------------------------------------------

const TARGET_WORDS: Readonly<Record<BindingTarget, string>> = {
  apiKey: "API key",
  user: "user",
  userGroup: "user group",
  stack: "stack",
};

const TARGET_MEMBER: Readonly<Record<BindingTarget, string>> = {
  apiKey: "apiKeyID",
  user: "userID",
  userGroup: "userGroupID",
  stack: "stackID",
};

function bindingView(store: Store, record: RoleBindingRecord) {
  const role = roles(store).get(record.roleID);
  return {
    id: record.id,
    roleID: record.roleID,
    spaceID: record.spaceID,
    [TARGET_MEMBER[record.target]]: record.targetId,
    // A role cannot be deleted while bound, so a binding always has its role.
    role: role ? roleView(store, role) : null,
    stackName: record.target === "stack" ? record.targetId : undefined,
  };
}

type BindingView = ReturnType<typeof bindingView>;

function targetExists(store: Store, nowMs: number, target: BindingTarget, id: string): boolean {
  switch (target) {
    case "apiKey":
      return apiKeys(store).has(id);
    case "user":
      return store.collection<ManagedUserRecord>("managedUsers").has(id);
    case "userGroup":
      return store.collection<ManagedUserGroupRecord>("managedUserGroups").has(id);
    case "stack":
      return findStack(store, nowMs, id) !== undefined;
  }
}

function createBinding(
  store: Store,
  nowMs: number,
  target: BindingTarget,
  targetId: string,
  roleID: string,
  spaceID: string,
): RoleBindingRecord {
  if (!targetExists(store, nowMs, target, targetId)) throw notFound(TARGET_WORDS[target], targetId);
  if (!roles(store).has(roleID)) throw notFound("role", roleID);
  existingSpaceId(store, spaceID, spaceID);
  for (const b of bindings(store).values()) {
    if (b.target === target && b.targetId === targetId && b.roleID === roleID && b.spaceID === spaceID) {
      throw rejected(
        `role ${roleID} is already bound to ${TARGET_WORDS[target]} ${targetId} in space ${spaceID}`,
      );
    }
  }
  const record: RoleBindingRecord = { id: newUlid(nowMs), target, targetId, roleID, spaceID };
  bindings(store).set(record.id, record);
  return record;
}

function bindingOf(store: Store, target: BindingTarget, id: string): RoleBindingRecord | undefined {
  const record = bindings(store).get(id);
  return record?.target === target ? record : undefined;
}

function readBinding(target: BindingTarget) {
  return ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = bindingOf(ctx.store, target, id);
    return record ? bindingView(ctx.store, record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, BindingView | null>;
}

function deleteBinding(target: BindingTarget) {
  return ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = orNotFound(bindingOf(ctx.store, target, id), "role binding", id);
    const view = bindingView(ctx.store, record);
    bindings(ctx.store).delete(id);
    return view;
  }) satisfies FieldResolver<unknown, { id: string }, BindingView>;
}

interface BindingInput {
  readonly roleID: string;
  readonly spaceID: string;
}

// --- resolvers -----------------------------------------------------------------------------------

/** Queries of API keys, roles and role bindings. */
export const keyAndRoleQueries = {
  apiKeys: ((_parent, _args, ctx) =>
    ctx.viewer
      ? [...apiKeys(ctx.store).values()].sort(byId).map((k) => apiKeyView(ctx.store, k))
      : []) satisfies FieldResolver<unknown, unknown, ApiKeyView[]>,
  apiKey: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = apiKeys(ctx.store).get(id);
    return record ? apiKeyView(ctx.store, record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, ApiKeyView | null>,
  roles: ((_parent, _args, ctx) =>
    ctx.viewer
      ? [...roles(ctx.store).values()].sort(byId).map((r) => roleView(ctx.store, r))
      : []) satisfies FieldResolver<unknown, unknown, RoleView[]>,
  role: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = roles(ctx.store).get(id);
    return record ? roleView(ctx.store, record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, RoleView | null>,
  apiKeyRoleBinding: readBinding("apiKey"),
  userRoleBinding: readBinding("user"),
  userGroupRoleBinding: readBinding("userGroup"),
  stackRoleBinding: readBinding("stack"),
};

/** Mutations of API keys, roles and role bindings. */
export const keyAndRoleMutations = {
  apiKeyCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    if (input.name.trim() === "") throw rejected("name must not be empty");
    // The key must really authenticate: the server's credential registry accepts it from now on.
    const { credentials } = asRequestContext(ctx);
    const generated = generateApiKey(input.name);
    const nowMs = ctx.now();
    const record: ApiKeyRecord = {
      id: newUlid(nowMs),
      name: input.name,
      description: input.description ?? "",
      admin: input.admin,
      isMachineUser: input.machine ?? true,
      teams: [...new Set(input.teams ?? [])].sort(),
      expiresAt: input.expiresAt ?? null,
      createdAt: unixSeconds(nowMs),
    };
    credentials.addApiKey({ id: record.id, secret: generated.secret, name: record.name });
    apiKeys(ctx.store).set(record.id, record);
    return apiKeyView(ctx.store, record, generated.secret);
  }) satisfies FieldResolver<unknown, { input: ApiKeyInput }, ApiKeyView>,
  apiKeyUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(apiKeys(ctx.store).get(id), "api key", id);
    if (input.name != null && input.name.trim() === "") throw rejected("name must not be empty");
    const updated: ApiKeyRecord = {
      ...current,
      name: input.name ?? current.name,
      description: input.description ?? current.description,
      teams: input.teams == null ? current.teams : [...new Set(input.teams)].sort(),
    };
    apiKeys(ctx.store).set(id, updated);
    return apiKeyView(ctx.store, updated);
  }) satisfies FieldResolver<unknown, { id: string; input: ApiKeyUpdateInput }, ApiKeyView>,
  apiKeyDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    // The Terraform provider treats these words as "already gone" (resource_api_key.go:178).
    const current = apiKeys(ctx.store).get(id);
    if (!current) throw new GraphQLError("could not find api key");
    const view = apiKeyView(ctx.store, current);
    asRequestContext(ctx).credentials.deleteApiKey(id);
    for (const b of [...bindings(ctx.store).values()]) {
      if (b.target === "apiKey" && b.targetId === id) bindings(ctx.store).delete(b.id);
    }
    apiKeys(ctx.store).delete(id);
    return view;
  }) satisfies FieldResolver<unknown, { id: string }, ApiKeyView | null>,

  roleCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    if (input.name.trim() === "") throw rejected("role name must not be empty");
    const record: RoleRecord = {
      id: newUlid(ctx.now()),
      slug: uniqueRoleSlug(ctx.store, input.name),
      name: input.name,
      description: input.description ?? "",
      actions: checkedActions(input.actions),
    };
    roles(ctx.store).set(record.id, record);
    return roleView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { input: RoleInput }, RoleView>,
  roleUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(roles(ctx.store).get(id), "role", id);
    const actions = input.actions ?? input.Actions;
    const updated: RoleRecord = {
      ...current,
      name: input.name ?? current.name,
      slug: input.name == null ? current.slug : uniqueRoleSlug(ctx.store, input.name, id),
      description: input.description ?? current.description,
      actions: actions == null ? current.actions : checkedActions(actions),
    };
    roles(ctx.store).set(id, updated);
    return roleView(ctx.store, updated);
  }) satisfies FieldResolver<unknown, { id: string; input: RoleUpdateInput }, RoleView>,
  roleDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(roles(ctx.store).get(id), "role", id);
    const view = roleView(ctx.store, current);
    if (view.roleBindingsCount > 0) {
      throw rejected(
        `role ${id} is still bound ${view.roleBindingsCount} time(s); remove its bindings first`,
      );
    }
    roles(ctx.store).delete(id);
    return view;
  }) satisfies FieldResolver<unknown, { id: string }, RoleView>,

  apiKeyRoleBindingCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const record = createBinding(ctx.store, ctx.now(), "apiKey", input.apiKeyID, input.roleID, input.spaceID);
    return bindingView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { input: BindingInput & { apiKeyID: string } }, BindingView>,
  apiKeyRoleBindingDelete: deleteBinding("apiKey"),
  userRoleBindingCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const record = createBinding(ctx.store, ctx.now(), "user", input.userID, input.roleID, input.spaceID);
    return bindingView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { input: BindingInput & { userID: string } }, BindingView>,
  userRoleBindingBatchCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    // All or none: undo the ones made when a later one is refused.
    const made: RoleBindingRecord[] = [];
    try {
      for (const b of input.bindings) {
        made.push(createBinding(ctx.store, ctx.now(), "user", b.userID, b.roleID, b.spaceID));
      }
    } catch (err) {
      for (const m of made) bindings(ctx.store).delete(m.id);
      throw err;
    }
    return made.map((m) => bindingView(ctx.store, m));
  }) satisfies FieldResolver<
    unknown,
    { input: { bindings: readonly (BindingInput & { userID: string })[] } },
    BindingView[]
  >,
  userRoleBindingDelete: deleteBinding("user"),
  userGroupRoleBindingCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const record = createBinding(
      ctx.store,
      ctx.now(),
      "userGroup",
      input.userGroupID,
      input.roleID,
      input.spaceID,
    );
    return bindingView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { input: BindingInput & { userGroupID: string } }, BindingView>,
  userGroupRoleBindingDelete: deleteBinding("userGroup"),
  stackRoleBindingCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const record = createBinding(ctx.store, ctx.now(), "stack", input.stackID, input.roleID, input.spaceID);
    return bindingView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { input: BindingInput & { stackID: string } }, BindingView>,
  stackRoleBindingDelete: deleteBinding("stack"),
};

/** Drops the role bindings of a user, group or stack that is gone. */
export function removeBindingsOf(store: Store, targetId: string): void {
  for (const b of [...bindings(store).values()]) {
    if (b.targetId === targetId) bindings(store).delete(b.id);
  }
}
