import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * ScheduledDeleteTask: a stack's deletion at a timestamp; the time and whether resources are
 * destroyed update in place, moving it to another stack replaces it. ID `<stackId>/<scheduleId>`.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "ScheduledDeleteTask",
  parents: [
    { ref: "stack", kind: "Stack", inputs: stack("lifecycle-scheduled-delete-{run}") },
    { ref: "other", kind: "Stack", inputs: stack("lifecycle-scheduled-delete-other-{run}") },
  ],
  create: { stackId: "{parent.stack.id}", at: 2000000000 },
  expect: { stackId: "{parent.stack.id}", at: 2000000000, deleteResources: true },
  update: { at: 2000003600, deleteResources: false },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: false },
  unknown: [{ property: "at" }, { property: "stackId", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($stack: ID!, $id: ID!, $input: ScheduledDeleteInput!) { stackScheduledDeleteUpdate(stack: $stack, scheduledDelete: $id, input: $input) { id } }",
      variables: {
        stack: "{outs.stackId}",
        id: "{outs.scheduleId}",
        input: { shouldDeleteResources: true, timestampSchedule: 2000007200 },
      },
    },
    expect: { deleteResources: true, at: 2000007200 },
  },
  vanish: {
    query:
      "mutation($stack: ID!, $id: ID!) { stackScheduledDeleteDelete(stack: $stack, scheduledDelete: $id) { id } }",
    variables: { stack: "{outs.stackId}", id: "{outs.scheduleId}" },
  },
};
