import type { BadInputCase } from "../badInputCase";

/** PolicyAttachment: exactly one target, a policy id of the right type. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "PolicyAttachment",
    inputs: { policyId: "guard", stackId: "infra", moduleId: "terraform-aws-vpc" },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "PolicyAttachment",
    inputs: { policyId: "guard" },
    property: "stackId",
    reason: /exactly one of stackId, moduleId must be set/,
  },
  {
    kind: "PolicyAttachment",
    inputs: { policyId: 7, stackId: "infra" },
    property: "policyId",
    reason: /must be a string, got an integer/,
  },
  {
    kind: "PolicyAttachment",
    inputs: { policyId: "guard", stackID: "infra" },
    property: "stackID",
    reason: /did you mean stackId\?/,
  },
];
