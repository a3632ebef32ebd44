import type { LifecycleCase } from "../lifecycleCase";

/** IdpGroupMapping: access updates in place; a new name replaces the mapping, the old one removed first. */
export const lifecycleCase: LifecycleCase = {
  kind: "IdpGroupMapping",
  parents: [
    { ref: "space", kind: "Space", inputs: { name: "lifecycle-group-space-{run}", parentSpaceId: "root" } },
  ],
  create: { name: "lifecycle-group-{run}", policies: [{ spaceId: "root", role: "READ" }] },
  update: {
    policies: [
      { spaceId: "root", role: "READ" },
      { spaceId: "{parent.space.id}", role: "WRITE" },
    ],
  },
  replace: {
    inputs: { name: "lifecycle-group-{run}-renamed" },
    replaces: ["name"],
    deleteBeforeReplace: true,
  },
  unknown: [{ property: "policies" }, { property: "name", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($input: ManagedUserGroupUpdateInput!) { managedUserGroupUpdate(input: $input) { id } }",
      variables: { input: { id: "{id}", accessRules: [{ space: "root", spaceAccessLevel: "ADMIN" }] } },
    },
    expect: { policies: [{ spaceId: "root", role: "ADMIN" }] },
  },
  vanish: {
    query: "mutation($id: ID!) { managedUserGroupDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
