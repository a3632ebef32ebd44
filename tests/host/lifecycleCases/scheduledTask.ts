import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * ScheduledTask: a cron task whose command, expressions and time zone update in place; moving it
 * to another stack replaces it. ID `<stackId>/<scheduleId>`.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "ScheduledTask",
  parents: [
    { ref: "stack", kind: "Stack", inputs: stack("lifecycle-task-{run}") },
    { ref: "other", kind: "Stack", inputs: stack("lifecycle-task-other-{run}") },
  ],
  create: { stackId: "{parent.stack.id}", command: "terraform plan", everies: ["0 9 * * 1"] },
  expect: {
    stackId: "{parent.stack.id}",
    command: "terraform plan",
    everies: ["0 9 * * 1"],
    timezone: "UTC",
  },
  update: { command: "echo hello", everies: ["30 6 * * *", "0 18 * * 5"], timezone: "Europe/Berlin" },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: false },
  unknown: [{ property: "command" }, { property: "everies" }, { property: "stackId", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($stack: ID!, $id: ID!, $input: ScheduledTaskInput!) { stackScheduledTaskUpdate(stack: $stack, scheduledTask: $id, input: $input) { id } }",
      variables: {
        stack: "{outs.stackId}",
        id: "{outs.scheduleId}",
        input: { command: "changed elsewhere", cronSchedule: ["0 0 * * *"], timezone: "UTC" },
      },
    },
    expect: { command: "changed elsewhere", everies: ["0 0 * * *"], timezone: "UTC" },
  },
  vanish: {
    query:
      "mutation($stack: ID!, $id: ID!) { stackScheduledTaskDelete(stack: $stack, scheduledTask: $id) { id } }",
    variables: { stack: "{outs.stackId}", id: "{outs.scheduleId}" },
  },
};
