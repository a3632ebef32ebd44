import { requireViewer } from "../context";
import type { Store } from "../store";
import {
  contextAttachments,
  listContextAttachments,
  listPolicyAttachments,
  policyAttachments,
  removeAttachments,
  type ContextAttachmentRecord,
  type PolicyAttachmentRecord,
} from "./attachmentRecords";
import { findContext } from "./contextRecords";
import type { DomainModule } from "./domainModule";
import { notFound, orNotFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import { findPolicy, type PolicyType } from "./policyRecords";
import { existingProject, findProject } from "./projects";
import type { FieldResolver, ObjectResolvers } from "./resolverMap";
import { canUseEntitiesOf } from "./spaceRecords";

/** `StackContextAttachment` as resolved: both sides of the attachment, flattened. */
export interface ContextAttachmentView {
  readonly id: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly isModule: boolean;
  readonly isAutoattached: boolean;
  readonly priority: number;
  readonly contextId: string;
  readonly contextName: string;
  readonly contextDescription: string | null;
  readonly contextLabels: readonly string[];
  readonly contextSpace: string;
}

/** `PolicyStackAttachment` as resolved: both sides of the attachment, flattened. */
export interface PolicyAttachmentView {
  readonly id: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly isModule: boolean;
  readonly isAutoattached: boolean;
  readonly policyId: string;
  readonly policyName: string;
  readonly policyType: PolicyType;
  readonly policyLabels: readonly string[];
  readonly policySpace: string;
}

function contextView(store: Store, nowMs: number, a: ContextAttachmentRecord): ContextAttachmentView | null {
  const context = findContext(store, a.contextId);
  const project = findProject(store, nowMs, a.projectId);
  if (!context || !project) {
    return null;
  }
  return {
    id: a.id,
    stackId: a.projectId,
    stackName: project.record.name,
    isModule: a.isModule,
    isAutoattached: false,
    priority: a.priority,
    contextId: context.id,
    contextName: context.name,
    contextDescription: context.description,
    contextLabels: context.labels,
    contextSpace: context.space,
  };
}

function policyView(store: Store, nowMs: number, a: PolicyAttachmentRecord): PolicyAttachmentView | null {
  const policy = findPolicy(store, a.policyId);
  const project = findProject(store, nowMs, a.projectId);
  if (!policy || !project) {
    return null;
  }
  return {
    id: a.id,
    stackId: a.projectId,
    stackName: project.record.name,
    isModule: a.isModule,
    isAutoattached: false,
    policyId: policy.id,
    policyName: policy.name,
    policyType: policy.type,
    policyLabels: policy.labels,
    policySpace: policy.space,
  };
}

function views<R, V>(records: readonly R[], view: (r: R) => V | null): V[] {
  return records.map(view).filter((v): v is V => v !== null);
}

/** The contexts attached to a stack or module, by priority. */
export function contextsAttachedTo(store: Store, nowMs: number, projectId: string): ContextAttachmentView[] {
  return views(
    listContextAttachments(store, (a) => a.projectId === projectId),
    (a) => contextView(store, nowMs, a),
  );
}

/** The policies attached to a stack or module. */
export function policiesAttachedTo(store: Store, nowMs: number, projectId: string): PolicyAttachmentView[] {
  return views(
    listPolicyAttachments(store, (a) => a.projectId === projectId),
    (a) => policyView(store, nowMs, a),
  );
}

/**
 * Attaches a context to a stack or module as `contextAttach` does; shared with seeding. Refuses a
 * second attachment of the same pair and a context the project's space cannot use.
 */
export function attachContext(
  store: Store,
  nowMs: number,
  contextId: string,
  projectId: string,
  priority: number,
): ContextAttachmentView {
  const context = orNotFound(findContext(store, contextId), "context", contextId);
  const project = existingProject(store, nowMs, projectId);
  if (!Number.isInteger(priority) || priority < 0) {
    throw rejected("priority must be a non-negative integer");
  }
  if (
    listContextAttachments(store, (a) => a.contextId === context.id && a.projectId === projectId).length > 0
  ) {
    throw rejected(`context ${context.id} is already attached to stack ${projectId}`);
  }
  // Wording of the real API's refusal (terraform-provider-spacelift#633).
  if (!canUseEntitiesOf(store, project.record.space, context.space)) {
    throw rejected(`cannot attach context, stack ${projectId} space has no access to context space`);
  }
  const record: ContextAttachmentRecord = {
    id: newUlid(nowMs),
    contextId: context.id,
    projectId,
    isModule: project.isModule,
    priority,
    createdAt: unixSeconds(nowMs),
  };
  contextAttachments(store).set(record.id, record);
  return requiredView(contextView(store, nowMs, record));
}

const contextAttach: FieldResolver<
  unknown,
  { id: string; stack: string; priority: number },
  ContextAttachmentView
> = (_parent, args, ctx) => {
  requireViewer(ctx);
  return attachContext(ctx.store, ctx.now(), args.id, args.stack, args.priority);
};

/**
 * Attaches a policy to a stack or module as `policyAttach` does; shared with seeding. Refuses login
 * policies, a second attachment of the same pair and a policy the project's space cannot use.
 */
export function attachPolicy(
  store: Store,
  nowMs: number,
  policyId: string,
  projectId: string,
): PolicyAttachmentView {
  const policy = orNotFound(findPolicy(store, policyId), "policy", policyId);
  const project = existingProject(store, nowMs, projectId);
  // Login policies act on the whole account, never on one stack.
  if (policy.type === "LOGIN") {
    throw rejected(`login policy ${policy.id} cannot be attached to a stack`);
  }
  if (listPolicyAttachments(store, (a) => a.policyId === policy.id && a.projectId === projectId).length > 0) {
    throw rejected(`policy ${policy.id} is already attached to stack ${projectId}`);
  }
  if (!canUseEntitiesOf(store, project.record.space, policy.space)) {
    throw rejected(`cannot attach policy, stack ${projectId} space has no access to policy space`);
  }
  const record: PolicyAttachmentRecord = {
    id: newUlid(nowMs),
    policyId: policy.id,
    projectId,
    isModule: project.isModule,
    createdAt: unixSeconds(nowMs),
  };
  policyAttachments(store).set(record.id, record);
  return requiredView(policyView(store, nowMs, record));
}

const policyAttach: FieldResolver<unknown, { id: string; stack: string }, PolicyAttachmentView> = (
  _parent,
  args,
  ctx,
) => {
  requireViewer(ctx);
  return attachPolicy(ctx.store, ctx.now(), args.id, args.stack);
};

/** `contextDetach` or `policyDetach`: removes the attachment and answers with what it was. */
function detach<R, V>(
  noun: string,
  collection: (store: Store) => Map<string, R>,
  view: (store: Store, nowMs: number, a: R) => V | null,
): FieldResolver<unknown, { id: string }, V> {
  return (_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = collection(ctx.store).get(id);
    const found = record ? view(ctx.store, ctx.now(), record) : null;
    if (!found) {
      throw notFound(noun, id);
    }
    collection(ctx.store).delete(id);
    return found;
  };
}

/**
 * `attachedStacks` and `attachedStack` of a `Context` or a `Policy`, whose id an attachment holds
 * in `sourceId`.
 */
function attachedStackResolvers<R extends { readonly projectId: string }, V>(
  list: (store: Store, filter: (a: R) => boolean) => R[],
  view: (store: Store, nowMs: number, a: R) => V | null,
  sourceId: (a: R) => string,
): ObjectResolvers {
  return {
    attachedStacks: ((source, _args, ctx) =>
      views(
        list(ctx.store, (a) => sourceId(a) === source.id),
        (a) => view(ctx.store, ctx.now(), a),
      )) satisfies FieldResolver<{ readonly id: string }, Record<string, never>, V[]>,
    // Looked up by the stack or module id, which is how clients find an attachment to import.
    attachedStack: ((source, { id }, ctx) => {
      const [record] = list(ctx.store, (a) => sourceId(a) === source.id && a.projectId === id);
      return record ? view(ctx.store, ctx.now(), record) : null;
    }) satisfies FieldResolver<{ readonly id: string }, { id: string }, V | null>,
  };
}

function requiredView<V>(view: V | null): V {
  if (view === null) {
    // Both sides were just looked up, so this cannot happen short of a bug.
    throw new Error("attachment refers to a missing object");
  }
  return view;
}

/** Context and policy attachments to stacks and modules. */
export const attachmentsModule: DomainModule = {
  resolvers: {
    Mutation: {
      contextAttach,
      contextDetach: detach("context attachment", contextAttachments, contextView),
      policyAttach,
      policyDetach: detach("policy attachment", policyAttachments, policyView),
    },
    Context: {
      ...attachedStackResolvers(listContextAttachments, contextView, (a) => a.contextId),
      hasAttachedStacks: ((context, _args, ctx) =>
        views(
          listContextAttachments(ctx.store, (a) => a.contextId === context.id),
          (a) => contextView(ctx.store, ctx.now(), a),
        ).length > 0) satisfies FieldResolver<{ readonly id: string }, unknown, boolean>,
    },
    Policy: attachedStackResolvers(listPolicyAttachments, policyView, (a) => a.policyId),
  },
  removeProjectData: (store, projectId) => removeAttachments(store, { projectId }),
};
