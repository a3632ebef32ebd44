import { createHash, randomBytes } from "node:crypto";
import { requireViewer, type EmulatorContext } from "../context";
import type { Store } from "../store";
import { countOf, type DomainModule } from "./domainModule";
import { orNotFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import { byName, searchField, type SearchSpec } from "./search";
import { ROOT_SPACE_ID, canUseEntitiesOf, type SpaceRecord } from "./spaceRecords";
import { existingSpaceId, spaceDetails } from "./spaces";

/** The arguments of `workerPoolCreate` (and, without the CSR, of `workerPoolUpdate`). */
export interface WorkerPoolArgs {
  readonly name: string;
  readonly certificateSigningRequest: string;
  readonly description?: string | null;
  readonly labels?: readonly string[] | null;
  readonly space?: string | null;
  readonly driftDetectionRunLimit?: number | null;
}

/** A worker pool as stored. */
export interface WorkerPoolRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string;
  readonly driftDetectionRunLimit: number;
  /** Base64 worker configuration, issued anew by create and reset. */
  readonly config: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds of the last create, update or reset; absent in state files written before it was kept. */
  readonly updatedAt?: number;
  /**
   * The pool's workers. The emulator runs none, so only a test that puts some in the store has any;
   * they are kept so that `workerPoolCycle` has workers to drain.
   */
  readonly workers?: readonly WorkerRecord[];
  /** Unix seconds of every `workerPoolCycle`, oldest first; absent until the pool is cycled. */
  readonly cycledAt?: readonly number[];
}

/** A worker of a pool as stored (see {@link WorkerPoolRecord.workers}). */
export interface WorkerRecord {
  readonly id: string;
  readonly busy: boolean;
  /** A drained worker takes no new runs and is replaced once its current run ends. */
  readonly drained: boolean;
}

/** `WorkerPool` as resolved. A stack's `workerPool { ... }` may name a pool that does not exist. */
type WorkerPoolParent = WorkerPoolRecord | { readonly id: string };

const NO_LIMIT = -1;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function collection(store: Store): Map<string, WorkerPoolRecord> {
  return store.collection<WorkerPoolRecord>("workerPools");
}

function listWorkerPools(store: Store): WorkerPoolRecord[] {
  return [...collection(store).values()].sort(byName);
}

/**
 * The pool's configuration for its workers: opaque Base64 that changes with every certificate.
 * The real one carries the signed certificate; the emulator's carries a digest of the CSR and a
 * random token, which is enough for clients that store and compare it.
 */
function issueConfig(poolId: string, csr: string): string {
  const csrSha256 = createHash("sha256").update(csr).digest("hex");
  const token = randomBytes(24).toString("hex");
  return Buffer.from(JSON.stringify({ workerPool: poolId, csrSha256, token }), "utf8").toString("base64");
}

/** The API takes the Base64 of the PEM CSR; anything else is refused before it is parsed. */
function requireBase64Csr(csr: string): void {
  if (csr === "" || !BASE64.test(csr)) {
    throw rejected("certificateSigningRequest must be the Base64 encoding of a PEM certificate request");
  }
}

function requireName(name: string): void {
  if (name.trim() === "") {
    throw rejected("name must not be empty");
  }
}

function runLimit(value: number | null | undefined): number {
  const limit = value ?? NO_LIMIT;
  if (!Number.isInteger(limit) || limit < NO_LIMIT) {
    throw rejected("driftDetectionRunLimit must be -1 (no limit) or a non-negative integer");
  }
  return limit;
}

/** Creates a worker pool as `workerPoolCreate` does; shared with seeding, which may choose the id. */
export function createWorkerPool(
  store: Store,
  args: WorkerPoolArgs,
  nowMs: number,
  chosenId?: string,
): WorkerPoolRecord {
  requireName(args.name);
  requireBase64Csr(args.certificateSigningRequest);
  const id = chosenId ?? newUlid(nowMs);
  if (collection(store).has(id)) {
    throw rejected(`worker pool ${id} already exists`);
  }
  const record: WorkerPoolRecord = {
    id,
    name: args.name,
    description: args.description ?? null,
    labels: [...(args.labels ?? [])],
    space: existingSpaceId(store, args.space, ROOT_SPACE_ID),
    driftDetectionRunLimit: runLimit(args.driftDetectionRunLimit),
    config: issueConfig(id, args.certificateSigningRequest),
    createdAt: unixSeconds(nowMs),
    updatedAt: unixSeconds(nowMs),
  };
  collection(store).set(id, record);
  return record;
}

function existing(store: Store, id: string): WorkerPoolRecord {
  return orNotFound(collection(store).get(id), "worker pool", id);
}

function full(parent: WorkerPoolParent, ctx: EmulatorContext): WorkerPoolRecord | undefined {
  return "createdAt" in parent ? parent : collection(ctx.store).get(parent.id);
}

