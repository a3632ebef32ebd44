import { displayName, label, nonEmpty, pattern, slugName } from "../engine/constraints";
import { arg, defineResource, mutation, query, type FieldReader, type FieldSpec } from "../engine/descriptor";
import { markedInList } from "./existing";
import { t, type ObjectType, type StringType } from "../engine/fieldTypes";
import { readObject } from "../engine/graphqlValues";
import { atMostOneOf, conflictsWith } from "../engine/rules";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../engine/values";
import { hookFields } from "./hooks";
import { importsState, stackObjectArg, stateUpload } from "./stateUpload";
import { vcsFields, vcsInput, vcsRules, VCS_BLOCKS } from "./vcs";

// ---------------------------------------------------------------------------------------------
// Hooks: the Pulumi names keep Spacelift's deprecated official provider's plural spelling
// (`afterApplies`), the API has them flat on the stack in singular form (`afterApply`).

// ---------------------------------------------------------------------------------------------
// Vendors. The API takes exactly one block of `vendorConfig` and answers with the `vendorConfig`
// union; each Pulumi block reads its own member of the union. Terraform is the vendor when no
// other block is set, configured through the top-level `terraform*` arguments.

// One selection for every vendor reader; the engine writes it once. OpenTofu's workflow tool is
// aliased as the Terraform provider does, since its type may differ from Terraform's.
const VENDOR_SELECTION =
  "vendorConfig { __typename " +
  "... on StackConfigVendorAnsible { playbook } " +
  "... on StackConfigVendorCloudFormation { entryTemplateFile region stackName templateBucket } " +
  "... on StackConfigVendorKubernetes { namespace kubectlVersion kubernetesWorkflowTool } " +
  "... on StackConfigVendorOpenTofu { concise externalStateAccessEnabled useSmartSanitization version openTofuWorkflowTool: workflowTool workspace } " +
  "... on StackConfigVendorPulumi { loginURL stackName } " +
  "... on StackConfigVendorTerraform { externalStateAccessEnabled useSmartSanitization version workflowTool workspace } " +
  "... on StackConfigVendorTerragrunt { terraformVersion terragruntVersion useRunAll useSmartSanitization useStateManagement skipReplanWhenRunAll skipReplan prefixResourceNamesWithModuleName tool } }";

/** Reads the `vendorConfig` member when it is of union type `StackConfigVendor<vendor>`. */
function vendorReader(vendor: string, read: (config: JsonObject) => JsonValue | undefined): FieldReader {
  return {
    select: VENDOR_SELECTION,
    read(obj) {
      const config = obj["vendorConfig"];
      return isRecord(config) && config["__typename"] === `StackConfigVendor${vendor}`
        ? read(config as JsonObject)
        : undefined;
    },
  };
}

/** A value of the Terraform member of the union, for the top-level `terraform*` arguments. */
function terraformSetting(member: string): FieldReader {
  return vendorReader("Terraform", (config) => config[member] ?? undefined);
}

const required = (doc: string): FieldSpec<StringType> => ({
  type: t.string(),
  required: true,
  doc,
  validate: [nonEmpty()],
});

const ansibleFields = { playbook: required("Playbook Ansible runs, relative to the project root.") };

const cloudformationFields = {
  entryTemplateFile: required("Template file that `cloudformation package` is run on."),
  region: required("AWS region the CloudFormation stack lives in."),
  stackName: required("Name of the CloudFormation stack."),
  templateBucket: required("S3 bucket where the packaged templates are uploaded."),
};

const kubernetesFields = {
  namespace: {
    type: t.string(),
    doc: "Kubernetes namespace the commands run in. Leave unset for a stack spanning several namespaces.",
  },
  kubectlVersion: {
    type: t.string(),
    serverDefault: true,
    alwaysSet: true,
    doc: "`kubectl` version. When unset, Spacelift chooses it and the chosen value is kept.",
    validate: [nonEmpty()],
  },
  kubernetesWorkflowTool: {
    type: t.enum(["KUBERNETES", "CUSTOM"]),
    serverDefault: true,
    doc: "Tool that runs the workflow: `KUBERNETES` (Spacelift's default) or `CUSTOM`.",
  },
} satisfies Record<string, FieldSpec>;

