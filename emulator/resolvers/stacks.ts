import { requireViewer } from "../context";
import type { Store } from "../store";
import { countOf, projectDeletionBlocker, type DomainModule } from "./domainModule";
import { orNotFound, rejected, slugTaken } from "./errors";
import { HOOK_NAMES, hooksFromInput, type HooksInput } from "./hooks";
import { isSlug, slugify, unixSeconds } from "./ids";
import { projectFieldResolvers } from "./projectFields";
import { findProject } from "./projects";
import type { FieldResolver, ObjectResolvers } from "./resolverMap";
import { runtimeConfigOf, type RuntimeConfigEntry } from "./runtimeConfig";
import { searchField, type Connection, type SearchInput, type SearchSpec } from "./search";
import { trackedCommitHash } from "./stackCommits";
import { findStackLock } from "./stackLocks";
import { claimStateUpload, stateUploadUrl } from "./stateUploads";
import { runPhaseMs, takeFailure } from "./runs/records";
import { stackDeletionDelayMs } from "./settings";
import {
  findStack,
  listStacks,
  repositoryNames,
  saveStack,
  type StackRecord,
  type VcsProvider,
} from "./stackRecords";
import { existingSpaceId } from "./spaces";
import { ROOT_SPACE_ID } from "./spaceRecords";
import {
  migratedVendorConfig,
  rejectVendorSwitch,
  terraformVersionOf,
  updatedVendorConfig,
  vendorConfigFromInput,
  vendorTypeName,
  type StackVendor,
  type StackVendorMigrationInput,
  type VendorConfigInput,
  type VendorConfigRecord,
} from "./vendorConfig";

/** `StackInput` as the resolvers receive it. */
export interface StackInput extends HooksInput {
  readonly name: string;
  readonly repository: string;
  readonly branch: string;
  readonly administrative: boolean;
  readonly autodeploy: boolean;
  readonly description?: string | null;
  readonly space?: string | null;
  readonly labels?: readonly string[] | null;
  readonly projectRoot?: string | null;
  readonly additionalProjectGlobs?: readonly string[] | null;
  readonly gitSparseCheckoutPaths?: readonly string[] | null;
  readonly autoretry?: boolean | null;
  readonly githubActionDeploy?: boolean | null;
  readonly localPreviewEnabled?: boolean | null;
  readonly enableWellKnownSecretMasking?: boolean | null;
  readonly enableSensitiveOutputUpload?: boolean | null;
  readonly protectFromDeletion?: boolean | null;
  readonly isDisabled?: boolean | null;
  readonly provider?: VcsProvider | null;
  readonly namespace?: string | null;
  readonly repositoryURL?: string | null;
  readonly vcsIntegrationId?: string | null;
  readonly runnerImage?: string | null;
  readonly workerPool?: string | null;
  readonly terraformVersion?: string | null;
  readonly vendorConfig?: VendorConfigInput | null;
}

/** Options of {@link createStack} that are arguments of `stackCreate` rather than input fields. */
export interface StackCreateOptions {
  readonly manageState: boolean;
  /** Client-chosen id; the slug of the name when absent. */
  readonly slug?: string | null;
  /** State uploaded through `stateUploadUrl` for the stack to take over. */
  readonly stackObjectID?: string | null;
}

/**
 * The stored stack for an input. An update replaces every setting with the input's, absent fields
 * taking their defaults, as the real API does (Spacelift's own clients re-send the whole stack).
 * A null `space` is taken as at creation (root), never as "keep": Spacelift's Terraform provider
 * re-sends the space from state. The exceptions are `provider`, `vendorConfig` and `isDisabled`,
 * which clients leave out of updates while expecting them kept, so on update null means "unchanged".
 */
function stackFromInput(
  store: Store,
  input: StackInput,
  nowMs: number,
  current: StackRecord | undefined,
  id: string,
  managesStateFile: boolean,
): StackRecord {
  const vendorConfig: VendorConfigRecord =
    current && input.vendorConfig == null && input.terraformVersion == null
      ? current.vendorConfig
      : current
        ? updatedVendorConfig(
            current.vendorConfig,
            vendorConfigFromInput(input.vendorConfig, input.terraformVersion),
          )
        : vendorConfigFromInput(input.vendorConfig, input.terraformVersion);
  return {
    id,
    name: requireName(input.name),
    description: input.description ?? null,
    space: existingSpaceId(store, input.space, ROOT_SPACE_ID),
    labels: [...(input.labels ?? [])],
    repository: input.repository,
    repositoryURL: input.repositoryURL ?? null,
    branch: input.branch,
    namespace: input.namespace ?? "",
    provider: input.provider ?? current?.provider ?? "GITHUB",
    vcsIntegrationId: input.vcsIntegrationId ?? null,
    projectRoot: input.projectRoot ?? null,
    additionalProjectGlobs: [...(input.additionalProjectGlobs ?? [])],
    gitSparseCheckoutPaths: [...(input.gitSparseCheckoutPaths ?? [])],
    administrative: input.administrative,
    autodeploy: input.autodeploy,
    autoretry: input.autoretry ?? false,
    githubActionDeploy: input.githubActionDeploy ?? false,
    localPreviewEnabled: input.localPreviewEnabled ?? false,
    enableWellKnownSecretMasking: input.enableWellKnownSecretMasking ?? false,
    enableSensitiveOutputUpload: input.enableSensitiveOutputUpload ?? false,
    protectFromDeletion: input.protectFromDeletion ?? false,
    managesStateFile,
    isDisabled: input.isDisabled ?? current?.isDisabled ?? false,
    runnerImage: input.runnerImage ?? null,
    workerPool: input.workerPool ?? null,
    vendorConfig,
    hooks: hooksFromInput(input),
    state: current?.state ?? "NONE",
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
    updatedAt: unixSeconds(nowMs),
    deleteAt: null,
  };
}

