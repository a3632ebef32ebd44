import { createHash } from "node:crypto";
import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { notFound, orNotFound, rejected } from "../errors";
import { newUlid, unixSeconds } from "../ids";
import { findModule, type ModuleRecord } from "../moduleRecords";
import type { FieldResolver } from "../resolverMap";
import { search, type Connection, type SearchInput, type SearchSpec } from "../search";
import type { CommitView } from "../stackCommits";

type VersionState = "ACTIVE" | "FAILED" | "PENDING";

/** A module version as stored. */
export interface VersionRecord {
  /** A ULID. */
  readonly id: string;
  readonly moduleId: string;
  readonly number: string;
  readonly state: VersionState;
  readonly yanked: boolean;
  readonly commitSha: string;
  /** How many versions the module had when this one was created (itself included). */
  readonly versionCount: number;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `Version` as resolved. */
export interface VersionView {
  readonly id: string;
  readonly number: string;
  readonly state: VersionState;
  readonly yanked: boolean;
  readonly createdAt: number;
  readonly notes: string | null;
  readonly commit: CommitView;
  readonly downloadLink: string | null;
  readonly sourceURL: string;
  readonly versionCount: number;
  readonly module: ModuleRecord;
  readonly metadata: null;
  readonly consumers: readonly never[];
  readonly consumerCount: number;
}

const SHA = /^[0-9a-f]{7,40}$/i;
// Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH, then an optional pre-release and build metadata.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function collection(store: Store): Map<string, VersionRecord> {
  return store.collection<VersionRecord>("moduleVersions");
}

