import type { SeedResult } from "../../emulator/seed";
import { replacePlaceholders, type BrunoRequest } from "./bruno";

/**
 * The variables to send with a request of Spacelift's Bruno collection: its example variables with
 * placeholders replaced, then corrected where the examples are wrong. Shared by every test that
 * sends the collection's documents, so each correction is stated once.
 */

/**
 * Ids an override may need that only the emulator knows: those seeding returned, or those earlier
 * requests of a sequence returned, under the seed input's names (`contextAttachments`, ...).
 */
export type KnownIds = SeedResult;

/** Turns a request's example variables (placeholders replaced) into correct ones. */
export type VariableOverride = (ids: KnownIds, vars: Record<string, unknown>) => Record<string, unknown>;

/**
 * Variables that differ from the collection's examples, by request path, with the reason. Each
 * returns members applied over the examples after placeholder replacement.
 */
export const BRUNO_VARIABLE_OVERRIDES: Readonly<Record<string, VariableOverride>> = {
  // The example passes the context id, but the mutation takes the attachment id (its argument
  // is the id that contextAttach returns; the Terraform provider detaches by attachment id).
  "Contexts/Detach Context.bru": (ids) => ({ id: ids.contextAttachments?.[0] }),
  "Policies/Detach Policy.bru": (ids) => ({ id: ids.policyAttachments?.[0] }),
  // This copy of the collection predates its variable checks: a later revision adds the
  // required `updateInput` and passes `provider` as a VCS provider ("GITHUB"). "hashicorp/aws"
  // is a registry address, not the provider name a module id is made of.
  "Modules/Create Module.bru": (_ids, vars) => ({
    input: {
      ...(vars.input as Record<string, unknown>),
      updateInput: { branch: "main", description: "My module", labels: [], space: "root" },
      provider: "GITHUB",
      terraformProvider: "aws",
    },
  }),
  // The collection uses one placeholder for both kinds of webhook; this one is a stack's.
  "Stacks/Webhooks/Update Stack Webhook.bru": (ids) => ({ id: ids.webhooks?.[0] }),
  "Stacks/Webhooks/Delete Stack Webhook.bru": (ids) => ({ id: ids.webhooks?.[0] }),
  // Detach and attachment update take the attachment id, which awsIntegrationAttach returns.
  "Cloud Integrations/AWS/Detach AWS Integration.bru": (ids) => ({
    id: ids.awsIntegrationAttachments?.[0],
  }),
  "Cloud Integrations/AWS/Update Attachment.bru": (ids, vars) => ({
    ...vars,
    id: ids.awsIntegrationAttachments?.[0],
  }),
  // The Azure requests name the attachment by `AZURE_INTEGRATION_ID_HERE` or `ATTACHMENT_ID_HERE`;
  // detaching and updating take the attachment's own id, which only the emulator knows. Attaching
  // needs a stack the seeded integration is not attached to yet, and a real GUID for the subscription
  // (the example's `xxxxxxxx-...` placeholder is refused, as Azure's would be).
  "Cloud Integrations/Azure/Detach Azure Integration.bru": (ids) => ({
    id: ids.azureIntegrationAttachments?.[0],
  }),
  "Cloud Integrations/Azure/Update Attachment.bru": (ids) => ({
    id: ids.azureIntegrationAttachments?.[0],
  }),
  "Cloud Integrations/Azure/Attach Azure Integration.bru": () => ({
    stack: "terraform-aws-bruno-module",
    subscriptionId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
  }),
  // The API takes the Base64 of the PEM request (the Terraform provider encodes it so); the
  // examples pass PEM text, which the emulator refuses as the real API would.
  "Worker Pools/Create Worker Pool.bru": (_ids, vars) => ({
    certificateSigningRequest: Buffer.from(String(vars.certificateSigningRequest)).toString("base64"),
  }),
  "Worker Pools/Reset Worker Pool.bru": (_ids, vars) => ({
    certificateSigningRequest: Buffer.from(String(vars.certificateSigningRequest)).toString("base64"),
  }),
  // Dependencies and references have server-chosen ids, known only once created.
  "Stacks/Dependencies/Delete Dependency.bru": (ids) => ({ id: ids.stackDependencies?.[0] }),
  "Stacks/Dependencies/Update Dependency.bru": (ids, vars) => ({
    input: { ...(vars.input as Record<string, unknown>), id: ids.stackDependencies?.[0] },
  }),
  "Stacks/Dependencies/Add Reference.bru": (ids) => ({ stackDependencyID: ids.stackDependencies?.[0] }),
  "Stacks/Dependencies/Update Reference.bru": (ids, vars) => ({
    reference: { ...(vars.reference as Record<string, unknown>), id: ids.stackDependencyReferences?.[0] },
  }),
  "Stacks/Dependencies/Delete Reference.bru": (ids) => ({ id: ids.stackDependencyReferences?.[0] }),
  // Updating and deleting need existing drift detection, which only the downstream stack has.
  "Drift Detection/Update Drift Detection.bru": () => ({ stack: "downstream-stack" }),
  "Drift Detection/Delete Drift Detection.bru": () => ({ stack: "downstream-stack" }),
  // The example's `OPEN_TOFU` is no StackVendor value: Spacelift's Terraform provider sends
  // `Terraform` or `Terragrunt` (8565261, structs/stack_input.go); the seeded stack is Terraform.
  "Stacks/Migrate Vendor.bru": () => ({ targetVendor: "Terragrunt" }),
  // Same: the later revision adds the required `repository`.
  "Modules/Update Module V2.bru": (_ids, vars) => ({
    input: { ...(vars.input as Record<string, unknown>), repository: "terraform-aws-bruno-module" },
  }),
};

/**
 * A request's example variables with `placeholders` replaced (see {@link replacePlaceholders}) and
 * its entry of {@link BRUNO_VARIABLE_OVERRIDES} applied.
 *
 * @param request - the request, as read by `loadBrunoRequests`
 * @param placeholders - what each placeholder (`STACK_ID_HERE`, `{{SPACELIFT_API_KEY_ID}}`, ...) stands for
 * @param ids - ids only the emulator knows, for the overrides that need them
 */
export function brunoVariables(
  request: BrunoRequest,
  placeholders: Readonly<Record<string, unknown>>,
  ids: KnownIds = {},
): Record<string, unknown> {
  const examples = replacePlaceholders(request.variables, placeholders) as Record<string, unknown>;
  const override = BRUNO_VARIABLE_OVERRIDES[request.relativePath];
  return override ? { ...examples, ...override(ids, examples) } : examples;
}
