import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "every";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

const base64 = (text: string) => Buffer.from(text).toString("base64");
const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
const TENANT = "11111111-2222-4333-8444-555555555555";

// --- Account-wide settings ---------------------------------------------------------------------

// The account's single security contact and audit trail: Spacelift cannot delete either, so a
// destroy only forgets them. The address stays set, so deploying this program again into the same
// account needs it cleared first: the resource never takes over an address it did not set.
new spacelift.SecurityEmail("security", { email: `security-${prefix}@example.com` });
new spacelift.AuditTrailWebhook("audit", {
  enabled: true,
  endpoint: `https://example.com/audit/${prefix}`,
  secret: deployToken,
});

// --- Spaces, people and access ------------------------------------------------------------------

const space = new spacelift.Space("space", {
  name: `${prefix}-everything`,
  description: "Holds most of this program's objects.",
  inheritEntities: true,
});
new spacelift.User("user", {
  invitationEmail: `${prefix}-engineer@example.com`,
  username: `${prefix}-engineer`,
  policies: [{ spaceId: space.id, role: "WRITE" }],
});
new spacelift.IdpGroupMapping("group", {
  name: `${prefix}-engineers`,
  policies: [{ spaceId: space.id, role: "READ" }],
});

// --- Workers and providers ----------------------------------------------------------------------

new spacelift.WorkerPool("pool", {
  name: `${prefix}-pool`,
  spaceId: space.id,
  description: "Private workers.",
});
new spacelift.VcsAgentPool("vcs-agents", { name: `${prefix}-vcs-agents`, description: "On-premises VCS." });
new spacelift.TerraformProvider("terraform-provider", {
  type: `${prefix}-internal`,
  spaceId: space.id,
  description: "The organisation's own Terraform provider.",
});

// --- Stacks and modules -------------------------------------------------------------------------

const stack = (name: string, extra: Partial<spacelift.StackArgs> = {}) =>
  new spacelift.Stack(name, {
    name: `${prefix}-${name}`,
    spaceId: space.id,
    repository: "infra",
    branch: "main",
    projectRoot: name,
    ...extra,
  });
const network = stack("network", { labels: ["layer:network"] });
const app = stack("app", { autodeploy: true, afterApplies: ["echo applied"] });
const sandbox = stack("sandbox");
const paused = stack("paused");

const vpcModule = new spacelift.Module("module", {
  name: `${prefix}-vpc`,
  spaceId: space.id,
  terraformProvider: "aws",
  repository: "terraform-aws-vpc",
  branch: "main",
  description: "A shared VPC module.",
});
// Publishing a version happens once: the keepers never change, so later updates leave it alone.
new spacelift.Version("module-version", {
  moduleId: vpcModule.id,
  versionNumber: "0.1.0",
  keepers: { release: "first" },
});

new spacelift.Blueprint("blueprint", {
  name: `${prefix}-blueprint`,
  space: space.id,
  state: "PUBLISHED",
  description: "A stack made from a form.",
  template: [
    "inputs:",
    "  - id: stack_name",
    "    name: Stack Name",
    "    type: SHORT_STRING",
    "stack:",
    "  name: ${{ inputs.stack_name }}",
    "  space: root",
    "  vcs:",
    "    branch: main",
    "    repository: demo",
    "    provider: GITHUB",
    "",
  ].join("\n"),
});

// --- Dependencies between stacks ----------------------------------------------------------------

const appOnNetwork = new spacelift.StackDependency("app-on-network", {
  stackId: app.id,
  dependsOnStackId: network.id,
});
new spacelift.StackDependencyReference("vpc-id", {
  stackDependencyId: appOnNetwork.id,
  outputName: "vpc_id",
  inputName: "TF_VAR_vpc_id",
});

// --- Configuration ------------------------------------------------------------------------------

