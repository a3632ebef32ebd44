import { displayName, label, nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { markedInList } from "./existing";
import { t } from "../engine/fieldTypes";
import { WEBHOOK_ENDPOINT, webhookDeliveryFields } from "./webhookDelivery";

/** NamedWebhook: a webhook of a space, which notification and other policies route events to. */
export const namedWebhook = defineResource({
  kind: "NamedWebhook",
  doc:
    "A **named webhook**: a webhook of a space that policies (notification, audit) route events to by its ID. " +
    "The secret is write-only: Spacelift never returns it, and state keeps only its SHA-256 checksum " +
    "(`secretChecksum`).",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the webhook.",
      validate: [nonEmpty(), displayName()],
    },
    endpoint: {
      type: t.string(),
      required: true,
      doc: "URL events are posted to: an absolute `http` or `https` URL.",
      validate: [WEBHOOK_ENDPOINT],
    },
    spaceId: {
      type: t.string(),
      required: true,
      gqlInput: "space",
      gqlOutput: "space.id",
      doc: "ID of the space the webhook belongs to. Changing it moves the webhook in place.",
      validate: [nonEmpty()],
    },
    enabled: {
      type: t.boolean(),
      default: true,
      doc: "Whether events are sent. Defaults to `true`.",
    },
    labels: {
      type: t.set(t.string()),
      doc: "Labels, e.g. for policies to select webhooks by. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    ...webhookDeliveryFields,
    secret: {
      ...webhookDeliveryFields.secret,
      // "No secret" travels as null, never "": Spacelift's Terraform provider (8565261,
      // resource_named_webhook.go, update) leaves the secret out unless it is non-empty, because an
      // empty one would overwrite the stored secret.
      transform: { toInput: (value) => (value === "" ? null : value) },
    },
  },
  // Named webhook ids are generated, so Spacelift accepts a second one of one name: the first create
  // in a process lists them once and recognises its own by their marker.
  existing: markedInList({
    noun: "named webhook",
    operation: "NamedWebhookList",
    listField: "namedWebhooksIntegrations",
    createdAt: true,
    duplicatesAccepted: true,
  }),
  operations: {
    create: mutation("NamedWebhookCreate", "namedWebhooksIntegrationCreate", {
      input: arg.input("NamedWebhooksIntegrationInput!"),
    }),
    read: query("NamedWebhookRead", "namedWebhooksIntegration", { id: arg.id() }),
    update: mutation("NamedWebhookUpdate", "namedWebhooksIntegrationUpdate", {
      id: arg.id(),
      input: arg.input("NamedWebhooksIntegrationInput!"),
    }),
    delete: mutation("NamedWebhookDelete", "namedWebhooksIntegrationDelete", { id: arg.id() }),
  },
});
