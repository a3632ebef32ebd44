import { requireViewer } from "../../context";
import type { Store } from "../../store";
import type { DomainModule } from "../domainModule";
import { rejected } from "../errors";
import type { FieldResolver } from "../resolverMap";
import { requireWebhookEndpoint } from "../webhooks";
import { runnerImageMutations, runnerImageQueries } from "./runnerImages";

/** `AuditTrailWebhookInput` as the resolvers receive it. */
export interface AuditTrailWebhookInput {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly includeRuns: boolean;
  readonly secret: string;
  readonly customHeaders?: { readonly entries: readonly { key: string; value: string }[] } | null;
  readonly retryOnFailure?: boolean | null;
}

/** The account's audit trail webhook as stored. */
export interface AuditTrailWebhookRecord {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly includeRuns: boolean;
  readonly retryOnFailure: boolean;
  /** Kept for deliveries only; never returned. */
  readonly secret: string;
  /** Kept for deliveries only; never returned. */
  readonly customHeaders: Readonly<Record<string, string>>;
}

/** `AuditTrailWebhook` as resolved. */
export interface AuditTrailWebhookView {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly includeRuns: boolean;
  readonly retryOnFailure: boolean;
  readonly secret: string;
}

/** The account's settings: one record each, under this key. */
const ACCOUNT = "account";

function securityEmails(store: Store): Map<string, string> {
  return store.collection<string>("securityEmail");
}

function auditTrailWebhooks(store: Store): Map<string, AuditTrailWebhookRecord> {
  return store.collection<AuditTrailWebhookRecord>("auditTrailWebhook");
}

/** The account's security e-mail, or null when none is set. */
export function securityEmailOf(store: Store): string | null {
  return securityEmails(store).get(ACCOUNT) ?? null;
}

/** The account's audit trail webhook as stored (secret and headers included), or null. */
export function auditTrailWebhookOf(store: Store): AuditTrailWebhookRecord | null {
  return auditTrailWebhooks(store).get(ACCOUNT) ?? null;
}

// The secret and the headers are write-only: reads blank the one and leave out the other.
function view(record: AuditTrailWebhookRecord): AuditTrailWebhookView {
  return {
    enabled: record.enabled,
    endpoint: record.endpoint,
    includeRuns: record.includeRuns,
    retryOnFailure: record.retryOnFailure,
    secret: "",
  };
}

// A loose check: Spacelift sends a confirmation to the address, which needs a local part and a domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function headersOf(input: AuditTrailWebhookInput): Record<string, string> | undefined {
  if (input.customHeaders == null) return undefined;
  const headers: Record<string, string> = {};
  for (const { key, value } of input.customHeaders.entries) {
    if (key.trim() === "") throw rejected("header keys must not be empty");
    headers[key] = value;
  }
  return headers;
}

const queries = {
  securityEmail: ((_parent, _args, ctx) => {
    requireViewer(ctx);
    return securityEmailOf(ctx.store);
  }) satisfies FieldResolver<unknown, unknown, string | null>,
  auditTrailWebhook: ((_parent, _args, ctx) => {
    requireViewer(ctx);
    const record = auditTrailWebhookOf(ctx.store);
    return record ? view(record) : null;
  }) satisfies FieldResolver<unknown, unknown, AuditTrailWebhookView | null>,
};

const mutations = {
  accountUpdateSecurityEmail: ((_parent, { securityEmail }, ctx) => {
    requireViewer(ctx);
    if (securityEmail === "") {
      securityEmails(ctx.store).delete(ACCOUNT);
      return null;
    }
    if (!EMAIL.test(securityEmail)) throw rejected("security email must be a valid e-mail address");
    securityEmails(ctx.store).set(ACCOUNT, securityEmail);
    return securityEmail;
  }) satisfies FieldResolver<unknown, { securityEmail: string }, string | null>,
  auditTrailSetWebhook: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    requireWebhookEndpoint(input.endpoint);
    const current = auditTrailWebhookOf(ctx.store);
    const record: AuditTrailWebhookRecord = {
      enabled: input.enabled,
      endpoint: input.endpoint,
      includeRuns: input.includeRuns,
      retryOnFailure: input.retryOnFailure ?? current?.retryOnFailure ?? false,
      // Spacelift's Terraform provider (8565261) sends "" on update to keep the stored secret.
      secret: input.secret === "" ? (current?.secret ?? "") : input.secret,
      customHeaders: headersOf(input) ?? current?.customHeaders ?? {},
    };
    auditTrailWebhooks(ctx.store).set(ACCOUNT, record);
    return view(record);
  }) satisfies FieldResolver<unknown, { input: AuditTrailWebhookInput }, AuditTrailWebhookView>,
  auditTrailDeleteWebhook: ((_parent, _args, ctx) => {
    requireViewer(ctx);
    const current = auditTrailWebhookOf(ctx.store);
    auditTrailWebhooks(ctx.store).delete(ACCOUNT);
    return current ? view(current) : null;
  }) satisfies FieldResolver<unknown, unknown, AuditTrailWebhookView | null>,
};

/**
 * Account settings: the security e-mail, the audit trail webhook and the default runner images, one
 * of each per account.
 */
export const accountModule: DomainModule = {
  resolvers: {
    Query: { ...queries, ...runnerImageQueries },
    Mutation: { ...mutations, ...runnerImageMutations },
  },
};
