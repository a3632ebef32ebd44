import type { LifecycleCase } from "../lifecycleCase";

/** RoleAttachment of an IdP group mapping: the user-group-binding operations. */
export const lifecycleCase: LifecycleCase = {
  kind: "RoleAttachment",
  parents: [
    {
      ref: "group",
      kind: "IdpGroupMapping",
      inputs: { name: "lifecycle-bound-group-{run}", policies: [{ spaceId: "root", role: "READ" }] },
    },
    { ref: "role", kind: "Role", inputs: { name: "lifecycle-group-role-{run}", actions: ["SPACE_WRITE"] } },
    { ref: "other", kind: "Role", inputs: { name: "lifecycle-group-other-{run}", actions: ["SPACE_ADMIN"] } },
  ],
  create: { idpGroupMappingId: "{parent.group.id}", roleId: "{parent.role.id}", spaceId: "root" },
  replace: { inputs: { roleId: "{parent.other.id}" }, replaces: ["roleId"], deleteBeforeReplace: true },
  unknown: [{ property: "idpGroupMappingId", replaces: true }],
  vanish: {
    query: "mutation($id: ID!) { userGroupRoleBindingDelete(id: $id) { id } }",
    variables: { id: "{outs.bindingId}" },
  },
};
