import type { LifecycleCase } from "../lifecycleCase";

const moduleInputs = (name: string) => ({
  name,
  terraformProvider: "google",
  repository: "terraform-google-lifecycle",
  branch: "main",
});

/** StackGcpServiceAccount (GcpServiceAccount's older name) on modules: its ID is the module's. */
export const lifecycleCase: LifecycleCase = {
  kind: "StackGcpServiceAccount",
  parents: [
    { ref: "target", kind: "Module", inputs: moduleInputs("lifecycle-gcp-module-{run}") },
    { ref: "other", kind: "Module", inputs: moduleInputs("lifecycle-gcp-module-other-{run}") },
  ],
  create: { moduleId: "{parent.target.id}", tokenScopes: ["https://www.googleapis.com/auth/cloud-platform"] },
  update: { tokenScopes: ["https://www.googleapis.com/auth/cloud-platform.read-only"] },
  replace: { inputs: { moduleId: "{parent.other.id}" }, replaces: ["moduleId"], deleteBeforeReplace: false },
  unknown: [{ property: "tokenScopes" }, { property: "moduleId", replaces: true }],
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
