import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "lookups";
// Webhooks sign their deliveries with this; keep it in stack config as a secret.
const webhookSecret = config.requireSecret("catalogWebhookSecret");

/**
 * `value`, once `resources` exist. A look-up runs as soon as its arguments are known, so a list
 * that should include objects this program creates takes an argument that waits for them.
 */
function after<T>(value: T, ...resources: pulumi.CustomResource[]): pulumi.Output<T> {
  return pulumi.all(resources.map((r) => r.id)).apply(() => value);
}

// --- Policies ------------------------------------------------------------------------------------

const planGuard = new spacelift.Policy("plan-guard", {
  name: `${prefix}-plan-guard`,
  type: "PLAN",
  body: 'package spacelift\n\ndeny contains "no deletions" if input.spacelift.run.changes[_].entity.delete\n',
  labels: [prefix, "guard"],
});
const pushRules = new spacelift.Policy("push-rules", {
  name: `${prefix}-push-rules`,
  type: "GIT_PUSH",
  body: "package spacelift\n\ntrack if input.push.branch == input.stack.branch\n",
  labels: [prefix],
});

const policy = spacelift.getPolicyOutput({ policyId: planGuard.id });
// Every policy carrying this prefix's label, then only its plan policies.
const labelledPolicies = spacelift.getPoliciesOutput({ labels: after([prefix], planGuard, pushRules) });
const planPolicies = spacelift.getPoliciesOutput({
  type: "PLAN",
  labels: after([prefix], planGuard, pushRules),
});

// --- Pools ---------------------------------------------------------------------------------------

const pool = new spacelift.WorkerPool("workers", {
  name: `${prefix}-workers`,
  description: "Private workers for the lookups example.",
  labels: [prefix],
});
const vcsAgents = new spacelift.VcsAgentPool("vcs-agents", {
  name: `${prefix}-vcs-agents`,
  description: "Agents in front of the on-premises VCS.",
});

// `config` comes back as a secret output: what the pool's workers are started with.
const workerPool = spacelift.getWorkerPoolOutput({ workerPoolId: pool.id });
// A look-up without arguments runs at once; started from the pool's id, it waits for the pool.
const workerPools = pool.id.apply(() => spacelift.getWorkerPoolsOutput());
const vcsAgentPool = spacelift.getVcsAgentPoolOutput({ vcsAgentPoolId: vcsAgents.id });
const vcsAgentPools = vcsAgents.id.apply(() => spacelift.getVcsAgentPoolsOutput());

// --- Modules and webhooks ------------------------------------------------------------------------

const vpc = new spacelift.Module("vpc", {
  name: `${prefix}-vpc`,
  terraformProvider: "aws",
  repository: "terraform-aws-vpc",
  branch: "main",
  projectRoot: "modules/vpc",
  labels: [prefix, "network"],
  workerPoolId: pool.id,
});
const moduleHook = new spacelift.Webhook("vpc-runs", {
  moduleId: vpc.id,
  endpoint: `https://example.com/hooks/${prefix}/vpc`,
  secret: webhookSecret,
});
const alerts = new spacelift.NamedWebhook("alerts", {
  name: `${prefix}-alerts`,
  spaceId: "root",
  endpoint: `https://example.com/hooks/${prefix}/alerts`,
  labels: [prefix],
  secret: webhookSecret,
});
const alertsToken = new spacelift.NamedWebhookSecretHeader("alerts-token", {
  webhookId: alerts.id,
  key: "X-Alert-Token",
  value: webhookSecret,
});

const foundModule = spacelift.getModuleOutput({ moduleId: vpc.id });
// Modules are searched page by page; every filter given must match.
const networkModules = spacelift.getModulesOutput({
  labels: [{ anyOfs: after([prefix], vpc) }],
  projectRoot: { anyOfs: ["modules/*"] },
});
// A stack's webhook is found the same way, with `stackId` instead of `moduleId`.
const webhook = spacelift.getWebhookOutput({ moduleId: vpc.id, webhookId: moduleHook.id });
// Read once its secret header is set, so that the header's key is listed.
const namedWebhook = spacelift.getNamedWebhookOutput({
  webhookId: pulumi.all([alerts.id, alertsToken.id]).apply(([id]) => id),
});

/** What this part of the example found. */
export const lookups = {
  policy: { name: policy.name, type: policy.type, labels: policy.labels, spaceId: policy.spaceId },
  labelledPolicies: labelledPolicies.policies.apply((ps) => ps.map((p) => p.name)),
  planPolicies: planPolicies.policies.apply((ps) => ps.map((p) => p.name)),
  workerPool: {
    name: workerPool.name,
    labels: workerPool.labels,
    config: workerPool.config,
    configMatches: pulumi.all([workerPool.config, pool.config]).apply(([found, own]) => found === own),
  },
  workerPoolNames: workerPools.workerPools.apply((ps) => ps.map((p) => p.name)),
  vcsAgentPool: { name: vcsAgentPool.name, description: vcsAgentPool.description },
  vcsAgentPoolNames: vcsAgentPools.vcsAgentPools.apply((ps) => ps.map((p) => p.name)),
  module: {
    id: foundModule.id,
    projectRoot: foundModule.projectRoot,
    labels: foundModule.labels,
    workerPoolId: foundModule.workerPoolId,
    matchesPool: pulumi.all([foundModule.workerPoolId, pool.id]).apply(([used, id]) => used === id),
  },
  networkModules: networkModules.modules.apply((ms) => ms.map((m) => m.moduleId)),
  webhook: { endpoint: webhook.endpoint, enabled: webhook.enabled, moduleId: webhook.moduleId },
  namedWebhook: {
    name: namedWebhook.name,
    labels: namedWebhook.labels,
    secretHeaderKeys: namedWebhook.secretHeaderKeys,
  },
};
