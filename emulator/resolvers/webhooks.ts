import { requireViewer } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import { notFound, rejected } from "./errors";
import { newUlid, unixSeconds } from "./ids";
import { existingProject } from "./projects";
import type { IntegrationsParent } from "./projectFields";
import type { FieldResolver } from "./resolverMap";

/** `WebhooksIntegrationInput` as the resolvers receive it. */
export interface WebhooksIntegrationInput {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly secret: string;
  readonly retryOnFailure?: boolean | null;
}

/** A webhook of a stack or module, as stored. */
export interface WebhookRecord {
  /** A ULID. */
  readonly id: string;
  /** The stack or module id. */
  readonly projectId: string;
  readonly enabled: boolean;
  readonly endpoint: string;
  /** Kept for deliveries only; never returned. */
  readonly secret: string;
  readonly retryOnFailure: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** `WebhooksIntegration` as resolved. */
export interface WebhookView {
  readonly id: string;
  readonly deleted: boolean;
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly secret: string;
  readonly retryOnFailure: boolean;
}

function webhooks(store: Store): Map<string, WebhookRecord> {
  return store.collection<WebhookRecord>("webhooks");
}

/**
 * Throws the API's refusal unless `endpoint` is an absolute http(s) URL. Shared by stack and named
 * webhooks; the message never quotes the URL, which may carry a token in its query string.
 */
export function requireWebhookEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    throw rejected("endpoint must be an absolute http or https URL");
  }
}

// The secret signs deliveries; like the real API, the emulator never hands it back.
function view(record: WebhookRecord, deleted = false): WebhookView {
  return {
    id: record.id,
    deleted,
    enabled: record.enabled,
    endpoint: record.endpoint,
    secret: "",
    retryOnFailure: record.retryOnFailure,
  };
}

/** The webhooks of a stack or module, oldest first. */
export function listWebhooks(store: Store, projectId: string): WebhookRecord[] {
  return [...webhooks(store).values()]
    .filter((w) => w.projectId === projectId)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * Adds a webhook to a stack or module as `webhooksIntegrationCreate` does; shared with seeding,
 * which may choose the id.
 */
export function createWebhook(
  store: Store,
  nowMs: number,
  projectId: string,
  input: WebhooksIntegrationInput,
  chosenId?: string,
): WebhookRecord {
  existingProject(store, nowMs, projectId);
  requireWebhookEndpoint(input.endpoint);
  const id = chosenId ?? newUlid(nowMs);
  if (webhooks(store).has(id)) {
    throw rejected(`webhook ${id} already exists`);
  }
  const record: WebhookRecord = {
    id,
    projectId,
    enabled: input.enabled,
    endpoint: input.endpoint,
    secret: input.secret,
    retryOnFailure: input.retryOnFailure ?? false,
    createdAt: unixSeconds(nowMs),
  };
  webhooks(store).set(id, record);
  return record;
}

// A webhook is addressed through its stack: one of another stack is as good as missing.
function existingWebhook(store: Store, nowMs: number, projectId: string, id: string): WebhookRecord {
  existingProject(store, nowMs, projectId);
  const record = webhooks(store).get(id);
  if (!record || record.projectId !== projectId) {
    throw notFound("webhook", id);
  }
  return record;
}

const webhooksIntegrationCreate: FieldResolver<
  unknown,
  { stack: string; input: WebhooksIntegrationInput },
  WebhookView
> = (_parent, { stack, input }, ctx) => {
  requireViewer(ctx);
  return view(createWebhook(ctx.store, ctx.now(), stack, input));
};

const webhooksIntegrationUpdate: FieldResolver<
  unknown,
  { stack: string; id: string; input: WebhooksIntegrationInput },
  WebhookView
> = (_parent, { stack, id, input }, ctx) => {
  requireViewer(ctx);
  const current = existingWebhook(ctx.store, ctx.now(), stack, id);
  requireWebhookEndpoint(input.endpoint);
  const updated: WebhookRecord = {
    ...current,
    enabled: input.enabled,
    endpoint: input.endpoint,
    // The input's secret is non-null, so clients that do not mean to change it send "".
    secret: input.secret === "" ? current.secret : input.secret,
    retryOnFailure: input.retryOnFailure ?? false,
  };
  webhooks(ctx.store).set(id, updated);
  return view(updated);
};

const webhooksIntegrationDelete: FieldResolver<unknown, { stack: string; id: string }, WebhookView> = (
  _parent,
  { stack, id },
  ctx,
) => {
  requireViewer(ctx);
  const current = existingWebhook(ctx.store, ctx.now(), stack, id);
  webhooks(ctx.store).delete(id);
  return view(current, true);
};

/** Webhooks of stacks and modules, listed under `integrations { webhooks }`. */
export const webhooksModule: DomainModule = {
  resolvers: {
    Mutation: { webhooksIntegrationCreate, webhooksIntegrationUpdate, webhooksIntegrationDelete },
    StackIntegrations: {
      webhooks: ((parent, _args, ctx) =>
        listWebhooks(ctx.store, parent.projectId).map((w) => view(w))) satisfies FieldResolver<
        IntegrationsParent,
        unknown,
        WebhookView[]
      >,
    },
  },
  removeProjectData: (store, projectId) => {
    for (const w of listWebhooks(store, projectId)) {
      webhooks(store).delete(w.id);
    }
  },
};