const workerPoolSearch: SearchSpec<WorkerPoolRecord> = {
  fields: {
    id: (w) => [w.id],
    name: (w) => [w.name],
    label: (w) => w.labels,
    labels: (w) => w.labels,
    space: (w) => [w.space],
  },
  text: (w) => [w.id, w.name, w.description, ...w.labels],
  order: {
    name: (w) => w.name,
    id: (w) => w.id,
    createdAt: (w) => w.createdAt,
    space: (w) => w.space,
  },
  id: (w) => w.id,
};

const queries = {
  workerPools: ((_parent, _args, ctx) =>
    ctx.viewer ? listWorkerPools(ctx.store) : []) satisfies FieldResolver<
    unknown,
    unknown,
    WorkerPoolRecord[]
  >,
  workerPool: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return collection(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, WorkerPoolRecord | null>,
  searchWorkerPools: searchField((ctx) => listWorkerPools(ctx.store), workerPoolSearch),
  attachableWorkerPoolsInSpace: ((_parent, { id }, ctx) =>
    ctx.viewer
      ? listWorkerPools(ctx.store).filter((w) => canUseEntitiesOf(ctx.store, id, w.space))
      : []) satisfies FieldResolver<unknown, { id: string }, WorkerPoolRecord[]>,
};

const mutations = {
  workerPoolCreate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    return createWorkerPool(ctx.store, args, ctx.now());
  }) satisfies FieldResolver<unknown, WorkerPoolArgs, WorkerPoolRecord>,
  workerPoolUpdate: ((_parent, args, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, args.id);
    requireName(args.name);
    const updated: WorkerPoolRecord = {
      ...current,
      name: args.name,
      description: args.description ?? null,
      labels: [...(args.labels ?? [])],
      // Like every update, a null space is taken as at creation (root), never as "keep".
      space: existingSpaceId(ctx.store, args.space, ROOT_SPACE_ID),
      driftDetectionRunLimit: runLimit(args.driftDetectionRunLimit),
      updatedAt: unixSeconds(ctx.now()),
    };
    collection(ctx.store).set(current.id, updated);
    return updated;
  }) satisfies FieldResolver<
    unknown,
    Omit<WorkerPoolArgs, "certificateSigningRequest"> & { id: string },
    WorkerPoolRecord
  >,
  workerPoolReset: ((_parent, { id, certificateSigningRequest }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    requireBase64Csr(certificateSigningRequest);
    const updated: WorkerPoolRecord = {
      ...current,
      config: issueConfig(id, certificateSigningRequest),
      updatedAt: unixSeconds(ctx.now()),
    };
    collection(ctx.store).set(id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, { id: string; certificateSigningRequest: string }, WorkerPoolRecord>,
  workerPoolDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    collection(ctx.store).delete(id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, WorkerPoolRecord>,
  // Cycling drains every worker of the pool (each is replaced once it finishes its run) and is
  // recorded on the pool; the emulator runs no workers, so only those a test stored are drained.
  workerPoolCycle: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    const updated: WorkerPoolRecord = {
      ...current,
      workers: (current.workers ?? []).map((w) => ({ ...w, drained: true })),
      cycledAt: [...(current.cycledAt ?? []), unixSeconds(ctx.now())],
    };
    collection(ctx.store).set(id, updated);
    return true;
  }) satisfies FieldResolver<unknown, { id: string }, boolean>,
};

/** Worker pools: ULID ids, Base64 CSRs, a fresh `config` on create and reset. */
export const workerPoolsModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    // Parents are either stored pools or `{ id }` from a stack's `workerPool`, looked up here.
    WorkerPool: {
      name: ((p, _args, ctx) => full(p, ctx)?.name ?? null) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        string | null
      >,
      description: ((p, _args, ctx) => full(p, ctx)?.description ?? null) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        string | null
      >,
      labels: ((p, _args, ctx) => full(p, ctx)?.labels ?? []) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        readonly string[]
      >,
      space: ((p, _args, ctx) => full(p, ctx)?.space ?? null) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        string | null
      >,
      config: ((p, _args, ctx) => full(p, ctx)?.config ?? null) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        string | null
      >,
      driftDetectionRunLimit: ((p, _args, ctx) =>
        full(p, ctx)?.driftDetectionRunLimit ?? null) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        number | null
      >,
      createdAt: ((p, _args, ctx) => full(p, ctx)?.createdAt ?? null) satisfies FieldResolver<
        WorkerPoolParent,
        unknown,
        number | null
      >,
      updatedAt: ((p, _args, ctx) => {
        const pool = full(p, ctx);
        return pool ? (pool.updatedAt ?? pool.createdAt) : null;
      }) satisfies FieldResolver<WorkerPoolParent, unknown, number | null>,
      spaceDetails: ((p, _args, ctx) => {
        const pool = full(p, ctx);
        return pool ? spaceDetails(ctx.store, pool.space) : null;
      }) satisfies FieldResolver<WorkerPoolParent, unknown, SpaceRecord | null>,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(listWorkerPools(store).filter((w) => w.space === spaceId).length, "worker pool", "worker pools"),
};
