import { nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { CREATE_TIMEOUT_ENV, DEFAULT_CREATE_TIMEOUT_SECONDS } from "../../engine/lifecycle";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";
import { quoted, recordsOf } from "../existing";

/** The module's versions that could be the one these values publish. */
function sameVersion(result: JsonValue, values: Values): JsonObject[] {
  return recordsOf(result).filter((v) => {
    const commit = isRecord(v["commit"]) ? (v["commit"] as JsonObject)["hash"] : undefined;
    return (
      (values["versionNumber"] === undefined || v["number"] === values["versionNumber"]) &&
      (values["commitSha"] === undefined || commit === values["commitSha"])
    );
  });
}

/**
 * Version: a module version published from a commit, as terraform-provider-spacelift v1.9.3's
 * spacelift_version (resource_version.go): `versionCreate(module, commitSha, version)`, then a wait
 * until the version is ACTIVE (FAILED fails the create). The ID is the version's own, as there; its
 * read never looks the version up, and its delete only forgets it (as at HEAD, 8565261), which this
 * resource follows. The arguments of `versionCreate` agree with Bruno's Create Version.
 */
export const version = defineResource({
  kind: "Version",
  doc:
    "A **module version**: publishes a version of a module from a commit, e.g. after the module's code changed " +
    "(change `keepers` to publish again). Spacelift builds the version in a run; create waits until it is " +
    "`ACTIVE` and fails if it fails. Spacelift keeps published versions: destroying the resource only forgets " +
    "it. To look one up with `get`, pass its ID and `moduleId` in the state argument.",
  immutable: true,
  forgetOnDelete: true,
  fields: {
    moduleId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gql: false,
      doc: "ID of the module to publish a version of.",
      validate: [nonEmpty()],
    },
    commitSha: {
      type: t.string(),
      serverDefault: true,
      replaceOnChange: true,
      gqlOutput: "commit.hash",
      doc: "Commit to publish. When unset, Spacelift takes the head of the module's branch; the chosen commit is an output.",
      validate: [pattern(/^[0-9a-fA-F]{7,40}$/, "a commit SHA (7 to 40 hexadecimal digits)")],
    },
    versionNumber: {
      type: t.string(),
      serverDefault: true,
      replaceOnChange: true,
      gqlOutput: "number",
      doc: "Semantic version number to publish, e.g. `0.11.2`. When unset, Spacelift chooses it; the chosen number is an output.",
      validate: [nonEmpty()],
    },
    keepers: {
      type: t.map(t.string()),
      replaceOnChange: true,
      gql: false,
      doc: "Arbitrary values that, when changed, publish a new version.",
    },
  },
  // Spacelift builds the version with a run: the create waits for it, as Terraform's does.
  waitAfterCreate: {
    when: () => true,
    settled: (raw) => raw["state"] === "ACTIVE" || raw["state"] === "FAILED",
    outcome: (raw) =>
      raw["state"] === "FAILED" ? "the module version failed; see the run's logs in Spacelift" : undefined,
    timeoutEnv: CREATE_TIMEOUT_ENV,
    defaultTimeoutSeconds: DEFAULT_CREATE_TIMEOUT_SECONDS,
    describe: (id, values) => `version ${id} of module ${quoted(values["moduleId"])}`,
  },
  // Spacelift refuses a second version of one number, and versions carry no labels for a marker:
  // after a refusal or a lost answer, the module's versions of this number (or commit) are listed.
  existing: {
    op: query(
      "VersionList",
      "module",
      { id: arg.field("moduleId", "ID!") },
      { path: [{ field: "versions", args: { includeFailed: arg.constant("Boolean", true) } }] },
    ),
    candidates: sameVersion,
    createdAt: "createdAt",
    describe: (values) =>
      `version ${values["versionNumber"] === undefined ? "" : `${quoted(values["versionNumber"])} `}of module ${quoted(values["moduleId"])}`,
  },
  operations: {
    create: mutation(
      "VersionCreate",
      "versionCreate",
      {
        module: arg.field("moduleId", "ID!"),
        commitSha: arg.field("commitSha", "String"),
        version: arg.field("versionNumber", "String"),
      },
      { extraSelection: ["state"] },
    ),
    read: query(
      "VersionRead",
      "module",
      { id: arg.field("moduleId", "ID!", "moduleId") },
      {
        path: [{ field: "version", args: { id: arg.id("ID!", "versionId") } }],
        extraSelection: ["state", "createdAt"],
      },
    ),
  },
});