function requireName(name: string): string {
  if (name.trim() === "") {
    throw rejected("name must not be empty");
  }
  return name;
}

/** Creates a stack as `stackCreate` does; shared with seeding. */
export function createStack(
  store: Store,
  input: StackInput,
  options: StackCreateOptions,
  nowMs: number,
): StackRecord {
  const id = options.slug ?? slugify(input.name);
  if (options.slug != null && !isSlug(options.slug)) {
    throw rejected(
      `invalid slug ${JSON.stringify(options.slug)}: use lower-case letters and digits separated by "-"`,
    );
  }
  if (!id) {
    throw rejected("stack name must contain at least one letter or digit");
  }
  // Stacks and modules share one id space.
  if (findProject(store, nowMs, id)) {
    throw slugTaken("stack", id);
  }
  const stack = stackFromInput(store, input, nowMs, undefined, id, options.manageState);
  if (options.stackObjectID != null) claimStateUpload(store, options.stackObjectID, id, options.manageState);
  saveStack(store, stack);
  return stack;
}

function existingStack(store: Store, nowMs: number, id: string): StackRecord {
  return orNotFound(findStack(store, nowMs, id), "stack", id);
}

/** The stack with this id, refusing one that is being deleted. */
export function liveStack(store: Store, nowMs: number, id: string): StackRecord {
  const stack = existingStack(store, nowMs, id);
  if (stack.deleteAt !== null) {
    throw rejected(`stack ${id} is being deleted`);
  }
  return stack;
}

/** What `searchStacks` filters on; the lock and the tracked commit live in their own collections. */
function stackSearch(store: Store): SearchSpec<StackRecord> {
  return {
    fields: {
      id: (s) => [s.id],
      name: (s) => [s.name],
      label: (s) => s.labels,
      labels: (s) => s.labels,
      space: (s) => [s.space],
      administrative: (s) => [s.administrative],
      autodeploy: (s) => [s.autodeploy],
      branch: (s) => [s.branch],
      // spacectl finds the stacks of the repository it runs in by `namespace/name` (its
      // `getRepositoryName`), Spacelift's Terraform provider passes what the user wrote: match either.
      repository: (s) => repositoryNames(s),
      projectRoot: (s) => [s.projectRoot],
      state: (s) => [s.state],
      vendor: (s) => [s.vendorConfig.vendor],
      workerPool: (s) => [s.workerPool],
      isDisabled: (s) => [s.isDisabled],
      locked: (s) => [findStackLock(store, s.id) !== undefined],
      commit: (s) => [trackedCommitHash(store, s.id)],
    },
    text: (s) => [s.id, s.name, s.description, ...s.labels],
    order: {
      name: (s) => s.name,
      id: (s) => s.id,
      createdAt: (s) => s.createdAt,
      updatedAt: (s) => s.updatedAt,
      space: (s) => s.space,
      state: (s) => s.state,
    },
    id: (s) => s.id,
  };
}

