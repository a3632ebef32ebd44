import { rejected } from "./errors";

/** The name rule of the real API for module names (terraform-provider-spacelift validates it too). */
const MODULE_NAME = /^[a-z][a-z0-9-_]*[a-z0-9]$/;

// Provider names end up inside the module id and in the registry source address, so they follow
// the same character rules as names (digits may lead, as in some provider names).
const TERRAFORM_PROVIDER = /^[a-z0-9]([a-z0-9-_]*[a-z0-9])?$/;

/** Repository names following the registry convention `terraform-<provider>-<name>`. */
const CONVENTIONAL_REPOSITORY = /^terraform-([a-z0-9]+)-(.+)$/;

/** A module's name, Terraform provider and the id made of them. */
export interface ModuleIdentity {
  readonly name: string;
  readonly terraformProvider: string;
  /** `terraform-<terraformProvider>-<name>`. */
  readonly id: string;
}

/**
 * Works out a new module's identity. Without an explicit name, both name and provider come from a
 * repository named `terraform-<provider>-<name>`. With an explicit name, the provider is the
 * explicit one or `default`: the real API does not take it from the repository then (its Terraform
 * provider's tests create `github-module-x` from repository `terraform-bacon-tasty` and get
 * `terraform-default-github-module-x`).
 */
export function moduleIdentity(input: {
  readonly name?: string | null;
  readonly terraformProvider?: string | null;
  readonly repository: string;
}): ModuleIdentity {
  const conventional = CONVENTIONAL_REPOSITORY.exec(input.repository);
  let name = input.name ?? null;
  let terraformProvider = input.terraformProvider ?? null;
  if (name === null) {
    if (!conventional) {
      throw rejected(
        `cannot infer the module name from repository ${JSON.stringify(input.repository)}: ` +
          "name it terraform-<provider>-<name> or give the name explicitly",
      );
    }
    name = conventional[2];
    terraformProvider ??= conventional[1];
  }
  terraformProvider ??= "default";
  if (!MODULE_NAME.test(name)) {
    throw rejected(
      `invalid module name ${JSON.stringify(name)}: must start with a lowercase letter, end with a lowercase letter ` +
        "or digit, and contain only lowercase letters, digits, dashes and underscores",
    );
  }
  if (!TERRAFORM_PROVIDER.test(terraformProvider)) {
    throw rejected(
      `invalid terraform provider ${JSON.stringify(terraformProvider)}: use lowercase letters, digits, dashes and ` +
        'underscores (e.g. "aws"), not a registry address',
    );
  }
  return { name, terraformProvider, id: `terraform-${terraformProvider}-${name}` };
}
