import type { LifecycleCase } from "../lifecycleCase";

const TENANT = "11111111-2222-4333-8444-555555555555";

/**
 * AzureIntegration: name, labels, default subscription, space and auto-attachment update in place;
 * the tenant forces a replacement (a new Azure AD application). The application's ids, display
 * name and consent URL are Spacelift's.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "AzureIntegration",
  create: { name: "lifecycle-azure-{run}", tenantId: TENANT, labels: ["one"] },
  expect: {
    name: "lifecycle-azure-{run}",
    tenantId: TENANT,
    labels: ["one"],
    autoattachEnabled: false,
    adminConsentProvided: false,
    spaceId: "root",
  },
  update: {
    name: "lifecycle-azure-renamed-{run}",
    defaultSubscriptionId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
    autoattachEnabled: true,
    labels: ["one", "two"],
  },
  replace: {
    inputs: { tenantId: "99999999-8888-4777-8666-555555555555" },
    replaces: ["tenantId"],
    deleteBeforeReplace: false,
  },
  unknown: [{ property: "name" }, { property: "tenantId", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $name: String!) { azureIntegrationUpdate(id: $id, name: $name, labels: [], defaultSubscriptionId: null, space: "root") { id } }',
      variables: { id: "{id}", name: "{outs.name}" },
    },
    expect: { autoattachEnabled: false },
  },
  vanish: {
    query: "mutation($id: ID!) { azureIntegrationDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
