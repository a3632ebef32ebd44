import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * StackDestructor: its create only checks the stack; updates (moving it to another stack,
 * deactivating it) are stored without an API call. Deleting its stack makes it gone; its own
 * destroy (deactivated here) then sends nothing. The destroying delete is covered against the
 * emulator in tests/unit/resources/runs.spec.ts.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "StackDestructor",
  parents: [
    { ref: "stack", kind: "Stack", inputs: stack("lifecycle-destructor-{run}") },
    { ref: "other", kind: "Stack", inputs: stack("lifecycle-destructor-other-{run}") },
  ],
  create: { stackId: "{parent.stack.id}" },
  update: { stackId: "{parent.other.id}", deactivated: true, discardRuns: true },
  unknown: [{ property: "stackId" }, { property: "deactivated" }],
  vanish: {
    query: "mutation($id: ID!) { stackDelete(id: $id) { id deleting } }",
    variables: { id: "{parent.other.id}" },
  },
};
