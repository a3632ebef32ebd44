import type { LifecycleCase } from "../lifecycleCase";

/**
 * NamedWebhook: everything updates in place, the secret included; clearing the secret replaces
 * the webhook, new one first. The secret is write-only: only its checksum is an output.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "NamedWebhook",
  create: {
    name: "lifecycle-named-webhook-{run}",
    endpoint: "https://example.com/named/{run}",
    spaceId: "root",
    labels: ["one"],
    secret: "lifecycle-named-secret-{run}",
  },
  hiddenInputs: ["secret"],
  update: {
    name: "lifecycle-named-webhook-{run}-renamed",
    enabled: false,
    labels: ["one", "two"],
    retryOnFailure: true,
    secret: "lifecycle-named-rotated-{run}",
  },
  replace: { inputs: { secret: "" }, replaces: ["secret"], deleteBeforeReplace: false },
  unknown: [{ property: "endpoint" }, { property: "spaceId" }, { property: "secret" }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $input: NamedWebhooksIntegrationInput!) { namedWebhooksIntegrationUpdate(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: {
          name: "{outs.name}",
          endpoint: "https://example.com/changed-elsewhere",
          enabled: true,
          space: "root",
          labels: [],
        },
      },
    },
    expect: { endpoint: "https://example.com/changed-elsewhere", enabled: true },
  },
  vanish: {
    query: "mutation($id: ID!) { namedWebhooksIntegrationDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
