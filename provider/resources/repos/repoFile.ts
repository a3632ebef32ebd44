import { filePath, nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query, type CompositeIdSpec } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";

/** What a revision does to the file; the values Spacelift's Terraform provider sends (8565261, resource_repo_file.go:127,200,211). */
type FileAction = "CREATE" | "UPDATE" | "DELETE";

/** The commit message when the program sets none (and of the deletion revision, see the class doc). */
export const DEFAULT_COMMIT_MESSAGE = "Managed by Pulumi";

/** The author name when the program sets none. */
export const DEFAULT_AUTHOR_NAME = "Pulumi";

function text(values: Values, name: string, fallback: string | null): string | null {
  const v = values[name];
  return typeof v === "string" ? v : fallback;
}

/**
 * `RevisionCreateInput` committing this one file. Files a revision leaves out carry forward
 * unchanged, so a revision of one file touches no other. The content travels Base64-encoded
 * (structs/repo_file.go:39-40). A deletion sends no content or mode: Terraform notes that a mode
 * sent with a deletion makes Spacelift treat the file as changed rather than removed
 * (resource_repo_file.go:230).
 */
function revisionInput(action: FileAction) {
  return (values: Values): JsonValue => {
    const file: JsonObject = { path: text(values, "path", null), action };
    if (action !== "DELETE") {
      file["content"] = Buffer.from(text(values, "content", "") ?? "", "utf8").toString("base64");
      file["encrypt"] = values["encrypt"] === true;
      file["fileMode"] = text(values, "fileMode", null);
    }
    return {
      repoID: text(values, "repoId", null),
      message: text(values, "commitMessage", DEFAULT_COMMIT_MESSAGE),
      authorName: text(values, "authorName", DEFAULT_AUTHOR_NAME),
      authorEmail: text(values, "authorEmail", null),
      files: [file],
    };
  };
}

/** The newest version of the file: the first edge of its history. */
function newestVersion(items: readonly JsonValue[]): JsonValue | undefined {
  return items[0];
}

/** A file whose newest version is a deletion is gone, though its history remains. */
function deleted(raw: Values): boolean {
  const node = raw["node"];
  return isRecord(node) && node["isDeleted"] === true;
}

/**
 * Spacelift never returns an encrypted file's content, so a read keeps the content last written
 * (as Terraform keeps it in state, resource_repo_file.go:181-188) instead of reporting it gone.
 */
function keepEncryptedContent(api: Values, known: Values): Values {
  if (api["content"] !== undefined || api["encrypt"] !== true || known["content"] === undefined) return api;
  return { ...api, content: known["content"] };
}

function decodeContent(value: JsonValue): JsonValue | undefined {
  return typeof value === "string" ? Buffer.from(value, "base64").toString("utf8") : undefined;
}

/** `<repoId>/<path>`, Terraform's import ID (resource_repo_file.go:260-274); the path may hold `/`. */
const repoFileId: CompositeIdSpec = {
  format: "<repoId>/<path>",
  compose: (v) =>
    typeof v["repoId"] === "string" && typeof v["path"] === "string"
      ? `${v["repoId"]}/${v["path"]}`
      : undefined,
  parse: (id) => {
    const slash = id.indexOf("/");
    if (slash <= 0 || slash === id.length - 1) return undefined;
    return { repoId: id.slice(0, slash), path: id.slice(slash + 1) };
  },
};

const revisionSelection = { selection: ["id", "sha"] } as const;

/**
 * RepoFile: one file of a Spacelift repo, kept as revisions, as `spacelift_repo_file`
 * (terraform-provider-spacelift 8565261, resource_repo_file.go): every write is
 * `revisionCreate(input: RevisionCreateInput!)` with one file and an action (`CREATE`, `UPDATE`,
 * `DELETE`); the read is the newest entry of `repoFileHistory(repoID: ID!, filePath: String!,
 * first: Int)`, and a newest entry marked deleted means the file is gone. Bruno's Repos requests
 * use the same operations and input names. The commit metadata is `createOnly`: as in Terraform
 * (resource_repo_file.go:195-198), changing only the message or author commits nothing.
 */
