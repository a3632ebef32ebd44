import type { BadInputCase } from "../badInputCase";

/** AzureIntegrationAttachment: an integration, exactly one target, some use, a GUID subscription. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AzureIntegrationAttachment",
    inputs: {
      integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA",
      stackId: "infra",
      moduleId: "terraform-azure-vnet",
    },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "AzureIntegrationAttachment",
    inputs: { stackId: "infra" },
    property: "integrationId",
    reason: /is required/,
  },
  {
    kind: "AzureIntegrationAttachment",
    inputs: { integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra", read: false, write: false },
    property: "read",
    reason: /at least one of read, write must be true/,
  },
  {
    kind: "AzureIntegrationAttachment",
    inputs: { integrationId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra", subscriptionId: "my-sub" },
    property: "subscriptionId",
    reason: /Azure subscription ID/,
  },
];
