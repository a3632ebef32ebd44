import { requireViewer } from "../context";
import type { Store } from "../store";
import { contextAttachments, listContextAttachments, removeAttachments } from "./attachmentRecords";
import { attachContext } from "./attachments";
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
  readonly stackAttachments?: readonly ContextStackAttachmentInput[] | null;
}

/** `ContextStackAttachmentInput`: a stack or module (by id) the context is to be attached to. */
export interface ContextStackAttachmentInput {
  readonly stack: string;
  readonly priority: number;
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
  if (input.stackAttachments) {
    try {
      replaceStackAttachments(store, nowMs, id, input.stackAttachments);
    } catch (error) {
      removeAllConfig(store, "context", id);
      removeContextRecord(store, id);
      throw error;
    }
  }
  return context;
}

/**
 * Makes the context attached to exactly the listed stacks and modules, with the listed priorities
 * (`stackAttachments` of `contextCreateV2` and `contextUpdateV2`, which Spacelift's Kubernetes
 * operator sends with a context's whole desired state): attachments to projects not listed are
 * removed, a listed one keeps its id and takes the new priority, the others are made as
 * `contextAttach` makes them. On any refusal the context's attachments are left as they were.
 * Returns what puts them back as they were, for a refusal after it.
 */
function replaceStackAttachments(
  store: Store,
  nowMs: number,
  contextId: string,
  wanted: readonly ContextStackAttachmentInput[],
): () => void {
  const projects = wanted.map((w) => w.stack);
  const repeated = projects.find((p, i) => projects.indexOf(p) !== i);
  if (repeated !== undefined) {
    throw rejected(`stack ${repeated} is listed more than once in stackAttachments`);
  }
  const before = listContextAttachments(store, (a) => a.contextId === contextId);
  const restore = (): void => {
    for (const a of listContextAttachments(store, (x) => x.contextId === contextId)) {
      contextAttachments(store).delete(a.id);
    }
    for (const a of before) {
      contextAttachments(store).set(a.id, a);
    }
  };
  try {
    for (const a of before) {
      contextAttachments(store).delete(a.id);
    }
    for (const w of wanted) {
      const kept = before.find((a) => a.projectId === w.stack);
      const made = attachContext(store, nowMs, contextId, w.stack, w.priority);
      if (kept) {
        // The same attachment, re-prioritised: it keeps its id and creation time.
        contextAttachments(store).delete(made.id);
        contextAttachments(store).set(kept.id, { ...kept, priority: w.priority });
      }
    }
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
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
    // Saved first: attachments are checked against the context's new space.
    saveContext(ctx.store, updated);
    let restoreAttachments = (): void => undefined;
    try {
      // Null or absent keeps the attachments; a list (even empty) replaces them.
      if (args.input.stackAttachments) {
        restoreAttachments = replaceStackAttachments(
          ctx.store,
          nowMs,
          current.id,
          args.input.stackAttachments,
        );
      }
      // Without the flag, configAttachments is ignored (Bruno's documentation of this mutation).
      if (args.replaceConfigElements === true) {
        replaceConfig(ctx.store, "context", current.id, args.input.configAttachments ?? [], nowMs);
      }
    } catch (error) {
      restoreAttachments();
      saveContext(ctx.store, current);
      throw error;
    }
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
