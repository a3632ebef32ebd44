import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { orNotFound, rejected } from "../errors";
import { newUlid, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { byName, searchField, type SearchSpec } from "../search";
import { existingSpaceId, spaceDetailsField } from "../spaces";

type BlueprintState = "DRAFT" | "PUBLISHED";

/** `BlueprintCreateInput` as the resolvers receive it (the update takes it too). */
export interface BlueprintCreateInput {
  readonly space: string;
  readonly name: string;
  readonly state: BlueprintState;
  readonly description?: string | null;
  readonly labels: readonly string[];
  readonly template?: string | null;
}

/** A blueprint as stored. */
export interface BlueprintRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly state: BlueprintState;
  readonly labels: readonly string[];
  readonly space: string;
  readonly rawTemplate: string | null;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
  /** Unix seconds; null while a draft. */
  readonly publishedAt: number | null;
}

/** `Blueprint` as resolved (`space` is resolved from the id). */
export interface BlueprintView extends BlueprintRecord {
  readonly ulid: string;
  readonly deleted: boolean;
}

function collection(store: Store): Map<string, BlueprintRecord> {
  return store.collection<BlueprintRecord>("blueprints");
}

function listBlueprints(store: Store): BlueprintRecord[] {
  return [...collection(store).values()].sort(byName);
}

function view(record: BlueprintRecord, deleted = false): BlueprintView {
  return { ...record, ulid: record.id, deleted };
}

function fromInput(
  store: Store,
  input: BlueprintCreateInput,
  current: BlueprintRecord | undefined,
  id: string,
  nowMs: number,
): BlueprintRecord {
  if (input.name.trim() === "") {
    throw rejected("name must not be empty");
  }
  const template = input.template ?? null;
  // Publishing makes the blueprint usable for creating stacks, which needs a template to render.
  if (input.state === "PUBLISHED" && (template === null || template.trim() === "")) {
    throw rejected("a published blueprint needs a template");
  }
  const now = unixSeconds(nowMs);
  return {
    id,
    name: input.name,
    description: input.description ?? null,
    state: input.state,
    labels: [...input.labels],
    space: existingSpaceId(store, input.space, input.space),
    rawTemplate: template,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    publishedAt:
      input.state === "PUBLISHED" ? (current?.state === "PUBLISHED" ? current.publishedAt : now) : null,
  };
}

/** Creates a blueprint as `blueprintCreate` does. */
export function createBlueprint(store: Store, input: BlueprintCreateInput, nowMs: number): BlueprintRecord {
  const record = fromInput(store, input, undefined, newUlid(nowMs), nowMs);
  collection(store).set(record.id, record);
  return record;
}

function existing(store: Store, id: string): BlueprintRecord {
  return orNotFound(collection(store).get(id), "blueprint", id);
}

const blueprintSearch: SearchSpec<BlueprintView> = {
  fields: {
    id: (b) => [b.id],
    name: (b) => [b.name],
    label: (b) => b.labels,
    labels: (b) => b.labels,
    space: (b) => [b.space],
    state: (b) => [b.state],
  },
  text: (b) => [b.id, b.name, b.description, ...b.labels],
  order: {
    name: (b) => b.name,
    id: (b) => b.id,
    createdAt: (b) => b.createdAt,
    updatedAt: (b) => b.updatedAt,
    state: (b) => b.state,
  },
  id: (b) => b.id,
};

const queries = {
  blueprint: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = collection(ctx.store).get(id);
    return record ? view(record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, BlueprintView | null>,
  searchBlueprints: searchField((ctx) => listBlueprints(ctx.store).map((b) => view(b)), blueprintSearch),
};

const mutations = {
  blueprintCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return view(createBlueprint(ctx.store, input, ctx.now()));
  }) satisfies FieldResolver<unknown, { input: BlueprintCreateInput }, BlueprintView>,
  blueprintUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const updated = fromInput(ctx.store, input, existing(ctx.store, id), id, ctx.now());
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<unknown, { id: string; input: BlueprintCreateInput }, BlueprintView>,
  blueprintDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    collection(ctx.store).delete(id);
    return view(current, true);
  }) satisfies FieldResolver<unknown, { id: string }, BlueprintView>,
};

/** Blueprints: ULID ids, labels, a space, and a template a published one must have. */
export const blueprintsModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    Blueprint: {
      space: spaceDetailsField,
      // The inputs a deployer fills in are declared in the template, which the emulator does not
      // parse: none are reported (spacectl's blueprint list selects them).
      inputs: () => [],
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(listBlueprints(store).filter((b) => b.space === spaceId).length, "blueprint", "blueprints"),
};
