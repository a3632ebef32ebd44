import { rejected } from "./errors";

type TerraformWorkflowTool = "CUSTOM" | "OPEN_TOFU" | "TERRAFORM_FOSS";
type OpenTofuWorkflowTool = "CUSTOM" | "OPENTOFU";
type KubernetesWorkflowTool = "CUSTOM" | "KUBERNETES";
type TerragruntTool = "MANUALLY_PROVISIONED" | "OPEN_TOFU" | "TERRAFORM_FOSS";

// One interface per vendor for its stored settings, every field filled in; the input blocks are
// derived from them, so that a field added to a vendor is added to its input and its record alike.

interface AnsibleSettings {
  readonly playbook: string;
}

interface CloudFormationSettings {
  readonly entryTemplateFile: string;
  readonly region: string;
  readonly stackName: string;
  readonly templateBucket: string;
}

interface KubernetesSettings {
  readonly namespace: string;
  readonly kubectlVersion: string | null;
  readonly kubernetesWorkflowTool: KubernetesWorkflowTool;
}

interface TerraformSettings {
  readonly externalStateAccessEnabled: boolean;
  readonly useSmartSanitization: boolean;
  readonly version: string | null;
  readonly workflowTool: TerraformWorkflowTool;
  readonly workspace: string | null;
}

interface OpenTofuSettings extends Omit<TerraformSettings, "workflowTool"> {
  readonly concise: boolean;
  readonly workflowTool: OpenTofuWorkflowTool;
}

interface PulumiSettings {
  readonly loginURL: string;
  readonly stackName: string;
}

interface TerragruntSettings {
  readonly terraformVersion: string | null;
  readonly terragruntVersion: string | null;
  readonly useRunAll: boolean;
  readonly useSmartSanitization: boolean;
  readonly useStateManagement: boolean;
  readonly skipReplanWhenRunAll: boolean;
  readonly skipReplan: boolean;
  readonly prefixResourceNamesWithModuleName: boolean;
  readonly tool: TerragruntTool;
}

/** An input block for settings `T`: the `Required` fields as stored, any other null or absent for its default. */
type InputBlock<T, Required extends keyof T = never> = Pick<T, Required> & {
  readonly [K in Exclude<keyof T, Required>]?: T[K] | null;
};

/** `VendorConfigInput` as the resolvers receive it: at most one block is non-null. */
export interface VendorConfigInput {
  readonly ansible?: AnsibleSettings | null;
  readonly cloudFormation?: CloudFormationSettings | null;
  readonly kubernetes?: InputBlock<KubernetesSettings, "namespace"> | null;
  readonly opentofu?: InputBlock<OpenTofuSettings> | null;
  readonly pulumi?: PulumiSettings | null;
  readonly terraform?: InputBlock<TerraformSettings> | null;
  readonly terragrunt?: InputBlock<TerragruntSettings> | null;
}

/**
 * A stack's vendor settings as stored, every field filled in. `vendor` names the member of the
 * `StackConfigVendor` union the record resolves to.
 */
export type VendorConfigRecord =
  | ({ readonly vendor: "Ansible" } & AnsibleSettings)
  | ({ readonly vendor: "CloudFormation" } & CloudFormationSettings)
  | ({ readonly vendor: "Kubernetes" } & KubernetesSettings)
  | ({ readonly vendor: "OpenTofu" } & OpenTofuSettings)
  | ({ readonly vendor: "Pulumi" } & PulumiSettings)
  | ({ readonly vendor: "Terraform" } & TerraformSettings)
  | ({ readonly vendor: "Terragrunt" } & TerragruntSettings);

/**
 * The stored vendor settings for an input, with the defaults the provider documents for omitted
 * fields. No block at all means Terraform, optionally with the deprecated top-level
 * `terraformVersion`.
 */
