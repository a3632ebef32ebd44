import { requireViewer } from "../../context";
import type { Store } from "../../store";
import type { DomainModule } from "../domainModule";
import { orNotFound, rejected } from "../errors";
import { newUlid } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { existingSpaceId } from "../spaces";
import { keyAndRoleMutations, keyAndRoleQueries, removeBindingsOf } from "./keysAndRoles";
import { savedFilterMutations, savedFilterQueries } from "./savedFilters";

/** Access to one space, as stored and as returned. */
export interface SpaceAccessRule {
  readonly space: string;
  readonly spaceAccessLevel: string;
}

/** An invited user as stored. */
export interface ManagedUserRecord {
  /** A ULID. */
  readonly id: string;
  readonly username: string;
  readonly invitationEmail: string;
  /** Invited users stay PENDING: nobody accepts invitations in the emulator. */
  readonly status: "PENDING";
  readonly accessRules: readonly SpaceAccessRule[];
  readonly slackMemberID: string | null;
}

/** A login-provider group mapping as stored. */
export interface ManagedUserGroupRecord {
  /** A ULID. */
  readonly id: string;
  readonly groupName: string;
  readonly description: string;
  readonly accessRules: readonly SpaceAccessRule[];
}

function users(store: Store): Map<string, ManagedUserRecord> {
  return store.collection<ManagedUserRecord>("managedUsers");
}

function groups(store: Store): Map<string, ManagedUserGroupRecord> {
  return store.collection<ManagedUserGroupRecord>("managedUserGroups");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Every rule names an existing space, once, with an access level a member may hold.
function accessRules(store: Store, rules: readonly SpaceAccessRule[]): SpaceAccessRule[] {
  if (rules.length === 0) throw rejected("at least one access rule is required");
  const seen = new Set<string>();
  return rules.map((rule) => {
    existingSpaceId(store, rule.space, rule.space);
    if (rule.spaceAccessLevel === "NONE") throw rejected("access level NONE cannot be granted");
    if (seen.has(rule.space)) throw rejected(`space ${rule.space} has more than one access rule`);
    seen.add(rule.space);
    return { space: rule.space, spaceAccessLevel: rule.spaceAccessLevel };
  });
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function userView(record: ManagedUserRecord) {
  return {
    id: record.id,
    username: record.username,
    invitationEmail: record.invitationEmail,
    status: record.status,
    accessRules: record.accessRules,
    lastLoginTime: null,
  };
}

type UserView = ReturnType<typeof userView>;

interface InviteInput {
  readonly invitationEmail: string;
  readonly username: string;
  readonly accessRules: readonly SpaceAccessRule[];
}

interface UserUpdateInput {
  readonly id: string;
  readonly accessRules?: readonly SpaceAccessRule[] | null;
  readonly slackMemberID?: string | null;
}

interface GroupCreateInput {
  readonly groupName: string;
  readonly description?: string | null;
  readonly accessRules: readonly SpaceAccessRule[];
}

interface GroupUpdateInput {
  readonly id: string;
  readonly description?: string | null;
  readonly accessRules: readonly SpaceAccessRule[];
}

const queries = {
  managedUsers: ((_parent, _args, ctx) =>
    ctx.viewer ? [...users(ctx.store).values()].sort(byId).map(userView) : []) satisfies FieldResolver<
    unknown,
    unknown,
    UserView[]
  >,
  managedUser: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = users(ctx.store).get(id);
    return record ? userView(record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, UserView | null>,
  managedUserGroups: ((_parent, _args, ctx) =>
    ctx.viewer ? [...groups(ctx.store).values()].sort(byId) : []) satisfies FieldResolver<
    unknown,
    unknown,
    ManagedUserGroupRecord[]
  >,
  managedUserGroup: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return groups(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, ManagedUserGroupRecord | null>,
};

const mutations = {
  managedUserInvite: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    if (input.username.trim() === "") throw rejected("username must not be empty");
    if (!EMAIL.test(input.invitationEmail)) throw rejected("invitation email must be a valid e-mail address");
    for (const user of users(ctx.store).values()) {
      if (user.username === input.username) throw rejected(`user ${input.username} already exists`);
      if (user.invitationEmail === input.invitationEmail)
        throw rejected(`a user with e-mail ${input.invitationEmail} already exists`);
    }
    const record: ManagedUserRecord = {
      id: newUlid(ctx.now()),
      username: input.username,
      invitationEmail: input.invitationEmail,
      status: "PENDING",
      accessRules: accessRules(ctx.store, input.accessRules),
      slackMemberID: null,
    };
    users(ctx.store).set(record.id, record);
    return userView(record);
  }) satisfies FieldResolver<unknown, { input: InviteInput }, UserView>,
  managedUserUpdate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(users(ctx.store).get(input.id), "user", input.id);
    const updated: ManagedUserRecord = {
      ...current,
      accessRules:
        input.accessRules == null ? current.accessRules : accessRules(ctx.store, input.accessRules),
      slackMemberID: input.slackMemberID ?? current.slackMemberID,
    };
    users(ctx.store).set(updated.id, updated);
    return userView(updated);
  }) satisfies FieldResolver<unknown, { input: UserUpdateInput }, UserView>,
  managedUserDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(users(ctx.store).get(id), "user", id);
    users(ctx.store).delete(id);
    removeBindingsOf(ctx.store, id);
    return userView(current);
  }) satisfies FieldResolver<unknown, { id: string }, UserView>,
  managedUserGroupCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    if (input.groupName.trim() === "") throw rejected("group name must not be empty");
    for (const group of groups(ctx.store).values()) {
      if (group.groupName === input.groupName) throw rejected(`group ${input.groupName} already exists`);
    }
    const record: ManagedUserGroupRecord = {
      id: newUlid(ctx.now()),
      groupName: input.groupName,
      description: input.description ?? "",
      accessRules: accessRules(ctx.store, input.accessRules),
    };
    groups(ctx.store).set(record.id, record);
    return record;
  }) satisfies FieldResolver<unknown, { input: GroupCreateInput }, ManagedUserGroupRecord>,
  managedUserGroupUpdate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(groups(ctx.store).get(input.id), "user group", input.id);
    const updated: ManagedUserGroupRecord = {
      ...current,
      description: input.description ?? current.description,
      accessRules: accessRules(ctx.store, input.accessRules),
    };
    groups(ctx.store).set(updated.id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, { input: GroupUpdateInput }, ManagedUserGroupRecord>,
  managedUserGroupDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(groups(ctx.store).get(id), "user group", id);
    groups(ctx.store).delete(id);
    removeBindingsOf(ctx.store, id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, ManagedUserGroupRecord>,
};

/**
 * Access: invited users and login-provider group mappings with their access to spaces, API keys,
 * custom roles and their bindings, and saved filters.
 */
export const accessModule: DomainModule = {
  resolvers: {
    Query: { ...queries, ...keyAndRoleQueries, ...savedFilterQueries },
    Mutation: { ...mutations, ...keyAndRoleMutations, ...savedFilterMutations },
  },
  // A stack gone for good takes its role bindings with it.
  removeProjectData: removeBindingsOf,
};
