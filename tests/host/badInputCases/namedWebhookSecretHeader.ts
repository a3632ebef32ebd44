import type { BadInputCase } from "../badInputCase";

/** NamedWebhookSecretHeader: a webhook, a key and a value. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "NamedWebhookSecretHeader",
    inputs: { webhookId: "01HZX3V6Q4JYB5T2N8M0C7D9EE", key: "X-Token" },
    property: "value",
    reason: /is required/,
  },
  {
    kind: "NamedWebhookSecretHeader",
    inputs: { webhookId: "01HZX3V6Q4JYB5T2N8M0C7D9EE", key: "", value: "v" },
    property: "key",
    reason: /must not be empty/,
  },
  {
    kind: "NamedWebhookSecretHeader",
    inputs: { key: "X-Token", value: "v" },
    property: "webhookId",
    reason: /is required/,
  },
  {
    kind: "NamedWebhookSecretHeader",
    inputs: { webhookId: "a/b", key: "X-Token", value: "v" },
    property: "webhookId",
    reason: /must be a webhook ID/,
  },
];
