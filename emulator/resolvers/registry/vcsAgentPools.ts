import { randomBytes } from "node:crypto";
import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { orNotFound, rejected } from "../errors";
import { newUlid, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { byName } from "../search";

/** A VCS agent pool as stored. */
export interface VcsAgentPoolRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  /** The agents' current token; returned only by the mutations that issue it. */
  readonly token: string;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `VCSAgentPool` as resolved; `config` is null except in the answers that issue it. */
export interface VcsAgentPoolView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly config: string | null;
}

function collection(store: Store): Map<string, VcsAgentPoolRecord> {
  return store.collection<VcsAgentPoolRecord>("vcsAgentPools");
}

function listPools(store: Store): VcsAgentPoolRecord[] {
  return [...collection(store).values()].sort(byName);
}

function view(record: VcsAgentPoolRecord, withConfig = false): VcsAgentPoolView {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    config: withConfig ? configOf(record) : null,
  };
}

/**
 * The agents' configuration: opaque Base64. The real one carries the gateway's address and the
 * pool's credentials; the emulator's carries the pool id and a random token.
 */
function configOf(record: VcsAgentPoolRecord): string {
  return Buffer.from(JSON.stringify({ vcsAgentPool: record.id, token: record.token }), "utf8").toString(
    "base64",
  );
}

function newToken(): string {
  return randomBytes(24).toString("hex");
}

function existing(store: Store, id: string): VcsAgentPoolRecord {
  return orNotFound(collection(store).get(id), "VCS agent pool", id);
}

// Names are unique in the account (Spacelift's Terraform provider documents `name` so).
function requireName(store: Store, name: string, self: string | undefined): void {
  if (name.trim() === "") {
    throw rejected("name must not be empty");
  }
  if (listPools(store).some((p) => p.name === name && p.id !== self)) {
    throw rejected(`a VCS agent pool named ${name} already exists in this account`);
  }
}

/** Creates a pool as `vcsAgentPoolCreate` does. */
export function createVcsAgentPool(
  store: Store,
  name: string,
  description: string | null | undefined,
  nowMs: number,
): VcsAgentPoolRecord {
  requireName(store, name, undefined);
  const record: VcsAgentPoolRecord = {
    id: newUlid(nowMs),
    name,
    description: description ?? null,
    token: newToken(),
    createdAt: unixSeconds(nowMs),
  };
  collection(store).set(record.id, record);
  return record;
}

export const vcsAgentPoolQueries = {
  vcsAgentPools: ((_parent, _args, ctx) =>
    ctx.viewer ? listPools(ctx.store).map((p) => view(p)) : []) satisfies FieldResolver<
    unknown,
    unknown,
    VcsAgentPoolView[]
  >,
  vcsAgentPool: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = collection(ctx.store).get(id);
    return record ? view(record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, VcsAgentPoolView | null>,
};

export const vcsAgentPoolMutations = {
  vcsAgentPoolCreate: ((_parent, { name, description }, ctx) => {
    requireViewer(ctx);
    return view(createVcsAgentPool(ctx.store, name, description, ctx.now()), true);
  }) satisfies FieldResolver<unknown, { name: string; description?: string | null }, VcsAgentPoolView>,
  vcsAgentPoolUpdate: ((_parent, { id, name, description }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    requireName(ctx.store, name, id);
    const updated: VcsAgentPoolRecord = { ...current, name, description: description ?? null };
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<
    unknown,
    { id: string; name: string; description?: string | null },
    VcsAgentPoolView
  >,
  vcsAgentPoolReset: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const updated: VcsAgentPoolRecord = { ...existing(ctx.store, id), token: newToken() };
    collection(ctx.store).set(id, updated);
    return view(updated, true);
  }) satisfies FieldResolver<unknown, { id: string }, VcsAgentPoolView>,
  vcsAgentPoolDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    collection(ctx.store).delete(id);
    return view(current);
  }) satisfies FieldResolver<unknown, { id: string }, VcsAgentPoolView>,
};
