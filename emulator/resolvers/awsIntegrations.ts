import { requireViewer } from "../context";
import type { Store } from "../store";
import { countOf, type DomainModule } from "./domainModule";
import { notFound, orNotFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import type { IntegrationsParent } from "./projectFields";
import { existingProject, findProject } from "./projects";
import type { FieldResolver } from "./resolverMap";
import { byName } from "./search";
import { ROOT_SPACE_ID, canUseEntitiesOf } from "./spaceRecords";
import { existingSpaceId } from "./spaces";
import { requireReadWriteUse } from "./integrations/readWriteUse";

/** The arguments of `awsIntegrationCreate` (and, with `id`, of `awsIntegrationUpdate`). */
export interface AwsIntegrationArgs {
  readonly name: string;
  readonly roleArn: string;
  readonly generateCredentialsInWorker: boolean;
  readonly labels: readonly string[];
  readonly space?: string | null;
  readonly externalID?: string | null;
  readonly durationSeconds?: number | null;
  readonly region?: string | null;
  readonly autoattachEnabled?: boolean | null;
  readonly tagAssumeRole?: boolean | null;
}

/** An AWS integration as stored. */
export interface AwsIntegrationRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly roleArn: string;
  readonly generateCredentialsInWorker: boolean;
  readonly externalId: string | null;
  readonly durationSeconds: number;
  readonly labels: readonly string[];
  readonly space: string;
  readonly region: string | null;
  readonly autoattachEnabled: boolean;
  readonly tagAssumeRole: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** An AWS integration attached to a stack or module. */
export interface AwsAttachmentRecord {
  /** A ULID. */
  readonly id: string;
  readonly integrationId: string;
  readonly projectId: string;
  readonly isModule: boolean;
  readonly read: boolean;
  readonly write: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `AwsIntegrationStackAttachment` as resolved. */
export interface AwsAttachmentView {
  readonly id: string;
  readonly integrationId: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly isModule: boolean;
  readonly isAutoattached: boolean;
  readonly read: boolean;
  readonly write: boolean;
}

/** The legacy per-stack role set by `stackIntegrationAwsCreate`, keyed by stack or module id. */
interface StackAwsRoleRecord {
  readonly projectId: string;
  readonly roleArn: string;
  readonly generateCredentialsInWorker: boolean;
  readonly externalID: string | null;
  readonly durationSeconds: number | null;
  readonly region: string | null;
}

/** AWS's bounds for an assumed role's session (STS AssumeRole `DurationSeconds`). */
export const AWS_SESSION_SECONDS = { min: 900, max: 43200 } as const;
const DEFAULT_DURATION_SECONDS = AWS_SESSION_SECONDS.min;

/** An IAM role ARN in any of AWS's partitions: `arn:aws:iam::<12 digits>:role/<optional path/><name>`. */
export const ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;

function integrations(store: Store): Map<string, AwsIntegrationRecord> {
  return store.collection<AwsIntegrationRecord>("awsIntegrations");
}

function attachments(store: Store): Map<string, AwsAttachmentRecord> {
  return store.collection<AwsAttachmentRecord>("awsIntegrationAttachments");
}

function stackRoles(store: Store): Map<string, StackAwsRoleRecord> {
  return store.collection<StackAwsRoleRecord>("stackAwsRoles");
}

function listIntegrations(store: Store): AwsIntegrationRecord[] {
  return [...integrations(store).values()].sort(byName);
}

function listAttachments(store: Store, keep: (a: AwsAttachmentRecord) => boolean): AwsAttachmentRecord[] {
  return [...attachments(store).values()]
    .filter(keep)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

function requireRoleArn(roleArn: string): void {
  if (!ROLE_ARN.test(roleArn)) {
    throw rejected("roleArn must be an IAM role ARN: arn:aws:iam::<12-digit account ID>:role/<name>");
  }
}

function durationOf(value: number | null | undefined): number {
  const seconds = value ?? DEFAULT_DURATION_SECONDS;
  if (!Number.isInteger(seconds) || seconds < AWS_SESSION_SECONDS.min || seconds > AWS_SESSION_SECONDS.max) {
    throw rejected(
      `durationSeconds must be between ${AWS_SESSION_SECONDS.min} and ${AWS_SESSION_SECONDS.max} (AWS's limits for an assumed role's session)`,
    );
  }
  return seconds;
}

function fromArgs(
  store: Store,
  args: AwsIntegrationArgs,
  id: string,
  current: AwsIntegrationRecord | undefined,
  nowMs: number,
): AwsIntegrationRecord {
  if (args.name.trim() === "") {
    throw rejected("name must not be empty");
  }
  requireRoleArn(args.roleArn);
  return {
    id,
    name: args.name,
    roleArn: args.roleArn,
    generateCredentialsInWorker: args.generateCredentialsInWorker,
    // The Terraform provider sends "" for "no custom external ID".
    externalId: args.externalID ? args.externalID : null,
    durationSeconds: durationOf(args.durationSeconds),
    labels: [...args.labels],
    space: existingSpaceId(store, args.space, ROOT_SPACE_ID),
    region: args.region ? args.region : null,
    autoattachEnabled: args.autoattachEnabled ?? false,
    tagAssumeRole: args.tagAssumeRole ?? false,
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
  };
}

/** Creates an AWS integration as `awsIntegrationCreate` does; seeding may choose the id. */
export function createAwsIntegration(
  store: Store,
  args: AwsIntegrationArgs,
  nowMs: number,
  chosenId?: string,
): AwsIntegrationRecord {
  const id = chosenId ?? newUlid(nowMs);
  if (integrations(store).has(id)) {
    throw rejected(`AWS integration ${id} already exists`);
  }
  const record = fromArgs(store, args, id, undefined, nowMs);
  integrations(store).set(id, record);
  return record;
}

function existingIntegration(store: Store, id: string): AwsIntegrationRecord {
  return orNotFound(integrations(store).get(id), "AWS integration", id);
}

function attachmentView(store: Store, nowMs: number, a: AwsAttachmentRecord): AwsAttachmentView | null {
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
  };
}

function requiredView(view: AwsAttachmentView | null): AwsAttachmentView {
  if (view === null) {
    // Both sides were just looked up, so this cannot happen short of a bug.
    throw new Error("AWS attachment refers to a missing object");
  }
  return view;
}

/**
 * Refuses an attachment that would give a stack two integrations for reading or two for writing,
 * or one that is used for neither. `self` is the attachment being updated, if any.
 */
function requireUsage(
  store: Store,
  projectId: string,
  read: boolean,
  write: boolean,
  self: string | undefined,
): void {
  const others = listAttachments(store, (a) => a.projectId === projectId && a.id !== self);
  requireReadWriteUse("AWS", others, projectId, read, write);
}

/** Attaches an integration as `awsIntegrationAttach` does; shared with seeding. */
export function attachAwsIntegration(
  store: Store,
  nowMs: number,
  integrationId: string,
  projectId: string,
  read: boolean,
  write: boolean,
): AwsAttachmentView {
  const integration = existingIntegration(store, integrationId);
  const project = existingProject(store, nowMs, projectId);
  if (listAttachments(store, (a) => a.integrationId === integrationId && a.projectId === projectId).length) {
    throw rejected(`AWS integration ${integrationId} is already attached to stack ${projectId}`);
  }
  if (!canUseEntitiesOf(store, project.record.space, integration.space)) {
    throw rejected(
      `cannot attach AWS integration, stack ${projectId} space has no access to integration space`,
    );
  }
  requireUsage(store, projectId, read, write, undefined);
  const record: AwsAttachmentRecord = {
    id: newUlid(nowMs),
    integrationId,
    projectId,
    isModule: project.isModule,
    read,
    write,
    createdAt: unixSeconds(nowMs),
  };
  attachments(store).set(record.id, record);
  return requiredView(attachmentView(store, nowMs, record));
}

function existingAttachment(store: Store, nowMs: number, id: string): AwsAttachmentRecord {
  const record = attachments(store).get(id);
  if (!record || !attachmentView(store, nowMs, record)) {
    throw notFound("AWS integration attachment", id);
  }
  return record;
}

function externalIdFor(integrationId: string, stackId: string, read: boolean, write: boolean): string {
  return `emulator@${integrationId}@${stackId}@${write ? "write" : read ? "read" : "none"}`;
}

function trustStatement(externalId: string): string {
  return JSON.stringify({
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "sts:ExternalId": externalId } },
    Effect: "Allow",
    Principal: { AWS: "000000000000" },
  });
}

