import type { BadInputCase } from "../badInputCase";

/** AzureIntegration: a name and a tenant; subscriptions are GUIDs. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AzureIntegration",
    inputs: { name: "azure" },
    property: "tenantId",
    reason: /is required/,
  },
  {
    kind: "AzureIntegration",
    inputs: { name: "", tenantId: "11111111-2222-4333-8444-555555555555" },
    property: "name",
    reason: /must not be empty/,
  },
  {
    kind: "AzureIntegration",
    inputs: {
      name: "azure",
      tenantId: "11111111-2222-4333-8444-555555555555",
      defaultSubscriptionId: "prod",
    },
    property: "defaultSubscriptionId",
    reason: /Azure subscription ID/,
  },
  {
    kind: "AzureIntegration",
    inputs: { name: "azure", tenantId: "11111111-2222-4333-8444-555555555555", autoattachEnabled: "yes" },
    property: "autoattachEnabled",
    reason: /must be a boolean, got a string/,
  },
];
