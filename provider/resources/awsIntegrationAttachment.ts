import { nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query, type FieldSpec } from "../engine/descriptor";
import { quoted, theObject } from "./existing";
import { t, type StringType } from "../engine/fieldTypes";
import { anyTrue, exactlyOneOf } from "../engine/rules";
import type { JsonObject, JsonValue, Values } from "../engine/values";

/** What an integration is attached to. */
export type TargetKind = "stack" | "module";

/**
 * The `stackId` or `moduleId` argument of an integration attachment: the attachment says whether
 * its target is a module, and its `stackId` holds the id either way.
 */
export function target(kind: TargetKind): FieldSpec<StringType> {
  return {
    type: t.string(),
    gql: false,
    replaceOnChange: true,
    readFrom: {
      select: "stackId isModule",
      read: (obj: JsonObject) =>
        (obj["isModule"] === true) === (kind === "module") ? obj["stackId"] : undefined,
    },
    doc: `ID of the ${kind} to attach the integration to. Set exactly one of \`stackId\` and \`moduleId\`.`,
    validate: [nonEmpty()],
  };
}

/**
 * The stack or module id. The resource ID does not say which of the two it names; Spacelift's
 * lookups take either, and the read tells which one it is.
 */
export function targetId(values: Values): JsonValue | undefined {
  return values["stackOrModuleId"] ?? values["stackId"] ?? values["moduleId"];
}

/** AwsIntegrationAttachment: an AWS integration attached to a stack or a module. */
export const awsIntegrationAttachment = defineResource({
  kind: "AwsIntegrationAttachment",
  doc:
    "Attaches an **AWS integration** to a stack or a module, for reading (plans), writing (applies) or both. A " +
    "stack or module has at most one integration attached for reading and one for writing. `read` and `write` " +
    "update in place; anything else replaces the attachment. The ID is `<integrationId>/<stackOrModuleId>`, " +
    "which is also what `get` and import take.",
  fields: {
    integrationId: {
      type: t.string(),
      required: true,
      gql: false,
      replaceOnChange: true,
      doc: "ID of the AWS integration to attach.",
      validate: [nonEmpty()],
    },
    stackId: target("stack"),
    moduleId: target("module"),
    read: {
      type: t.boolean(),
      default: true,
      doc: "Whether the integration is used for read phases (planning). Defaults to `true`.",
    },
    write: {
      type: t.boolean(),
      default: true,
      doc: "Whether the integration is used for write phases (applying). Defaults to `true`.",
    },
    attachmentId: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gql: "id",
      doc: "ID Spacelift gave the attachment itself.",
    },
  },
  // An attachment that grants neither reading nor writing does nothing; Spacelift refuses it.
  rules: [exactlyOneOf("stackId", "moduleId"), anyTrue("read", "write")],
  id: {
    format: "<integrationId>/<stackOrModuleId>",
    compose(values) {
      const integration = values["integrationId"];
      const project = targetId(values);
      return typeof integration === "string" && typeof project === "string"
        ? `${integration}/${project}`
        : undefined;
    },
    parse(id) {
      const parts = id.split("/");
      if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
      return { integrationId: parts[0], stackOrModuleId: parts[1] };
    },
  },
  // Read by integration and target, which the inputs give; Spacelift refuses a second attachment.
  existing: {
    candidates: theObject,
    describe: (v) =>
      `the attachment of AWS integration ${quoted(v["integrationId"])} to ${quoted(targetId(v))}`,
  },
  operations: {
    create: mutation(
      "AwsIntegrationAttach",
      "awsIntegrationAttach",
      {
        id: arg.field("integrationId", "ID!"),
        stack: arg.derived("ID!", targetId),
        read: arg.field("read", "Boolean!"),
        write: arg.field("write", "Boolean!"),
      },
      // Spacelift refuses the attachment until AWS has propagated the role's trust policy to it;
      // the Terraform provider waits it out, five attempts ten seconds apart
      // (resource_aws_integration_attachment.go).
      { retryWhile: { message: /trust relationship/i, attempts: 5, delayMs: 10_000 } },
    ),
    read: query(
      "AwsIntegrationAttachmentRead",
      "awsIntegration",
      { id: arg.field("integrationId", "ID!", "integration") },
      { path: [{ field: "attachedStack", args: { id: arg.derived("ID!", targetId, "stack") } }] },
    ),
    update: mutation("AwsIntegrationAttachmentUpdate", "awsIntegrationAttachmentUpdate", {
      id: arg.field("attachmentId", "ID!"),
      read: arg.field("read", "Boolean!"),
      write: arg.field("write", "Boolean!"),
    }),
    delete: mutation("AwsIntegrationDetach", "awsIntegrationDetach", {
      id: arg.field("attachmentId", "ID!"),
    }),
  },
});
