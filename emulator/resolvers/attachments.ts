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
import { autoattaches, autoattachmentId, everyProject } from "./autoattach";
import { findContext, listContexts, type ContextRecord } from "./contextRecords";
import type { DomainModule } from "./domainModule";
import { notFound, orNotFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import { findPolicy, listPolicies, type PolicyRecord, type PolicyType } from "./policyRecords";
import { existingProject, findProject, type Project } from "./projects";
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
  return context && project ? contextAttachmentView(a.id, context, project, a.priority, false) : null;
}

/**
 * A context auto-attached through its `autoattach:` label. Its priority is an assumption: the
 * emulator shows 0 and lists such contexts after those attached by hand, by name.
 */
function autoContextView(context: ContextRecord, project: Project): ContextAttachmentView {
  return contextAttachmentView(autoattachmentId(context.id, project.record.id), context, project, 0, true);
}

function contextAttachmentView(
  id: string,
  context: ContextRecord,
  project: Project,
  priority: number,
  isAutoattached: boolean,
): ContextAttachmentView {
  return {
    id,
    stackId: project.record.id,
    stackName: project.record.name,
    isModule: project.isModule,
    isAutoattached,
    priority,
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
  return policy && project ? policyAttachmentView(a.id, policy, project, false) : null;
}

function autoPolicyView(policy: PolicyRecord, project: Project): PolicyAttachmentView {
  return policyAttachmentView(autoattachmentId(policy.id, project.record.id), policy, project, true);
}

function policyAttachmentView(
  id: string,
  policy: PolicyRecord,
  project: Project,
  isAutoattached: boolean,
): PolicyAttachmentView {
  return {
    id,
    stackId: project.record.id,
    stackName: project.record.name,
    isModule: project.isModule,
    isAutoattached,
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

/**
 * The contexts attached to a stack or module: those attached by hand, by priority, then those an
 * `autoattach:` label attaches (and that are not also attached by hand), by name.
 */
export function contextsAttachedTo(store: Store, nowMs: number, projectId: string): ContextAttachmentView[] {
  const attached = views(
    listContextAttachments(store, (a) => a.projectId === projectId),
    (a) => contextView(store, nowMs, a),
  );
  const project = findProject(store, nowMs, projectId);
  if (!project) {
    return attached;
  }
  const auto = listContexts(store)
    .filter((c) => autoattaches(store, c, project) && !attached.some((a) => a.contextId === c.id))
    .map((c) => autoContextView(c, project));
  return [...attached, ...auto];
}

/** The policies attached to a stack or module, by hand and then through `autoattach:` labels. */
export function policiesAttachedTo(store: Store, nowMs: number, projectId: string): PolicyAttachmentView[] {
  const attached = views(
    listPolicyAttachments(store, (a) => a.projectId === projectId),
    (a) => policyView(store, nowMs, a),
  );
  const project = findProject(store, nowMs, projectId);
  if (!project) {
    return attached;
  }
  const auto = listPolicies(store)
    .filter((p) => policyAutoattaches(store, p, project) && !attached.some((a) => a.policyId === p.id))
    .map((p) => autoPolicyView(p, project));
  return [...attached, ...auto];
}

// Login policies act on the whole account, so no label attaches one to a stack.
function policyAutoattaches(store: Store, policy: PolicyRecord, project: Project): boolean {
  return policy.type !== "LOGIN" && autoattaches(store, policy, project);
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
function attachedStackResolvers<
  S extends { readonly id: string },
  R extends { readonly projectId: string },
  V,
>(
  list: (store: Store, filter: (a: R) => boolean) => R[],
  view: (store: Store, nowMs: number, a: R) => V | null,
  sourceId: (a: R) => string,
  auto: {
    readonly attaches: (store: Store, source: S, project: Project) => boolean;
    readonly view: (source: S, project: Project) => V;
  },
): ObjectResolvers {
  // Auto-attachments of the source to projects it is not also attached to by hand.
  const autoViews = (store: Store, nowMs: number, source: S, byHand: readonly R[]): V[] =>
    everyProject(store, nowMs)
      .filter((p) => auto.attaches(store, source, p) && !byHand.some((a) => a.projectId === p.record.id))
      .map((p) => auto.view(source, p));
  return {
    attachedStacks: ((source, _args, ctx) => {
      const byHand = list(ctx.store, (a) => sourceId(a) === source.id);
      return [
        ...views(byHand, (a) => view(ctx.store, ctx.now(), a)),
        ...autoViews(ctx.store, ctx.now(), source, byHand),
      ];
    }) satisfies FieldResolver<S, Record<string, never>, V[]>,
    // Looked up by the stack or module id, which is how clients find an attachment to import.
    attachedStack: ((source, { id }, ctx) => {
      const [record] = list(ctx.store, (a) => sourceId(a) === source.id && a.projectId === id);
      if (record) {
        return view(ctx.store, ctx.now(), record);
      }
      const project = findProject(ctx.store, ctx.now(), id);
      return project && auto.attaches(ctx.store, source, project) ? auto.view(source, project) : null;
    }) satisfies FieldResolver<S, { id: string }, V | null>,
  };
}

/** Adds `hasAttachedStacks`, true when `attachedStacks` (by hand or by label) lists any. */
function withHasAttachedStacks(resolvers: ObjectResolvers): ObjectResolvers {
  const attachedStacks = resolvers["attachedStacks"] as FieldResolver<
    unknown,
    Record<string, never>,
    unknown[]
  >;
  return {
    ...resolvers,
    hasAttachedStacks: ((source, _args, ctx, info) =>
      attachedStacks(source, {}, ctx, info).length > 0) satisfies FieldResolver<unknown, unknown, boolean>,
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
    Context: withHasAttachedStacks(
      attachedStackResolvers(listContextAttachments, contextView, (a) => a.contextId, {
        attaches: autoattaches,
        view: autoContextView,
      }),
    ),
    Policy: attachedStackResolvers(listPolicyAttachments, policyView, (a) => a.policyId, {
      attaches: policyAutoattaches,
      view: autoPolicyView,
    }),
  },
  removeProjectData: (store, projectId) => removeAttachments(store, { projectId }),
};
