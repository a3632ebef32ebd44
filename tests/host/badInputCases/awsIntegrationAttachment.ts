import type { BadInputCase } from "../badInputCase";

/** AwsIntegrationAttachment: an integration and exactly one of a stack and a module. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AwsIntegrationAttachment",
    inputs: { integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra", moduleId: "terraform-aws-vpc" },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "AwsIntegrationAttachment",
    inputs: { integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA" },
    property: "stackId",
    reason: /exactly one of stackId, moduleId must be set, but none is/,
  },
  {
    kind: "AwsIntegrationAttachment",
    inputs: { stackId: "infra" },
    property: "integrationId",
    reason: /is required/,
  },
  {
    kind: "AwsIntegrationAttachment",
    inputs: { integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra", read: "yes" },
    property: "read",
    reason: /must be a boolean, got a string/,
  },
  {
    kind: "AwsIntegrationAttachment",
    inputs: { integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra", read: false, write: false },
    property: "read",
    reason: /at least one of read, write must be true/,
  },
  {
    kind: "AwsIntegrationAttachment",
    inputs: { integration: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra" },
    property: "integration",
    reason: /did you mean integrationId\?/,
  },
];