const queries = {
  stacks: ((_parent, _args, ctx) =>
    ctx.viewer ? listStacks(ctx.store, ctx.now()) : []) satisfies FieldResolver<
    unknown,
    unknown,
    StackRecord[]
  >,
  stack: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return findStack(ctx.store, ctx.now(), id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, StackRecord | null>,
  searchStacks: ((parent, args, ctx, info) =>
    searchField((c) => listStacks(c.store, c.now()), stackSearch(ctx.store))(
      parent,
      args,
      ctx,
      info,
    )) satisfies FieldResolver<unknown, { input: SearchInput }, Connection<StackRecord>>,
};

const mutations = {
  stateUploadUrl,
  stackCreate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return createStack(
      ctx.store,
      args.input,
      { manageState: args.manageState, slug: args.slug, stackObjectID: args.stackObjectID },
      ctx.now(),
    );
  }) satisfies FieldResolver<
    unknown,
    { input: StackInput; manageState: boolean; slug?: string | null; stackObjectID?: string | null },
    StackRecord
  >,
  stackUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const current = liveStack(ctx.store, nowMs, id);
    const updated = stackFromInput(ctx.store, input, nowMs, current, current.id, current.managesStateFile);
    rejectVendorSwitch(current.vendorConfig, updated.vendorConfig);
    saveStack(ctx.store, updated);
    return updated;
  }) satisfies FieldResolver<unknown, { id: string; input: StackInput }, StackRecord>,
  stackMigrateVendor: ((_parent, { id, targetVendor, config }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const current = liveStack(ctx.store, nowMs, id);
    const labels = [...current.labels];
    for (const label of config?.labels ?? []) if (!labels.includes(label)) labels.push(label);
    const migrated: StackRecord = {
      ...current,
      labels,
      vendorConfig: migratedVendorConfig(
        current.vendorConfig,
        targetVendor,
        config,
        current.managesStateFile,
      ),
      updatedAt: unixSeconds(nowMs),
    };
    saveStack(ctx.store, migrated);
    return migrated;
  }) satisfies FieldResolver<
    unknown,
    { id: string; targetVendor: StackVendor; config?: StackVendorMigrationInput | null },
    StackRecord
  >,
  stackDelete: ((_parent, { id, destroyResources }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const current = existingStack(ctx.store, nowMs, id);
    if (current.deleteAt !== null) {
      return current;
    }
    if (current.protectFromDeletion) {
      throw rejected(`stack ${id} is protected from deletion; turn protectFromDeletion off first`);
    }
    const blocker = projectDeletionBlocker(ctx.store, id, nowMs);
    if (blocker !== null) {
      throw rejected(blocker);
    }
    // With destroyResources a destroy run (queued, preparing, planning, applying) goes first; when
    // it fails (the `runs/fail` control) the stack stays, no longer deleting.
    const destroyMs = destroyResources === true ? 4 * runPhaseMs(ctx.store) : 0;
    const deleting: StackRecord = {
      ...current,
      deleteAt: nowMs + stackDeletionDelayMs(ctx.store) + destroyMs,
      destroyFails: destroyResources === true && takeFailure(ctx.store, id),
    };
    saveStack(ctx.store, deleting);
    return deleting;
  }) satisfies FieldResolver<unknown, { id: string; destroyResources?: boolean | null }, StackRecord>,
  stackEnable: ((_parent, { id }, ctx) =>
    setDisabled(ctx.store, ctx.now(), id, false)) satisfies FieldResolver<
    unknown,
    { id: string },
    StackRecord
  >,
  stackDisable: ((_parent, { id }, ctx) =>
    setDisabled(ctx.store, ctx.now(), id, true)) satisfies FieldResolver<
    unknown,
    { id: string },
    StackRecord
  >,
};

function setDisabled(store: Store, nowMs: number, id: string, isDisabled: boolean): StackRecord {
  const updated: StackRecord = { ...liveStack(store, nowMs, id), isDisabled, updatedAt: unixSeconds(nowMs) };
  saveStack(store, updated);
  return updated;
}

function stackFields(): ObjectResolvers {
  const hookFields: Record<string, FieldResolver<StackRecord, unknown, readonly string[]>> = {};
  for (const name of HOOK_NAMES) {
    hookFields[name] = (s) => s.hooks[name];
  }
  return {
    ...projectFieldResolvers(),
    ...hookFields,
    deleting: ((s) => s.deleteAt !== null) satisfies FieldResolver<StackRecord, unknown, boolean>,
    runtimeConfig: ((s, _args, ctx) => runtimeConfigOf(ctx.store, ctx.now(), s.id)) satisfies FieldResolver<
      StackRecord,
      unknown,
      RuntimeConfigEntry[]
    >,
    terraformVersion: ((s) => terraformVersionOf(s.vendorConfig)) satisfies FieldResolver<
      StackRecord,
      unknown,
      unknown
    >,
    effectiveTerraformVersion: ((s) => terraformVersionOf(s.vendorConfig)) satisfies FieldResolver<
      StackRecord,
      unknown,
      unknown
    >,
  };
}

/** Stacks: slug ids, full-replacement updates, asynchronous deletion, search. */
export const stacksModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    Stack: stackFields(),
    StackConfigVendor: { __resolveType: (config: VendorConfigRecord) => vendorTypeName(config) },
  },
  // A stack still being deleted keeps its space occupied, as in the real API.
  spaceOccupants: (store, spaceId, nowMs) =>
    countOf(listStacks(store, nowMs).filter((s) => s.space === spaceId).length, "stack", "stacks"),
};
