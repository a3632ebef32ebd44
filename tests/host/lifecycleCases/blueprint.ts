import type { LifecycleCase } from "../lifecycleCase";

const TEMPLATE =
  'inputs:\n  - id: stack_name\n    name: Stack Name\n    type: SHORT_STRING\nstack:\n  name: ${{ inputs.stack_name }}\n  space: root\n  vcs:\n    branch: main\n    repository: demo\n    provider: GITHUB\n  vendor:\n    terraform:\n      manage_state: true\n      version: "1.5.7"\n';

/**
 * Blueprint: name, space, state, description and labels update in place (a draft is published by
 * an update); a new template replaces the blueprint, the new one first.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Blueprint",
  create: {
    name: "lifecycle-blueprint-{run}",
    space: "root",
    state: "DRAFT",
    description: "first",
    labels: ["one"],
    template: TEMPLATE,
  },
  update: {
    name: "lifecycle-blueprint-{run}-renamed",
    state: "PUBLISHED",
    description: "second",
    labels: ["one", "two"],
  },
  replace: {
    inputs: { template: TEMPLATE.replace("main", "release") },
    replaces: ["template"],
    deleteBeforeReplace: false,
  },
  unknown: [{ property: "template", replaces: true }, { property: "state" }, { property: "space" }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $input: BlueprintCreateInput!) { blueprintUpdate(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: {
          name: "{outs.name}",
          space: "root",
          state: "DRAFT",
          description: "changed elsewhere",
          labels: [],
          template: "{outs.template}",
        },
      },
    },
    expect: { description: "changed elsewhere", state: "DRAFT" },
  },
  vanish: {
    query: "mutation($id: ID!) { blueprintDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
