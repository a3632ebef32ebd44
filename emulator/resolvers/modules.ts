import { requireViewer } from "../context";
import type { Store } from "../store";
import { countOf, projectDeletionBlocker, removeProjectData, type DomainModule } from "./domainModule";
import { orNotFound, rejected, slugTaken } from "./errors";
import { unixSeconds } from "./ids";
import { moduleIdentity } from "./moduleNaming";
import {
  findModule,
  listModules,
  removeModuleRecord,
  saveModule,
  type ModuleRecord,
  type TerraformWorkflowTool,
} from "./moduleRecords";
import { projectFieldResolvers } from "./projectFields";
import { findProject } from "./projects";
import type { FieldResolver } from "./resolverMap";
import { searchField, type SearchSpec } from "./search";
import { findSpace, ROOT_SPACE_ID } from "./spaceRecords";
import { existingSpaceId } from "./spaces";
import { repositoryNames, type VcsProvider } from "./stackRecords";

/** `ModuleUpdateInput` as the resolvers receive it: a module's settings, not its source. */
export interface ModuleUpdateInput {
  readonly branch: string;
  readonly administrative?: boolean | null;
  readonly description?: string | null;
  readonly labels?: readonly string[] | null;
  readonly localPreviewEnabled?: boolean | null;
  readonly projectRoot?: string | null;
  readonly gitSparseCheckoutPaths?: readonly string[] | null;
  readonly protectFromDeletion?: boolean | null;
  readonly runnerImage?: string | null;
  readonly sharedAccounts?: readonly string[] | null;
  readonly workerPool?: string | null;
  readonly space?: string | null;
}

/** The source fields of a module: what `moduleUpdate` (v1) cannot change. */
interface ModuleSourceInput {
  readonly repository: string;
  readonly namespace?: string | null;
  readonly provider?: VcsProvider | null;
  readonly repositoryURL?: string | null;
  readonly vcsIntegrationId?: string | null;
  readonly workflowTool?: TerraformWorkflowTool | null;
}

/** `ModuleUpdateV2Input` as the resolvers receive it: settings and source. */
export interface ModuleUpdateV2Input extends ModuleUpdateInput, ModuleSourceInput {}

/** `ModuleCreateInput` as the resolvers receive it. */
export interface ModuleCreateInput extends ModuleSourceInput {
  readonly updateInput: ModuleUpdateInput;
  readonly name?: string | null;
  readonly terraformProvider?: string | null;
  readonly space?: string | null;
}

type ModuleSettings = Pick<
  ModuleRecord,
  | "branch"
  | "administrative"
  | "description"
  | "labels"
  | "localPreviewEnabled"
  | "projectRoot"
  | "gitSparseCheckoutPaths"
  | "protectFromDeletion"
  | "runnerImage"
  | "sharedAccounts"
  | "workerPool"
  | "space"
>;

type ModuleSource = Pick<
  ModuleRecord,
  "repository" | "namespace" | "provider" | "repositoryURL" | "vcsIntegrationId" | "workflowTool"
>;

// Settings are replaced as a whole (absent fields take their defaults), except that a null space
// keeps the module where it is.
function settingsFrom(
  store: Store,
  input: ModuleUpdateInput,
  space: string | null | undefined,
  currentSpace: string,
): ModuleSettings {
  if (input.branch.trim() === "") {
    throw rejected("branch must not be empty");
  }
  return {
    branch: input.branch,
    administrative: input.administrative ?? false,
    description: input.description ?? null,
    labels: [...(input.labels ?? [])],
    localPreviewEnabled: input.localPreviewEnabled ?? false,
    projectRoot: input.projectRoot ?? null,
    gitSparseCheckoutPaths: [...(input.gitSparseCheckoutPaths ?? [])],
    protectFromDeletion: input.protectFromDeletion ?? false,
    runnerImage: input.runnerImage ?? null,
    sharedAccounts: [...(input.sharedAccounts ?? [])],
    workerPool: input.workerPool ?? null,
    space: existingSpaceId(store, space, currentSpace),
  };
}

