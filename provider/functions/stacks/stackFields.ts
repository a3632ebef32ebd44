/**
 * What `getStack` and `getStacks` share: the GraphQL selection of a stack, the result fields
 * (the official SDK gives the two functions identical shapes under different type names) and the
 * conversion of a selected stack into those fields.
 *
 * @packageDocumentation
 */

import { isMarkerLabel } from "../../engine/marker";
import type { FunctionFields, FunctionValues } from "../descriptor";
import { vcsLists } from "../vcsLists";

/**
 * The members of a `Stack` both functions select, as Spacelift's Terraform provider does. The
 * OpenTofu fragment aliases `workflowTool` because its type differs from Terraform's, and GraphQL
 * refuses two fields of one name and different types in one selection.
 */
export const STACK_SELECTION = `
  id name description space labels administrative autodeploy autoretry
  branch repository repositoryURL namespace provider projectRoot additionalProjectGlobs
  localPreviewEnabled managesStateFile protectFromDeletion runnerImage terraformVersion
  afterApply afterDestroy afterInit afterPerform afterPlan afterRun
  beforeApply beforeDestroy beforeInit beforePerform beforePlan
  integrations { aws { assumeRolePolicyStatement } }
  vcsIntegration { id isDefault }
  workerPool { id }
  vendorConfig {
    __typename
    ... on StackConfigVendorAnsible { playbook }
    ... on StackConfigVendorCloudFormation { entryTemplateFile region stackName templateBucket }
    ... on StackConfigVendorKubernetes { namespace kubectlVersion }
    ... on StackConfigVendorPulumi { loginURL stackName }
    ... on StackConfigVendorTerraform {
      useSmartSanitization version workflowTool workspace externalStateAccessEnabled
    }
    ... on StackConfigVendorOpenTofu {
      useSmartSanitization version openTofuWorkflowTool: workflowTool workspace externalStateAccessEnabled
    }
  }
`;

