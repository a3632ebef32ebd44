import type { LifecycleCase } from "../lifecycleCase";

/** Role: name, description and actions update in place; nothing forces replacement. */
export const lifecycleCase: LifecycleCase = {
  kind: "Role",
  create: { name: "lifecycle-role-{run}", description: "first", actions: ["SPACE_READ"] },
  update: { description: "second", actions: ["RUN_TRIGGER", "SPACE_READ"] },
  unknown: [{ property: "description" }, { property: "actions" }],
  drift: {
    call: {
      query: 'mutation($id: ID!) { roleUpdate(id: $id, input: { actions: ["SPACE_WRITE"] }) { id } }',
      variables: { id: "{id}" },
    },
    expect: { actions: ["SPACE_WRITE"] },
  },
  vanish: { query: "mutation($id: ID!) { roleDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
