import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { orNotFound, rejected } from "../errors";
import { newUlid } from "../ids";
import type { FieldResolver } from "../resolverMap";

/** A saved filter as stored. */
export interface SavedFilterRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly isPublic: boolean;
  /** The viewer that saved it. */
  readonly createdBy: string;
  /** JSON text. */
  readonly data: string;
}

function filters(store: Store): Map<string, SavedFilterRecord> {
  return store.collection<SavedFilterRecord>("savedFilters");
}

// The filter is JSON that the UI reads back; Spacelift stores it as text, so text that is not JSON
// would break the view it is for.
function checkedData(data: string): string {
  if (data.trim() === "") throw rejected("data must not be empty");
  try {
    JSON.parse(data);
  } catch {
    throw rejected("data must be JSON");
  }
  return data;
}

// Private filters are their creator's alone; public ones everyone in the account sees.
function visible(record: SavedFilterRecord, viewerId: string): boolean {
  return record.isPublic || record.createdBy === viewerId;
}

/** Queries of saved filters. */
export const savedFilterQueries = {
  savedFilters: ((_parent, { type }, ctx) => {
    if (!ctx.viewer) return [];
    const viewerId = ctx.viewer.id;
    return [...filters(ctx.store).values()]
      .filter((f) => visible(f, viewerId) && (type == null || f.type === type))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }) satisfies FieldResolver<unknown, { type?: string | null }, SavedFilterRecord[]>,
  savedFilter: ((_parent, { id }, ctx) => {
    const viewer = requireViewer(ctx);
    const record = filters(ctx.store).get(id);
    return record && visible(record, viewer.id) ? record : null;
  }) satisfies FieldResolver<unknown, { id: string }, SavedFilterRecord | null>,
};

interface SavedFilterInput {
  readonly name: string;
  readonly type: string;
  readonly isPublic: boolean;
  readonly data: string;
}

interface SavedFilterUpdateArgs {
  readonly id: string;
  readonly isPublic: boolean;
  readonly name?: string | null;
  readonly data?: string | null;
}

/** Mutations of saved filters. */
export const savedFilterMutations = {
  savedFilterCreate: ((_parent, { input }, ctx) => {
    const viewer = requireViewer(ctx);
    if (input.name.trim() === "") throw rejected("name must not be empty");
    if (input.type.trim() === "") throw rejected("type must not be empty");
    const record: SavedFilterRecord = {
      id: newUlid(ctx.now()),
      name: input.name,
      type: input.type,
      isPublic: input.isPublic,
      createdBy: viewer.id,
      data: checkedData(input.data),
    };
    filters(ctx.store).set(record.id, record);
    return record;
  }) satisfies FieldResolver<unknown, { input: SavedFilterInput }, SavedFilterRecord>,
  savedFilterUpdate: ((_parent, args, ctx) => {
    const viewer = requireViewer(ctx);
    const current = filters(ctx.store).get(args.id);
    const own = orNotFound(
      current && visible(current, viewer.id) ? current : undefined,
      "saved filter",
      args.id,
    );
    if (args.name != null && args.name.trim() === "") throw rejected("name must not be empty");
    const updated: SavedFilterRecord = {
      ...own,
      isPublic: args.isPublic,
      name: args.name ?? own.name,
      data: args.data == null ? own.data : checkedData(args.data),
    };
    filters(ctx.store).set(updated.id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, SavedFilterUpdateArgs, SavedFilterRecord>,
  savedFilterDelete: ((_parent, { id }, ctx) => {
    const viewer = requireViewer(ctx);
    const current = filters(ctx.store).get(id);
    const own = orNotFound(current && visible(current, viewer.id) ? current : undefined, "saved filter", id);
    filters(ctx.store).delete(id);
    return own;
  }) satisfies FieldResolver<unknown, { id: string }, SavedFilterRecord>,
};
