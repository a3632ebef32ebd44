import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonObject } from "../../engine/values";
import { matching } from "../existing";
import { spaceAccessPolicies } from "./spaceAccess";

/** IdpGroupMapping: the access to spaces of the members of a login-provider (IdP) group. */
export const idpGroupMapping = defineResource({
  kind: "IdpGroupMapping",
  doc:
    "An **IdP group mapping**: the access to spaces that members of a group of the account's login provider " +
    "(identity provider) get. Changing the name replaces the mapping, the old one removed first since names " +
    "are unique.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      replaceOnChange: true,
      gql: "groupName",
      doc: "Name of the user group - should be unique in one account.",
      validate: [nonEmpty()],
    },
    policies: spaceAccessPolicies("the group"),
  },
  deleteBeforeReplace: true,
  // Spacelift refuses a second group of one name: the engine looks for its own after a refusal or a
  // lost answer.
  existing: {
    op: query("IdpGroupMappingList", "managedUserGroups", {}),
    candidates: matching({ groupName: "name" }),
    describe: (v) => `IdP group mapping ${JSON.stringify(v["name"])}`,
  },
  operations: {
    create: mutation("ManagedUserGroupCreate", "managedUserGroupCreate", {
      input: arg.input("ManagedUserGroupCreateInput!"),
    }),
    read: query("ManagedUserGroup", "managedUserGroup", { id: arg.id() }),
    // The update input names the group and carries only the access rules.
    update: mutation(
      "ManagedUserGroupUpdate",
      "managedUserGroupUpdate",
      { input: arg.inputWithId("ManagedUserGroupUpdateInput!") },
      {
        shapeInput: (input): JsonObject => ({
          id: input["id"] ?? null,
          accessRules: input["accessRules"] ?? [],
        }),
      },
    ),
    delete: mutation("ManagedUserGroupDelete", "managedUserGroupDelete", { id: arg.id() }),
  },
});
