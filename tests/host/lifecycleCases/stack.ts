import type { LifecycleCase } from "../lifecycleCase";

/**
 * Stack: a GitHub Terraform stack, updated in place into a Pulumi stack read from GitLab (vendor
 * and VCS blocks fold into `vendorConfig` and `provider`/`namespace`); `manageState` replaces it,
 * the old stack first since the new one takes the same slug. Deletion is asynchronous: the host's
 * delete waits until the stack is gone (the emulator here finishes deletions at once; the waiting
 * itself is tested in tests/unit/resources/stack.spec.ts).
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Stack",
  create: {
    name: "lifecycle-stack-{run}",
    repository: "infra",
    branch: "main",
    description: "first",
    labels: ["one"],
    afterApplies: ["echo applied"],
  },
  update: {
    description: "second",
    autodeploy: true,
    beforeInits: ["echo init", "echo again"],
    pulumi: { loginUrl: "s3://lifecycle-state", stackName: "lifecycle" },
    gitlab: { namespace: "platform" },
  },
  replace: { inputs: { manageState: false }, replaces: ["manageState"], deleteBeforeReplace: true },
  unknown: [
    { property: "description" },
    { property: "pulumi" },
    { property: "slug", replaces: true },
    { property: "manageState", replaces: true },
  ],
  drift: {
    call: {
      query: "mutation($id: ID!, $input: StackInput!) { stackUpdate(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: {
          name: "{outs.name}",
          repository: "infra",
          branch: "main",
          administrative: false,
          autodeploy: true,
          description: "changed elsewhere",
          labels: ["one"],
          provider: "GITLAB",
          namespace: "platform",
        },
      },
    },
    expect: { description: "changed elsewhere", gitlab: { namespace: "platform" } },
  },
  vanish: {
    query: "mutation($id: ID!) { stackDelete(id: $id) { id deleting } }",
    variables: { id: "{id}" },
  },
};
