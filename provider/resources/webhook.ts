import { nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query, variants, type FieldSpec } from "../engine/descriptor";
import { quoted, recordsOf } from "./existing";
import { t, type StringType } from "../engine/fieldTypes";
import { exactlyOneOf } from "../engine/rules";
import { isRecord, type JsonValue, type Values } from "../engine/values";
import { WEBHOOK_ENDPOINT, webhookDeliveryFields } from "./webhookDelivery";

/** The kinds of object a webhook can belong to, with the argument holding each one's id. */
const PARENTS = { stack: "stackId", module: "moduleId" } as const;
type ParentKind = keyof typeof PARENTS;

function parentField(kind: ParentKind): FieldSpec<StringType> {
  return {
    type: t.string(),
    gql: false,
    replaceOnChange: true,
    doc: `ID of the ${kind} the webhook belongs to. Set exactly one of \`stackId\` and \`moduleId\`.`,
    validate: [nonEmpty()],
  };
}

function parentKindOf(values: Values): ParentKind | undefined {
  return (Object.keys(PARENTS) as ParentKind[]).find((kind) => typeof values[PARENTS[kind]] === "string");
}

// The webhook mutations take a stack or a module id alike, in their `stack` argument.
const parentId = (values: Values): JsonValue | undefined => values["stackId"] ?? values["moduleId"];

const webhooksOf = [
  { field: "integrations", args: {} },
  { field: "webhooks", args: {} },
];

/** Webhook: a webhook of one stack or module, notified of its runs. */
export const webhook = defineResource({
  kind: "Webhook",
  doc:
    "A **webhook** of a stack or a module: Spacelift posts an event to `endpoint` for every run state change, " +
    "signed with `secret`. The secret is write-only: Spacelift never returns it, and state keeps only its " +
    "SHA-256 checksum (`secretChecksum`). The ID is the webhook's own ID; to look an existing webhook up with " +
    "`get`, pass `stack/<stackId>/<webhookId>` or `module/<moduleId>/<webhookId>`.",
  fields: {
    stackId: parentField("stack"),
    moduleId: parentField("module"),
    endpoint: {
      type: t.string(),
      required: true,
      doc: "URL events are posted to: an absolute `http` or `https` URL.",
      validate: [WEBHOOK_ENDPOINT],
    },
    enabled: {
      type: t.boolean(),
      default: true,
      doc: "Whether events are sent. Defaults to `true`.",
    },
    ...webhookDeliveryFields,
    webhookId: {
      type: t.string(),
      computed: true,
      gql: "id",
      doc: "ID Spacelift gave the webhook; also the resource ID.",
    },
  },
  rules: [exactlyOneOf("stackId", "moduleId")],
  id: {
    format: "stack/<stackId>/<webhookId> or module/<moduleId>/<webhookId> (state keeps just <webhookId>)",
    compose(values) {
      const id = values["webhookId"];
      return typeof id === "string" && id !== "" ? id : undefined;
    },
    // State holds the bare webhook id (its parent is an output); a lookup names the parent too.
    parse(id) {
      const parts = id.split("/");
      if (parts.length === 1) return parts[0] ? { webhookId: parts[0] } : undefined;
      const [kind, parent, webhookId] = parts;
      if (parts.length !== 3 || !kind || !(kind in PARENTS) || !parent || !webhookId) return undefined;
      return { [PARENTS[kind as ParentKind]]: parent, webhookId };
    },
  },
  hooks: {
    selectVariant: parentKindOf,
    selectFromList: (items, values) => items.find((w) => isRecord(w) && w["id"] === values["webhookId"]),
  },
  // Webhook ids are generated and carry neither marker nor creation time, so Spacelift accepts a
  // second webhook to one endpoint: each create lists the parent's webhooks first, and only one that
  // appeared after its create was sent can be its own.
  existing: {
    candidates: (result, values) => recordsOf(result).filter((w) => w["endpoint"] === values["endpoint"]),
    lookFirst: "exclude",
    describe: (v) =>
      `webhook to ${quoted(v["endpoint"])} on ${v["moduleId"] === undefined ? "stack" : "module"} ${quoted(parentId(v))}`,
  },
  operations: {
    create: mutation("WebhookCreate", "webhooksIntegrationCreate", {
      stack: arg.derived("ID!", parentId),
      input: arg.input("WebhooksIntegrationInput!"),
    }),
    read: variants({
      stack: query("StackWebhookRead", "stack", { id: arg.field("stackId", "ID!") }, { path: webhooksOf }),
      module: query(
        "ModuleWebhookRead",
        "module",
        { id: arg.field("moduleId", "ID!") },
        { path: webhooksOf },
      ),
    }),
    update: mutation("WebhookUpdate", "webhooksIntegrationUpdate", {
      stack: arg.derived("ID!", parentId),
      id: arg.field("webhookId", "ID!"),
      input: arg.input("WebhooksIntegrationInput!"),
    }),
    delete: mutation("WebhookDelete", "webhooksIntegrationDelete", {
      stack: arg.derived("ID!", parentId),
      id: arg.field("webhookId", "ID!"),
    }),
  },
});
