import { createHash } from "node:crypto";
import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { notFound, orNotFound, rejected } from "../errors";
import { newUlid, slugify, unixSeconds } from "../ids";
import { EMULATOR_ACCOUNT } from "../modules";
import { existingProject, findProject } from "../projects";
import type { FieldResolver } from "../resolverMap";
import { byName } from "../search";
import { ROOT_SPACE_ID, canUseEntitiesOf } from "../spaceRecords";
import { existingSpaceId } from "../spaces";
import { requireReadWriteUse } from "./readWriteUse";

/** An Azure integration as stored. */
export interface AzureIntegrationRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly tenantId: string;
  readonly defaultSubscriptionId: string | null;
  readonly labels: readonly string[];
  readonly space: string;
  readonly autoattachEnabled: boolean;
  readonly adminConsentProvided: boolean;
  readonly applicationId: string;
  readonly displayName: string;
  readonly objectId: string;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** An Azure integration attached to a stack or module. */
interface AzureAttachmentRecord {
  /** A ULID. */
  readonly id: string;
  readonly integrationId: string;
  readonly projectId: string;
  readonly read: boolean;
  readonly write: boolean;
  readonly subscriptionId: string | null;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `AzureIntegrationStackAttachment` as resolved. */
interface AzureAttachmentView {
  readonly id: string;
  readonly integrationId: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly isModule: boolean;
  readonly isAutoattached: boolean;
  readonly read: boolean;
  readonly write: boolean;
  readonly subscriptionId: string | null;
}

/** Azure subscription ids are GUIDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function integrations(store: Store): Map<string, AzureIntegrationRecord> {
  return store.collection<AzureIntegrationRecord>("azureIntegrations");
}

function attachments(store: Store): Map<string, AzureAttachmentRecord> {
  return store.collection<AzureAttachmentRecord>("azureIntegrationAttachments");
}

function listIntegrations(store: Store): AzureIntegrationRecord[] {
  return [...integrations(store).values()].sort(byName);
}

function listAttachments(store: Store, keep: (a: AzureAttachmentRecord) => boolean): AzureAttachmentRecord[] {
  return [...attachments(store).values()]
    .filter(keep)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** A stable UUID-shaped value derived from `seed` (the application's ids are Azure's, not ours). */
function uuidFrom(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function subscriptionOf(value: string | null | undefined, what: string): string | null {
  if (value === null || value === undefined || value === "") {
    return null;
  }
  if (!GUID.test(value)) {
    throw rejected(`${what} must be an Azure subscription ID (a GUID)`);
  }
  return value;
}

function requireName(name: string): void {
  if (name.trim() === "") {
    throw rejected("name must not be empty");
  }
}

/** The arguments of `azureIntegrationCreate`. */
export interface AzureIntegrationCreateArgs {
  readonly name: string;
  readonly tenantID: string;
  readonly labels: readonly string[];
  readonly defaultSubscriptionId?: string | null;
  readonly space?: string | null;
  readonly autoattachEnabled?: boolean | null;
}

interface AzureIntegrationUpdateArgs {
  readonly id: string;
  readonly name: string;
  readonly labels: readonly string[];
  readonly defaultSubscriptionId?: string | null;
  readonly space?: string | null;
  readonly autoattachEnabled?: boolean | null;
}

/**
 * Creates an Azure integration as `azureIntegrationCreate` does; seeding may choose the id.
 * Spacelift registers an Azure AD application for it, whose ids and display name are generated
 * here and never change.
 */
export function createAzureIntegration(
  store: Store,
  args: AzureIntegrationCreateArgs,
  nowMs: number,
  chosenId?: string,
): AzureIntegrationRecord {
  requireName(args.name);
  if (args.tenantID.trim() === "") {
    throw rejected("tenantID must not be empty");
  }
  const id = chosenId ?? newUlid(nowMs);
  if (integrations(store).has(id)) {
    throw rejected(`Azure integration ${id} already exists`);
  }
  const record: AzureIntegrationRecord = {
    id,
    name: args.name,
    tenantId: args.tenantID,
    defaultSubscriptionId: subscriptionOf(args.defaultSubscriptionId, "defaultSubscriptionId"),
    labels: [...args.labels],
    space: existingSpaceId(store, args.space, ROOT_SPACE_ID),
    autoattachEnabled: args.autoattachEnabled ?? false,
    // Consent is given by an administrator of the tenant in Azure's portal, never through the API.
    adminConsentProvided: false,
    applicationId: uuidFrom(`application:${id}`),
    displayName: `spacelift-${EMULATOR_ACCOUNT}-${slugify(args.name).slice(0, 40) || "azure"}-${id.slice(-6).toLowerCase()}`,
    objectId: uuidFrom(`object:${id}`),
    createdAt: unixSeconds(nowMs),
  };
  integrations(store).set(id, record);
  return record;
}

function existingIntegration(store: Store, id: string): AzureIntegrationRecord {
  return orNotFound(integrations(store).get(id), "Azure integration", id);
}

function attachmentView(store: Store, nowMs: number, a: AzureAttachmentRecord): AzureAttachmentView | null {
  const project = findProject(store, nowMs, a.projectId);
  if (!project || !integrations(store).has(a.integrationId)) {
    return null;
  }
  return {
    id: a.id,
    integrationId: a.integrationId,
    stackId: a.projectId,
    stackName: project.record.name,
    isModule: project.isModule,
    isAutoattached: false,
    read: a.read,
    write: a.write,
    subscriptionId: a.subscriptionId,
  };
}

function requiredView(view: AzureAttachmentView | null): AzureAttachmentView {
  if (view === null) {
    // Both sides were just looked up, so this cannot happen short of a bug.
    throw new Error("Azure attachment refers to a missing object");
  }
  return view;
}

/**
 * Refuses an attachment that would give a stack two Azure integrations for reading or two for
 * writing, or one used for neither. `self` is the attachment being updated, if any.
 */
function requireUsage(
  store: Store,
  projectId: string,
  read: boolean,
  write: boolean,
  self: string | undefined,
): void {
  const others = listAttachments(store, (a) => a.projectId === projectId && a.id !== self);
  requireReadWriteUse("Azure", others, projectId, read, write);
}

function existingAttachment(store: Store, nowMs: number, id: string): AzureAttachmentRecord {
  const record = attachments(store).get(id);
  if (!record || !attachmentView(store, nowMs, record)) {
    throw notFound("Azure integration attachment", id);
  }
  return record;
}

/** The arguments of `azureIntegrationAttach`. */
export interface AttachArgs {
  readonly id: string;
  readonly stack: string;
  readonly read: boolean;
  readonly write: boolean;
  readonly subscriptionId?: string | null;
}

/** Attaches an integration as `azureIntegrationAttach` does; shared with seeding. */
export function attachAzureIntegration(store: Store, nowMs: number, args: AttachArgs): AzureAttachmentView {
  const integration = existingIntegration(store, args.id);
  const project = existingProject(store, nowMs, args.stack);
  if (listAttachments(store, (a) => a.integrationId === args.id && a.projectId === args.stack).length) {
    throw rejected(`Azure integration ${args.id} is already attached to stack ${args.stack}`);
  }
  if (!canUseEntitiesOf(store, project.record.space, integration.space)) {
    throw rejected(
      `cannot attach Azure integration, stack ${args.stack} space has no access to integration space`,
    );
  }
  requireUsage(store, args.stack, args.read, args.write, undefined);
  const record: AzureAttachmentRecord = {
    id: newUlid(nowMs),
    integrationId: args.id,
    projectId: args.stack,
    read: args.read,
    write: args.write,
    subscriptionId: subscriptionOf(args.subscriptionId, "subscriptionId"),
    createdAt: unixSeconds(nowMs),
  };
  attachments(store).set(record.id, record);
  return requiredView(attachmentView(store, nowMs, record));
}

interface AttachmentUpdateArgs {
  readonly id: string;
  readonly read: boolean;
  readonly write: boolean;
  readonly subscriptionId?: string | null;
}

/** `AzureIntegration` as resolved: the record plus the consent URL. */
function integrationResolvers() {
  return {
    adminConsentURL: ((i) =>
      `https://login.microsoftonline.com/${encodeURIComponent(i.tenantId)}/adminconsent?client_id=${i.applicationId}`) satisfies FieldResolver<
      AzureIntegrationRecord,
      unknown,
      string
    >,
    // The service principal exists in the tenant only once an administrator has consented.
    servicePrincipalObjectId: ((i) =>
      i.adminConsentProvided ? uuidFrom(`principal:${i.id}`) : null) satisfies FieldResolver<
      AzureIntegrationRecord,
      unknown,
      string | null
    >,
    attachedStacks: ((integration, _args, ctx) =>
      listAttachments(ctx.store, (a) => a.integrationId === integration.id)
        .map((a) => attachmentView(ctx.store, ctx.now(), a))
        .filter((v): v is AzureAttachmentView => v !== null)) satisfies FieldResolver<
      AzureIntegrationRecord,
      unknown,
      AzureAttachmentView[]
    >,
    // Looked up by the stack or module id, which is how clients find an attachment to import.
    attachedStack: ((integration, { id }, ctx) => {
      const [record] = listAttachments(
        ctx.store,
        (a) => a.integrationId === integration.id && a.projectId === id,
      );
      return record ? attachmentView(ctx.store, ctx.now(), record) : null;
    }) satisfies FieldResolver<AzureIntegrationRecord, { id: string }, AzureAttachmentView | null>,
  };
}

const queries = {
  azureIntegrations: ((_parent, _args, ctx) =>
    ctx.viewer ? listIntegrations(ctx.store) : []) satisfies FieldResolver<
    unknown,
    unknown,
    AzureIntegrationRecord[]
  >,
  azureIntegration: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return integrations(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, AzureIntegrationRecord | null>,
  azureIntegrationByName: ((_parent, { name }, ctx) => {
    requireViewer(ctx);
    return (
      [...integrations(ctx.store).values()]
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .find((i) => i.name === name) ?? null
    );
  }) satisfies FieldResolver<unknown, { name: string }, AzureIntegrationRecord | null>,
  azureIntegrationsEnabled: ((_parent, _args, ctx) => ctx.viewer !== null) satisfies FieldResolver<
    unknown,
    unknown,
    boolean
  >,
  attachableAzureIntegrationsInSpace: ((_parent, { id }, ctx) =>
    ctx.viewer
      ? listIntegrations(ctx.store).filter((i) => canUseEntitiesOf(ctx.store, id, i.space))
      : []) satisfies FieldResolver<unknown, { id: string }, AzureIntegrationRecord[]>,
};

const mutations = {
  azureIntegrationCreate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return createAzureIntegration(ctx.store, args, ctx.now());
  }) satisfies FieldResolver<unknown, AzureIntegrationCreateArgs, AzureIntegrationRecord>,
  azureIntegrationUpdate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    const current = existingIntegration(ctx.store, args.id);
    requireName(args.name);
    const updated: AzureIntegrationRecord = {
      ...current,
      name: args.name,
      labels: [...args.labels],
      defaultSubscriptionId: subscriptionOf(args.defaultSubscriptionId, "defaultSubscriptionId"),
      // Like every Spacelift update, the whole object is replaced: an unset space means root.
      space: existingSpaceId(ctx.store, args.space, ROOT_SPACE_ID),
      autoattachEnabled: args.autoattachEnabled ?? false,
    };
    integrations(ctx.store).set(current.id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, AzureIntegrationUpdateArgs, AzureIntegrationRecord>,
  azureIntegrationDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingIntegration(ctx.store, id);
    for (const a of listAttachments(ctx.store, (x) => x.integrationId === id)) {
      attachments(ctx.store).delete(a.id);
    }
    integrations(ctx.store).delete(id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, AzureIntegrationRecord>,
  azureIntegrationAttach: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return attachAzureIntegration(ctx.store, ctx.now(), args);
  }) satisfies FieldResolver<unknown, AttachArgs, AzureAttachmentView>,
  azureIntegrationAttachmentUpdate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    const current = existingAttachment(ctx.store, ctx.now(), args.id);
    requireUsage(ctx.store, current.projectId, args.read, args.write, args.id);
    const updated: AzureAttachmentRecord = {
      ...current,
      read: args.read,
      write: args.write,
      subscriptionId: subscriptionOf(args.subscriptionId, "subscriptionId"),
    };
    attachments(ctx.store).set(args.id, updated);
    return requiredView(attachmentView(ctx.store, ctx.now(), updated));
  }) satisfies FieldResolver<unknown, AttachmentUpdateArgs, AzureAttachmentView>,
  azureIntegrationDetach: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingAttachment(ctx.store, ctx.now(), id);
    const view = requiredView(attachmentView(ctx.store, ctx.now(), current));
    attachments(ctx.store).delete(id);
    return view;
  }) satisfies FieldResolver<unknown, { id: string }, AzureAttachmentView>,
};

/**
 * Azure integrations (an Azure AD application per integration, with generated application ids and
 * display name and an admin consent URL for the tenant) and their attachments to stacks and
 * modules, at most one for reading and one for writing per stack.
 */
export const azureIntegrationsModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    AzureIntegration: integrationResolvers(),
  },
  removeProjectData: (store, projectId) => {
    for (const a of listAttachments(store, (x) => x.projectId === projectId)) {
      attachments(store).delete(a.id);
    }
  },
  spaceOccupants: (store, spaceId) =>
    countOf(
      listIntegrations(store).filter((i) => i.space === spaceId).length,
      "Azure integration",
      "Azure integrations",
    ),
};
