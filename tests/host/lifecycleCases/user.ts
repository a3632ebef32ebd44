import type { LifecycleCase } from "../lifecycleCase";

/**
 * User: access updates in place; a new e-mail or username replaces the user, the old one removed
 * first. Invited users stay pending in the emulator.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "User",
  parents: [
    { ref: "space", kind: "Space", inputs: { name: "lifecycle-user-space-{run}", parentSpaceId: "root" } },
  ],
  create: {
    invitationEmail: "user-{run}@example.com",
    username: "lifecycle-user-{run}",
    policies: [{ spaceId: "root", role: "READ" }],
  },
  update: {
    policies: [
      { spaceId: "root", role: "WRITE" },
      { spaceId: "{parent.space.id}", role: "ADMIN" },
    ],
  },
  replace: {
    inputs: { username: "lifecycle-user-{run}-renamed" },
    replaces: ["username"],
    deleteBeforeReplace: true,
  },
  unknown: [{ property: "policies" }, { property: "invitationEmail", replaces: true }],
  drift: {
    call: {
      query: "mutation($input: ManagedUserUpdateInput!) { managedUserUpdate(input: $input) { id } }",
      variables: { input: { id: "{id}", accessRules: [{ space: "root", spaceAccessLevel: "READ" }] } },
    },
    expect: { policies: [{ spaceId: "root", role: "READ" }] },
  },
  vanish: { query: "mutation($id: ID!) { managedUserDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
