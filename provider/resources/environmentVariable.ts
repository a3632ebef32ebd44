import { envVarName } from "../engine/constraints";
import { defineResource } from "../engine/descriptor";
import { t } from "../engine/fieldTypes";
import {
  configElementId,
  configElementExisting,
  configElementOperations,
  configParentFields,
  configParentKindOf,
  configParentRules,
  type ConfigElementKind,
} from "./configElement";

const VARIABLE: ConfigElementKind = {
  configType: "ENVIRONMENT_VARIABLE",
  key: "name",
  operationNoun: "EnvironmentVariable",
};

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
    ...configParentFields("variable"),
    name: {
      type: t.string(),
      gql: "id",
      autoName: "identifier",
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
      alwaysSet: true,
      doc: "Lowercase hex SHA-256 of the value.",
    },
  },
  rules: configParentRules,
  id: configElementId("name"),
  immutable: true,
  // Variable names are unique per parent and the add mutation is an upsert: creating the
  // replacement first and then deleting the old one would delete the new value.
  deleteBeforeReplace: true,
  hooks: { selectVariant: configParentKindOf },
  existing: configElementExisting(VARIABLE, "environment variable"),
  operations: configElementOperations(VARIABLE),
});
