import { requireViewer } from "../context";
import type { Store } from "../store";
import { removeAttachments } from "./attachmentRecords";
import { configFieldResolvers } from "./configElements";
import { removeAllConfig, replaceConfig, type ConfigInput } from "./configRecords";
import {
  findContext,
  listContexts,
  removeContextRecord,
  saveContext,
  type ContextRecord,
} from "./contextRecords";
import { countOf, type DomainModule } from "./domainModule";
import { orNotFound, rejected, slugTaken } from "./errors";
import { hooksFromInput, type HooksInput } from "./hooks";
import { slugify, unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import { searchField, type SearchSpec } from "./search";
import { ROOT_SPACE_ID, canUseEntitiesOf } from "./spaceRecords";
import { existingSpaceId, spaceDetailsField } from "./spaces";

/** `ContextInput` as the resolvers receive it. */
export interface ContextInput {
  readonly name: string;
  readonly description?: string | null;
  readonly labels?: readonly string[] | null;
  readonly space?: string | null;
  readonly hooks?: HooksInput | null;
  readonly configAttachments?: readonly ConfigInput[] | null;
}

/** Creates a context, with the input's config elements, as `contextCreateV2` does; shared with seeding. */
export function createContext(store: Store, input: ContextInput, nowMs: number): ContextRecord {
  const id = slugify(input.name);
  if (!id) {
    throw rejected("context name must contain at least one letter or digit");
  }
  if (findContext(store, id)) {
    throw slugTaken("context", id);
  }
  const context = contextFromInput(store, input, nowMs, undefined, id);
  // Config first: an invalid element must leave no half-created context behind.
  replaceConfig(store, "context", id, input.configAttachments ?? [], nowMs);
  saveContext(store, context);
  return context;
}

// Updates replace every field, as Spacelift's do: a null space is taken as at creation (root),
// never as "keep"; its Terraform provider re-sends the space from state instead.
function contextFromInput(
  store: Store,
  input: ContextInput,
  nowMs: number,
  current: ContextRecord | undefined,
  id: string,
): ContextRecord {
  if (input.name.trim() === "") {
    throw rejected("name must not be empty");
  }
  return {
    id,
    name: input.name,
    description: input.description ?? null,
    labels: [...(input.labels ?? [])],
    space: existingSpaceId(store, input.space, ROOT_SPACE_ID),
    hooks: hooksFromInput(input.hooks),
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
    updatedAt: unixSeconds(nowMs),
  };
}

function existingContext(store: Store, id: string): ContextRecord {
  return orNotFound(findContext(store, id), "context", id);
}

const contextSearch: SearchSpec<ContextRecord> = {
  fields: {
    id: (c) => [c.id],
    name: (c) => [c.name],
    label: (c) => c.labels,
    labels: (c) => c.labels,
    space: (c) => [c.space],
  },
  text: (c) => [c.id, c.name, c.description, ...c.labels],
  order: {
    name: (c) => c.name,
    id: (c) => c.id,
    createdAt: (c) => c.createdAt,
    updatedAt: (c) => c.updatedAt,
    space: (c) => c.space,
  },
  id: (c) => c.id,
};

const queries = {
  contexts: ((_parent, _args, ctx) => (ctx.viewer ? listContexts(ctx.store) : [])) satisfies FieldResolver<
    unknown,
    unknown,
    ContextRecord[]
  >,
  context: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return findContext(ctx.store, id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, ContextRecord | null>,
  searchContexts: searchField((ctx) => listContexts(ctx.store), contextSearch),
  attachableContextsInSpace: ((_parent, { id }, ctx) =>
    ctx.viewer
      ? listContexts(ctx.store).filter((c) => canUseEntitiesOf(ctx.store, id, c.space))
      : []) satisfies FieldResolver<unknown, { id: string }, ContextRecord[]>,
};

const mutations = {
  contextCreateV2: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return createContext(ctx.store, input, ctx.now());
  }) satisfies FieldResolver<unknown, { input: ContextInput }, ContextRecord>,
  contextUpdateV2: ((_parent, args, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const current = existingContext(ctx.store, args.id);
    const updated = contextFromInput(ctx.store, args.input, nowMs, current, current.id);
    // Without the flag, configAttachments is ignored (Bruno's documentation of this mutation).
    if (args.replaceConfigElements === true) {
      replaceConfig(ctx.store, "context", current.id, args.input.configAttachments ?? [], nowMs);
    }
    saveContext(ctx.store, updated);
    return updated;
  }) satisfies FieldResolver<
    unknown,
    { id: string; input: ContextInput; replaceConfigElements?: boolean | null },
    ContextRecord
  >,
  contextDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingContext(ctx.store, id);
    removeAttachments(ctx.store, { contextId: id });
    removeAllConfig(ctx.store, "context", id);
    removeContextRecord(ctx.store, id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, ContextRecord>,
};

/** Contexts: slug ids, config elements, attachable contexts by space. */
export const contextsModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    Context: {
      spaceDetails: spaceDetailsField,
      ...configFieldResolvers("context"),
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(listContexts(store).filter((c) => c.space === spaceId).length, "context", "contexts"),
};
