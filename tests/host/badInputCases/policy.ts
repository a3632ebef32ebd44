import type { BadInputCase } from "../badInputCase";

const policy = { name: "guard", body: "package spacelift" };

/** Policy: enum values the API does not know, a missing type, empty bodies and unusable names. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Policy",
    inputs: { ...policy, type: "PLANNING" },
    property: "type",
    reason: /must be one of ACCESS, .*TERRAFORM_PLAN, got a string/,
  },
  { kind: "Policy", inputs: policy, property: "type", reason: /is required/ },
  {
    kind: "Policy",
    inputs: { ...policy, type: "PLAN", engineType: "REGO_V2" },
    property: "engineType",
    reason: /must be one of REGO_V0, REGO_V1/,
  },
  {
    kind: "Policy",
    inputs: { ...policy, name: "!!!", type: "PLAN" },
    property: "name",
    reason: /at least one letter or digit/,
  },
  {
    kind: "Policy",
    inputs: { ...policy, body: "  ", type: "PLAN" },
    property: "body",
    reason: /must not be empty/,
  },
  {
    kind: "Policy",
    inputs: { ...policy, type: "PLAN", labels: ["ok", 7] },
    property: "labels[1]",
    reason: /must be a string, got an integer/,
  },
  {
    kind: "Policy",
    inputs: { ...policy, name: "guard\trails", type: "PLAN" },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "Policy",
    inputs: { ...policy, type: "PLAN", space: "root" },
    property: "space",
    reason: /did you mean spaceId\?/,
  },
];
