import type { BadInputCase } from "../badInputCase";

/** IdpGroupMapping: a group name and at least one space policy with a known role. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "IdpGroupMapping",
    inputs: { policies: [{ spaceId: "root", role: "READ" }] },
    property: "name",
    reason: /is required/,
  },
  {
    kind: "IdpGroupMapping",
    inputs: { name: "g", policies: [{ spaceId: "", role: "READ" }] },
    property: "policies[0].spaceId",
    reason: /must not be empty/,
  },
  {
    kind: "IdpGroupMapping",
    inputs: { name: "g", policies: [{ spaceId: "root", role: "NONE" }] },
    property: "policies[0].role",
    reason: /must be one of/,
  },
];
