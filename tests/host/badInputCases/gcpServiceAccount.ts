import type { BadInputCase } from "../badInputCase";

/** GcpServiceAccount and StackGcpServiceAccount: exactly one target, at least one non-empty scope. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "GcpServiceAccount",
    inputs: { stackId: "infra" },
    property: "tokenScopes",
    reason: /is required/,
  },
  {
    kind: "GcpServiceAccount",
    inputs: { stackId: "infra", tokenScopes: [] },
    property: "tokenScopes",
    reason: /at least 1/,
  },
  {
    kind: "GcpServiceAccount",
    inputs: { stackId: "infra", moduleId: "terraform-google-net", tokenScopes: ["a"] },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "StackGcpServiceAccount",
    inputs: { stackId: "infra", tokenScopes: [""] },
    property: "tokenScopes[0]",
    reason: /must not be empty/,
  },
  {
    kind: "StackGcpServiceAccount",
    inputs: { tokenScopes: ["a"] },
    property: "stackId",
    reason: /exactly one of stackId, moduleId must be set, but none is/,
  },
  {
    kind: "StackGcpServiceAccount",
    inputs: { stackId: "infra", moduleId: "vpc", tokenScopes: ["a"] },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
];