const opentofuFields = {
  logging: {
    type: t.object({
      concise: {
        type: t.boolean(),
        default: true,
        doc: "Run plan, apply and refresh with `-concise` (OpenTofu 1.7 and later). Defaults to `true`.",
      },
    }),
    serverDefault: true,
    doc: "Logging of OpenTofu commands.",
  },
  externalStateAccess: {
    type: t.boolean(),
    default: false,
    doc: "Whether the state can be read from other stacks and from outside Spacelift. Defaults to `false`.",
  },
  useSmartSanitization: {
    type: t.boolean(),
    default: true,
    doc: "Sanitize only values OpenTofu marks sensitive in state and plans, instead of every value. Defaults to `true`.",
  },
  version: {
    type: t.string(),
    serverDefault: true,
    doc: "OpenTofu version. When unset, Spacelift chooses it and the chosen value is kept.",
    validate: [nonEmpty()],
  },
  workflowTool: {
    // Its own enum, not Terraform's: `OPENTOFU` (terraform-provider-spacelift 8565261,
    // resource_stack.go and resource_stack_test.go, asserted against live Spacelift).
    type: t.enum(["OPENTOFU", "CUSTOM"]),
    serverDefault: true,
    doc: "Tool that runs the workflow: `OPENTOFU` (Spacelift's default) or `CUSTOM`.",
  },
  workspace: { type: t.string(), doc: "OpenTofu workspace to select." },
} satisfies Record<string, FieldSpec>;

const pulumiFields = {
  loginUrl: { ...required("State backend Pulumi logs into when a run starts."), gql: "loginURL" },
  stackName: required("Pulumi stack to select in that backend."),
};

const terragruntFields = {
  terraformVersion: {
    type: t.string(),
    serverDefault: true,
    doc: "Terraform or OpenTofu version. When unset, Spacelift chooses it and the chosen value is kept.",
    validate: [nonEmpty()],
  },
  terragruntVersion: {
    type: t.string(),
    serverDefault: true,
    alwaysSet: true,
    doc: "Terragrunt version. When unset, Spacelift chooses it and the chosen value is kept.",
    validate: [nonEmpty()],
  },
  useRunAll: {
    type: t.boolean(),
    default: false,
    doc: "Run `terragrunt run-all` instead of `terragrunt`. Defaults to `false`.",
  },
  useSmartSanitization: {
    type: t.boolean(),
    default: false,
    doc: "Sanitize only values marked sensitive in state and plans, instead of every value. Defaults to `false`.",
  },
  useStateManagement: {
    type: t.boolean(),
    default: false,
    // Spacelift's Terraform provider (8565261, resource_stack.go CustomizeDiff) forces a new stack
    // when it changes within a Terragrunt block; adding or removing the block is a migration.
    replaceOnChange: true,
    doc: "Whether Spacelift manages the state of this Terragrunt stack; takes precedence over `manageState`. Changing it replaces the stack. Defaults to `false`.",
  },
  skipReplanWhenRunAll: {
    type: t.boolean(),
    default: false,
    deprecated: "Use `skipReplan`, which applies with and without run-all.",
    doc: "With run-all, reuse the plan in the apply phase instead of planning again. Defaults to `false`.",
  },
  skipReplan: {
    type: t.boolean(),
    default: false,
    doc: "Reuse the plan in the apply phase instead of planning again. Defaults to `false`.",
  },
  tool: {
    type: t.enum(["TERRAFORM_FOSS", "OPEN_TOFU", "MANUALLY_PROVISIONED"]),
    serverDefault: true,
    doc: "Tool Terragrunt drives. When unset, Spacelift chooses it (`TERRAFORM_FOSS`) and the chosen value is kept.",
  },
  prefixResourceNamesWithModuleName: {
    type: t.boolean(),
    serverDefault: true,
    doc: "Prefix resource and output names with the module path (always done with run-all). When unset, Spacelift chooses it.",
  },
} satisfies Record<string, FieldSpec>;

