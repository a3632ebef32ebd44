import type { BadInputCase } from "../badInputCase";

/** Run: a stack is required, keepers are strings, the wait block is typed. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Run",
    inputs: { keepers: { branch: "main" } },
    property: "stackId",
    reason: /required/,
  },
  {
    kind: "Run",
    inputs: { stackId: "infra", keepers: { build: 7 } },
    property: "keepers.build",
    reason: /must be a string/,
  },
  {
    kind: "Run",
    inputs: { stackId: "infra", wait: { continueOnState: ["finished"] } },
    property: "wait.continueOnState",
    reason: /did you mean continueOnStates\?/,
  },
  {
    kind: "Run",
    inputs: { stackId: "infra", proposed: "yes" },
    property: "proposed",
    reason: /must be a boolean/,
  },
];