/** A stack as {@link STACK_SELECTION} returns it. */
export interface StackNode {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly space: string;
  readonly labels: readonly string[];
  readonly administrative: boolean;
  readonly autodeploy: boolean;
  readonly autoretry: boolean;
  readonly branch: string;
  readonly repository: string;
  readonly repositoryURL: string | null;
  readonly namespace: string;
  readonly provider: string;
  readonly projectRoot: string | null;
  readonly additionalProjectGlobs: readonly string[] | null;
  readonly localPreviewEnabled: boolean;
  readonly managesStateFile: boolean;
  readonly protectFromDeletion: boolean;
  readonly runnerImage: string | null;
  readonly terraformVersion: string | null;
  readonly afterApply: readonly string[];
  readonly afterDestroy: readonly string[];
  readonly afterInit: readonly string[];
  readonly afterPerform: readonly string[];
  readonly afterPlan: readonly string[];
  readonly afterRun: readonly string[] | null;
  readonly beforeApply: readonly string[];
  readonly beforeDestroy: readonly string[];
  readonly beforeInit: readonly string[];
  readonly beforePerform: readonly string[];
  readonly beforePlan: readonly string[];
  readonly integrations: { readonly aws: { readonly assumeRolePolicyStatement: string } | null } | null;
  readonly vcsIntegration: { readonly id: string; readonly isDefault: boolean } | null;
  readonly workerPool: { readonly id: string } | null;
  readonly vendorConfig: ({ readonly __typename: string } & Readonly<Record<string, unknown>>) | null;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The hook lists, keyed as the official SDK names them (plural), and the API's name of each. */
const HOOKS = {
  afterApplies: ["afterApply", "after the apply phase"],
  afterDestroys: ["afterDestroy", "after the destroy phase"],
  afterInits: ["afterInit", "after the init phase"],
  afterPerforms: ["afterPerform", "after the perform phase of a task"],
  afterPlans: ["afterPlan", "after the plan phase"],
  afterRuns: ["afterRun", "after every run, whatever its outcome"],
  beforeApplies: ["beforeApply", "before the apply phase"],
  beforeDestroys: ["beforeDestroy", "before the destroy phase"],
  beforeInits: ["beforeInit", "before the init phase"],
  beforePerforms: ["beforePerform", "before the perform phase of a task"],
  beforePlans: ["beforePlan", "before the plan phase"],
} as const satisfies Record<string, readonly [keyof StackNode, string]>;

/**
 * `getStack`'s hook arguments. The official SDK declares them; they do not filter or change
 * anything, so they are accepted and the result always holds the stack's own commands.
 */
export function hookArguments(): FunctionFields {
  return Object.fromEntries(
    Object.entries(HOOKS).map(([name, [, phase]]) => [
      name,
      {
        type: "string[]",
        optional: true,
        doc: `Accepted for compatibility and ignored: the result's \`${name}\` holds the commands the stack runs ${phase}.`,
      },
    ]),
  );
}

/**
 * The nested types of a stack's result, named with `prefix` (`GetStack` or `GetStacksStack`, the
 * official SDK's names).
 */
export function stackTypes(prefix: string): Record<string, FunctionFields> {
  const integration = (namespace: "namespace" | "project", where: string): FunctionFields => ({
    id: { type: "string", doc: `ID of the ${where} integration the stack reads its repository through.` },
    isDefault: { type: "boolean", doc: "Whether that integration is the account's default one." },
    [namespace]: {
      type: "string",
      doc:
        namespace === "project"
          ? "The Azure DevOps project holding the repository."
          : `The ${where} namespace (organization, group, project or user) holding the repository.`,
    },
  });
  return {
    [`${prefix}Ansible`]: { playbook: { type: "string", doc: "The playbook the stack runs." } },
    [`${prefix}AzureDevop`]: integration("project", "Azure DevOps"),
    [`${prefix}BitbucketCloud`]: integration("namespace", "Bitbucket Cloud"),
    [`${prefix}BitbucketDatacenter`]: integration("namespace", "Bitbucket Data Center"),
    [`${prefix}Cloudformation`]: {
      entryTemplateFile: { type: "string", doc: "Template file `cloudformation package` is run on." },
      region: { type: "string", doc: "AWS region the CloudFormation stack lives in." },
      stackName: { type: "string", doc: "Name of the CloudFormation stack." },
      templateBucket: { type: "string", doc: "S3 bucket the packaged templates are uploaded to." },
    },
    [`${prefix}GithubEnterprise`]: integration("namespace", "GitHub Enterprise"),
    [`${prefix}Gitlab`]: integration("namespace", "GitLab"),
    [`${prefix}Kubernete`]: {
      kubectlVersion: { type: "string", doc: "The kubectl version runs use; empty when Spacelift chooses." },
      namespace: { type: "string", doc: "The Kubernetes namespace the stack deploys to; empty for none." },
    },
    [`${prefix}Pulumi`]: {
      loginUrl: { type: "string", doc: "The state backend Pulumi logs into when a run starts." },
      stackName: { type: "string", doc: "The Pulumi stack selected in that backend." },
    },
    [`${prefix}RawGit`]: {
      namespace: { type: "string", doc: "The namespace shown for the repository." },
      url: { type: "string", doc: "The HTTPS URL the repository is cloned from." },
    },
    [`${prefix}Showcase`]: { namespace: { type: "string", doc: "The showcase repository's namespace." } },
  };
}

/**
 * The fields describing one stack, with nested types named with `prefix`. `getStack` adds `id`,
 * `getStacks` does not (its elements have only `stackId`), as in the official SDK.
 */
export function stackResultFields(prefix: string): FunctionFields {
  const block = (type: string, what: string) => ({
    type: `${prefix}${type}[]`,
    doc: `${what}: one element when it applies to the stack, none otherwise.`,
  });
  const hooks = Object.fromEntries(
    Object.entries(HOOKS).map(([name, [, phase]]) => [
      name,
      {
        type: "string[]",
        doc: `Commands the stack runs ${phase}, in order.`,
        ...(name === "afterRuns" ? { optional: true } : {}),
      },
    ]),
  );
  return {
    stackId: { type: "string", doc: "The stack's ID (its slug)." },
    name: { type: "string", doc: "The stack's name." },
    description: { type: "string", doc: "Its free-form description; empty when it has none." },
    spaceId: { type: "string", doc: "ID of the space the stack is in." },
    labels: {
      type: "string[]",
      doc: "Its labels (without the label pulumi-spacelift marks its own stacks with).",
    },
    administrative: { type: "boolean", doc: "Whether the stack may manage other Spacelift objects." },
    autodeploy: { type: "boolean", doc: "Whether changes are applied without a confirmation." },
    autoretry: { type: "boolean", doc: "Whether obsolete proposed changes are retried automatically." },
    repository: { type: "string", doc: "Name of the repository the stack's code comes from." },
    branch: { type: "string", doc: "The branch the stack tracks." },
    projectRoot: {
      type: "string",
      doc: "Directory of the repository the stack runs in; empty for its root.",
    },
    additionalProjectGlobs: {
      type: "string[]",
      optional: true,
      doc: "Further paths whose changes trigger the stack, besides its project root.",
    },
    enableLocalPreview: {
      type: "boolean",
      doc: "Whether local previews (`spacectl stack local-preview`) are allowed.",
    },
    manageState: { type: "boolean", doc: "Whether Spacelift holds the stack's state." },
    protectFromDeletion: { type: "boolean", doc: "Whether the stack is protected from deletion." },
    runnerImage: { type: "string", doc: "The runner image runs use; empty for Spacelift's default." },
    workerPoolId: { type: "string", doc: "ID of the worker pool runs use; empty for the public workers." },
    awsAssumeRolePolicyStatement: {
      type: "string",
      doc: "The trust policy statement an AWS IAM role needs so that this stack can assume it.",
    },
    terraformVersion: {
      type: "string",
      doc:
        "For a Terraform or OpenTofu stack, the version it runs; for other vendors, the Terraform version " +
        "Spacelift reports for the stack, if any; empty otherwise.",
    },
    terraformWorkflowTool: {
      type: "string",
      doc: "For a Terraform or OpenTofu stack, the workflow tool (`TERRAFORM_FOSS`, `OPEN_TOFU`, `CUSTOM`); empty otherwise.",
    },
    terraformWorkspace: {
      type: "string",
      doc: "For a Terraform or OpenTofu stack, the workspace selected; empty otherwise.",
    },
    terraformSmartSanitization: {
      type: "boolean",
      doc: "For a Terraform or OpenTofu stack, whether only values marked sensitive are sanitized; false otherwise.",
    },
    terraformExternalStateAccess: {
      type: "boolean",
      doc: "For a Terraform or OpenTofu stack, whether its state can be read from outside it; false otherwise.",
    },
    ...hooks,
    ansibles: block("Ansible", "Ansible settings"),
    cloudformations: block("Cloudformation", "CloudFormation settings"),
    kubernetes: block("Kubernete", "Kubernetes settings"),
    pulumis: block("Pulumi", "Pulumi settings"),
    azureDevops: block("AzureDevop", "The Azure DevOps source"),
    bitbucketClouds: block("BitbucketCloud", "The Bitbucket Cloud source"),
    bitbucketDatacenters: block("BitbucketDatacenter", "The Bitbucket Data Center source"),
    githubEnterprises: block("GithubEnterprise", "The GitHub Enterprise source"),
    gitlabs: block("Gitlab", "The GitLab source"),
    rawGits: block("RawGit", "The raw Git source"),
    showcases: block("Showcase", "The showcase source"),
  };
}

/** VCS provider → the result's list that describes it. */
/** Converts a selected stack into the result fields of {@link stackResultFields}. */
export function stackResult(node: StackNode): FunctionValues {
  const vendor = node.vendorConfig ?? { __typename: "" };
  const hooks = Object.fromEntries(
    Object.entries(HOOKS).map(([name, [api]]) => [
      name,
      [...((node[api] as readonly string[] | null) ?? [])],
    ]),
  );
  const out: FunctionValues = {
    stackId: node.id,
    name: node.name,
    description: text(node.description),
    spaceId: node.space,
    // Without pulumi-spacelift's marker label and in Spacelift's order, as the Stack resource's
    // outputs have them, so that the two compare equal.
    labels: node.labels.filter((label) => !isMarkerLabel(label)),
    administrative: node.administrative,
    autodeploy: node.autodeploy,
    autoretry: node.autoretry,
    repository: node.repository,
    branch: node.branch,
    projectRoot: text(node.projectRoot),
    additionalProjectGlobs: [...(node.additionalProjectGlobs ?? [])],
    enableLocalPreview: node.localPreviewEnabled,
    manageState: node.managesStateFile,
    protectFromDeletion: node.protectFromDeletion,
    runnerImage: text(node.runnerImage),
    workerPoolId: text(node.workerPool?.id),
    awsAssumeRolePolicyStatement: text(node.integrations?.aws?.assumeRolePolicyStatement),
    terraformVersion: text(node.terraformVersion),
    terraformWorkflowTool: "",
    terraformWorkspace: "",
    terraformSmartSanitization: false,
    terraformExternalStateAccess: false,
    ...hooks,
    ansibles: [],
    cloudformations: [],
    kubernetes: [],
    pulumis: [],
    rawGits: [],
    showcases: [],
  };

  Object.assign(out, vcsLists(node));
  if (node.provider === "GIT") {
    out["rawGits"] = [{ namespace: node.namespace, url: text(node.repositoryURL) }];
  } else if (node.provider === "SHOWCASE") {
    out["showcases"] = [{ namespace: node.namespace }];
  }

  switch (vendor.__typename) {
    case "StackConfigVendorAnsible":
      out["ansibles"] = [{ playbook: text(vendor["playbook"]) }];
      break;
    case "StackConfigVendorCloudFormation":
      out["cloudformations"] = [
        {
          entryTemplateFile: text(vendor["entryTemplateFile"]),
          region: text(vendor["region"]),
          stackName: text(vendor["stackName"]),
          templateBucket: text(vendor["templateBucket"]),
        },
      ];
      break;
    case "StackConfigVendorKubernetes":
      out["kubernetes"] = [
        { namespace: text(vendor["namespace"]), kubectlVersion: text(vendor["kubectlVersion"]) },
      ];
      break;
    case "StackConfigVendorPulumi":
      out["pulumis"] = [{ loginUrl: text(vendor["loginURL"]), stackName: text(vendor["stackName"]) }];
      break;
    case "StackConfigVendorTerraform":
      Object.assign(out, terraformSettings(vendor, text(vendor["workflowTool"])));
      break;
    case "StackConfigVendorOpenTofu":
      // The official SDK has no OpenTofu block: an OpenTofu stack reads as a Terraform stack whose
      // workflow tool is OpenTofu, as the `Stack` resource reads it when it has no `opentofu` block.
      Object.assign(
        out,
        terraformSettings(vendor, vendor["openTofuWorkflowTool"] === "CUSTOM" ? "CUSTOM" : "OPEN_TOFU"),
      );
      break;
    default:
      // Terragrunt (and vendors newer than this code) have no block in the official SDK.
      break;
  }
  return out;
}

function terraformSettings(vendor: Readonly<Record<string, unknown>>, workflowTool: string): FunctionValues {
  return {
    terraformVersion: text(vendor["version"]),
    terraformWorkflowTool: workflowTool,
    terraformWorkspace: text(vendor["workspace"]),
    terraformSmartSanitization: vendor["useSmartSanitization"] === true,
    terraformExternalStateAccess: vendor["externalStateAccessEnabled"] === true,
  };
}