/** Pulumi argument name → member of `VendorConfigInput`. */
const VENDOR_INPUTS = {
  ansible: "ansible",
  cloudformation: "cloudFormation",
  kubernetes: "kubernetes",
  opentofu: "opentofu",
  pulumi: "pulumi",
  terragrunt: "terragrunt",
} as const;
type VendorBlock = keyof typeof VENDOR_INPUTS;
const VENDOR_BLOCKS = Object.keys(VENDOR_INPUTS) as VendorBlock[];

function vendorBlock<F extends Record<string, FieldSpec>>(
  name: VendorBlock,
  title: string,
  fields: F,
  read: (config: JsonObject) => JsonValue | undefined,
  vendor: string,
): FieldSpec<ObjectType<F>> {
  return {
    type: t.object(fields),
    gqlInput: `vendorConfig.${VENDOR_INPUTS[name]}`,
    readFrom: vendorReader(vendor, read),
    doc:
      `${title} settings; setting this block makes the stack a ${title} stack. At most one vendor block may be ` +
      "set; with none, the stack runs Terraform, configured by the `terraform*` arguments.",
  };
}

const TERRAFORM_ARGUMENTS = [
  "terraformVersion",
  "terraformWorkflowTool",
  "terraformWorkspace",
  "terraformSmartSanitization",
  "terraformExternalStateAccess",
] as const;

// ---------------------------------------------------------------------------------------------
// Source: the VCS blocks modules share (./vcs), plus Spacelift's showcase repositories.

const SHOWCASE = "SHOWCASE";
const VCS_BLOCK_NAMES = Object.keys(VCS_BLOCKS);