type AwsIntegrationUpdateArgs = AwsIntegrationArgs & { readonly id: string };

const queries = {
  awsIntegrations: ((_parent, _args, ctx) =>
    ctx.viewer ? listIntegrations(ctx.store) : []) satisfies FieldResolver<
    unknown,
    unknown,
    AwsIntegrationRecord[]
  >,
  awsIntegration: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return integrations(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, AwsIntegrationRecord | null>,
  awsIntegrationByName: ((_parent, { name }, ctx) => {
    requireViewer(ctx);
    return (
      [...integrations(ctx.store).values()]
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .find((i) => i.name === name) ?? null
    );
  }) satisfies FieldResolver<unknown, { name: string }, AwsIntegrationRecord | null>,
  attachableAwsIntegrationsInSpace: ((_parent, { id }, ctx) =>
    ctx.viewer
      ? listIntegrations(ctx.store).filter((i) => canUseEntitiesOf(ctx.store, id, i.space))
      : []) satisfies FieldResolver<unknown, { id: string }, AwsIntegrationRecord[]>,
};

const mutations = {
  awsIntegrationCreate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return createAwsIntegration(ctx.store, args, ctx.now());
  }) satisfies FieldResolver<unknown, AwsIntegrationArgs, AwsIntegrationRecord>,
  awsIntegrationUpdate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    const current = existingIntegration(ctx.store, args.id);
    const updated = fromArgs(ctx.store, args, current.id, current, ctx.now());
    integrations(ctx.store).set(current.id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, AwsIntegrationUpdateArgs, AwsIntegrationRecord>,
  awsIntegrationDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingIntegration(ctx.store, id);
    for (const a of listAttachments(ctx.store, (x) => x.integrationId === id)) {
      attachments(ctx.store).delete(a.id);
    }
    integrations(ctx.store).delete(id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, AwsIntegrationRecord>,
  awsIntegrationAttach: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return attachAwsIntegration(ctx.store, ctx.now(), args.id, args.stack, args.read, args.write);
  }) satisfies FieldResolver<
    unknown,
    { id: string; stack: string; read: boolean; write: boolean },
    AwsAttachmentView
  >,
  awsIntegrationAttachmentUpdate: ((_parent, { id, read, write }, ctx) => {
    requireViewer(ctx);
    const current = existingAttachment(ctx.store, ctx.now(), id);
    requireUsage(ctx.store, current.projectId, read, write, id);
    const updated: AwsAttachmentRecord = { ...current, read, write };
    attachments(ctx.store).set(id, updated);
    return requiredView(attachmentView(ctx.store, ctx.now(), updated));
  }) satisfies FieldResolver<unknown, { id: string; read: boolean; write: boolean }, AwsAttachmentView>,
  awsIntegrationDetach: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingAttachment(ctx.store, ctx.now(), id);
    const view = requiredView(attachmentView(ctx.store, ctx.now(), current));
    attachments(ctx.store).delete(id);
    return view;
  }) satisfies FieldResolver<unknown, { id: string }, AwsAttachmentView>,
  stackIntegrationAwsCreate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    existingProject(ctx.store, ctx.now(), args.id);
    requireRoleArn(args.roleArn);
    const record: StackAwsRoleRecord = {
      projectId: args.id,
      roleArn: args.roleArn,
      generateCredentialsInWorker: args.generateCredentialsInWorker ?? false,
      externalID: args.externalID ?? null,
      durationSeconds: args.durationSeconds == null ? null : durationOf(args.durationSeconds),
      region: args.region ?? null,
    };
    stackRoles(ctx.store).set(args.id, record);
    return stackRoleView(args.id, record);
  }) satisfies FieldResolver<
    unknown,
    {
      id: string;
      roleArn: string;
      generateCredentialsInWorker?: boolean | null;
      externalID?: string | null;
      durationSeconds?: number | null;
      region?: string | null;
    },
    StackAwsRoleView
  >,
  stackIntegrationAwsDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    existingProject(ctx.store, ctx.now(), id);
    stackRoles(ctx.store).delete(id);
    return stackRoleView(id, undefined);
  }) satisfies FieldResolver<unknown, { id: string }, StackAwsRoleView>,
};

