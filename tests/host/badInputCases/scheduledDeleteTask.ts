import type { BadInputCase } from "../badInputCase";

/** ScheduledDeleteTask: a stack and a timestamp are required; `every` is not one of its arguments. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "ScheduledDeleteTask",
    inputs: { stackId: "infra" },
    property: "at",
    reason: /required/,
  },
  {
    kind: "ScheduledDeleteTask",
    inputs: { stackId: "infra", at: "tomorrow" },
    property: "at",
    reason: /must be an integer/,
  },
  {
    kind: "ScheduledDeleteTask",
    inputs: { stackId: "infra", at: 2000000000, deleteResources: "yes" },
    property: "deleteResources",
    reason: /must be a boolean/,
  },
  {
    kind: "ScheduledDeleteTask",
    inputs: { stackId: "infra", at: 2000000000, delete_resources: false },
    property: "delete_resources",
    reason: /did you mean deleteResources\?/,
  },
];
