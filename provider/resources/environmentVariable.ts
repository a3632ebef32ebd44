import { envVarName, nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query, variants, type FieldSpec } from "../engine/descriptor";
import { t, type StringType } from "../engine/fieldTypes";
import { exactlyOneOf } from "../engine/rules";
import type { Values } from "../engine/values";

/** The kinds of object an environment variable can live on, in id order. */
const PARENTS = { context: "contextId", stack: "stackId", module: "moduleId" } as const;
type ParentKind = keyof typeof PARENTS;

function parentField(kind: ParentKind): FieldSpec<StringType> {
  return {
    type: t.string(),
    gql: false,
    doc: `ID of the ${kind} the variable is defined on. Set exactly one of \`contextId\`, \`stackId\` and \`moduleId\`.`,
    validate: [nonEmpty()],
  };
}

/**
 * The parent kind the values point at; the operations differ by it (`contextConfigAdd` on a
 * context, `stackConfigAdd` on a stack or a module, which the API treats as a stack).
 */
function parentKindOf(values: Values): ParentKind | undefined {
  return (Object.keys(PARENTS) as ParentKind[]).find((kind) => typeof values[PARENTS[kind]] === "string");
}

const CONFIG_TYPE = { type: "ENVIRONMENT_VARIABLE" } as const;
const configElement = (variable: string) => [
  { field: "configElement", args: { id: arg.field("name", "ID!", variable) } },
];

/**
 * EnvironmentVariable: one variable on a context, a stack or a module. Spacelift has no update for
 * it, so every change replaces it.
 */
export const environmentVariable = defineResource({
  kind: "EnvironmentVariable",
  doc:
    "An **environment variable** defined on a context, a stack or a module. By default it is write-only: " +
    "Spacelift never returns the value, only its SHA-256 checksum, and the value is not stored in Pulumi outputs " +
    "(only `checksum` is). Every change replaces the variable.",
  fields: {
    contextId: parentField("context"),
    stackId: parentField("stack"),
    moduleId: parentField("module"),
    name: {
      type: t.string(),
      gql: "id",
      required: true,
      doc: "Name of the environment variable, unique on its parent.",
      validate: [envVarName()],
    },
    value: {
      type: t.string(),
      default: "",
      secret: true,
      writeOnly: { checksumField: "checksum" },
      // Never requested back: the checksum is enough to detect drift, and the clear text of a
      // non-write-only variable would only travel for nothing.
      gqlOutput: false,
      doc: "Value of the variable. Defaults to an empty string. Never kept in outputs; the `checksum` output holds its SHA-256.",
    },
    writeOnly: {
      type: t.boolean(),
      default: true,
      doc: "Whether the value is secret: Spacelift masks it in logs and never returns it. Defaults to `true`.",
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    checksum: {
      type: t.string(),
      computed: true,
      doc: "Lowercase hex SHA-256 of the value.",
    },
  },
  rules: [exactlyOneOf("contextId", "stackId", "moduleId")],
  id: {
    format: "context/<contextId>/<name>, stack/<stackId>/<name> or module/<moduleId>/<name>",
    compose(values) {
      const kind = parentKindOf(values);
      const name = values["name"];
      return kind && typeof name === "string"
        ? `${kind}/${String(values[PARENTS[kind]])}/${name}`
        : undefined;
    },
    parse(id) {
      const [kind, parent, ...rest] = id.split("/");
      const name = rest.join("/");
      if (!kind || !(kind in PARENTS) || !parent || !name) return undefined;
      return { [PARENTS[kind as ParentKind]]: parent, name };
    },
  },
  immutable: true,
  // Variable names are unique per parent and the add mutation is an upsert: creating the
  // replacement first and then deleting the old one would delete the new value.
  deleteBeforeReplace: true,
  hooks: { selectVariant: parentKindOf },
  operations: {
    create: variants({
      context: mutation("ContextEnvironmentVariableCreate", "contextConfigAdd", {
        context: arg.field("contextId", "ID!"),
        config: arg.input("ConfigInput!", CONFIG_TYPE),
      }),
      stack: mutation("StackEnvironmentVariableCreate", "stackConfigAdd", {
        stack: arg.field("stackId", "ID!"),
        config: arg.input("ConfigInput!", CONFIG_TYPE),
      }),
      module: mutation("ModuleEnvironmentVariableCreate", "stackConfigAdd", {
        stack: arg.field("moduleId", "ID!"),
        config: arg.input("ConfigInput!", CONFIG_TYPE),
      }),
    }),
    read: variants({
      context: query(
        "ContextEnvironmentVariableRead",
        "context",
        { id: arg.field("contextId", "ID!", "context") },
        { path: configElement("name") },
      ),
      stack: query(
        "StackEnvironmentVariableRead",
        "stack",
        { id: arg.field("stackId", "ID!", "stack") },
        { path: configElement("name") },
      ),
      module: query(
        "ModuleEnvironmentVariableRead",
        "module",
        { id: arg.field("moduleId", "ID!", "module") },
        { path: configElement("name") },
      ),
    }),
    delete: variants({
      context: mutation("ContextEnvironmentVariableDelete", "contextConfigDelete", {
        context: arg.field("contextId", "ID!"),
        id: arg.field("name", "ID!"),
      }),
      stack: mutation("StackEnvironmentVariableDelete", "stackConfigDelete", {
        stack: arg.field("stackId", "ID!"),
        id: arg.field("name", "ID!"),
      }),
      module: mutation("ModuleEnvironmentVariableDelete", "stackConfigDelete", {
        stack: arg.field("moduleId", "ID!"),
        id: arg.field("name", "ID!"),
      }),
    }),
  },
});
