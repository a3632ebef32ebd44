import type { LifecycleCase } from "../lifecycleCase";

/**
 * Run: triggering is the create; a change of keepers triggers a new run (replacement, the old run
 * stays in Spacelift's history). The create waits for the run on the auto-deploying stack to
 * finish. Runs cannot change, so there is no update and no drift; deleting the stack takes its runs.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Run",
  parents: [
    {
      ref: "stack",
      kind: "Stack",
      inputs: { name: "lifecycle-run-{run}", repository: "infra", branch: "main", autodeploy: true },
    },
  ],
  create: { stackId: "{parent.stack.id}", keepers: { branch: "main" }, wait: { continueOnTimeout: false } },
  expect: { stackId: "{parent.stack.id}", keepers: { branch: "main" }, proposed: false },
  // `wait` is used by the create only, so it is never kept in outputs.
  hiddenInputs: ["wait"],
  replace: {
    inputs: { keepers: { branch: "next" } },
    replaces: ["keepers"],
    deleteBeforeReplace: false,
  },
  unknown: [
    { property: "keepers", replaces: true },
    { property: "stackId", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { stackDelete(id: $id) { id deleting } }",
    variables: { id: "{parent.stack.id}" },
  },
};