const context = new spacelift.Context("context", {
  name: `${prefix}-shared`,
  spaceId: space.id,
  description: "Settings every stack needs.",
  labels: ["shared"],
});
// Left without a name, a resource is named as the official provider names it: its Pulumi name
// plus a suffix that differs per Pulumi stack, kept once the object exists.
const runbooks = new spacelift.Context("runbooks", {
  spaceId: space.id,
  description: "Runbook settings; its name is generated.",
});
new spacelift.EnvironmentVariable("deploy-token", {
  contextId: context.id,
  name: "DEPLOY_TOKEN",
  value: deployToken,
  description: "Written once, never shown again.",
});
new spacelift.MountedFile("settings", {
  contextId: context.id,
  relativePath: "settings.json",
  content: base64(JSON.stringify({ owner: prefix })),
  writeOnly: false,
});
// Terraform's `spacelift_mountedfile` name works too.
new spacelift.Mountedfile("module-readme", {
  moduleId: vpcModule.id,
  relativePath: "notes/README.md",
  content: base64(`# ${prefix}\n`),
});
new spacelift.ContextAttachment("context-on-app", { contextId: context.id, stackId: app.id, priority: 1 });

// --- Policies -----------------------------------------------------------------------------------

const plan = new spacelift.Policy("plan", {
  name: `${prefix}-plan`,
  type: "PLAN",
  spaceId: space.id,
  body: 'package spacelift\n\nwarn["review the plan"] { true }',
});
new spacelift.PolicyAttachment("plan-on-app", { policyId: plan.id, stackId: app.id });

// --- Cloud integrations -------------------------------------------------------------------------

const aws = new spacelift.AwsIntegration("aws", {
  name: `${prefix}-aws`,
  spaceId: space.id,
  roleArn: `arn:aws:iam::123456789012:role/${prefix}-spacelift`,
});
new spacelift.AwsIntegrationAttachment("aws-on-app", { integrationId: aws.id, stackId: app.id, write: true });
new spacelift.AwsRole("module-role", {
  moduleId: vpcModule.id,
  roleArn: `arn:aws:iam::123456789012:role/${prefix}-module`,
});
new spacelift.StackAwsRole("network-role", {
  stackId: network.id,
  roleArn: `arn:aws:iam::123456789012:role/${prefix}-network`,
  durationSeconds: 1200,
});

const azure = new spacelift.AzureIntegration("azure", {
  name: `${prefix}-azure`,
  spaceId: space.id,
  tenantId: TENANT,
});
new spacelift.AzureIntegrationAttachment("azure-on-network", {
  integrationId: azure.id,
  stackId: network.id,
});

new spacelift.GcpServiceAccount("network-gcp", { stackId: network.id, tokenScopes: [CLOUD_PLATFORM] });
new spacelift.StackGcpServiceAccount("module-gcp", { moduleId: vpcModule.id, tokenScopes: [CLOUD_PLATFORM] });

// --- Notifications ------------------------------------------------------------------------------

new spacelift.Webhook("app-webhook", {
  stackId: app.id,
  endpoint: `https://example.com/hooks/${prefix}`,
  secret: deployToken,
});
const named = new spacelift.NamedWebhook("named-webhook", {
  name: `${prefix}-notifications`,
  endpoint: `https://example.com/named/${prefix}`,
  spaceId: space.id,
  enabled: true,
});
new spacelift.NamedWebhookSecretHeader("named-webhook-token", {
  webhookId: named.id,
  key: "X-Deploy-Token",
  value: deployToken,
});

// --- Scheduling and runs ------------------------------------------------------------------------

new spacelift.DriftDetection("network-drift", { stackId: network.id, schedules: ["*/15 * * * *"] });
new spacelift.ScheduledTask("network-plan", {
  stackId: network.id,
  command: "terraform plan",
  everies: ["0 9 * * 1"],
});
new spacelift.ScheduledDeleteTask("sandbox-expiry", { stackId: sandbox.id, at: 2000000000 });
new spacelift.StackDestructor("sandbox-destructor", { stackId: sandbox.id });
new spacelift.StackActivator("paused-off", { stackId: paused.id, enabled: false });
// Triggers one deployment of the app; it runs again only when a keeper changes.
new spacelift.Run("app-deploy", { stackId: app.id, keepers: { release: "1" } });

export const spaceId = space.id;
export const appStackId = app.id;
export const runbooksContextName = runbooks.name;
