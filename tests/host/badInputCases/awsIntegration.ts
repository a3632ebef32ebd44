import type { BadInputCase } from "../badInputCase";

const ROLE = "arn:aws:iam::123456789012:role/deployer";

/** AwsIntegration: an IAM role ARN and a session length within AWS's 900..43200 seconds. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: "arn:aws:iam::1234:role/short-account" },
    property: "roleArn",
    reason: /must be an IAM role ARN/,
  },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: "arn:aws:iam::123456789012:user/not-a-role" },
    property: "roleArn",
    reason: /must be an IAM role ARN/,
  },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: ROLE, durationSeconds: 899 },
    property: "durationSeconds",
    reason: /must be at least 900/,
  },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: ROLE, durationSeconds: 43201 },
    property: "durationSeconds",
    reason: /must be at most 43200/,
  },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: ROLE, durationSeconds: 3600.5 },
    property: "durationSeconds",
    reason: /must be an integer/,
  },
  { kind: "AwsIntegration", inputs: { name: "prod" }, property: "roleArn", reason: /is required/ },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: ROLE, durationSeconds: 2 ** 32 },
    property: "durationSeconds",
    reason: /must be a 32-bit integer, from -2147483648 to 2147483647/,
  },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod\u0000", roleArn: ROLE },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "AwsIntegration",
    inputs: { name: "prod", roleArn: ROLE, labels: [" autoattach:prod"] },
    property: "labels[0]",
    reason: /must not start or end with whitespace/,
  },
];
