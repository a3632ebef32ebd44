import { nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";
import { matching } from "../existing";

/** The header, as the one entry `namedWebhooksIntegrationSetHeaders` sets. */
function headerInput(values: Values): JsonValue {
  return { entries: [{ key: values["key"] ?? null, value: values["value"] ?? null }] };
}

/** The header among the webhook's secret header keys, each read as `{ key }`; absent when unset. */
function theHeader(items: readonly JsonValue[], values: Values): JsonValue | undefined {
  return items.find((item) => isRecord(item) && (item as JsonObject)["key"] === values["key"]);
}

/**
 * NamedWebhookSecretHeader: one secret header a named webhook sends with every delivery. Spacelift
 * returns only the keys of a webhook's secret headers, so the value is write-only.
 */
export const namedWebhookSecretHeader = defineResource({
  kind: "NamedWebhookSecretHeader",
  doc:
    "A **secret header** of a named webhook: a key and value Spacelift sends as a header with every delivery " +
    "of the webhook. Spacelift returns only the header's key, so the value is write-only: state keeps only its " +
    "SHA-256 checksum (`valueChecksum`). Nothing can be changed in place: any change replaces the header, the " +
    "old one removed first, since both would share the key.",
  fields: {
    webhookId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gql: false,
      doc: "ID of the named webhook that sends the header.",
      validate: [nonEmpty(), pattern(/^[^/]*$/, "a webhook ID, without `/`")],
    },
    key: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gqlInput: false,
      doc: "Name of the header.",
      validate: [nonEmpty()],
    },
    value: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      secret: true,
      writeOnly: { checksumField: "valueChecksum" },
      gql: false,
      doc: "Value of the header. Write-only: Spacelift never returns it.",
    },
    valueChecksum: {
      type: t.string(),
      computed: true,
      gql: false,
      doc: "Lowercase hex SHA-256 of the value last applied.",
    },
  },
  immutable: true,
  deleteBeforeReplace: true,
  // Terraform's provider (v1.9.3) names the header `<webhookId>/<key>`; a key may hold `/`.
  id: {
    format: "<webhookId>/<key>",
    compose: (v) =>
      typeof v["webhookId"] === "string" && typeof v["key"] === "string"
        ? `${v["webhookId"]}/${v["key"]}`
        : undefined,
    parse: (id) => {
      const slash = id.indexOf("/");
      if (slash <= 0 || slash === id.length - 1) return undefined;
      return { webhookId: id.slice(0, slash), key: id.slice(slash + 1) };
    },
  },
  // Setting a header overwrites one of the same key, so a create looks first and refuses to take
  // over a header this resource did not set.
  existing: {
    candidates: matching({ key: "key" }),
    lookFirst: "always",
    describe: (v) => `secret header ${JSON.stringify(v["key"])} of named webhook ${String(v["webhookId"])}`,
  },
  hooks: { selectFromList: theHeader },
  operations: {
    create: mutation(
      "NamedWebhookSecretHeaderSet",
      "namedWebhooksIntegrationSetHeaders",
      {
        id: arg.field("webhookId", "ID!"),
        input: arg.derived("NamedWebhookHeaderInput!", headerInput),
      },
      { selection: ["id"] },
    ),
    read: query(
      "NamedWebhookSecretHeaderRead",
      "namedWebhooksIntegration",
      { id: arg.field("webhookId", "ID!") },
      { path: [{ field: "secretHeaders", args: {} }], scalar: "key" },
    ),
    delete: mutation(
      "NamedWebhookSecretHeaderDelete",
      "namedWebhooksIntegrationDeleteHeaders",
      {
        id: arg.field("webhookId", "ID!"),
        headerKeys: arg.derived("[String!]!", (v) => [v["key"] ?? null]),
      },
      { selection: ["id"] },
    ),
  },
});