export function vendorConfigFromInput(
  input: VendorConfigInput | null | undefined,
  terraformVersion: string | null | undefined,
): VendorConfigRecord {
  const given = Object.entries(input ?? {}).filter(([, block]) => block != null);
  if (given.length > 1) {
    throw rejected(
      `stack has 1 error: vendorConfig: exactly one vendor may be configured, got ${given.map(([n]) => n).join(", ")}`,
    );
  }
  const { ansible, cloudFormation, kubernetes, opentofu, pulumi, terragrunt } = input ?? {};
  if (ansible) {
    return { vendor: "Ansible", playbook: ansible.playbook };
  }
  if (cloudFormation) {
    return { vendor: "CloudFormation", ...cloudFormation };
  }
  if (kubernetes) {
    return {
      vendor: "Kubernetes",
      namespace: kubernetes.namespace,
      kubectlVersion: kubernetes.kubectlVersion ?? null,
      kubernetesWorkflowTool: kubernetes.kubernetesWorkflowTool ?? "KUBERNETES",
    };
  }
  if (opentofu) {
    const workflowTool = opentofu.workflowTool ?? "OPENTOFU";
    rejectVersionForCustomTool("opentofu", workflowTool, opentofu.version);
    return {
      vendor: "OpenTofu",
      concise: opentofu.concise ?? true,
      externalStateAccessEnabled: opentofu.externalStateAccessEnabled ?? false,
      useSmartSanitization: opentofu.useSmartSanitization ?? true,
      version: opentofu.version ?? null,
      workflowTool,
      workspace: opentofu.workspace ?? null,
    };
  }
  if (pulumi) {
    return { vendor: "Pulumi", loginURL: pulumi.loginURL, stackName: pulumi.stackName };
  }
  if (terragrunt) {
    return {
      vendor: "Terragrunt",
      terraformVersion: terragrunt.terraformVersion ?? null,
      terragruntVersion: terragrunt.terragruntVersion ?? null,
      useRunAll: terragrunt.useRunAll ?? false,
      useSmartSanitization: terragrunt.useSmartSanitization ?? false,
      useStateManagement: terragrunt.useStateManagement ?? false,
      skipReplanWhenRunAll: terragrunt.skipReplanWhenRunAll ?? false,
      skipReplan: terragrunt.skipReplan ?? false,
      prefixResourceNamesWithModuleName: terragrunt.prefixResourceNamesWithModuleName ?? false,
      tool: terragrunt.tool ?? "TERRAFORM_FOSS",
    };
  }
  const terraform = input?.terraform;
  const workflowTool = terraform?.workflowTool ?? "TERRAFORM_FOSS";
  const version = terraform?.version ?? terraformVersion ?? null;
  rejectVersionForCustomTool("terraform", workflowTool, version);
  return {
    vendor: "Terraform",
    externalStateAccessEnabled: terraform?.externalStateAccessEnabled ?? false,
    useSmartSanitization: terraform?.useSmartSanitization ?? false,
    version,
    workflowTool,
    workspace: terraform?.workspace ?? null,
  };
}

// The real API refuses this combination with this wording (terraform-provider-spacelift#547).
function rejectVersionForCustomTool(
  block: string,
  tool: TerraformWorkflowTool | OpenTofuWorkflowTool,
  version: string | null | undefined,
) {
  if (tool === "CUSTOM" && version != null) {
    throw rejected(
      `stack has 1 error: ${block}: specifying version for custom tool workflow is not possible`,
    );
  }
}

/** The `StackConfigVendor` member a stored record resolves to. */
export function vendorTypeName(config: VendorConfigRecord): string {
  return `StackConfigVendor${config.vendor}`;
}

/** The version `Stack.terraformVersion` reports: the Terraform or OpenTofu version, if any. */
export function terraformVersionOf(config: VendorConfigRecord): string | null {
  switch (config.vendor) {
    case "Terraform":
    case "OpenTofu":
      return config.version;
    case "Terragrunt":
      return config.terraformVersion;
    default:
      return null;
  }
}

/** `StackVendor`: what `stackMigrateVendor` migrates a stack to. */
export type StackVendor = "Terraform" | "Terragrunt";

/** `StackVendorMigrationInput` as the resolvers receive it. */
export interface StackVendorMigrationInput {
  readonly labels?: readonly string[] | null;
  readonly terragrunt?: { readonly terragruntVersion?: string | null } | null;
}

