import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * StackActivator: disables a stack, then moves in place to another stack and enables it (as
 * Terraform's stack_id, which does not force replacement). Its ID is `activator-<unix seconds>`.
 * Enabling or disabling the stack elsewhere is drift; deleting the stack makes it gone.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "StackActivator",
  parents: [
    { ref: "stack", kind: "Stack", inputs: stack("lifecycle-activator-{run}") },
    { ref: "other", kind: "Stack", inputs: stack("lifecycle-activator-other-{run}") },
  ],
  create: { stackId: "{parent.stack.id}", enabled: false },
  update: { stackId: "{parent.other.id}", enabled: true },
  unknown: [{ property: "enabled" }, { property: "stackId" }],
  drift: {
    call: {
      query: "mutation($id: ID!) { stackDisable(id: $id) { id isDisabled } }",
      variables: { id: "{parent.other.id}" },
    },
    expect: { enabled: false },
  },
  vanish: {
    query: "mutation($id: ID!) { stackDelete(id: $id) { id deleting } }",
    variables: { id: "{parent.other.id}" },
  },
};
