import type { LifecycleCase } from "../lifecycleCase";

const stackInputs = (name: string) => ({ name, repository: "lifecycle-azure", branch: "main" });

/**
 * AzureIntegrationAttachment: `read`, `write` and `subscriptionId` update in place
 * (azureIntegrationAttachmentUpdate, by the attachment's own id); moving to another stack replaces
 * it, new one first, since the new stack has no attachment yet.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "AzureIntegrationAttachment",
  parents: [
    {
      ref: "integration",
      kind: "AzureIntegration",
      inputs: { name: "lifecycle-attached-azure-{run}", tenantId: "11111111-2222-4333-8444-555555555555" },
    },
    { ref: "target", kind: "Stack", inputs: stackInputs("lifecycle-azure-target-{run}") },
    { ref: "other", kind: "Stack", inputs: stackInputs("lifecycle-azure-other-{run}") },
  ],
  create: { integrationId: "{parent.integration.id}", stackId: "{parent.target.id}", write: false },
  expect: {
    integrationId: "{parent.integration.id}",
    stackId: "{parent.target.id}",
    read: true,
    write: false,
  },
  update: { write: true, subscriptionId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: false },
  unknown: [
    { property: "subscriptionId" },
    { property: "integrationId", replaces: true },
    { property: "stackId", replaces: true },
  ],
  drift: {
    call: {
      query:
        "mutation($id: ID!) { azureIntegrationAttachmentUpdate(id: $id, read: true, write: false, subscriptionId: null) { id } }",
      variables: { id: "{outs.attachmentId}" },
    },
    expect: { read: true, write: false },
  },
  vanish: {
    query: "mutation($id: ID!) { azureIntegrationDetach(id: $id) { id } }",
    variables: { id: "{outs.attachmentId}" },
  },
};
