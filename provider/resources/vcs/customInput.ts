/**
 * What the three VCS integration kinds (GitLab, Azure DevOps, Bitbucket Data Center) share: the
 * arguments Spacelift takes in `CustomVCSInput` on create and `CustomVCSUpdateInput` on update
 * (name, space, labels, description, default flag, VCS checks, git checkout), the webhook outputs,
 * and how an interrupted create finds its integration again.
 *
 * Sources: terraform-provider-spacelift 8565261, spacelift/internal/structs/vcs/input.go and
 * update.go (the two input types: `spaceID` on create, `space` on update, no name or default flag
 * on update) and resource_gitlab_integration.go (defaults: space `root`, checks `INDIVIDUAL`).
 *
 * @packageDocumentation
 */

import { displayName, label, nonEmpty } from "../../engine/constraints";
import { arg, query, type ExistingSpec, type FieldSpec, type OperationDef } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";
import { quoted } from "../existing";

/** How an integration reports runs to its provider, as the `VCSCheck` enum spells it. */
export const VCS_CHECKS = ["INDIVIDUAL", "AGGREGATED", "ALL"] as const;

/**
 * The arguments and outputs of `CustomVCSInput`/`CustomVCSUpdateInput` and the integration object,
 * for the provider named `provider` in docs ("GitLab").
 */
export function customVcsFields(provider: string) {
  return {
    name: {
      type: t.string(),
      autoName: "dash",
      replaceOnChange: true,
      doc:
        `Friendly name of the ${provider} integration, unique in the account; its ID is derived from it. ` +
        "Spacelift cannot rename an integration.",
      validate: [nonEmpty(), displayName()],
    },
    description: {
      type: t.string(),
      doc: "Free-form description of the integration.",
      validate: [nonEmpty()],
    },
    labels: {
      type: t.set(t.string()),
      doc: "Labels of the integration. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gqlInput: "spaceID",
      gqlOutput: "space.id",
      default: "root",
      doc:
        "ID of the space the integration belongs to; stacks and modules in that space and the spaces that " +
        "inherit from it can use it. Defaults to `root`.",
      validate: [nonEmpty()],
    },
    isDefault: {
      type: t.boolean(),
      default: false,
      replaceOnChange: true,
      doc:
        `Whether this is the account's default ${provider} integration, used by stacks and modules that name ` +
        "none. A default integration must be in the `root` space, and an account has one per provider. " +
        "Spacelift cannot change the flag. Defaults to `false`.",
    },
    vcsChecks: {
      type: t.enum(VCS_CHECKS),
      default: "INDIVIDUAL",
      doc:
        "How runs are reported to the provider: `INDIVIDUAL` (a check per stack), `AGGREGATED` (one " +
        "check summing up all stacks) or `ALL` (both). Defaults to `INDIVIDUAL`.",
    },
    useGitCheckout: {
      type: t.boolean(),
      serverDefault: true,
      alwaysSet: true,
      doc:
        "Whether source code is fetched with `git` (`true`) or downloaded through the provider's API " +
        "(`false`). When unset, Spacelift chooses (`true`) and the chosen value is kept.",
    },
  } as const satisfies Readonly<Record<string, FieldSpec>>;
}

/** The secret every webhook call of the provider is signed with, as an output. */
export function webhookSecretField(gqlName: string, what: string): FieldSpec {
  return {
    type: t.string(),
    computed: true,
    alwaysSet: true,
    secret: true,
    gql: gqlName,
    doc: what,
  };
}

/**
 * A write-only token argument: sent to Spacelift on create and every update, never stored (state
 * keeps only its SHA-256 under `checksumField`), never returned by the API.
 */
export function tokenField(checksumField: string, doc: string): FieldSpec {
  return {
    type: t.string(),
    required: true,
    secret: true,
    gql: false,
    writeOnly: { checksumField },
    doc: `${doc} Changing it updates the integration in place.`,
    validate: [nonEmpty()],
  };
}

/** The checksum output of a {@link tokenField}. */
export function tokenChecksumField(token: string): FieldSpec {
  return {
    type: t.string(),
    computed: true,
    gql: false,
    doc: `Lowercase hex SHA-256 of the \`${token}\` last applied.`,
  };
}

/** The `customInput` argument of a create (`CustomVCSInput`, built from the fields). */
export const createCustomInput = arg.input("CustomVCSInput");

/**
 * The `customInput` argument of an update: `CustomVCSUpdateInput` names the integration by `id`,
 * calls the space `space`, and has neither name nor default flag (both replace instead).
 */
export const updateCustomInput = arg.inputWithId("CustomVCSUpdateInput");

/** Lays the fields' input object out as `CustomVCSUpdateInput` (see {@link updateCustomInput}). */
export function asUpdateInput(input: JsonObject): JsonObject {
  const out: JsonObject = { ...input, space: input["spaceID"] ?? null };
  delete out["spaceID"];
  delete out["name"];
  delete out["isDefault"];
  return out;
}

/**
 * The slug Spacelift derives an integration's ID from its name with: lower case, every run of other
 * characters than ASCII letters and digits one `-`, no `-` at either end.
 */
export function slugOf(name: JsonValue | undefined): string | undefined {
  if (typeof name !== "string") return undefined;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? undefined : slug;
}

/**
 * How a create finds the integration an interrupted create made: integration IDs are the slugs of
 * their names, so the object is read at the ID the name gives (a read without an ID would answer the
 * default integration, which the name check rules out). Spacelift refuses a second integration of
 * one name itself, and labels carry the marker, so only a refusal or a lost answer calls for a look.
 */
export function integrationAtItsName(operationName: string, readField: string, noun: string): ExistingSpec {
  const op: OperationDef = query(operationName, readField, {
    id: arg.derived("ID", (v: Values) => slugOf(v["name"])),
  });
  return {
    op,
    candidates: (result, values) =>
      isRecord(result) && (result as JsonObject)["name"] === values["name"] ? [result as JsonObject] : [],
    marker: "labels",
    describe: (values) => `${noun} ${quoted(values["name"])}`,
  };
}
