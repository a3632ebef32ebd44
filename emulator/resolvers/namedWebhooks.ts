import { requireViewer } from "../context";
import type { Store } from "../store";
import { countOf, type DomainModule } from "./domainModule";
import { orNotFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import {
  byName,
  emptyConnection,
  search,
  type Connection,
  type SearchInput,
  type SearchSpec,
} from "./search";
import { existingSpaceId, spaceDetailsField } from "./spaces";
import { requireWebhookEndpoint } from "./webhooks";

/** `NamedWebhooksIntegrationInput` as the resolvers receive it. */
export interface NamedWebhooksIntegrationInput {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly space: string;
  readonly name: string;
  readonly secret?: string | null;
  readonly labels: readonly string[];
  readonly retryOnFailure?: boolean | null;
}

/** `NamedWebhookHeaderInput` as the resolvers receive it. */
export interface NamedWebhookHeaderInput {
  readonly entries: readonly { readonly key: string; readonly value: string }[];
}

/** A named webhook as stored. */
export interface NamedWebhookRecord {
  /** A ULID. */
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly enabled: boolean;
  readonly labels: readonly string[];
  readonly space: string;
  /** Null when none was ever set. Kept for deliveries only; never returned. */
  readonly secret: string | null;
  /** Secret headers by key; only the keys are ever returned. */
  readonly secretHeaders: Readonly<Record<string, string>>;
  readonly retryOnFailure: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `NamedWebhooksIntegration` as resolved (`space` is resolved separately from the id). */
export interface NamedWebhookView {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly enabled: boolean;
  readonly labels: readonly string[];
  readonly space: string;
  readonly secret: string;
  readonly secretHeaders: readonly string[];
  readonly retryOnFailure: boolean;
  readonly createdAt: number;
}

function collection(store: Store): Map<string, NamedWebhookRecord> {
  return store.collection<NamedWebhookRecord>("namedWebhooks");
}

function listNamedWebhooks(store: Store): NamedWebhookRecord[] {
  return [...collection(store).values()].sort(byName);
}

// Secrets and header values are write-only: reads blank the one and list only the keys of the other.
function view(record: NamedWebhookRecord): NamedWebhookView {
  return {
    id: record.id,
    name: record.name,
    endpoint: record.endpoint,
    enabled: record.enabled,
    labels: record.labels,
    space: record.space,
    secret: "",
    secretHeaders: Object.keys(record.secretHeaders).sort(),
    retryOnFailure: record.retryOnFailure,
    createdAt: record.createdAt,
  };
}

function fromInput(
  store: Store,
  input: NamedWebhooksIntegrationInput,
  current: NamedWebhookRecord | undefined,
  id: string,
  nowMs: number,
): NamedWebhookRecord {
  if (input.name.trim() === "") {
    throw rejected("name must not be empty");
  }
  requireWebhookEndpoint(input.endpoint);
  return {
    id,
    name: input.name,
    endpoint: input.endpoint,
    enabled: input.enabled,
    labels: [...input.labels],
    space: existingSpaceId(store, input.space, input.space),
    // On update, a null secret keeps the stored one and "" clears it: Spacelift's Terraform provider
    // (8565261, resource_named_webhook.go) leaves it null "to prevent accidental override of secrets".
    secret: input.secret == null ? (current?.secret ?? null) : input.secret === "" ? null : input.secret,
    secretHeaders: current?.secretHeaders ?? {},
    retryOnFailure: input.retryOnFailure ?? false,
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
  };
}

/** Creates a named webhook as `namedWebhooksIntegrationCreate` does; seeding may choose the id. */
export function createNamedWebhook(
  store: Store,
  input: NamedWebhooksIntegrationInput,
  nowMs: number,
  chosenId?: string,
): NamedWebhookRecord {
  const id = chosenId ?? newUlid(nowMs);
  if (collection(store).has(id)) {
    throw rejected(`named webhook ${id} already exists`);
  }
  const record = fromInput(store, input, undefined, id, nowMs);
  collection(store).set(id, record);
  return record;
}

function existing(store: Store, id: string): NamedWebhookRecord {
  return orNotFound(collection(store).get(id), "named webhook", id);
}

const namedWebhookSearch: SearchSpec<NamedWebhookRecord> = {
  fields: {
    id: (w) => [w.id],
    name: (w) => [w.name],
    label: (w) => w.labels,
    labels: (w) => w.labels,
    space: (w) => [w.space],
    enabled: (w) => [w.enabled],
  },
  text: (w) => [w.id, w.name, w.endpoint, ...w.labels],
  order: {
    name: (w) => w.name,
    id: (w) => w.id,
    createdAt: (w) => w.createdAt,
    space: (w) => w.space,
  },
  id: (w) => w.id,
};

const queries = {
  namedWebhooksIntegrations: ((_parent, _args, ctx) =>
    ctx.viewer ? listNamedWebhooks(ctx.store).map(view) : []) satisfies FieldResolver<
    unknown,
    unknown,
    NamedWebhookView[]
  >,
  namedWebhooksIntegration: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = collection(ctx.store).get(id);
    return record ? view(record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, NamedWebhookView | null>,
  searchNamedWebhooksIntegrations: ((_parent, { input }, ctx) => {
    if (!ctx.viewer) {
      return emptyConnection<NamedWebhookView>();
    }
    const page = search(listNamedWebhooks(ctx.store), input, namedWebhookSearch);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })) };
  }) satisfies FieldResolver<unknown, { input: SearchInput }, Connection<NamedWebhookView>>,
};

const mutations = {
  namedWebhooksIntegrationCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return view(createNamedWebhook(ctx.store, input, ctx.now()));
  }) satisfies FieldResolver<unknown, { input: NamedWebhooksIntegrationInput }, NamedWebhookView>,
  namedWebhooksIntegrationUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const updated = fromInput(ctx.store, input, existing(ctx.store, id), id, ctx.now());
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<unknown, { id: string; input: NamedWebhooksIntegrationInput }, NamedWebhookView>,
  namedWebhooksIntegrationDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    collection(ctx.store).delete(id);
    return view(current);
  }) satisfies FieldResolver<unknown, { id: string }, NamedWebhookView>,
  namedWebhooksIntegrationSetHeaders: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    const headers: Record<string, string> = { ...current.secretHeaders };
    for (const { key, value } of input.entries) {
      if (key.trim() === "") {
        throw rejected("header keys must not be empty");
      }
      headers[key] = value;
    }
    const updated: NamedWebhookRecord = { ...current, secretHeaders: headers };
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<unknown, { id: string; input: NamedWebhookHeaderInput }, NamedWebhookView>,
  namedWebhooksIntegrationDeleteHeaders: ((_parent, { id, headerKeys }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    const headers: Record<string, string> = { ...current.secretHeaders };
    for (const key of headerKeys) {
      delete headers[key];
    }
    const updated: NamedWebhookRecord = { ...current, secretHeaders: headers };
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<unknown, { id: string; headerKeys: readonly string[] }, NamedWebhookView>,
};

/** Named webhooks: space-scoped webhooks with write-only secrets and secret headers. */
export const namedWebhooksModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    NamedWebhooksIntegration: {
      space: spaceDetailsField,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(
      listNamedWebhooks(store).filter((w) => w.space === spaceId).length,
      "named webhook",
      "named webhooks",
    ),
};