const showcase: FieldSpec<ObjectType> = {
  type: t.object({
    namespace: required("Namespace of the showcase repository."),
  }),
  gql: false,
  readFrom: {
    select: "provider namespace",
    read: (obj) =>
      obj["provider"] === SHOWCASE && typeof obj["namespace"] === "string"
        ? { namespace: obj["namespace"] }
        : undefined,
  },
  doc: `Take the stack's source from one of Spacelift's showcase repositories. Cannot be combined with ${VCS_BLOCK_NAMES.map((n) => `\`${n}\``).join(", ")}.`,
};

/**
 * `hooks.shapeInput`: the source members of the VCS block that is set, and `vendorConfig` with
 * the one vendor block that is set (Terraform's when none is).
 */
function shapeStackInput(input: JsonObject, values: Values): JsonObject {
  const generated = isRecord(input["vendorConfig"]) ? (input["vendorConfig"] as JsonObject) : {};
  const block = VENDOR_BLOCKS.find((name) => isRecord(values[name]));
  const member = block ? VENDOR_INPUTS[block] : "terraform";
  const show = values["showcase"];
  const source: JsonObject = isRecord(show)
    ? {
        provider: SHOWCASE,
        namespace: typeof show["namespace"] === "string" ? show["namespace"] : null,
        repositoryURL: null,
        vcsIntegrationId: null,
      }
    : vcsInput(values);
  return { ...input, ...source, vendorConfig: { [member]: generated[member] ?? {} } };
}

/**
 * Settings that must stay unset given the others: a version makes no sense for a custom workflow
 * tool or a manually provisioned Terragrunt tool, and the API refuses it.
 */
function versionless(block: string, settings: Values): readonly string[] {
  if (block === "terraform")
    return settings["terraformWorkflowTool"] === "CUSTOM" ? ["terraformVersion"] : [];
  if (block === "opentofu") return settings["workflowTool"] === "CUSTOM" ? ["version"] : [];
  if (block === "terragrunt") return settings["tool"] === "MANUALLY_PROVISIONED" ? ["terraformVersion"] : [];
  return [];
}

/**
 * `hooks.localValues`: on update, settings Spacelift chose (a workflow tool, a kubectl version)
 * are sent back as they are, as Spacelift's own clients do, rather than as null, which the API
 * could take as "choose again". Only while the stack keeps its vendor. The Terraform version is the
 * exception: Spacelift's Terraform provider (8565261, resource_stack.go, Terraform vendor input)
 * sends `version: null` whenever the program sets none, so Spacelift chooses it again.
 */
function keepChosenSettings(step: "create" | "update", values: Values, old: Values): Values {
  if (step === "create" && importsState(values) && values["manageState"] === false) {
    // Refused before anything is uploaded, as Spacelift's Terraform provider does (v1.9.3).
    throw new Error("importState and importStateFile require manageState to be true");
  }
  if (step !== "update") return {};
  refuseStateManagementChange(values, old);
  const kept: Values = {};
  const sameVendor = (name: VendorBlock | undefined): boolean =>
    name === undefined
      ? VENDOR_BLOCKS.every((b) => !isRecord(values[b]) && !isRecord(old[b]))
      : isRecord(values[name]) && isRecord(old[name]);
  if (sameVendor(undefined)) {
    const skip = versionless("terraform", values);
    for (const name of TERRAFORM_ARGUMENTS) {
      if (name === "terraformVersion") continue;
      if (values[name] === undefined && old[name] !== undefined && !skip.includes(name))
        kept[name] = old[name]!;
    }
  }
  for (const [name, fields] of [
    ["kubernetes", kubernetesFields],
    ["opentofu", opentofuFields],
    ["terragrunt", terragruntFields],
  ] as const) {
    if (!sameVendor(name)) continue;
    const now = values[name] as JsonObject;
    const before = old[name] as JsonObject;
    const merged: JsonObject = { ...now };
    let changed = false;
    const skip = versionless(name, now);
    for (const [key, spec] of Object.entries(fields as Record<string, FieldSpec>)) {
      if (spec.serverDefault && now[key] === undefined && before[key] !== undefined && !skip.includes(key)) {
        merged[key] = before[key]!;
        changed = true;
      }
    }
    if (changed) kept[name] = merged;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Vendor migration. Spacelift's update does not switch a stack between Terraform (or OpenTofu)
// and Terragrunt; `stackMigrateVendor` does, and its Terraform provider calls it before the update
// (8565261, resource_stack.go `vendorMigrationDirection`, `buildMigrationConfig`; PR #798).

/** The vendor blocks other than Terragrunt that a migration cannot start or end at. */
const NOT_MIGRATABLE: readonly VendorBlock[] = ["ansible", "cloudformation", "kubernetes", "pulumi"];

/** `StackVendor` to migrate to, or undefined when the update keeps (or cannot migrate) the vendor. */
function migrationTarget(values: Values, old: Values): "Terraform" | "Terragrunt" | undefined {
  const was = isRecord(old["terragrunt"]);
  const is = isRecord(values["terragrunt"]);
  if (was === is) return undefined;
  const other = is ? old : values;
  if (NOT_MIGRATABLE.some((b) => isRecord(other[b]))) return undefined;
  return is ? "Terragrunt" : "Terraform";
}

/** `beforeUpdate` predicate: the stack moves between Terraform/OpenTofu and Terragrunt. */
function migratesVendor(values: Values, old: Values): boolean {
  return migrationTarget(values, old) !== undefined;
}

/** Whether Spacelift manages the state: Terragrunt's own setting, or `manageState` for the others. */
function managesState(values: Values): boolean {
  const terragrunt = values["terragrunt"];
  return isRecord(terragrunt) ? terragrunt["useStateManagement"] === true : values["manageState"] !== false;
}

/**
 * Refuses, before any call, a vendor migration that would change whether Spacelift manages the
 * state, which `stackMigrateVendor` does not support; Spacelift's Terraform provider refuses it in
 * its plan with the same advice (8565261, resource_stack.go CustomizeDiff).
 */
function refuseStateManagementChange(values: Values, old: Values): void {
  if (!migratesVendor(values, old)) return;
  const was = managesState(old);
  const will = managesState(values);
  if (was !== will) {
    throw new Error(
      `cannot change state management during vendor migration (it would change from ${was} to ${will}); ` +
        "set terragrunt.useStateManagement to match manageState, or destroy the stack and create it again",
    );
  }
}

/** `StackVendorMigrationInput` as the Terraform provider builds it. */
function migrationConfig(values: Values): JsonValue {
  const terragrunt = isRecord(values["terragrunt"]) ? (values["terragrunt"] as JsonObject) : undefined;
  if (terragrunt) {
    const version = terragrunt["terragruntVersion"];
    return { labels: null, terragrunt: typeof version === "string" ? { terragruntVersion: version } : null };
  }
  return { labels: ["terragrunt"], terragrunt: null };
}

/**
 * `hooks.interpretRead`: a stack Spacelift migrated from Terraform run by OpenTofu to its native
 * OpenTofu vendor reads as the `terraform*` arguments while no `opentofu` block is known, so a
 * program written before the migration shows no drift; its update sends those arguments again,
 * which Spacelift applies to the OpenTofu stack. As Spacelift's Terraform provider does (8565261,
 * structs/stack.go, commit b427418).
 */
function tofuAsTerraform(api: Values, known: Values): Values {
  const tofu = api["opentofu"];
  if (!isRecord(tofu) || isRecord(known["opentofu"])) return api;
  const t = tofu as JsonObject;
  const out: Values = { ...api };
  delete out["opentofu"];
  out["terraformWorkflowTool"] = t["workflowTool"] === "CUSTOM" ? "CUSTOM" : "OPEN_TOFU";
  const copy: readonly (readonly [string, string])[] = [
    ["version", "terraformVersion"],
    ["workspace", "terraformWorkspace"],
    ["useSmartSanitization", "terraformSmartSanitization"],
    ["externalStateAccess", "terraformExternalStateAccess"],
  ];
  for (const [from, to] of copy) {
    const v = t[from];
    if (v === undefined || v === null) delete out[to];
    else out[to] = v;
  }
  return out;
}

function readOpentofu(config: JsonObject): JsonValue {
  const out: JsonObject = {};
  if (typeof config["concise"] === "boolean") out["logging"] = { concise: config["concise"] };
  if (typeof config["externalStateAccessEnabled"] === "boolean") {
    out["externalStateAccess"] = config["externalStateAccessEnabled"];
  }
  if (typeof config["useSmartSanitization"] === "boolean") {
    out["useSmartSanitization"] = config["useSmartSanitization"];
  }
  for (const [from, to] of [
    ["version", "version"],
    ["openTofuWorkflowTool", "workflowTool"],
    ["workspace", "workspace"],
  ] as const) {
    const v = config[from];
    if (typeof v === "string") out[to] = v;
  }
  return out;
}

function opentofuInput(value: JsonValue): JsonValue {
  if (!isRecord(value)) return value;
  const v = value as JsonObject;
  const logging = isRecord(v["logging"]) ? (v["logging"] as JsonObject) : {};
  return {
    concise: logging["concise"] ?? true,
    externalStateAccessEnabled: v["externalStateAccess"] ?? false,
    useSmartSanitization: v["useSmartSanitization"] ?? true,
    version: v["version"] ?? null,
    workflowTool: v["workflowTool"] ?? null,
    workspace: v["workspace"] ?? null,
  };
}

function readKubernetes(config: JsonObject): JsonValue {
  const out = readObject(kubernetesFields, config);
  // The API stores "no namespace" as the empty string.
  if (out["namespace"] === "") delete out["namespace"];
  return out;
}

function kubernetesInput(value: JsonValue): JsonValue {
  if (!isRecord(value)) return value;
  const v = value as JsonObject;
  return {
    namespace: v["namespace"] ?? "",
    kubectlVersion: v["kubectlVersion"] ?? null,
    kubernetesWorkflowTool: v["kubernetesWorkflowTool"] ?? null,
  };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Stack: source code plus configuration that Spacelift runs (plan, apply) with one of its vendors.
 * Deleting one is asynchronous: the engine waits until it is gone.
 */
export const stack = defineResource({
  kind: "Stack",
  doc:
    "A Spacelift **stack**: a repository (or a directory of one) plus the settings Spacelift runs it with, " +
    "using Terraform (the default), OpenTofu, Terragrunt, Pulumi, CloudFormation, Kubernetes or Ansible. " +
    "Its ID is a slug of the name chosen at creation (or `slug`), which renaming never changes. " +
    "Spacelift deletes stacks in the background; destroy waits until the stack is gone, for at most " +
    "`SPACELIFT_DELETE_TIMEOUT_SECONDS` (300 by default). A stack with dependencies (`StackDependency`) " +
    "cannot be deleted until they are.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the stack, unique in the account. Unless `slug` is set, the stack's ID is derived from it at creation.",
      validate: [nonEmpty(), slugName(), displayName()],
    },
    slug: {
      type: t.string(),
      gqlInput: false,
      gqlOutput: "id",
      serverDefault: true,
      alwaysSet: true,
      replaceOnChange: true,
      doc: "The stack's ID (slug). When unset, it is derived from the name. Changing it replaces the stack.",
      validate: [pattern(SLUG, 'a slug: lowercase letters and digits, in groups joined by single "-"')],
    },
    repository: required("Name of the repository, without the owner part."),
    branch: required("Branch whose commits the stack tracks."),
    projectRoot: {
      type: t.string(),
      doc: "Directory, relative to the repository root, holding the stack's entrypoint.",
    },
    additionalProjectGlobs: {
      type: t.set(t.string()),
      doc: "Globs of paths, outside the project root, whose changes also trigger the stack. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    gitSparseCheckoutPaths: {
      type: t.set(t.string()),
      doc: "Paths to check out (Git sparse checkout) instead of the whole repository. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: {
      type: t.set(t.string()),
      doc: "Labels. Contexts and policies with `autoattach:<label>` attach themselves to stacks with `<label>`. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the stack belongs to. When unset, Spacelift chooses it and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    administrative: {
      type: t.boolean(),
      default: false,
      deprecated: "Grant a stack rights over other resources with role attachments instead.",
      doc: "Whether the stack's runs may manage other Spacelift resources. Defaults to `false`.",
    },
    autodeploy: {
      type: t.boolean(),
      default: false,
      doc: "Whether changes are applied without waiting for confirmation. Defaults to `false`.",
    },
    autoretry: {
      type: t.boolean(),
      default: false,
      doc: "Whether obsolete proposed changes are retried automatically. Defaults to `false`.",
    },
    githubActionDeploy: {
      type: t.boolean(),
      default: true,
      doc: "Whether a proposed run can be promoted to a tracked run (also from GitHub's Checks). Defaults to `true`.",
    },
    enableLocalPreview: {
      type: t.boolean(),
      gql: "localPreviewEnabled",
      default: false,
      doc: "Whether runs can be started from local changes with `spacectl`. Defaults to `false`.",
    },
    enableWellKnownSecretMasking: {
      type: t.boolean(),
      default: false,
      doc: "Whether values that look like well-known secrets are masked in logs. Defaults to `false`.",
    },
    enableSensitiveOutputsUpload: {
      type: t.boolean(),
      gql: "enableSensitiveOutputUpload",
      default: true,
      doc:
        "Whether sensitive outputs are uploaded to Spacelift so stack dependency references can use them " +
        "(the worker pool must allow it too). Defaults to `true`.",
    },
    protectFromDeletion: {
      type: t.boolean(),
      default: false,
      doc: "Whether Spacelift refuses to delete the stack, deletion by Pulumi included. Defaults to `false`.",
    },
    manageState: {
      type: t.boolean(),
      gqlInput: false,
      gqlOutput: "managesStateFile",
      default: true,
      replaceOnChange: true,
      doc: "Whether Spacelift stores the stack's Terraform state. Defaults to `true`. Changing it replaces the stack.",
    },
    workerPoolId: {
      type: t.string(),
      gqlInput: "workerPool",
      gqlOutput: "workerPool.id",
      doc: "ID of the private worker pool that runs the stack. When unset, public workers are used.",
      validate: [nonEmpty()],
    },
    runnerImage: {
      type: t.string(),
      doc: "Docker image the stack's runs use instead of the default runner image.",
      validate: [nonEmpty()],
    },
    ...hookFields("", ""),
    ...vcsFields("stack"),
    showcase,
    terraformVersion: {
      type: t.string(),
      gqlInput: "vendorConfig.terraform.version",
      readFrom: terraformSetting("version"),
      serverDefault: true,
      // Sent as null when unset, as Spacelift's Terraform provider does (see keepChosenSettings).
      resendWhenUnset: false,
      doc:
        "Terraform version. When unset, it is sent as unset on every update, as Spacelift's Terraform provider " +
        "does, and Spacelift chooses it. Terraform stacks only.",
      validate: [nonEmpty()],
    },
    terraformWorkflowTool: {
      type: t.enum(["TERRAFORM_FOSS", "OPEN_TOFU", "CUSTOM"]),
      gqlInput: "vendorConfig.terraform.workflowTool",
      readFrom: terraformSetting("workflowTool"),
      serverDefault: true,
      // Kept by keepChosenSettings only while the stack stays a Terraform stack.
      resendWhenUnset: false,
      doc:
        "Tool that runs the workflow: `TERRAFORM_FOSS` (Spacelift's default), `OPEN_TOFU` or `CUSTOM` (which takes " +
        "no `terraformVersion`). When unset, the chosen value is kept. Terraform stacks only.",
    },
    terraformWorkspace: {
      type: t.string(),
      gqlInput: "vendorConfig.terraform.workspace",
      readFrom: terraformSetting("workspace"),
      doc: "Terraform workspace to select. Terraform stacks only.",
    },
    terraformSmartSanitization: {
      type: t.boolean(),
      gqlInput: "vendorConfig.terraform.useSmartSanitization",
      readFrom: terraformSetting("useSmartSanitization"),
      serverDefault: true,
      // Kept by keepChosenSettings only while the stack stays a Terraform stack.
      resendWhenUnset: false,
      doc:
        "Sanitize only values Terraform marks sensitive in state and plans, instead of every value (Terraform " +
        "1.0.1 and later). `false` for a new stack; when unset, the current value is kept. Terraform stacks only.",
    },
    terraformExternalStateAccess: {
      type: t.boolean(),
      gqlInput: "vendorConfig.terraform.externalStateAccessEnabled",
      readFrom: terraformSetting("externalStateAccessEnabled"),
      serverDefault: true,
      // Kept by keepChosenSettings only while the stack stays a Terraform stack.
      resendWhenUnset: false,
      doc:
        "Whether the state can be read from other stacks and from outside Spacelift (needs `manageState`). " +
        "`false` for a new stack; when unset, the current value is kept. Terraform stacks only.",
    },
    ansible: vendorBlock("ansible", "Ansible", ansibleFields, (c) => readObject(ansibleFields, c), "Ansible"),
    cloudformation: vendorBlock(
      "cloudformation",
      "CloudFormation",
      cloudformationFields,
      (c) => readObject(cloudformationFields, c),
      "CloudFormation",
    ),
    kubernetes: {
      ...vendorBlock("kubernetes", "Kubernetes", kubernetesFields, readKubernetes, "Kubernetes"),
      transform: { toInput: kubernetesInput },
    },
    opentofu: {
      ...vendorBlock("opentofu", "OpenTofu", opentofuFields, readOpentofu, "OpenTofu"),
      transform: { toInput: opentofuInput },
    },
    pulumi: vendorBlock("pulumi", "Pulumi", pulumiFields, (c) => readObject(pulumiFields, c), "Pulumi"),
    terragrunt: vendorBlock(
      "terragrunt",
      "Terragrunt",
      terragruntFields,
      (c) => readObject(terragruntFields, c),
      "Terragrunt",
    ),
    awsAssumeRolePolicyStatement: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gqlOutput: "integrations.aws.assumeRolePolicyStatement",
      doc: "The trust policy statement an AWS IAM role needs for this stack to assume it.",
    },
    importState: {
      type: t.string(),
      gql: false,
      secret: true,
      createOnly: true,
      doc:
        "Content of a state file to hand over to Spacelift when the stack is created (needs `manageState`). " +
        "Used at creation only: later changes are ignored, and it is never kept in the outputs. Cannot be " +
        "combined with `importStateFile`.",
      validate: [nonEmpty()],
    },
    importStateFile: {
      type: t.string(),
      gql: false,
      createOnly: true,
      doc:
        "Path of a state file to hand over to Spacelift when the stack is created (needs `manageState`); the " +
        "file is read then. Used at creation only: later changes are ignored. Cannot be combined with `importState`.",
      validate: [nonEmpty()],
    },
  },
  rules: [
    ...vcsRules,
    conflictsWith("showcase", ...VCS_BLOCK_NAMES),
    atMostOneOf(...VENDOR_BLOCKS),
    conflictsWith("importState", "importStateFile"),
    ...TERRAFORM_ARGUMENTS.map((name) => conflictsWith(name, ...VENDOR_BLOCKS)),
  ],
  hooks: { shapeInput: shapeStackInput, localValues: keepChosenSettings, interpretRead: tofuAsTerraform },
  // The id is a slug of the name, so Spacelift refuses a second stack of one name itself.
  existing: markedInList({ noun: "stack", operation: "StackList", listField: "stacks" }),
  operations: {
    create: mutation("StackCreate", "stackCreate", {
      input: arg.input("StackInput!"),
      manageState: arg.field("manageState", "Boolean!"),
      stackObjectID: stackObjectArg,
      slug: arg.field("slug", "String"),
    }),
    read: query("StackRead", "stack", { id: arg.id() }, { extraSelection: ["deleting"] }),
    update: mutation("StackUpdate", "stackUpdate", { id: arg.id(), input: arg.input("StackInput!") }),
    delete: mutation("StackDelete", "stackDelete", { id: arg.id() }),
    beforeCreate: [stateUpload],
    beforeUpdate: [
      {
        when: migratesVendor,
        op: mutation(
          "StackMigrateVendor",
          "stackMigrateVendor",
          {
            id: arg.id(),
            // Only called when migrating, so the new values' vendor is the target.
            targetVendor: arg.derived("StackVendor!", (values) =>
              isRecord(values["terragrunt"]) ? "Terragrunt" : "Terraform",
            ),
            config: arg.derived("StackVendorMigrationInput", migrationConfig),
          },
          { selection: "id", idempotent: false },
        ),
      },
    ],
  },
  // The replacement usually keeps the name, and so the slug the old stack still holds.
  deleteBeforeReplace: true,
  asyncDelete: {
    // Spacelift flags a stack it has given up deleting by turning `deleting` back off.
    failedWhen: (raw) => raw["deleting"] === false,
  },
});
