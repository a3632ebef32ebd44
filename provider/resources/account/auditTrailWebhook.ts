import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, singletonId } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonObject, JsonValue } from "../../engine/values";
import { isRecord } from "../../engine/values";
import { theObject } from "../existing";
import { WEBHOOK_ENDPOINT } from "../webhookDelivery";

/** A map of header values as `AuditTrailWebhookSetHeadersInput` carries it: `{ entries: [{ key, value }] }`. */
function headerEntries(value: JsonValue): JsonValue {
  if (!isRecord(value)) return null;
  const entries = Object.entries(value as JsonObject)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]) => ({ key, value: v }));
  return { entries };
}

/**
 * AuditTrailWebhook: where Spacelift posts the account's audit events (one per account). The
 * arguments of the official provider (terraform-provider-spacelift v1.9.3) plus `customHeaders` and
 * `retryOnFailure` from its HEAD (8565261); the secret stays a required argument updated in place,
 * as in v1.9.3 (HEAD's `secret_wo` pair is Terraform-only machinery for values kept out of state,
 * which `writeOnly` already does here).
 */
export const auditTrailWebhook = defineResource({
  kind: "AuditTrailWebhook",
  doc:
    "The account's **audit trail webhook**: an endpoint Spacelift sends a POST request to for every audit " +
    "event. An account has one, so declare at most one per account. The secret is write-only: Spacelift never " +
    "returns it, and state keeps only its SHA-256 checksum (`secretChecksum`).",
  fields: {
    enabled: {
      type: t.boolean(),
      required: true,
      doc: "Whether the webhook is enabled. If it is not, Spacelift sends no requests to the endpoint.",
    },
    endpoint: {
      type: t.string(),
      required: true,
      doc: "URL Spacelift sends POST requests about audit events to: an absolute `http` or `https` URL.",
      validate: [WEBHOOK_ENDPOINT],
    },
    includeRuns: {
      type: t.boolean(),
      default: false,
      doc: "Whether the requests include information about the run that triggered the event. Defaults to `false`.",
    },
    secret: {
      type: t.string(),
      required: true,
      secret: true,
      writeOnly: { checksumField: "secretChecksum" },
      gqlOutput: false,
      doc: "Secret Spacelift sends with every request. Changing it updates the webhook in place.",
      validate: [nonEmpty()],
    },
    secretChecksum: {
      type: t.string(),
      computed: true,
      gql: false,
      doc: "Lowercase hex SHA-256 of the secret last applied.",
    },
    customHeaders: {
      type: t.map(t.string()),
      secret: true,
      // Spacelift never returns the headers (Terraform's provider, 8565261: "API doesn't return them
      // back"), so state keeps what was last applied, as a Pulumi secret.
      gqlOutput: false,
      transform: { toInput: headerEntries },
      doc:
        "Headers sent with every request, by name. Spacelift never returns them, so a change made outside " +
        "the program is not detected; they are kept in state as a secret. Spacelift keeps the stored headers " +
        "when none are sent, so removing the argument leaves them set.",
    },
    retryOnFailure: {
      type: t.boolean(),
      default: false,
      doc: "Whether Spacelift retries a request the endpoint did not accept. Defaults to `false`.",
    },
  },
  id: singletonId("audit-trail-webhook"),
  // `auditTrailSetWebhook` replaces whatever webhook is set (an upsert), so a create looks first and
  // refuses to take over a webhook this resource did not set.
  existing: {
    candidates: theObject,
    lookFirst: "always",
    describe: () => "the account's audit trail webhook",
  },
  operations: {
    create: mutation("AuditTrailWebhookCreate", "auditTrailSetWebhook", {
      input: arg.input("AuditTrailWebhookInput!"),
    }),
    read: query("AuditTrailWebhookRead", "auditTrailWebhook", {}),
    update: mutation("AuditTrailWebhookUpdate", "auditTrailSetWebhook", {
      input: arg.input("AuditTrailWebhookInput!"),
    }),
    delete: mutation("AuditTrailWebhookDelete", "auditTrailDeleteWebhook", {}, { selection: ["endpoint"] }),
  },
});