function sourceFrom(input: ModuleSourceInput, current: ModuleSource | undefined): ModuleSource {
  if (input.repository.trim() === "") {
    throw rejected("repository must not be empty");
  }
  return {
    repository: input.repository,
    namespace: input.namespace ?? "",
    provider: input.provider ?? current?.provider ?? "GITHUB",
    repositoryURL: input.repositoryURL ?? null,
    vcsIntegrationId: input.vcsIntegrationId ?? null,
    workflowTool: input.workflowTool ?? "TERRAFORM_FOSS",
  };
}

/** Creates a module as `moduleCreate` does; shared with seeding. */
export function createModule(store: Store, input: ModuleCreateInput, nowMs: number): ModuleRecord {
  const identity = moduleIdentity(input);
  // Modules and stacks share one id space.
  if (findProject(store, nowMs, identity.id)) {
    throw slugTaken("module", identity.id);
  }
  const module: ModuleRecord = {
    id: identity.id,
    name: identity.name,
    terraformProvider: identity.terraformProvider,
    ...settingsFrom(store, input.updateInput, input.space ?? input.updateInput.space, ROOT_SPACE_ID),
    ...sourceFrom(input, undefined),
    isDisabled: false,
    public: false,
    createdAt: unixSeconds(nowMs),
    updatedAt: unixSeconds(nowMs),
  };
  saveModule(store, module);
  return module;
}

function existingModule(store: Store, id: string): ModuleRecord {
  return orNotFound(findModule(store, id), "module", id);
}

function update(
  store: Store,
  id: string,
  nowMs: number,
  change: (current: ModuleRecord) => Partial<ModuleRecord>,
) {
  const current = existingModule(store, id);
  const updated: ModuleRecord = { ...current, ...change(current), updatedAt: unixSeconds(nowMs) };
  saveModule(store, updated);
  return updated;
}

/** The account name the emulator reports as a module's owner. */
export const EMULATOR_ACCOUNT = "emulator";

const moduleSearch: SearchSpec<ModuleRecord> = {
  fields: {
    id: (m) => [m.id],
    name: (m) => [m.name],
    label: (m) => m.labels,
    labels: (m) => m.labels,
    space: (m) => [m.space],
    terraformProvider: (m) => [m.terraformProvider],
    public: (m) => [m.public],
    administrative: (m) => [m.administrative],
    branch: (m) => [m.branch],
    repository: (m) => repositoryNames(m),
    projectRoot: (m) => [m.projectRoot],
    workerPool: (m) => [m.workerPool],
    // The emulator reads no repositories, so it knows no module's commit: nothing matches.
    commit: () => [],
    isDisabled: (m) => [m.isDisabled],
  },
  text: (m) => [m.id, m.name, m.description, m.terraformProvider, ...m.labels],
  order: {
    name: (m) => m.name,
    id: (m) => m.id,
    createdAt: (m) => m.createdAt,
    updatedAt: (m) => m.updatedAt,
    space: (m) => m.space,
  },
  id: (m) => m.id,
};

