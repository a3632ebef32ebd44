import type { LifecycleCase } from "../lifecycleCase";

/**
 * AzureDevopsIntegration: organization URL, token, projects, labels, description, checks and git
 * checkout update in place; the name and the user-facing host replace it. The user-facing host
 * defaults to the organization URL. The personal access token is write-only; the webhook password
 * is Spacelift's.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "AzureDevopsIntegration",
  create: {
    name: "lifecycle-azure-devops-{run}",
    organizationUrl: "https://dev.azure.com/lifecycle",
    personalAccessToken: "ado-pat-first-{run}",
  },
  expect: {
    name: "lifecycle-azure-devops-{run}",
    organizationUrl: "https://dev.azure.com/lifecycle",
    userFacingHost: "https://dev.azure.com/lifecycle",
    spaceId: "root",
    isDefault: false,
    vcsChecks: "INDIVIDUAL",
    useGitCheckout: true,
  },
  hiddenInputs: ["personalAccessToken"],
  update: {
    organizationUrl: "https://dev.azure.com/lifecycle-moved",
    personalAccessToken: "ado-pat-rotated-{run}",
    accessibleProjects: ["infra", "apps"],
    description: "second",
    labels: ["team"],
    vcsChecks: "AGGREGATED",
  },
  replace: {
    inputs: { userFacingHost: "https://ado.internal.example.com" },
    replaces: ["userFacingHost"],
    deleteBeforeReplace: true,
  },
  unknown: [{ property: "organizationUrl" }, { property: "name", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $org: String!) { azureDevOpsRepoIntegrationUpdate(organizationURL: $org, customInput: { id: $id, space: "root", vcsChecks: ALL }) { id } }',
      variables: { id: "{id}", org: "{outs.organizationUrl}" },
    },
    expect: { vcsChecks: "ALL" },
  },
  vanish: {
    query: "mutation($id: ID!) { azureDevOpsRepoIntegrationDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
