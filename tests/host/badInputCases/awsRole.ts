import type { BadInputCase } from "../badInputCase";

/** AwsRole and StackAwsRole: exactly one target, an IAM role ARN, AWS's session bounds. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AwsRole",
    inputs: { stackId: "infra", moduleId: "terraform-aws-vpc", roleArn: "arn:aws:iam::123456789012:role/r" },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "AwsRole",
    inputs: { roleArn: "arn:aws:iam::123456789012:role/r" },
    property: "stackId",
    reason: /exactly one of stackId, moduleId must be set, but none is/,
  },
  {
    kind: "AwsRole",
    inputs: { stackId: "infra", roleArn: "arn:aws:iam::123456789012:user/someone" },
    property: "roleArn",
    reason: /IAM role ARN/,
  },
  {
    kind: "StackAwsRole",
    inputs: { stackId: "infra", roleArn: "arn:aws:iam::123456789012:role/r", durationSeconds: 60 },
    property: "durationSeconds",
    reason: /900/,
  },
  {
    kind: "StackAwsRole",
    inputs: { stackId: "infra" },
    property: "roleArn",
    reason: /is required/,
  },
  {
    kind: "StackAwsRole",
    inputs: { stackId: "infra", moduleId: "vpc", roleArn: "arn:aws:iam::123456789012:role/r" },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
];
