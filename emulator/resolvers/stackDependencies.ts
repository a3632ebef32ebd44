import { requireViewer } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import { orNotFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import { findStack, type StackRecord } from "./stackRecords";

/** A dependency of stack `stackId` on stack `dependsOnStackId`, as stored. */
export interface StackDependencyRecord {
  /** A ULID. */
  readonly id: string;
  readonly stackId: string;
  readonly dependsOnStackId: string;
  readonly triggerAlways: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** An output of the depended-on stack passed to the dependent one, as stored. */
export interface StackDependencyReferenceRecord {
  /** A ULID. */
  readonly id: string;
  readonly dependencyId: string;
  readonly outputName: string;
  readonly inputName: string;
  readonly type: string;
  readonly triggerAlways: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `StackDependencyInput` as the resolvers receive it. */
export interface StackDependencyInput {
  readonly stackId: string;
  readonly dependsOnStackId: string;
  readonly triggerAlways?: boolean | null;
}

/** `StackDependencyReferenceInput` as the resolvers receive it. */
export interface StackDependencyReferenceInput {
  readonly outputName: string;
  readonly inputName: string;
  readonly type?: string | null;
  readonly triggerAlways?: boolean | null;
}

/** `StackDependencyReferenceUpdateInput` as the resolvers receive it. */
export interface StackDependencyReferenceUpdateInput extends StackDependencyReferenceInput {
  readonly id: string;
}

/** The only way a reference reaches the dependent stack. */
const REFERENCE_TYPE = "ENVIRONMENT_VARIABLE";

/** The real API's refusal to delete a stack that has dependencies (terraform-provider-spacelift#503). */
export const HAS_DEPENDENCIES = "can't delete stack when it has dependencies; please delete them first";

function dependencies(store: Store): Map<string, StackDependencyRecord> {
  return store.collection<StackDependencyRecord>("stackDependencies");
}

function references(store: Store): Map<string, StackDependencyReferenceRecord> {
  return store.collection<StackDependencyReferenceRecord>("stackDependencyReferences");
}

function listDependencies(
  store: Store,
  filter: (d: StackDependencyRecord) => boolean,
): StackDependencyRecord[] {
  return [...dependencies(store).values()].filter(filter).sort((a, b) => a.id.localeCompare(b.id));
}

function referencesOf(store: Store, dependencyId: string): StackDependencyReferenceRecord[] {
  return [...references(store).values()]
    .filter((r) => r.dependencyId === dependencyId)
    .sort((a, b) => a.id.localeCompare(b.id));
}

function liveStack(store: Store, nowMs: number, id: string): StackRecord {
  const stack = orNotFound(findStack(store, nowMs, id), "stack", id);
  if (stack.deleteAt !== null) {
    throw rejected(`stack ${id} is being deleted`);
  }
  return stack;
}

/**
 * The chain of dependencies leading from `from` to `to` (`from`, ..., `to`), or null when `to` is
 * not reachable from `from`.
 */
function dependencyPath(store: Store, from: string, to: string): string[] | null {
  const seen = new Set<string>();
  const walk = (current: string): string[] | null => {
    if (current === to) {
      return [current];
    }
    if (seen.has(current)) {
      return null;
    }
    seen.add(current);
    for (const d of listDependencies(store, (x) => x.stackId === current)) {
      const rest = walk(d.dependsOnStackId);
      if (rest) {
        return [current, ...rest];
      }
    }
    return null;
  };
  return walk(from);
}

/**
 * Creates a dependency as `stackDependencyCreate` does; shared with seeding. Refuses a stack
 * depending on itself, a second dependency on the same stack and any dependency that would close
 * a cycle.
 */
export function createDependency(
  store: Store,
  nowMs: number,
  input: StackDependencyInput,
): StackDependencyRecord {
  const stack = liveStack(store, nowMs, input.stackId);
  const upstream = liveStack(store, nowMs, input.dependsOnStackId);
  if (stack.id === upstream.id) {
    throw rejected(`stack ${stack.id} cannot depend on itself`);
  }
  if (
    listDependencies(store, (d) => d.stackId === stack.id && d.dependsOnStackId === upstream.id).length > 0
  ) {
    throw rejected(`stack ${stack.id} already depends on stack ${upstream.id}`);
  }
  const back = dependencyPath(store, upstream.id, stack.id);
  if (back) {
    throw rejected(`dependency would create a cycle: ${[stack.id, ...back].join(" -> ")}`);
  }
  const record: StackDependencyRecord = {
    id: newUlid(nowMs),
    stackId: stack.id,
    dependsOnStackId: upstream.id,
    triggerAlways: input.triggerAlways ?? false,
    createdAt: unixSeconds(nowMs),
  };
  dependencies(store).set(record.id, record);
  return record;
}

/** The dependency of `stackId` on `dependsOnStackId`, if any (for seeding references). */
export function findDependencyBetween(
  store: Store,
  stackId: string,
  dependsOnStackId: string,
): StackDependencyRecord | undefined {
  return listDependencies(store, (d) => d.stackId === stackId && d.dependsOnStackId === dependsOnStackId)[0];
}

function existingDependency(store: Store, id: string): StackDependencyRecord {
  return orNotFound(dependencies(store).get(id), "stack dependency", id);
}

function existingReference(store: Store, id: string): StackDependencyReferenceRecord {
  return orNotFound(references(store).get(id), "stack dependency reference", id);
}

/**
 * Stores a reference on a dependency, new (`current` undefined) or replacing `current`; shared by
 * add, update and seeding. Input names are unique within a dependency.
 */
export function saveReference(
  store: Store,
  nowMs: number,
  dependencyId: string,
  input: StackDependencyReferenceInput,
  current?: StackDependencyReferenceRecord,
): StackDependencyReferenceRecord {
  const dependency = existingDependency(store, dependencyId);
  if (input.outputName.trim() === "") {
    throw rejected("outputName must not be empty");
  }
  if (input.inputName.trim() === "") {
    throw rejected("inputName must not be empty");
  }
  const type = input.type ?? REFERENCE_TYPE;
  if (type !== REFERENCE_TYPE) {
    throw rejected(`unsupported reference type ${JSON.stringify(type)}: use ${REFERENCE_TYPE}`);
  }
  const clash = referencesOf(store, dependency.id).find(
    (r) => r.inputName === input.inputName && r.id !== current?.id,
  );
  if (clash) {
    throw rejected(`input ${input.inputName} is already referenced by this dependency`);
  }
  const record: StackDependencyReferenceRecord = {
    id: current?.id ?? newUlid(nowMs),
    dependencyId: dependency.id,
    outputName: input.outputName,
    inputName: input.inputName,
    type,
    triggerAlways: input.triggerAlways ?? current?.triggerAlways ?? false,
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
  };
  references(store).set(record.id, record);
  return record;
}

function deleteDependency(store: Store, dependency: StackDependencyRecord): void {
  for (const r of referencesOf(store, dependency.id)) {
    references(store).delete(r.id);
  }
  dependencies(store).delete(dependency.id);
}

type Dep = StackDependencyRecord;

const mutations = {
  stackDependencyCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return createDependency(ctx.store, ctx.now(), input);
  }) satisfies FieldResolver<unknown, { input: StackDependencyInput }, Dep>,
  stackDependencyUpdate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const updated: Dep = { ...existingDependency(ctx.store, input.id), triggerAlways: input.triggerAlways };
    dependencies(ctx.store).set(updated.id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, { input: { id: string; triggerAlways: boolean } }, Dep>,
  stackDependencyDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const dependency = existingDependency(ctx.store, id);
    deleteDependency(ctx.store, dependency);
    return dependency;
  }) satisfies FieldResolver<unknown, { id: string }, Dep>,
  stackDependenciesAddReference: ((_parent, { stackDependencyID, reference }, ctx) => {
    requireViewer(ctx);
    return saveReference(ctx.store, ctx.now(), stackDependencyID, reference);
  }) satisfies FieldResolver<
    unknown,
    { stackDependencyID: string; reference: StackDependencyReferenceInput },
    StackDependencyReferenceRecord
  >,
  stackDependenciesUpdateReference: ((_parent, { reference }, ctx) => {
    requireViewer(ctx);
    const current = existingReference(ctx.store, reference.id);
    return saveReference(ctx.store, ctx.now(), current.dependencyId, reference, current);
  }) satisfies FieldResolver<
    unknown,
    { reference: StackDependencyReferenceUpdateInput },
    StackDependencyReferenceRecord
  >,
  stackDependenciesDeleteReference: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const reference = existingReference(ctx.store, id);
    references(ctx.store).delete(reference.id);
    return reference;
  }) satisfies FieldResolver<unknown, { id: string }, StackDependencyReferenceRecord>,
};

