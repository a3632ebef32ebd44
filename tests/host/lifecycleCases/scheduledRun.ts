import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * ScheduledRun: a named cron run whose name, expressions, time zone and runtime configuration
 * update in place; moving it to another stack replaces it. ID `<stackId>/<scheduleId>`.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "ScheduledRun",
  parents: [
    { ref: "stack", kind: "Stack", inputs: stack("lifecycle-run-{run}") },
    { ref: "other", kind: "Stack", inputs: stack("lifecycle-run-other-{run}") },
  ],
  create: {
    stackId: "{parent.stack.id}",
    name: "nightly-{run}",
    everies: ["0 2 * * *"],
    runtimeConfig: { environment: [{ key: "TF_LOG", value: "info" }], beforePlan: ["echo plan"] },
  },
  expect: {
    stackId: "{parent.stack.id}",
    name: "nightly-{run}",
    everies: ["0 2 * * *"],
    timezone: "UTC",
    runtimeConfig: { environment: [{ key: "TF_LOG", value: "info" }], beforePlan: ["echo plan"] },
  },
  update: {
    name: "weekly-{run}",
    everies: ["0 6 * * 1"],
    timezone: "Europe/Berlin",
    runtimeConfig: { projectRoot: "envs/prod", runnerImage: "public.ecr.aws/spacelift/runner-terraform" },
  },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: false },
  unknown: [{ property: "name" }, { property: "runtimeConfig" }, { property: "stackId", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($stack: ID!, $id: ID!, $input: ScheduledRunInput!) { stackScheduledRunUpdate(stack: $stack, scheduledRun: $id, input: $input) { id } }",
      variables: {
        stack: "{outs.stackId}",
        id: "{outs.scheduleId}",
        input: { name: "changed elsewhere", cronSchedule: ["0 0 * * *"], timezone: "UTC" },
      },
    },
    expect: { name: "changed elsewhere", everies: ["0 0 * * *"], timezone: "UTC" },
  },
  vanish: {
    query:
      "mutation($stack: ID!, $id: ID!) { stackScheduledRunDelete(stack: $stack, scheduledRun: $id) { id } }",
    variables: { stack: "{outs.stackId}", id: "{outs.scheduleId}" },
  },
};
