import type { BadInputCase } from "../badInputCase";

/** StackActivator: a stack and a boolean, both required. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "StackActivator",
    inputs: { stackId: "infra" },
    property: "enabled",
    reason: /required/,
  },
  {
    kind: "StackActivator",
    inputs: { stackId: "infra", enabled: "yes" },
    property: "enabled",
    reason: /must be a boolean/,
  },
  {
    kind: "StackActivator",
    inputs: { stackId: "", enabled: true },
    property: "stackId",
    reason: /must not be empty/,
  },
  {
    kind: "StackActivator",
    inputs: { stack_id: "infra", enabled: true },
    property: "stack_id",
    reason: /did you mean stackId\?/,
  },
];
