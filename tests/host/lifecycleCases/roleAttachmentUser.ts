import type { LifecycleCase } from "../lifecycleCase";

/** RoleAttachment of an invited user: the user-binding operations, otherwise as for an API key. */
export const lifecycleCase: LifecycleCase = {
  kind: "RoleAttachment",
  parents: [
    {
      ref: "user",
      kind: "User",
      inputs: {
        invitationEmail: "lifecycle-bound-{run}@example.com",
        username: "lifecycle-bound-{run}",
        policies: [{ spaceId: "root", role: "READ" }],
      },
    },
    { ref: "role", kind: "Role", inputs: { name: "lifecycle-user-role-{run}", actions: ["SPACE_READ"] } },
    { ref: "other", kind: "Role", inputs: { name: "lifecycle-user-other-{run}", actions: ["RUN_TRIGGER"] } },
  ],
  create: { userId: "{parent.user.id}", roleId: "{parent.role.id}", spaceId: "root" },
  replace: { inputs: { roleId: "{parent.other.id}" }, replaces: ["roleId"], deleteBeforeReplace: true },
  unknown: [{ property: "userId", replaces: true }],
  vanish: {
    query: "mutation($id: ID!) { userRoleBindingDelete(id: $id) { id } }",
    variables: { id: "{outs.bindingId}" },
  },
};
