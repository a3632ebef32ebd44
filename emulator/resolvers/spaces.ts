import { requireViewer, type EmulatorContext } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import { spaceOccupants } from "./domainModule";
import { notFound, orNotFound, rejected } from "./errors";
import { newUlid, slugify, unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import {
  ROOT_SPACE_ID,
  findSpace,
  isSameOrAncestor,
  listSpaces,
  removeSpace,
  saveSpace,
  type SpaceRecord,
} from "./spaceRecords";

/** `SpaceInput` as the resolvers receive it. */
export interface SpaceInput {
  readonly name: string;
  readonly description: string;
  readonly inheritEntities: boolean;
  readonly parentSpace: string;
  readonly labels?: readonly string[] | null;
}

/**
 * The space an object is put in: `requested` when given, else `fallback`. Throws when that space
 * does not exist, since the real API refuses objects in unknown spaces.
 */
export function existingSpaceId(
  store: Store,
  requested: string | null | undefined,
  fallback: string,
): string {
  const id = requested ?? fallback;
  if (!findSpace(store, id)) {
    throw notFound("space", id);
  }
  return id;
}

/** The `spaceDetails` of an object in space `id`. */
export function spaceDetails(store: Store, id: string): SpaceRecord {
  // Spaces holding objects cannot be deleted, so a missing one means a hand-edited state file.
  return orNotFound(findSpace(store, id), "space", id);
}

/** Resolves `spaceDetails` (a named webhook's `space`) of any record holding its space id in `space`. */
export const spaceDetailsField: FieldResolver<{ readonly space: string }, unknown, SpaceRecord> = (
  owner,
  _args,
  ctx,
) => spaceDetails(ctx.store, owner.space);

/**
 * Creates a space record from `spaceCreate`'s input; shared with seeding, which may choose the id
 * (the API never lets a client do that).
 */
export function createSpace(store: Store, input: SpaceInput, nowMs: number, chosenId?: string): SpaceRecord {
  const slug = slugify(input.name);
  if (!slug) {
    throw rejected("space name must contain at least one letter or digit");
  }
  if (chosenId !== undefined && findSpace(store, chosenId)) {
    throw rejected(`space ${chosenId} already exists`);
  }
  const parentSpace = existingParent(store, input.parentSpace);
  const space: SpaceRecord = {
    // The real API appends a unique suffix to the slug; only the slug part is predictable.
    id: chosenId ?? `${slug}-${newUlid(nowMs)}`,
    name: input.name,
    description: input.description,
    inheritEntities: input.inheritEntities,
    parentSpace,
    labels: [...(input.labels ?? [])],
    createdAt: unixSeconds(nowMs),
  };
  saveSpace(store, space);
  return space;
}

function existingParent(store: Store, parentSpace: string): string {
  if (!findSpace(store, parentSpace)) {
    throw rejected(`parent space ${parentSpace} not found`);
  }
  return parentSpace;
}

function existingSpace(store: Store, id: string): SpaceRecord {
  return orNotFound(findSpace(store, id), "space", id);
}

const spaces: FieldResolver<unknown, Record<string, never>, SpaceRecord[]> = (_parent, _args, ctx) =>
  ctx.viewer ? listSpaces(ctx.store) : [];

const space: FieldResolver<unknown, { id: string }, SpaceRecord | null> = (_parent, { id }, ctx) => {
  requireViewer(ctx);
  return findSpace(ctx.store, id) ?? null;
};

const spaceCreate: FieldResolver<unknown, { input: SpaceInput }, SpaceRecord> = (_parent, { input }, ctx) => {
  requireViewer(ctx);
  return createSpace(ctx.store, input, ctx.now());
};

const spaceUpdate: FieldResolver<unknown, { space: string; input: SpaceInput }, SpaceRecord> = (
  _parent,
  args,
  ctx: EmulatorContext,
) => {
  requireViewer(ctx);
  const current = existingSpace(ctx.store, args.space);
  if (current.id === ROOT_SPACE_ID) {
    throw rejected("the root space cannot be modified");
  }
  const parentSpace = existingParent(ctx.store, args.input.parentSpace);
  if (isSameOrAncestor(ctx.store, current.id, parentSpace)) {
    throw rejected(`space ${current.id} cannot be moved into itself or one of its descendants`);
  }
  const updated: SpaceRecord = {
    ...current,
    name: args.input.name,
    description: args.input.description,
    inheritEntities: args.input.inheritEntities,
    parentSpace,
    labels: [...(args.input.labels ?? [])],
  };
  saveSpace(ctx.store, updated);
  return updated;
};

const spaceDelete: FieldResolver<unknown, { space: string }, SpaceRecord> = (_parent, args, ctx) => {
  requireViewer(ctx);
  const current = existingSpace(ctx.store, args.space);
  if (current.id === ROOT_SPACE_ID) {
    throw rejected("the root space cannot be deleted");
  }
  const children = listSpaces(ctx.store).filter((s) => s.parentSpace === current.id);
  if (children.length > 0) {
    throw rejected(
      `cannot delete space ${current.id}: it still has child spaces (${children.map((s) => s.id).join(", ")})`,
    );
  }
  const occupants = spaceOccupants(ctx.store, current.id, ctx.now());
  if (occupants.length > 0) {
    throw rejected(`cannot delete space ${current.id}: it still contains ${occupants.join(", ")}`);
  }
  removeSpace(ctx.store, current.id);
  return current;
};

/** Spaces: the root space, parent/child hierarchy, and deletion only of empty spaces. */
export const spacesModule: DomainModule = {
  resolvers: {
    Query: { spaces, space },
    Mutation: { spaceCreate, spaceUpdate, spaceDelete },
    Space: {
      // Every API key of the emulator is an admin key, with admin access to every space.
      accessLevel: ((_space, _args, ctx) => (ctx.viewer ? "ADMIN" : "NONE")) satisfies FieldResolver<
        SpaceRecord,
        unknown,
        string
      >,
    },
  },
};
