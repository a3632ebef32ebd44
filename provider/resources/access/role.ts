import { minLength, nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonObject } from "../../engine/values";
import { matching, quoted } from "../existing";

/**
 * Role: a custom role. Operations and types follow Bruno's "Roles" requests; the arguments follow
 * terraform-provider-spacelift 8565261 (resource_role.go:36-66).
 */
export const role = defineResource({
  kind: "Role",
  officialClass: false,
  doc:
    "A custom **role**: a set of actions (permissions) that role bindings (`RoleAttachment`) grant to API " +
    "keys, users, login-provider groups or stacks in a space. Spacelift refuses actions it does not know, " +
    "naming the valid ones. Changing the roles of an account needs admin access to the `root` space.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Human-readable, free-form name of the role; unique in the account (its slug is made from it).",
      validate: [nonEmpty()],
    },
    description: {
      type: t.string(),
      doc: "Human-readable, free-form description of the role.",
    },
    actions: {
      type: t.set(t.string()),
      required: true,
      doc:
        "Actions the role grants, at least one, e.g. `SPACE_READ`, `SPACE_WRITE`, `SPACE_ADMIN`, `RUN_TRIGGER`, " +
        "`RUN_CONFIRM`. Spacelift checks them against the actions it knows. Order does not matter.",
      validate: [minLength(1)],
      // Only the form is checked here: the list of actions grows with Spacelift, which checks it.
      validateEach: [pattern(/^[A-Z][A-Z0-9_]*$/, "an action name in capitals, e.g. SPACE_READ")],
    },
    slug: {
      type: t.string(),
      computed: true,
      doc: "URL-friendly unique identifier of the role, made from the name.",
    },
  },
  // Names (their slugs) are unique, so Spacelift refuses a second role itself; roles carry no
  // labels for a marker, so only a create sent in this process (or journalled) can claim one.
  existing: {
    op: query("RoleList", "roles", {}),
    candidates: matching({ name: "name" }),
    describe: (values) => `role ${quoted(values["name"])}`,
  },
  operations: {
    create: mutation("RoleCreate", "roleCreate", { input: arg.input("RoleInput!") }),
    read: query("RoleRead", "role", { id: arg.id() }),
    update: mutation(
      "RoleUpdate",
      "roleUpdate",
      { id: arg.id(), input: arg.input("RoleUpdateInput!") },
      // Sending the description as "" clears it; null would keep the old one.
      { shapeInput: (input): JsonObject => ({ ...input, description: input["description"] ?? "" }) },
    ),
    delete: mutation("RoleDelete", "roleDelete", { id: arg.id() }),
  },
});
