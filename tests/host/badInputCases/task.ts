import type { BadInputCase } from "../badInputCase";

/** Task: a stack, a non-empty command, a boolean `init`, a known `wait` block. */
export const badInputCases: BadInputCase[] = [
  { kind: "Task", inputs: { stackId: "infra" }, property: "command", reason: /is required/ },
  {
    kind: "Task",
    inputs: { stackId: "infra", command: "" },
    property: "command",
    reason: /must not be empty/,
  },
  { kind: "Task", inputs: { command: "ls" }, property: "stackId", reason: /is required/ },
  {
    kind: "Task",
    inputs: { stackId: "infra", command: "ls", init: "no" },
    property: "init",
    reason: /boolean/,
  },
  {
    kind: "Task",
    inputs: { stackId: "infra", command: "ls", wait: { continueOnTimeout: "yes" } },
    property: "wait.continueOnTimeout",
    reason: /boolean/,
  },
];
