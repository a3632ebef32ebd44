import { displayName, label, nonEmpty, slugName } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { markedInList } from "./existing";
import { t } from "../engine/fieldTypes";
import { hookFields } from "./hooks";

/**
 * Context: a named collection of configuration (environment variables, mounted files, hooks)
 * that can be attached to many stacks and modules.
 */
export const context = defineResource({
  kind: "Context",
  doc:
    "A Spacelift **context**: a named collection of configuration elements (environment variables, " +
    "mounted files) and hooks that can be attached to many stacks and modules with a `ContextAttachment`. " +
    "Add variables with `EnvironmentVariable` and files with `MountedFile`.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the context, unique within the account. The context's id is derived from it at creation and never changes.",
      validate: [nonEmpty(), slugName(), displayName()],
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: {
      type: t.set(t.string()),
      doc: "Labels. A label `autoattach:<label>` attaches the context to every stack with `<label>`. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the context belongs to. When unset, Spacelift chooses it and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    ...hookFields("hooks.", ", in every stack or module the context is attached to"),
  },
  // The id is a slug of the name, so Spacelift refuses a second context of one name itself.
  existing: markedInList({
    noun: "context",
    operation: "ContextList",
    listField: "contexts",
    createdAt: true,
  }),
  operations: {
    create: mutation("ContextCreate", "contextCreateV2", { input: arg.input("ContextInput!") }),
    read: query("ContextRead", "context", { id: arg.id() }),
    update: mutation("ContextUpdate", "contextUpdateV2", { id: arg.id(), input: arg.input("ContextInput!") }),
    delete: mutation("ContextDelete", "contextDelete", { id: arg.id() }),
  },
  // Context names are unique per account, so a replacement must free the name first.
  deleteBeforeReplace: true,
});