export const repoFile = defineResource({
  kind: "RepoFile",
  officialClass: false,
  doc:
    "A **file in a Spacelift repo**, managed through the repo's revisions (commits): every change is a new " +
    "revision, and earlier revisions, and so the file's history, stay in the repo.\n\n" +
    "- **Create** writes a revision that adds the file (`CREATE`).\n" +
    "- **Update** writes a revision that changes the file (`UPDATE`) when `content`, `fileMode` or `encrypt` " +
    "change. Changing only `commitMessage`, `authorName` or `authorEmail` writes nothing and shows no " +
    "difference in a preview: they describe the next revision that changes the file.\n" +
    "- **Delete** writes a revision that deletes the file (`DELETE`), with the message `" +
    DEFAULT_COMMIT_MESSAGE +
    "` and the author `" +
    DEFAULT_AUTHOR_NAME +
    "`; earlier revisions keep the file's history.\n" +
    "- **Replace** (a new `repoId` or `path`) writes a revision that adds the new file, then one that " +
    "deletes the old one.\n\n" +
    "A preview lists each of these as the create, update, delete or replacement of this resource: each one " +
    "is a revision written to the repo, and Spacelift starts a tracked run on every stack that uses the repo " +
    "for each revision. A read looks at the file's history: when its newest revision deleted it, the file " +
    "is gone. The content is stored as a secret in state, since a file may hold credentials. The ID is " +
    "`<repoId>/<path>`.",
  fields: {
    repoId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gql: false,
      doc: "ID of the repo the file belongs to.",
      validate: [nonEmpty(), pattern(/^[^/]*$/, "a repo ID, without `/`")],
    },
    path: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gqlInput: false,
      gqlOutput: "node.filePath",
      doc: "Path of the file from the repo's root, without a leading `/`, e.g. `modules/vpc/main.tf`.",
      validate: [
        nonEmpty(),
        filePath(),
        pattern(/^[^/].*[^/]$|^[^/]$/, "a path without a leading or trailing `/`"),
      ],
    },
    content: {
      type: t.string(),
      required: true,
      secret: true,
      gqlInput: false,
      gqlOutput: "node.content.content",
      transform: { fromOutput: decodeContent },
      doc:
        "Content of the file, as text (binary files are not supported). Spacelift never returns an encrypted " +
        "file's content, so a change made outside Pulumi to an encrypted file is not detected.",
    },
    fileMode: {
      type: t.string(),
      default: "0644",
      gqlInput: false,
      gqlOutput: "node.fileMode",
      doc: "Permissions of the file, as four octal digits, e.g. `0755`. Defaults to `0644`.",
      validate: [pattern(/^[0-7]{4}$/, "four octal digits, such as `0644`")],
    },
    encrypt: {
      type: t.boolean(),
      default: false,
      gqlInput: false,
      gqlOutput: "node.content.isEncrypted",
      doc:
        "Whether Spacelift encrypts the file at rest. Spacelift then never returns its content. Defaults to " +
        "`false`.",
    },
    commitMessage: {
      type: t.string(),
      default: DEFAULT_COMMIT_MESSAGE,
      createOnly: true,
      gql: false,
      doc:
        "Message of the next revision that adds or changes the file. Changing it alone writes no revision. " +
        `Defaults to \`${DEFAULT_COMMIT_MESSAGE}\`.`,
      validate: [nonEmpty()],
    },
    authorName: {
      type: t.string(),
      default: DEFAULT_AUTHOR_NAME,
      createOnly: true,
      gql: false,
      doc: `Author name of the next revision that adds or changes the file. Defaults to \`${DEFAULT_AUTHOR_NAME}\`.`,
      validate: [nonEmpty()],
    },
    authorEmail: {
      type: t.string(),
      createOnly: true,
      gql: false,
      doc: "Author e-mail of the next revision that adds or changes the file.",
      validate: [nonEmpty()],
    },
    revisionSha: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gqlOutput: "node.revision.sha",
      doc: "SHA of the revision that last changed the file.",
    },
    sizeBytes: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      gqlOutput: "node.sizeBytes",
      doc: "Size of the file in bytes.",
    },
  },
  id: repoFileId,
  hooks: { selectFromList: newestVersion, isGone: deleted, interpretRead: keepEncryptedContent },
  operations: {
    create: mutation(
      "RepoFileCreate",
      "revisionCreate",
      { input: arg.derived("RevisionCreateInput!", revisionInput("CREATE")) },
      revisionSelection,
    ),
    read: query(
      "RepoFileRead",
      "repoFileHistory",
      {
        repoID: arg.field("repoId", "ID!"),
        filePath: arg.field("path", "String!"),
        first: arg.constant("Int", 1),
      },
      { path: [{ field: "edges", args: {} }], extraSelection: ["node.isDeleted"] },
    ),
    update: mutation(
      "RepoFileUpdate",
      "revisionCreate",
      { input: arg.derived("RevisionCreateInput!", revisionInput("UPDATE")) },
      revisionSelection,
    ),
    delete: mutation(
      "RepoFileDelete",
      "revisionCreate",
      { input: arg.derived("RevisionCreateInput!", revisionInput("DELETE")) },
      revisionSelection,
    ),
  },
});
