import type { BadInputCase } from "../badInputCase";

/** TerraformProvider: a type (one word) and a space. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "TerraformProvider",
    inputs: { spaceId: "root" },
    property: "type",
    reason: /is required/,
  },
  {
    kind: "TerraformProvider",
    inputs: { type: "my provider", spaceId: "root" },
    property: "type",
    reason: /must be a single word without whitespace/,
  },
  {
    kind: "TerraformProvider",
    inputs: { type: "datadog" },
    property: "spaceId",
    reason: /is required/,
  },
  {
    kind: "TerraformProvider",
    inputs: { type: "datadog", spaceId: "root", labels: ["ok", ""] },
    property: "labels[1]",
    reason: /must not be empty/,
  },
  {
    kind: "TerraformProvider",
    inputs: { type: "datadog", spaceId: "root", public: "yes" },
    property: "public",
    reason: /boolean/,
  },
];
