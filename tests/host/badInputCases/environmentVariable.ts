import type { BadInputCase } from "../badInputCase";

/** EnvironmentVariable: names a shell cannot export, the parent rule, computed outputs. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", name: "1ABC", value: "v" },
    property: "name",
    reason: /valid environment variable name/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", name: "A-B", value: "v" },
    property: "name",
    reason: /valid environment variable name/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { name: "TOKEN", value: "v" },
    property: "contextId",
    reason: /exactly one of contextId, stackId, moduleId must be set, but none is/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", stackId: "infra", name: "TOKEN" },
    property: "stackId",
    reason: /conflicts with contextId/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", name: "TOKEN", writeOnly: "true" },
    property: "writeOnly",
    reason: /must be a boolean, got a string/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", name: "TOKEN", checksum: "0123" },
    property: "checksum",
    reason: /computed by Spacelift and cannot be set/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", name: "API\nKEY" },
    property: "name",
    reason: /must be a valid environment variable name/,
  },
  {
    kind: "EnvironmentVariable",
    inputs: { contextId: "ctx", name: "API_KEY", valu: "x" },
    property: "valu",
    reason: /did you mean value\?/,
  },
];