const stackFields = {
  dependsOn: ((s, _args, ctx) =>
    listDependencies(ctx.store, (d) => d.stackId === s.id)) satisfies FieldResolver<
    StackRecord,
    unknown,
    Dep[]
  >,
  isDependedOnBy: ((s, _args, ctx) =>
    listDependencies(ctx.store, (d) => d.dependsOnStackId === s.id)) satisfies FieldResolver<
    StackRecord,
    unknown,
    Dep[]
  >,
  // The Terraform provider looks a dependency up either by id or, passing `id: ""`, by the other stack.
  dependency: ((s, { id, dependsOnStackId }, ctx) => {
    const found =
      id !== ""
        ? dependencies(ctx.store).get(id)
        : dependsOnStackId
          ? findDependencyBetween(ctx.store, s.id, dependsOnStackId)
          : undefined;
    return found && found.stackId === s.id ? found : null;
  }) satisfies FieldResolver<StackRecord, { id: string; dependsOnStackId?: string | null }, Dep | null>,
};

function stackOf(ctx: { store: Store; now(): number }, id: string): StackRecord {
  return orNotFound(findStack(ctx.store, ctx.now(), id), "stack", id);
}

const dependencyFields = {
  stack: ((d, _args, ctx) => stackOf(ctx, d.stackId)) satisfies FieldResolver<Dep, unknown, StackRecord>,
  dependsOnStack: ((d, _args, ctx) => stackOf(ctx, d.dependsOnStackId)) satisfies FieldResolver<
    Dep,
    unknown,
    StackRecord
  >,
  referenceCount: ((d, _args, ctx) => referencesOf(ctx.store, d.id).length) satisfies FieldResolver<
    Dep,
    unknown,
    number
  >,
  references: ((d, _args, ctx) => referencesOf(ctx.store, d.id)) satisfies FieldResolver<
    Dep,
    unknown,
    StackDependencyReferenceRecord[]
  >,
  reference: ((d, { id, inputName }, ctx) => {
    const found = referencesOf(ctx.store, d.id).find((r) =>
      id !== "" ? r.id === id : inputName != null && r.inputName === inputName,
    );
    return found ?? null;
  }) satisfies FieldResolver<
    Dep,
    { id: string; inputName?: string | null },
    StackDependencyReferenceRecord | null
  >,
};

/**
 * Stack dependencies and their references: no self-dependency, no duplicate, no cycle; deleting a
 * dependency deletes its references; a stack with dependencies either way cannot be deleted.
 */
export const stackDependenciesModule: DomainModule = {
  resolvers: {
    Mutation: mutations,
    Stack: stackFields,
    StackDependency: dependencyFields,
  },
  projectDeletionBlocker: (store, projectId) =>
    listDependencies(store, (d) => d.stackId === projectId || d.dependsOnStackId === projectId).length > 0
      ? HAS_DEPENDENCIES
      : null,
  removeProjectData: (store, projectId) => {
    for (const d of listDependencies(
      store,
      (x) => x.stackId === projectId || x.dependsOnStackId === projectId,
    )) {
      deleteDependency(store, d);
    }
  },
};
