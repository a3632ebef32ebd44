import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, variants, type FieldSpec } from "../../engine/descriptor";
import { t, type StringType } from "../../engine/fieldTypes";
import { exactlyOneOf } from "../../engine/rules";
import type { JsonObject, Values } from "../../engine/values";

/**
 * RoleAttachment: a role bound to an API key, a user, a login-provider group or a stack in a
 * space; one class whose target argument selects the binding kind, as
 * terraform-provider-spacelift 8565261 does (resource_role_attachment.go:16-21 for the id prefixes,
 * :40-80 for the arguments). Operations and members follow Bruno's "Roles" requests, which create a
 * user binding with `userRoleBindingCreate` where the Terraform provider uses the batch mutation.
 */

/** Binding kind → the Terraform id prefix, the target argument and the API's member for it. */
const KINDS = {
  API: { field: "apiKeyId", member: "apiKeyID", words: "API key", format: "ULID" },
  USER: { field: "userId", member: "userID", words: "user", format: "ULID" },
  IDP: { field: "idpGroupMappingId", member: "userGroupID", words: "IdP group mapping", format: "ULID" },
  STACK: { field: "stackId", member: "stackID", words: "stack", format: "slug" },
} as const;

type BindingKind = keyof typeof KINDS;

// A value not among the fields: which binding an id names, for reads that know nothing but the id.
const KIND_FROM_ID = "__bindingKind";

function kindOf(values: Values): BindingKind | undefined {
  for (const kind of Object.keys(KINDS) as BindingKind[]) {
    if (typeof values[KINDS[kind].field] === "string") return kind;
  }
  const parsed = values[KIND_FROM_ID];
  return typeof parsed === "string" && parsed in KINDS ? (parsed as BindingKind) : undefined;
}

function target(kind: BindingKind): FieldSpec<StringType> {
  const { member, words, format } = KINDS[kind];
  return {
    type: t.string(),
    gql: false,
    replaceOnChange: true,
    readFrom: { select: member, read: (obj: JsonObject) => obj[member] },
    doc:
      `ID (${format}) of the ${words} the role is bound to. Set exactly one of \`apiKeyId\`, ` +
      "`idpGroupMappingId`, `stackId` and `userId`.",
    validate: [nonEmpty()],
  };
}

function bindingInput(kind: BindingKind) {
  return (values: Values): JsonObject => ({
    [KINDS[kind].member]: values[KINDS[kind].field] ?? null,
    roleID: values["roleId"] ?? null,
    spaceID: values["spaceId"] ?? null,
  });
}

function perKind(make: (kind: BindingKind, prefix: string) => ReturnType<typeof mutation>) {
  return variants({
    API: make("API", "ApiKey"),
    USER: make("USER", "User"),
    IDP: make("IDP", "UserGroup"),
    STACK: make("STACK", "Stack"),
  });
}

const field = (prefix: string): string => `${prefix[0]!.toLowerCase()}${prefix.slice(1)}RoleBinding`;
const selection = (kind: BindingKind): string[] => ["id", "roleID", "spaceID", KINDS[kind].member];

/** RoleAttachment: see the file comment; the binding kind follows the target argument that is set. */
export const roleAttachment = defineResource({
  kind: "RoleAttachment",
  officialClass: false,
  doc:
    "Binds a **role** (`Role`) to an API key, a user, a login-provider group (an `IdpGroupMapping`) or a " +
    "stack, in a space: the target gets the role's actions there. Set exactly one of `apiKeyId`, " +
    "`idpGroupMappingId`, `stackId` and `userId`; it says which binding this is. Bindings have no update: " +
    "every change replaces the binding. The ID is Terraform's: `API/<bindingId>`, `USER/<bindingId>`, " +
    "`IDP/<bindingId>` or `STACK/<bindingId>`.",
  fields: {
    apiKeyId: target("API"),
    idpGroupMappingId: target("IDP"),
    stackId: target("STACK"),
    userId: target("USER"),
    roleId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gql: false,
      readFrom: { select: "roleID", read: (obj: JsonObject) => obj["roleID"] },
      doc: "ID (ULID) of the role to bind.",
      validate: [nonEmpty()],
    },
    spaceId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gql: false,
      readFrom: { select: "spaceID", read: (obj: JsonObject) => obj["spaceID"] },
      doc: "ID of the space in which the target gets the role.",
      validate: [nonEmpty()],
    },
    bindingId: {
      type: t.string(),
      gql: "id",
      computed: true,
      doc: "ID Spacelift gave the binding (the part of the resource ID after the slash).",
    },
  },
  rules: [exactlyOneOf("apiKeyId", "idpGroupMappingId", "stackId", "userId")],
  id: {
    format: "API/<bindingId>, USER/<bindingId>, IDP/<bindingId> or STACK/<bindingId>",
    compose(values) {
      const kind = kindOf(values);
      const id = values["bindingId"];
      return kind !== undefined && typeof id === "string" && id !== "" ? `${kind}/${id}` : undefined;
    },
    parse(id) {
      const [kind, bindingId, ...rest] = id.split("/");
      if (rest.length > 0 || !kind || !(kind in KINDS) || !bindingId) return undefined;
      return { [KIND_FROM_ID]: kind, bindingId };
    },
  },
  immutable: true,
  // A role is bound to a target in a space once: a replacement that keeps all three unbinds first.
  deleteBeforeReplace: true,
  hooks: { selectVariant: kindOf },
  operations: {
    create: perKind((kind, prefix) =>
      mutation(
        `${prefix}RoleBindingCreate`,
        `${field(prefix)}Create`,
        { input: arg.derived(`${prefix}RoleBindingInput!`, bindingInput(kind)) },
        { selection: selection(kind) },
      ),
    ),
    read: perKind((kind, prefix) =>
      query(
        `${prefix}RoleBindingRead`,
        field(prefix),
        { id: arg.field("bindingId", "ID!") },
        { selection: selection(kind) },
      ),
    ),
    delete: perKind((_kind, prefix) =>
      mutation(`${prefix}RoleBindingDelete`, `${field(prefix)}Delete`, { id: arg.field("bindingId", "ID!") }),
    ),
  },
});