/** The vendors a stack moves between with `stackMigrateVendor` rather than `stackUpdate`. */
function migrationSide(vendor: VendorConfigRecord["vendor"]): StackVendor | undefined {
  if (vendor === "Terraform" || vendor === "OpenTofu") return "Terraform";
  if (vendor === "Terragrunt") return "Terragrunt";
  return undefined;
}

/**
 * Refuses an update that moves a stack between Terraform (or OpenTofu) and Terragrunt: Spacelift's
 * Terraform provider migrates such stacks with `stackMigrateVendor` first, which replaced a destroy
 * and create (terraform-provider-spacelift PR #798).
 */
export function rejectVendorSwitch(current: VendorConfigRecord, next: VendorConfigRecord): void {
  const from = migrationSide(current.vendor);
  const to = migrationSide(next.vendor);
  if (from !== undefined && to !== undefined && from !== to) {
    throw rejected(
      `stack vendor cannot be changed from ${current.vendor} to ${next.vendor} by an update; use stackMigrateVendor`,
    );
  }
}

/**
 * The vendor settings after `stackMigrateVendor`: versions carry over, and a Terragrunt stack
 * drives the tool the Terraform stack used, with state management as the stack had it.
 */
export function migratedVendorConfig(
  current: VendorConfigRecord,
  target: StackVendor,
  config: StackVendorMigrationInput | null | undefined,
  managesStateFile: boolean,
): VendorConfigRecord {
  if (migrationSide(current.vendor) === target) {
    throw rejected(`stack is already a ${target} stack`);
  }
  if (target === "Terragrunt") {
    if (current.vendor !== "Terraform" && current.vendor !== "OpenTofu") {
      throw rejected(
        `only a Terraform or OpenTofu stack can be migrated to Terragrunt, not ${current.vendor}`,
      );
    }
    return {
      vendor: "Terragrunt",
      terraformVersion: current.version,
      terragruntVersion: config?.terragrunt?.terragruntVersion ?? null,
      useRunAll: false,
      useSmartSanitization: current.useSmartSanitization,
      useStateManagement: managesStateFile,
      skipReplanWhenRunAll: false,
      skipReplan: false,
      prefixResourceNamesWithModuleName: false,
      tool: current.vendor === "OpenTofu" ? "OPEN_TOFU" : "TERRAFORM_FOSS",
    };
  }
  if (current.vendor !== "Terragrunt") {
    throw rejected(`only a Terragrunt stack can be migrated to Terraform, not ${current.vendor}`);
  }
  return {
    vendor: "Terraform",
    externalStateAccessEnabled: false,
    useSmartSanitization: current.useSmartSanitization,
    version: current.terraformVersion,
    workflowTool: current.tool === "OPEN_TOFU" ? "OPEN_TOFU" : "TERRAFORM_FOSS",
    workspace: null,
  };
}

/**
 * Spacelift's server-side migration of a Terraform stack run by OpenTofu (workflow tool
 * `OPEN_TOFU`) to the native OpenTofu vendor; clients do not trigger it (terraform-provider-spacelift
 * b427418 maps such stacks back to its `terraform_*` arguments). Other configurations are returned
 * as they are.
 */
export function nativeOpenTofu(current: VendorConfigRecord): VendorConfigRecord {
  if (current.vendor !== "Terraform" || current.workflowTool !== "OPEN_TOFU") return current;
  return {
    vendor: "OpenTofu",
    concise: true,
    externalStateAccessEnabled: current.externalStateAccessEnabled,
    useSmartSanitization: current.useSmartSanitization,
    version: current.version,
    workflowTool: "OPENTOFU",
    workspace: current.workspace,
  };
}

/**
 * The settings an update leaves a stack with. A stack migrated to native OpenTofu stays so when
 * a client keeps sending it as a Terraform stack run by OpenTofu, as Spacelift's Terraform provider
 * does for programs written before the migration (b427418); it never goes back to Terraform.
 */
export function updatedVendorConfig(
  current: VendorConfigRecord,
  next: VendorConfigRecord,
): VendorConfigRecord {
  if (current.vendor !== "OpenTofu") return next;
  const migrated = nativeOpenTofu(next);
  return migrated.vendor === "OpenTofu" && next.vendor === "Terraform"
    ? { ...migrated, concise: current.concise }
    : next;
}
