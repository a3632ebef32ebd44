import { label, nonEmpty, pattern } from "../engine/constraints";
import { arg, defineResource, mutation, query, type FieldReader } from "../engine/descriptor";
import { markedInList, quoted } from "./existing";
import { t } from "../engine/fieldTypes";
import { isRecord, type JsonObject } from "../engine/values";
import { vcsFields, vcsRules, withVcsInput } from "./vcs";

/** Input members that `moduleCreate` takes inside `updateInput` (the settings `moduleUpdateV2` takes flat). */
const SETTINGS = [
  "branch",
  "administrative",
  "description",
  "labels",
  "localPreviewEnabled",
  "projectRoot",
  "gitSparseCheckoutPaths",
  "protectFromDeletion",
  "runnerImage",
  "sharedAccounts",
  "workerPool",
  "space",
] as const;

/** Input members only `moduleCreate` takes: the module's identity never changes. */
const IDENTITY = ["name", "terraformProvider"] as const;

function createInput(input: JsonObject): JsonObject {
  const top: JsonObject = {};
  const updateInput: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    if ((SETTINGS as readonly string[]).includes(key)) updateInput[key] = value;
    else top[key] = value;
  }
  // The space is accepted in both places; sending it in both keeps either reading of it right.
  return { ...top, space: input["space"] ?? null, updateInput };
}

function updateInput(input: JsonObject): JsonObject {
  const out: JsonObject = { ...input };
  for (const key of IDENTITY) delete out[key];
  return out;
}

const SHARE_SELECTION = "moduleShares { to { account { subdomain } space { id } } }";

/** Reads a set of strings from `moduleShares`, one per share `pick` maps to a string. */
function shares(pick: (share: JsonObject) => string | undefined): FieldReader {
  return {
    select: SHARE_SELECTION,
    read(obj) {
      const list = obj["moduleShares"];
      if (!Array.isArray(list)) return undefined;
      return list.flatMap((s) => {
        const v = isRecord(s) ? pick(s as JsonObject) : undefined;
        return v === undefined ? [] : [v];
      });
    },
  };
}

function subdomainOf(share: JsonObject): string | undefined {
  const to = share["to"];
  const account = isRecord(to) ? to["account"] : undefined;
  return isRecord(account) && typeof account["subdomain"] === "string" ? account["subdomain"] : undefined;
}

function spaceOf(share: JsonObject): string | undefined {
  const to = share["to"];
  const space = isRecord(to) ? to["space"] : undefined;
  return isRecord(space) && typeof space["id"] === "string" ? space["id"] : undefined;
}

const PUBLISH = mutation("ModulePublish", "modulePublish", { id: arg.id() }, { selection: "id" });

const SHARE = mutation(
  "ModuleShare",
  "moduleShare",
  {
    id: arg.id(),
    // The whole sharing: accounts and spaces both, as the Terraform provider sends it.
    input: arg.derived("ModuleShareInput!", (values) => ({
      accounts: Array.isArray(values["sharedAccounts"]) ? values["sharedAccounts"] : [],
      spaces: Array.isArray(values["spaceShares"]) ? values["spaceShares"] : [],
    })),
  },
  { selection: "id" },
);

/**
 * Module: a Terraform module in Spacelift's private registry, built and tested from a repository.
 * Its id is `terraform-<terraformProvider>-<name>`, so both are fixed at creation.
 */
