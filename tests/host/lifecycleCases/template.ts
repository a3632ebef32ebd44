import type { LifecycleCase } from "../lifecycleCase";

/**
 * Template: name, description and labels update in place, and so does the space (a template moves);
 * nothing replaces it. Its ID is the slug of its first name and survives the rename.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Template",
  parents: [{ ref: "space", kind: "Space", inputs: { name: "lifecycle-template-space-{run}" } }],
  create: { name: "lifecycle-template-{run}", space: "root", description: "first", labels: ["one"] },
  update: {
    name: "lifecycle-template-{run}-renamed",
    space: "{parent.space.id}",
    description: "second",
    labels: ["one", "two"],
  },
  unknown: [{ property: "name" }, { property: "space" }, { property: "labels" }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $input: TemplateUpdateInput!) { templateUpdate(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: { name: "{outs.name}", space: "root", description: "changed elsewhere", labels: [] },
      },
    },
    expect: { description: "changed elsewhere", space: "root" },
  },
  vanish: { query: "mutation($id: ID!) { templateDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