const queries = {
  modules: ((_parent, _args, ctx) => (ctx.viewer ? listModules(ctx.store) : [])) satisfies FieldResolver<
    unknown,
    unknown,
    ModuleRecord[]
  >,
  module: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return findModule(ctx.store, id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, ModuleRecord | null>,
  searchModules: searchField((ctx) => listModules(ctx.store), moduleSearch),
};

const mutations = {
  moduleCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return createModule(ctx.store, input, ctx.now());
  }) satisfies FieldResolver<unknown, { input: ModuleCreateInput }, ModuleRecord>,
  moduleUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    return update(ctx.store, id, ctx.now(), () => settingsFrom(ctx.store, input, input.space, ROOT_SPACE_ID));
  }) satisfies FieldResolver<unknown, { id: string; input: ModuleUpdateInput }, ModuleRecord>,
  moduleUpdateV2: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    return update(ctx.store, id, ctx.now(), (current) => ({
      // A null space or workflow tool is taken as at creation, never as "keep".
      ...settingsFrom(ctx.store, input, input.space, ROOT_SPACE_ID),
      ...sourceFrom(input, current),
    }));
  }) satisfies FieldResolver<unknown, { id: string; input: ModuleUpdateV2Input }, ModuleRecord>,
  moduleDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingModule(ctx.store, id);
    if (current.protectFromDeletion) {
      throw rejected(`module ${id} is protected from deletion; turn protectFromDeletion off first`);
    }
    const blocker = projectDeletionBlocker(ctx.store, id, ctx.now());
    if (blocker !== null) {
      throw rejected(blocker);
    }
    removeModuleRecord(ctx.store, id);
    removeProjectData(ctx.store, id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, ModuleRecord>,
  moduleEnable: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return update(ctx.store, id, ctx.now(), () => ({ isDisabled: false }));
  }) satisfies FieldResolver<unknown, { id: string }, ModuleRecord>,
  moduleDisable: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return update(ctx.store, id, ctx.now(), () => ({ isDisabled: true }));
  }) satisfies FieldResolver<unknown, { id: string }, ModuleRecord>,
  modulePublish: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return update(ctx.store, id, ctx.now(), () => ({ public: true }));
  }) satisfies FieldResolver<unknown, { id: string }, ModuleRecord>,
  moduleShare: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const updated = update(ctx.store, id, ctx.now(), (current) => {
      const spaces = [...(input.spaces ?? current.spaceShares ?? [])];
      if (input.space != null && !spaces.includes(input.space)) spaces.push(input.space);
      for (const space of spaces) {
        if (!findSpace(ctx.store, space)) throw rejected(`space ${space} not found`);
      }
      return { sharedAccounts: [...(input.accounts ?? current.sharedAccounts)], spaceShares: spaces };
    });
    return sharesOf(updated);
  }) satisfies FieldResolver<unknown, { id: string; input: ModuleShareInput }, ModuleShare[]>,
};

/** `ModuleShareInput` as the resolvers receive it. */
interface ModuleShareInput {
  readonly accounts?: readonly string[] | null;
  readonly spaces?: readonly string[] | null;
  readonly space?: string | null;
}

/** A `ModuleShare` as resolved. */
interface ModuleShare {
  readonly id: string;
  readonly from: { account: { subdomain: string }; space: { id: string } | null };
  readonly to: { account: { subdomain: string }; space: { id: string } | null };
  readonly module: { id: string; name: string; description: string | null; labels: readonly string[] };
}

/** The module's shares: one per account in `sharedAccounts`, one per space in `spaceShares`. */
function sharesOf(m: ModuleRecord): ModuleShare[] {
  const from = { account: { subdomain: EMULATOR_ACCOUNT }, space: { id: m.space } };
  const module = { id: m.id, name: m.name, description: m.description, labels: m.labels };
  return [
    ...m.sharedAccounts.map((subdomain) => ({
      id: `${m.id}/account/${subdomain}`,
      from,
      to: { account: { subdomain }, space: null },
      module,
    })),
    ...(m.spaceShares ?? []).map((space) => ({
      id: `${m.id}/space/${space}`,
      from,
      to: { account: { subdomain: EMULATOR_ACCOUNT }, space: { id: space } },
      module,
    })),
  ];
}

/** Modules: `terraform-<provider>-<name>` ids, settings (v1) and source (v2) updates, search. */
export const modulesModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    Module: {
      ...projectFieldResolvers(),
      githubActionDeploy: (() => false) satisfies FieldResolver<ModuleRecord, unknown, boolean>,
      ownerSubdomain: (() => EMULATOR_ACCOUNT) satisfies FieldResolver<ModuleRecord, unknown, string>,
      // The account that owns the module; modules shared from other accounts are not emulated.
      owner: (() => EMULATOR_ACCOUNT) satisfies FieldResolver<ModuleRecord, unknown, string>,
      // The address Terraform uses to fetch the module from Spacelift's registry.
      moduleSource: ((m) =>
        `spacelift.io/${EMULATOR_ACCOUNT}/${m.name}/${m.terraformProvider}`) satisfies FieldResolver<
        ModuleRecord,
        unknown,
        string
      >,
      moduleShares: ((m) => sharesOf(m)) satisfies FieldResolver<ModuleRecord, unknown, ModuleShare[]>,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(listModules(store).filter((m) => m.space === spaceId).length, "module", "modules"),
};
