import type { BadInputCase } from "../badInputCase";

/** StackDestructor: a stack is required; the switches are booleans. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "StackDestructor",
    inputs: { deactivated: true },
    property: "stackId",
    reason: /required/,
  },
  {
    kind: "StackDestructor",
    inputs: { stackId: "" },
    property: "stackId",
    reason: /must not be empty/,
  },
  {
    kind: "StackDestructor",
    inputs: { stackId: "infra", deactivated: "no" },
    property: "deactivated",
    reason: /must be a boolean/,
  },
  {
    kind: "StackDestructor",
    inputs: { stackId: "infra", discard_runs: true },
    property: "discard_runs",
    reason: /did you mean discardRuns\?/,
  },
];
