import type { LifecycleCase } from "../lifecycleCase";

/**
 * NamedWebhookSecretHeader: nothing updates in place; any change replaces the header, the old one
 * removed first (the two share a key). The value is write-only: only its checksum is an output.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "NamedWebhookSecretHeader",
  parents: [
    {
      ref: "webhook",
      kind: "NamedWebhook",
      inputs: {
        name: "lifecycle-header-webhook-{run}",
        endpoint: "https://example.com/h/{run}",
        spaceId: "root",
      },
    },
  ],
  create: {
    webhookId: "{parent.webhook.id}",
    key: "X-Lifecycle-Token",
    value: "lifecycle-header-value-{run}",
  },
  hiddenInputs: ["value"],
  replace: {
    inputs: { value: "lifecycle-header-rotated-{run}" },
    replaces: ["value"],
    deleteBeforeReplace: true,
  },
  unknown: [
    { property: "value", replaces: true },
    { property: "key", replaces: true },
  ],
  vanish: {
    query:
      "mutation($id: ID!, $keys: [String!]!) { namedWebhooksIntegrationDeleteHeaders(id: $id, headerKeys: $keys) { id } }",
    variables: { id: "{parent.webhook.id}", keys: ["X-Lifecycle-Token"] },
  },
};
