import { base64, filePath, nonEmpty, pattern } from "../engine/constraints";
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

const FILE: ConfigElementKind = {
  configType: "FILE_MOUNT",
  key: "relativePath",
  operationNoun: "MountedFile",
};

/**
 * MountedFile: a file Spacelift writes into the workspace of every run of a context's stacks, a
 * stack or a module. Like an environment variable it has no update, so every change replaces it.
 */
export const mountedFile = defineResource({
  kind: "MountedFile",
  // The official provider's class is `Mountedfile` (Terraform's `spacelift_mountedfile`).
  classAliases: ["Mountedfile"],
  officialClass: "Mountedfile",
  doc:
    "A **mounted file** defined on a context, a stack or a module: Spacelift writes it into the workspace " +
    "of every run, at `relativePath`. The content is sent Base64-encoded. By default it is write-only: " +
    "Spacelift never returns the content, only the SHA-256 checksum of the Base64 text, and the content is " +
    "not stored in Pulumi outputs (only `checksum` is). Every change replaces the file.",
  fields: {
    ...configParentFields("file"),
    relativePath: {
      type: t.string(),
      gql: "id",
      required: true,
      doc:
        "Path of the file relative to the workspace root (e.g. `config/app.json`), unique on its parent. " +
        "It must not start with `/` or contain `..` segments.",
      validate: [
        nonEmpty(),
        pattern(/^(?!\/)/, "a relative path (not starting with /)"),
        pattern(/^(?!(?:.*\/)?\.\.(?:\/|$))/, "a path without .. segments"),
        filePath(),
      ],
    },
    content: {
      type: t.string(),
      required: true,
      gql: "value",
      secret: true,
      writeOnly: { checksumField: "checksum" },
      // Never requested back: the checksum is enough to detect drift.
      gqlOutput: false,
      doc:
        'Content of the file, Base64-encoded with padding (e.g. `Buffer.from(text).toString("base64")`). ' +
        "Never kept in outputs; the `checksum` output holds its SHA-256.",
      validate: [base64()],
    },
    writeOnly: {
      type: t.boolean(),
      default: true,
      doc: "Whether the content is secret: Spacelift never returns it. Defaults to `true`.",
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    checksum: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "Lowercase hex SHA-256 of the Base64 content exactly as sent.",
    },
  },
  rules: configParentRules,
  id: configElementId("relativePath"),
  immutable: true,
  // Paths are unique per parent and the add mutation is an upsert: creating the replacement first
  // and then deleting the old file would delete the new content.
  deleteBeforeReplace: true,
  hooks: { selectVariant: configParentKindOf },
  existing: configElementExisting(FILE, "mounted file"),
  operations: configElementOperations(FILE),
});
