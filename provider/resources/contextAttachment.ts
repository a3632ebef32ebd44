import { min, nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query, variants } from "../engine/descriptor";
import { t } from "../engine/fieldTypes";
import {
  attachmentExisting,
  attachmentId,
  attachmentIdField,
  attachmentTargetFields,
  attachmentTargetKindOf,
  attachmentTargetRules,
  selectAttachment,
} from "./attachment";

const attachedStacks = [{ field: "attachedStacks", args: {} }];

/**
 * ContextAttachment: a context attached to a stack or a module, with a priority. Spacelift has no
 * update for it, so every change replaces it.
 */
export const contextAttachment = defineResource({
  kind: "ContextAttachment",
  doc:
    "Attaches a **context** to a stack or a module, so that its environment variables, mounted files and hooks " +
    "apply to every run there. When several attached contexts define the same element, the one with the lowest " +
    "`priority` wins. Every change replaces the attachment. The ID is `<contextId>/<attachmentId>`; to look an " +
    "existing attachment up with `get`, `<contextId>/<stackOrModuleId>` works too.",
  fields: {
    contextId: {
      type: t.string(),
      gql: false,
      required: true,
      doc: "ID of the context to attach.",
      validate: [nonEmpty()],
    },
    ...attachmentTargetFields("context"),
    priority: {
      type: t.int(),
      default: 0,
      gqlInput: false,
      doc:
        "Priority of the context among those attached to the same stack or module; lower numbers win. " +
        "Defaults to `0`.",
      validate: [min(0)],
    },
    attachmentId: attachmentIdField,
  },
  rules: attachmentTargetRules,
  id: attachmentId("contextId"),
  immutable: true,
  // A context can be attached to a target only once: a replacement that keeps both must detach first.
  deleteBeforeReplace: true,
  hooks: { selectVariant: attachmentTargetKindOf, selectFromList: selectAttachment },
  existing: attachmentExisting("context", "contextId"),
  operations: {
    create: variants({
      stack: mutation("StackContextAttach", "contextAttach", {
        id: arg.field("contextId", "ID!"),
        stack: arg.field("stackId", "ID!"),
        priority: arg.field("priority", "Int!"),
      }),
      module: mutation("ModuleContextAttach", "contextAttach", {
        id: arg.field("contextId", "ID!"),
        stack: arg.field("moduleId", "ID!"),
        priority: arg.field("priority", "Int!"),
      }),
    }),
    read: query(
      "ContextAttachmentRead",
      "context",
      { id: arg.field("contextId", "ID!") },
      { path: attachedStacks },
    ),
    delete: mutation("ContextDetach", "contextDetach", { id: arg.field("attachmentId", "ID!") }),
  },
});
