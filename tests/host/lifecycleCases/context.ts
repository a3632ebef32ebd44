import type { LifecycleCase } from "../lifecycleCase";

/** Context: updated in place; hooks are ordered lists nested under `hooks` in the API. */
export const lifecycleCase: LifecycleCase = {
  kind: "Context",
  create: { name: "lifecycle-context-{run}", description: "first", labels: ["one"] },
  update: { description: "second", afterApplies: ["echo applied"], beforePlans: ["echo a", "echo b"] },
  unknown: [{ property: "description" }, { property: "labels" }],
  drift: {
    call: {
      query: "mutation($id: ID!, $input: ContextInput!) { contextUpdateV2(id: $id, input: $input) { id } }",
      variables: { id: "{id}", input: { name: "{outs.name}", description: "changed elsewhere" } },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: {
    query: "mutation($id: ID!) { contextDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
