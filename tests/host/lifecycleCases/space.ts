import type { LifecycleCase } from "../lifecycleCase";

/** Space: everything updates in place, including the move to another parent. */
export const lifecycleCase: LifecycleCase = {
  kind: "Space",
  parents: [{ ref: "newParent", kind: "Space", inputs: { name: "lifecycle-parent-{run}" } }],
  create: { name: "lifecycle-space-{run}", description: "first" },
  expect: {
    name: "lifecycle-space-{run}",
    description: "first",
    parentSpaceId: "root",
    inheritEntities: false,
  },
  update: {
    description: "second",
    labels: ["lifecycle"],
    inheritEntities: true,
    parentSpaceId: "{parent.newParent.id}",
  },
  unknown: [{ property: "description" }, { property: "parentSpaceId" }],
  drift: {
    call: {
      query:
        "mutation($space: ID!, $input: SpaceInput!) { spaceUpdate(space: $space, input: $input) { id } }",
      variables: {
        space: "{id}",
        input: {
          name: "{outs.name}",
          description: "changed elsewhere",
          inheritEntities: true,
          parentSpace: "{outs.parentSpaceId}",
        },
      },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: {
    query: "mutation($space: ID!) { spaceDelete(space: $space) { id } }",
    variables: { space: "{id}" },
  },
};
