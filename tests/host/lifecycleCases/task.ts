import type { LifecycleCase } from "../lifecycleCase";

/**
 * Task: creating runs the command on the stack (and waits for it here); a change of keepers
 * replaces the resource, which runs it again, and destroying sends nothing. Tasks cannot change, so
 * there is no update and no drift; deleting the stack takes its runs, and with them the task.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Task",
  parents: [
    {
      ref: "stack",
      kind: "Stack",
      inputs: { name: "lifecycle-task-{run}", repository: "infra", branch: "main" },
    },
  ],
  create: {
    stackId: "{parent.stack.id}",
    command: "terraform state list",
    keepers: { trigger: "1" },
    wait: { continueOnStates: ["finished"] },
  },
  expect: {
    stackId: "{parent.stack.id}",
    command: "terraform state list",
    init: true,
    keepers: { trigger: "1" },
    wait: { disabled: false, continueOnStates: ["finished"], continueOnTimeout: false },
  },
  replace: {
    inputs: { keepers: { trigger: "2" } },
    replaces: ["keepers"],
    deleteBeforeReplace: false,
  },
  unknown: [
    { property: "keepers", replaces: true },
    { property: "command", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { stackDelete(id: $id) { id deleting } }",
    variables: { id: "{parent.stack.id}" },
  },
};
