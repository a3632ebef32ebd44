import type { LifecycleCase } from "../lifecycleCase";

/** RoleAttachment of a stack: the stack-binding operations, otherwise as for an API key. */
export const lifecycleCase: LifecycleCase = {
  kind: "RoleAttachment",
  parents: [
    {
      ref: "stack",
      kind: "Stack",
      inputs: { name: "lifecycle-bound-stack-{run}", repository: "infra", branch: "main" },
    },
    { ref: "role", kind: "Role", inputs: { name: "lifecycle-stack-role-{run}", actions: ["SPACE_READ"] } },
    { ref: "space", kind: "Space", inputs: { name: "lifecycle-binding-space-{run}", parentSpaceId: "root" } },
  ],
  create: { stackId: "{parent.stack.id}", roleId: "{parent.role.id}", spaceId: "root" },
  replace: { inputs: { spaceId: "{parent.space.id}" }, replaces: ["spaceId"], deleteBeforeReplace: true },
  unknown: [{ property: "stackId", replaces: true }],
  vanish: {
    query: "mutation($id: ID!) { stackRoleBindingDelete(id: $id) { id } }",
    variables: { id: "{outs.bindingId}" },
  },
};
