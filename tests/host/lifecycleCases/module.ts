import type { LifecycleCase } from "../lifecycleCase";

/**
 * Module: settings and source update in place (a VCS block becomes provider and namespace in the
 * API); the Terraform provider, part of the id `terraform-<provider>-<name>`, replaces it, new one
 * first since the new id does not collide.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Module",
  create: {
    name: "lifecycle-module-{run}",
    terraformProvider: "aws",
    repository: "terraform-aws-lifecycle",
    branch: "main",
    description: "first",
    labels: ["one"],
  },
  update: {
    branch: "release",
    description: "second",
    labels: ["one", "two"],
    projectRoot: "modules/lifecycle",
    enableLocalPreview: true,
    gitlab: { namespace: "lifecycle-group" },
  },
  replace: {
    inputs: { terraformProvider: "gcp" },
    replaces: ["terraformProvider"],
    deleteBeforeReplace: false,
  },
  unknown: [{ property: "description" }, { property: "name", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $input: ModuleUpdateV2Input!) { moduleUpdateV2(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: {
          repository: "{outs.repository}",
          branch: "changed-elsewhere",
          description: "changed elsewhere",
        },
      },
    },
    expect: { branch: "changed-elsewhere", description: "changed elsewhere" },
  },
  vanish: { query: "mutation($id: ID!) { moduleDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
