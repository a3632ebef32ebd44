import type { LifecycleCase } from "../lifecycleCase";

/**
 * Webhook of a module (the API serves stack and module webhooks alike; the emulator tests cover
 * both): settings and the secret update in place; clearing the secret replaces the
 * webhook (Spacelift keeps the stored secret when an update sends none), new one first. The secret
 * is write-only: it never appears in outputs, only its checksum does.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Webhook",
  parents: [
    {
      ref: "module",
      kind: "Module",
      inputs: {
        name: "lifecycle-webhook-module-{run}",
        terraformProvider: "aws",
        repository: "terraform-aws-lifecycle",
        branch: "main",
      },
    },
  ],
  create: {
    moduleId: "{parent.module.id}",
    endpoint: "https://example.com/hooks/{run}",
    secret: "lifecycle-webhook-secret-{run}",
  },
  hiddenInputs: ["secret"],
  update: {
    endpoint: "https://example.com/hooks/{run}/second",
    enabled: false,
    retryOnFailure: true,
    secret: "lifecycle-webhook-rotated-{run}",
  },
  replace: { inputs: { secret: "" }, replaces: ["secret"], deleteBeforeReplace: false },
  unknown: [{ property: "endpoint" }, { property: "secret" }, { property: "moduleId", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($stack: ID!, $id: ID!, $input: WebhooksIntegrationInput!) { webhooksIntegrationUpdate(stack: $stack, id: $id, input: $input) { id } }",
      variables: {
        stack: "{parent.module.id}",
        id: "{id}",
        input: { enabled: true, endpoint: "https://example.com/changed-elsewhere", secret: "" },
      },
    },
    expect: { enabled: true, endpoint: "https://example.com/changed-elsewhere" },
  },
  vanish: {
    query: "mutation($stack: ID!, $id: ID!) { webhooksIntegrationDelete(stack: $stack, id: $id) { id } }",
    variables: { stack: "{parent.module.id}", id: "{id}" },
  },
};
