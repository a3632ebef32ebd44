import type { LifecycleCase } from "../lifecycleCase";

/**
 * GitlabIntegration: hosts, token, labels, description, checks and git checkout update in place;
 * the name replaces the integration (its ID is the name's slug). The private token is write-only:
 * only its checksum is an output, and the webhook secret is Spacelift's.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "GitlabIntegration",
  create: {
    name: "lifecycle-gitlab-{run}",
    apiHost: "https://gitlab.example.com",
    userFacingHost: "https://gitlab.example.com",
    privateToken: "glpat-lifecycle-first-{run}",
    labels: ["one"],
  },
  expect: {
    name: "lifecycle-gitlab-{run}",
    apiHost: "https://gitlab.example.com",
    userFacingHost: "https://gitlab.example.com",
    labels: ["one"],
    spaceId: "root",
    isDefault: false,
    vcsChecks: "INDIVIDUAL",
    useGitCheckout: true,
  },
  hiddenInputs: ["privateToken"],
  update: {
    apiHost: "https://gitlab-api.example.com",
    privateToken: "glpat-lifecycle-rotated-{run}",
    description: "second",
    labels: ["one", "two"],
    vcsChecks: "ALL",
    useGitCheckout: false,
  },
  replace: {
    inputs: { name: "lifecycle-gitlab-renamed-{run}" },
    replaces: ["name"],
    deleteBeforeReplace: true,
  },
  unknown: [{ property: "apiHost" }, { property: "privateToken" }, { property: "name", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!) { gitlabIntegrationUpdate(customInput: { id: $id, space: "root", description: "changed elsewhere" }) { id } }',
      variables: { id: "{id}" },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: {
    query: "mutation($id: ID!) { gitlabIntegrationDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
