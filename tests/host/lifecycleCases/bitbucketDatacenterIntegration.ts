import type { LifecycleCase } from "../lifecycleCase";

/**
 * BitbucketDatacenterIntegration: hosts, user, token, labels, description, checks and git checkout
 * update in place; the name and the default flag replace it. The access token is write-only; the
 * webhook secret is Spacelift's, and its URL is spelt `webhookURL` by the API.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "BitbucketDatacenterIntegration",
  create: {
    name: "lifecycle-bitbucket-dc-{run}",
    apiHost: "https://bitbucket.example.com",
    userFacingHost: "https://bitbucket.example.com",
    username: "spacelift",
    accessToken: "bbdc-token-first-{run}",
  },
  expect: {
    name: "lifecycle-bitbucket-dc-{run}",
    apiHost: "https://bitbucket.example.com",
    userFacingHost: "https://bitbucket.example.com",
    username: "spacelift",
    spaceId: "root",
    isDefault: false,
    vcsChecks: "INDIVIDUAL",
  },
  hiddenInputs: ["accessToken"],
  update: {
    userFacingHost: "https://bitbucket.internal.example.com",
    username: "spacelift-bot",
    accessToken: "bbdc-token-rotated-{run}",
    labels: ["one"],
    useGitCheckout: false,
  },
  replace: {
    inputs: { name: "lifecycle-bitbucket-dc-renamed-{run}" },
    replaces: ["name"],
    deleteBeforeReplace: true,
  },
  unknown: [{ property: "username" }, { property: "accessToken" }, { property: "name", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $api: String!, $ufh: String!) { bitbucketDatacenterIntegrationUpdate(apiHost: $api, userFacingHost: $ufh, username: "someone-else", customInput: { id: $id, space: "root" }) { id } }',
      variables: { id: "{id}", api: "{outs.apiHost}", ufh: "{outs.userFacingHost}" },
    },
    expect: { username: "someone-else" },
  },
  vanish: {
    query: "mutation($id: ID!) { bitbucketDatacenterIntegrationDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
