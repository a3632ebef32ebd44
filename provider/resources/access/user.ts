import { nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonObject } from "../../engine/values";
import { matching } from "../existing";
import { spaceAccessPolicies } from "./spaceAccess";

/**
 * User: a user invited to the account, with access to spaces. Terraform's provider (v1.9.3)
 * refuses to change the e-mail or the username; here changing either replaces the user (a new
 * invitation), the old one removed first since both may share the e-mail.
 */
export const user = defineResource({
  kind: "User",
  doc:
    "A **user** invited to the account, and the access to spaces it has. Spacelift e-mails the invitation; the " +
    "user stays pending until they accept it. Changing the e-mail or the username replaces the user: the old " +
    "user is removed, then a new invitation sent.",
  fields: {
    invitationEmail: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      doc: "Email of the user. Used for sending an invitation.",
      validate: [nonEmpty(), pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an e-mail address")],
    },
    username: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      doc: "Username of the user.",
      validate: [nonEmpty()],
    },
    policies: spaceAccessPolicies("the user"),
  },
  deleteBeforeReplace: true,
  // Spacelift refuses a second user of one username: the engine looks for its own after a refusal
  // or a lost answer.
  existing: {
    op: query("UserList", "managedUsers", {}),
    candidates: matching({ username: "username" }),
    describe: (v) => `user ${JSON.stringify(v["username"])}`,
  },
  operations: {
    create: mutation("ManagedUserInvite", "managedUserInvite", {
      input: arg.input("ManagedUserInviteInput!"),
    }),
    read: query("ManagedUser", "managedUser", { id: arg.id() }),
    // The update input names the user and carries only the access rules.
    update: mutation(
      "ManagedUserUpdate",
      "managedUserUpdate",
      { input: arg.inputWithId("ManagedUserUpdateInput!") },
      {
        shapeInput: (input): JsonObject => ({
          id: input["id"] ?? null,
          accessRules: input["accessRules"] ?? [],
        }),
      },
    ),
    delete: mutation("ManagedUserDelete", "managedUserDelete", { id: arg.id() }),
  },
});
