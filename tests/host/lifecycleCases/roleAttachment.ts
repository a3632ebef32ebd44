import type { LifecycleCase } from "../lifecycleCase";

/**
 * RoleAttachment of an API key: no update, so binding another role replaces it, unbinding first.
 * Nothing changes a binding in place, not even outside Pulumi, so there is no drift step.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "RoleAttachment",
  parents: [
    { ref: "key", kind: "ApiKey", inputs: { name: "lifecycle-bound-key-{run}" } },
    { ref: "role", kind: "Role", inputs: { name: "lifecycle-bound-role-{run}", actions: ["SPACE_READ"] } },
    { ref: "other", kind: "Role", inputs: { name: "lifecycle-other-role-{run}", actions: ["SPACE_WRITE"] } },
  ],
  create: { apiKeyId: "{parent.key.id}", roleId: "{parent.role.id}", spaceId: "root" },
  replace: { inputs: { roleId: "{parent.other.id}" }, replaces: ["roleId"], deleteBeforeReplace: true },
  unknown: [
    { property: "apiKeyId", replaces: true },
    { property: "roleId", replaces: true },
    { property: "spaceId", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { apiKeyRoleBindingDelete(id: $id) { id } }",
    variables: { id: "{outs.bindingId}" },
  },
};
