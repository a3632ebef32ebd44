import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "lookups";

// Two stacks this program manages, and what hangs off one of them.
const network = new spacelift.Stack("network", {
  name: `${prefix}-network`,
  repository: "infra",
  branch: "main",
  projectRoot: "network",
  labels: [`lookups:${prefix}`, "layer:network"],
  terraformWorkspace: "network",
  afterApplies: ["echo applied"],
});
const app = new spacelift.Stack("app", {
  name: `${prefix}-app`,
  repository: "app",
  branch: "main",
  labels: [`lookups:${prefix}`],
  pulumi: { loginUrl: "s3://pulumi-state", stackName: "prod" },
});
const role = new spacelift.AwsRole("network-role", {
  stackId: network.id,
  roleArn: "arn:aws:iam::123456789012:role/spacelift-network",
  durationSeconds: 1800,
});
const gcp = new spacelift.GcpServiceAccount("network-gcp", {
  stackId: network.id,
  tokenScopes: ["https://www.googleapis.com/auth/cloud-platform"],
});
const drift = new spacelift.DriftDetection("network-drift", {
  stackId: network.id,
  schedules: ["0 */6 * * *"],
  reconcile: true,
});
const nightlyPlan = new spacelift.ScheduledTask("nightly-plan", {
  stackId: network.id,
  command: "terraform plan",
  everies: ["0 2 * * *"],
  timezone: "Europe/Berlin",
});
const cleanup = new spacelift.ScheduledDeleteTask("app-cleanup", {
  stackId: app.id,
  at: 2_000_000_000, // May 2033
  deleteResources: false,
});

// Read them back. Passing a resource's output makes the look-up wait until the resource exists; the
// ID of a role, a service account or a drift detection is its stack's.
const networkStack = spacelift.getStackOutput({ stackId: network.id });
const labelled = spacelift.getStacksOutput({
  labels: [{ anyOfs: [`lookups:${prefix}`] }],
  name: { anyOfs: [network.name, app.name] },
});
const awsRole = spacelift.getAwsRoleOutput({ stackId: role.id });
const gcpAccount = spacelift.getGcpServiceAccountOutput({ stackId: gcp.id });
// The official SDK's older names of the two look-ups above; the results are the same.
const olderAwsRole = spacelift.getStackAwsRoleOutput({ stackId: role.id });
const olderGcpAccount = spacelift.getStackGcpServiceAccountOutput({ stackId: gcp.id });
const driftDetection = spacelift.getDriftDetectionOutput({ stackId: drift.id });
const task = spacelift.getScheduledTaskOutput({ scheduledTaskId: nightlyPlan.id });
const deletion = spacelift.getScheduledDeleteStackOutput({ scheduledDeleteStackId: cleanup.id });

// Inside a Spacelift run, the run's SPACELIFT_API_TOKEN names the stack it belongs to and
// `spacelift.getCurrentStackOutput()` finds it. Here the run's token comes from stack config, so the
// look-up gets a provider of its own; a provider that sets a credential never borrows the
// environment's.
const run = new spacelift.Provider("stack-run", { apiToken: config.requireSecret("runToken") });
const current = spacelift.getCurrentStackOutput({ provider: run });

// The outputs the run's stack reported (names and metadata, never values), and the newest
// Terraform version Spacelift offers.
const currentStackId = current.id;
const currentOutputs = spacelift.getStackOutputsOutput({ stackId: currentStackId });
const terraform = spacelift.getToolVersionsOutput({ tool: "TERRAFORM_FOSS" });

/** What this part of the example found. */
export const lookups = {
  stack: {
    id: networkStack.id,
    name: networkStack.name,
    labels: networkStack.labels,
    projectRoot: networkStack.projectRoot,
    terraformWorkspace: networkStack.terraformWorkspace,
    afterApplies: networkStack.afterApplies,
  },
  appPulumi: spacelift.getStackOutput({ stackId: app.id }).pulumis,
  stacks: labelled.stacks.apply((stacks) => stacks.map((s) => s.stackId)),
  awsRole: {
    roleArn: awsRole.roleArn,
    durationSeconds: awsRole.durationSeconds,
    older: olderAwsRole.roleArn,
  },
  gcp: { scopes: gcpAccount.tokenScopes, email: gcpAccount.serviceAccountEmail, older: olderGcpAccount.id },
  drift: { schedules: driftDetection.schedules, reconcile: driftDetection.reconcile },
  task: { command: task.command, everies: task.everies, timezone: task.timezone },
  deletion: { at: deletion.at, deleteResources: deletion.deleteResources },
  currentStack: currentStackId,
  currentOutputs: currentOutputs.outputs,
  latestTerraform: terraform.versions.apply((versions) => versions[0]),
};