/** The module's versions, newest first. */
function versionsOf(store: Store, moduleId: string): VersionRecord[] {
  return [...collection(store).values()]
    .filter((v) => v.moduleId === moduleId)
    .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

/** Orders release numbers (pre-releases and build metadata ignored beyond the three parts). */
function compareNumbers(a: string, b: string): number {
  const parts = (n: string) => n.split(/[-+]/)[0]!.split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}

function highest(versions: readonly VersionRecord[]): VersionRecord | undefined {
  return [...versions].sort((a, b) => compareNumbers(b.number, a.number))[0];
}

function commitOf(module: ModuleRecord, sha: string, timestamp: number): CommitView {
  const url =
    module.provider === "GITHUB" && module.namespace
      ? `https://github.com/${module.namespace}/${module.repository}/commit/${sha}`
      : null;
  return { authorLogin: null, authorName: "", hash: sha, message: "", timestamp, url, tag: "" };
}

function view(store: Store, record: VersionRecord): VersionView {
  const module = orNotFound(findModule(store, record.moduleId), "module", record.moduleId);
  return {
    id: record.id,
    number: record.number,
    state: record.state,
    yanked: record.yanked,
    createdAt: record.createdAt,
    notes: null,
    commit: commitOf(module, record.commitSha, record.createdAt),
    downloadLink: null,
    sourceURL: module.repositoryURL ?? module.repository,
    versionCount: record.versionCount,
    module,
    metadata: null,
    consumers: [],
    consumerCount: 0,
  };
}

/**
 * The head of the module's branch as far as the emulator can know it without reading the
 * repository: a stable stand-in SHA derived from the module and its branch.
 */
function branchHead(module: ModuleRecord): string {
  return createHash("sha1").update(`${module.id}@${module.branch}`).digest("hex");
}

/**
 * Publishes a version as `versionCreate` does. Spacelift builds it in a run (PENDING until the run
 * ends); the emulator executes no runs, so the version is ACTIVE at once. Without `version`, the
 * next patch number after the module's highest is used (0.0.1 for the first). Seeding may choose
 * the id.
 */
export function createVersion(
  store: Store,
  moduleId: string,
  commitSha: string | null | undefined,
  number: string | null | undefined,
  nowMs: number,
  chosenId?: string,
): VersionRecord {
  const module = findModule(store, moduleId);
  if (!module) {
    throw notFound("module", moduleId);
  }
  if (commitSha != null && !SHA.test(commitSha)) {
    throw rejected(`${JSON.stringify(commitSha)} is not a commit SHA`);
  }
  const existing = versionsOf(store, moduleId).filter((v) => v.state !== "FAILED");
  let chosen = number ?? null;
  if (chosen === null) {
    const top = highest(existing);
    const [major, minor, patch] = top ? top.number.split(/[-+]/)[0]!.split(".").map(Number) : [0, 0, 0];
    chosen = `${major}.${minor}.${(patch ?? 0) + 1}`;
  } else if (!SEMVER.test(chosen)) {
    throw rejected(`version ${JSON.stringify(chosen)} is not a semantic version (e.g. 1.2.3)`);
  }
  if (existing.some((v) => v.number === chosen)) {
    throw rejected(`version ${chosen} of module ${moduleId} already exists`);
  }
  const record: VersionRecord = {
    id: chosenId ?? newUlid(nowMs),
    moduleId,
    number: chosen,
    state: "ACTIVE",
    yanked: false,
    commitSha: (commitSha ?? branchHead(module)).toLowerCase(),
    versionCount: existing.length + 1,
    createdAt: unixSeconds(nowMs),
  };
  collection(store).set(record.id, record);
  return record;
}

/** Drops a deleted module's versions. */
export function removeModuleVersions(store: Store, moduleId: string): void {
  for (const v of versionsOf(store, moduleId)) collection(store).delete(v.id);
}

const versionSearch: SearchSpec<VersionRecord> = {
  fields: {
    id: (v) => [v.id],
    number: (v) => [v.number],
    state: (v) => [v.state],
    yanked: (v) => [v.yanked],
  },
  text: (v) => [v.id, v.number, v.commitSha],
  order: {
    name: (v) => v.number,
    number: (v) => v.number,
    createdAt: (v) => v.createdAt,
    id: (v) => v.id,
  },
  id: (v) => v.id,
};

type ModuleParent = { readonly id: string };

/** The `Module` fields about versions, which spacectl and Spacelift's Terraform provider read. */
export const moduleVersionFields = {
  versions: ((m, { includeFailed }, ctx) =>
    versionsOf(ctx.store, m.id)
      .filter((v) => includeFailed === true || v.state !== "FAILED")
      .map((v) => view(ctx.store, v))) satisfies FieldResolver<
    ModuleParent,
    { includeFailed?: boolean | null },
    VersionView[]
  >,
  version: ((m, { id }, ctx) => {
    const record = collection(ctx.store).get(id);
    return record && record.moduleId === m.id ? view(ctx.store, record) : null;
  }) satisfies FieldResolver<ModuleParent, { id: string }, VersionView | null>,
  // The version the registry serves by default: the highest active one that is not yanked.
  current: ((m, _args, ctx) => {
    const top = highest(versionsOf(ctx.store, m.id).filter((v) => v.state === "ACTIVE" && !v.yanked));
    return top ? view(ctx.store, top) : null;
  }) satisfies FieldResolver<ModuleParent, unknown, VersionView | null>,
  latest: ((m, _args, ctx) => {
    const newest = versionsOf(ctx.store, m.id)[0];
    return newest ? view(ctx.store, newest) : null;
  }) satisfies FieldResolver<ModuleParent, unknown, VersionView | null>,
  versionsCount: ((m, _args, ctx) =>
    versionsOf(ctx.store, m.id).filter((v) => v.state !== "FAILED").length) satisfies FieldResolver<
    ModuleParent,
    unknown,
    number
  >,
  searchModuleVersions: ((m, { input }, ctx) => {
    const page = search(versionsOf(ctx.store, m.id), input, versionSearch);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(ctx.store, e.node) })) };
  }) satisfies FieldResolver<ModuleParent, { input: SearchInput }, Connection<VersionView>>,
};

export const moduleVersionMutations = {
  versionCreate: ((_parent, { module, commitSha, version }, ctx) => {
    requireViewer(ctx);
    return view(ctx.store, createVersion(ctx.store, module, commitSha, version, ctx.now()));
  }) satisfies FieldResolver<
    unknown,
    { module: string; commitSha?: string | null; version?: string | null },
    VersionView
  >,
  versionDelete: ((_parent, { id, module }, ctx) => {
    requireViewer(ctx);
    const record = collection(ctx.store).get(id);
    if (!record || record.moduleId !== module) {
      throw notFound("version", id);
    }
    const answer = view(ctx.store, record);
    collection(ctx.store).delete(id);
    return answer;
  }) satisfies FieldResolver<unknown, { id: string; module: string }, VersionView>,
};