export const module = defineResource({
  kind: "Module",
  doc:
    "A Spacelift **module**: a Terraform module in the account's private registry, whose versions are tested " +
    "and published from a repository. Its ID is `terraform-<terraformProvider>-<name>`; both are inferred from a " +
    "repository named `terraform-<provider>-<name>` when not given, and changing either replaces the module. " +
    "Environment variables, mounted files, contexts and policies attach to a module as to a stack (`moduleId`).",
  fields: {
    name: {
      type: t.string(),
      serverDefault: true,
      alwaysSet: true,
      replaceOnChange: true,
      doc: "Name of the module. When unset, it is inferred from a repository named `terraform-<provider>-<name>`.",
      validate: [
        pattern(
          /^[a-z][a-z0-9-_]*[a-z0-9]$/,
          "a module name: a lowercase letter first, a lowercase letter or digit last, and only lowercase letters, digits, - and _",
        ),
      ],
    },
    terraformProvider: {
      type: t.string(),
      serverDefault: true,
      alwaysSet: true,
      replaceOnChange: true,
      doc:
        "Terraform provider the module is for, e.g. `aws`. When unset, it is inferred from a repository named " +
        "`terraform-<provider>-<name>`, else it is `default`.",
      validate: [
        pattern(
          /^[a-z0-9]([a-z0-9-_]*[a-z0-9])?$/,
          "a provider name of lowercase letters, digits, - and _ (e.g. aws), not a registry address",
        ),
      ],
    },
    repository: {
      type: t.string(),
      required: true,
      doc: "Name of the repository holding the module, without the owner part.",
      validate: [nonEmpty()],
    },
    branch: {
      type: t.string(),
      required: true,
      doc: "Branch whose commits are tested and published.",
      validate: [nonEmpty()],
    },
    projectRoot: {
      type: t.string(),
      doc: "Directory, relative to the repository root, that holds the module's source.",
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: {
      type: t.set(t.string()),
      // The API reports an unset list as empty; defaulting to empty keeps refreshes identical.
      default: [],
      doc: "Labels. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the module belongs to. When unset, Spacelift chooses it and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    administrative: {
      type: t.boolean(),
      default: false,
      doc: "Whether the module's runs may manage other Spacelift resources. Defaults to `false`.",
    },
    protectFromDeletion: {
      type: t.boolean(),
      default: false,
      doc: "Whether Spacelift refuses to delete the module, deletion by Pulumi included. Defaults to `false`.",
    },
    workerPoolId: {
      type: t.string(),
      gqlInput: "workerPool",
      gqlOutput: "workerPool.id",
      doc: "ID of the private worker pool that runs the module's tests. When unset, public workers are used.",
      validate: [nonEmpty()],
    },
    runnerImage: {
      type: t.string(),
      doc: "Docker image the module's runs use instead of the default runner image.",
    },
    enableLocalPreview: {
      type: t.boolean(),
      gql: "localPreviewEnabled",
      default: false,
      doc: "Whether test runs can be started from local changes with `spacectl`. Defaults to `false`.",
    },
    sharedAccounts: {
      type: t.set(t.string()),
      default: [],
      gqlInput: "sharedAccounts",
      // Spacelift's Terraform provider reads shares from `moduleShares` since bdde044 (v1.9.3 read
      // `sharedAccounts`): the account shares are those without a space.
      readFrom: shares((share) =>
        isRecord(share["to"]) && share["to"]["space"] == null ? subdomainOf(share) : undefined,
      ),
      doc: "Subdomains of other Spacelift accounts the module is shared with. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    spaceShares: {
      type: t.set(t.string()),
      default: [],
      gql: false,
      readFrom: shares(spaceOf),
      doc:
        "IDs of the spaces the module is shared with, set with `moduleShare` after the module is created or " +
        "updated. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    public: {
      type: t.boolean(),
      default: false,
      gqlInput: false,
      gqlOutput: "public",
      replaceOnChange: true,
      doc:
        "Whether the module is publicly accessible; made so with `modulePublish` after creation. Can only be set " +
        "at creation: changing it replaces the module. Defaults to `false`.",
    },
    awsAssumeRolePolicyStatement: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gqlOutput: "integrations.aws.assumeRolePolicyStatement",
      doc: "The trust policy statement an AWS IAM role needs for this module to assume it.",
    },
    gitSparseCheckoutPaths: {
      type: t.set(t.string()),
      default: [],
      doc: "Paths to check out (Git sparse checkout) instead of the whole repository. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    workflowTool: {
      type: t.enum(["TERRAFORM_FOSS", "OPEN_TOFU", "CUSTOM"]),
      serverDefault: true,
      alwaysSet: true,
      doc: "Tool that runs the module's workflow. When unset, Spacelift chooses it (`TERRAFORM_FOSS`) and the chosen value is kept.",
    },
    ...vcsFields("module"),
  },
  rules: vcsRules,
  hooks: { shapeInput: withVcsInput },
  // The id is derived from the name and provider, so Spacelift refuses a second such module itself.
  existing: markedInList({
    noun: "module",
    operation: "ModuleList",
    listField: "modules",
    key: { name: "name", terraformProvider: "terraformProvider" },
    createdAt: true,
    describe: (v) => `module ${quoted(v["name"])} for provider ${quoted(v["terraformProvider"])}`,
  }),
  operations: {
    create: mutation(
      "ModuleCreate",
      "moduleCreate",
      { input: arg.input("ModuleCreateInput!") },
      { shapeInput: createInput },
    ),
    read: query("ModuleRead", "module", { id: arg.id() }),
    update: mutation(
      "ModuleUpdate",
      "moduleUpdateV2",
      { id: arg.id(), input: arg.input("ModuleUpdateV2Input!") },
      { shapeInput: updateInput },
    ),
    delete: mutation("ModuleDelete", "moduleDelete", { id: arg.id() }),
    // As Spacelift's Terraform provider (8565261, resource_module.go): published after the create
    // when public, shared with spaces after the create or update when the space shares change.
    afterCreate: [
      { when: (values) => values["public"] === true, op: PUBLISH },
      {
        when: (values) => Array.isArray(values["spaceShares"]) && values["spaceShares"].length > 0,
        op: SHARE,
      },
    ],
    afterUpdate: [{ when: ["spaceShares"], op: SHARE }],
  },
});
