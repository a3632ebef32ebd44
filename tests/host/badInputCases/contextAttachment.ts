import type { BadInputCase } from "../badInputCase";

/** ContextAttachment: exactly one target, a whole non-negative priority, a context. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "ContextAttachment",
    inputs: { contextId: "ctx", stackId: "infra", moduleId: "terraform-aws-vpc" },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "ContextAttachment",
    inputs: { contextId: "ctx" },
    property: "stackId",
    reason: /exactly one of stackId, moduleId must be set, but none is/,
  },
  {
    kind: "ContextAttachment",
    inputs: { contextId: "ctx", stackId: "infra", priority: -1 },
    property: "priority",
    reason: /must be at least 0/,
  },
  {
    kind: "ContextAttachment",
    inputs: { contextId: "ctx", stackId: "infra", priority: 1.5 },
    property: "priority",
    reason: /must be an integer, got a number/,
  },
  { kind: "ContextAttachment", inputs: { stackId: "infra" }, property: "contextId", reason: /is required/ },
  {
    kind: "ContextAttachment",
    inputs: { contextId: "ctx", stackId: "infra", priority: 2 ** 31 },
    property: "priority",
    reason: /must be a 32-bit integer, from -2147483648 to 2147483647/,
  },
  {
    kind: "ContextAttachment",
    inputs: { contextId: "ctx", stackId: "infra", priority: 1e15 },
    property: "priority",
    reason: /must be a 32-bit integer, from -2147483648 to 2147483647/,
  },
];
