import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * DriftDetection: keyed by its stack; schedule, time zone and flags update in place; moving it to
 * another stack replaces it. Removing it (here, out of band) leaves an empty schedule, which reads
 * as gone.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "DriftDetection",
  parents: [
    { ref: "stack", kind: "Stack", inputs: stack("lifecycle-drift-{run}") },
    { ref: "other", kind: "Stack", inputs: stack("lifecycle-drift-other-{run}") },
  ],
  create: { stackId: "{parent.stack.id}", schedules: ["*/15 * * * *"] },
  expect: {
    stackId: "{parent.stack.id}",
    schedules: ["*/15 * * * *"],
    timezone: "UTC",
    reconcile: false,
    ignoreState: false,
  },
  update: { schedules: ["0 4 * * 1-5", "30 12 * * *"], timezone: "Europe/Berlin", reconcile: true },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: true },
  unknown: [{ property: "schedules" }, { property: "timezone" }, { property: "stackId", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($stack: ID!, $input: DriftDetectionIntegrationInput!) { stackIntegrationDriftDetectionUpdate(stack: $stack, input: $input) { schedule } }",
      variables: {
        stack: "{id}",
        input: { reconcile: false, ignoreState: true, schedule: ["0 0 * * *"], timezone: "UTC" },
      },
    },
    expect: { ignoreState: true, schedules: ["0 0 * * *"], timezone: "UTC" },
  },
  vanish: {
    query: "mutation($stack: ID!) { stackIntegrationDriftDetectionDelete(stack: $stack) { deleted } }",
    variables: { stack: "{id}" },
  },
};