/** `StackAwsIntegration` as resolved. */
type StackAwsRoleView = IntegrationsParent["aws"];

function stackRoleView(projectId: string, record: StackAwsRoleRecord | undefined): StackAwsRoleView {
  return {
    activated: record !== undefined,
    assumedRoleArn: record?.roleArn ?? null,
    assumeRolePolicyStatement: trustStatement(`emulator@${projectId}`),
    // An activated role without a session length of its own gets AWS's minimum, as integrations do.
    durationSeconds: record ? (record.durationSeconds ?? DEFAULT_DURATION_SECONDS) : null,
    externalID: record?.externalID ?? null,
    generateCredentialsInWorker: record?.generateCredentialsInWorker ?? false,
    region: record?.region ?? null,
  };
}

/**
 * AWS integrations (ULID ids, role ARN and session length checks), their attachments to stacks and
 * modules (at most one for reading and one for writing per stack), and the legacy per-stack role
 * shown in `integrations { aws }`.
 */
export const awsIntegrationsModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    AwsIntegration: {
      attachedStacks: ((integration, _args, ctx) =>
        listAttachments(ctx.store, (a) => a.integrationId === integration.id)
          .map((a) => attachmentView(ctx.store, ctx.now(), a))
          .filter((v): v is AwsAttachmentView => v !== null)) satisfies FieldResolver<
        AwsIntegrationRecord,
        unknown,
        AwsAttachmentView[]
      >,
      // Looked up by the stack or module id, which is how clients find an attachment to import.
      attachedStack: ((integration, { id }, ctx) => {
        const [record] = listAttachments(
          ctx.store,
          (a) => a.integrationId === integration.id && a.projectId === id,
        );
        return record ? attachmentView(ctx.store, ctx.now(), record) : null;
      }) satisfies FieldResolver<AwsIntegrationRecord, { id: string }, AwsAttachmentView | null>,
      externalIdForStack: ((integration, { stackId, read, write }) => {
        const externalId = externalIdFor(integration.id, stackId, read, write);
        return { externalId, assumeRolePolicyStatement: trustStatement(externalId) };
      }) satisfies FieldResolver<
        AwsIntegrationRecord,
        { stackId: string; read: boolean; write: boolean },
        { externalId: string; assumeRolePolicyStatement: string }
      >,
    },
    Stack: {
      // Spacelift's Kubernetes operator reads these back from `stackUpdate` to reconcile them.
      attachedAwsIntegrations: ((stack, _args, ctx) =>
        listAttachments(ctx.store, (a) => a.projectId === stack.id)
          .map((a) => attachmentView(ctx.store, ctx.now(), a))
          .filter((v): v is AwsAttachmentView => v !== null)) satisfies FieldResolver<
        { readonly id: string },
        unknown,
        AwsAttachmentView[]
      >,
    },
    StackIntegrations: {
      aws: ((parent, _args, ctx) =>
        stackRoleView(parent.projectId, stackRoles(ctx.store).get(parent.projectId))) satisfies FieldResolver<
        IntegrationsParent,
        unknown,
        StackAwsRoleView
      >,
    },
  },
  removeProjectData: (store, projectId) => {
    for (const a of listAttachments(store, (x) => x.projectId === projectId)) {
      attachments(store).delete(a.id);
    }
    stackRoles(store).delete(projectId);
  },
  spaceOccupants: (store, spaceId) =>
    countOf(
      listIntegrations(store).filter((i) => i.space === spaceId).length,
      "AWS integration",
      "AWS integrations",
    ),
};
