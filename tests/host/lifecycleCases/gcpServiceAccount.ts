import type { LifecycleCase } from "../lifecycleCase";

const stackInputs = (name: string) => ({ name, repository: "infra", branch: "main" });
const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

/**
 * GcpServiceAccount on stacks (StackGcpServiceAccount's case covers modules): the scopes update in
 * place through the same mutation that makes the account, keeping its email; moving to another
 * stack replaces it, new one first. Its ID is the stack's.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "GcpServiceAccount",
  parents: [
    { ref: "target", kind: "Stack", inputs: stackInputs("lifecycle-gcp-{run}") },
    { ref: "other", kind: "Stack", inputs: stackInputs("lifecycle-gcp-other-{run}") },
  ],
  create: { stackId: "{parent.target.id}", tokenScopes: [CLOUD_PLATFORM] },
  update: {
    tokenScopes: [
      "https://www.googleapis.com/auth/compute",
      "https://www.googleapis.com/auth/devstorage.read_only",
    ],
  },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: false },
  unknown: [{ property: "tokenScopes" }, { property: "stackId", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!) { stackIntegrationGcpCreate(id: $id, tokenScopes: ["changed-elsewhere"]) { activated } }',
      variables: { id: "{id}" },
    },
    expect: { tokenScopes: ["changed-elsewhere"] },
  },
  vanish: {
    query: "mutation($id: ID!) { stackIntegrationGcpDelete(id: $id) { activated } }",
    variables: { id: "{id}" },
  },
};
