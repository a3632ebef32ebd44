import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "lookups";
// A VCS integration someone else manages, e.g. a team's own GitLab; without it the look-up below
// finds the account's default GitLab integration.
const teamGitlabId = config.get("gitlabIntegrationId");

// --- Cloud integrations this program manages, attached to a stack and a module ------------------

const stack = new spacelift.Stack("integrations-app", {
  name: `${prefix}-integrations-app`,
  repository: "infra",
  branch: "main",
  projectRoot: "app",
});
const networkModule = new spacelift.Module("integrations-module", {
  name: `${prefix}-network`,
  terraformProvider: "aws",
  repository: "terraform-aws-network",
  branch: "main",
});

const aws = new spacelift.AwsIntegration("aws", {
  name: `${prefix}-aws`,
  roleArn: "arn:aws:iam::123456789012:role/spacelift",
  durationSeconds: 3600,
  labels: ["env:prod"],
});
const awsOnStack = new spacelift.AwsIntegrationAttachment("aws-on-stack", {
  integrationId: aws.id,
  stackId: stack.id,
  read: true,
  write: true,
});

const azure = new spacelift.AzureIntegration("azure", {
  name: `${prefix}-azure`,
  tenantId: "11111111-2222-4333-8444-555555555555",
  defaultSubscriptionId: "66666666-7777-4888-9999-000000000000",
});
const azureOnModule = new spacelift.AzureIntegrationAttachment("azure-on-module", {
  integrationId: azure.id,
  moduleId: networkModule.id,
  read: true,
  write: false,
});

// --- Reading them back --------------------------------------------------------------------------

// A look-up whose arguments include a resource's id waits until the resource exists.
const awsById = spacelift.getAwsIntegrationOutput({ integrationId: aws.id });
// Its name is known before it exists (and preview would not find it), so the look-ups by name
// and the list run inside `apply` on the id, once it exists.
const awsByName = aws.id.apply(() => spacelift.getAwsIntegration({ name: `${prefix}-aws` }));
const allAws = aws.id.apply(() => spacelift.getAwsIntegrations());
const awsAttachment = spacelift.getAwsIntegrationAttachmentOutput({
  integrationId: awsOnStack.integrationId,
  stackId: stack.id,
});
// The external ID the role's trust policy must expect before the integration is attached to the
// module, and the statement to paste into that policy.
const moduleExternalId = spacelift.getAwsIntegrationAttachmentExternalIdOutput({
  integrationId: aws.id,
  moduleId: networkModule.id,
  write: true,
});

const azureById = spacelift.getAzureIntegrationOutput({ integrationId: azure.id });
const azureByName = azure.id.apply(() => spacelift.getAzureIntegration({ name: `${prefix}-azure` }));
const allAzure = azure.id.apply(() => spacelift.getAzureIntegrations());
const azureAttachment = spacelift.getAzureIntegrationAttachmentOutput({
  integrationId: azureOnModule.integrationId,
  moduleId: networkModule.id,
});

// --- VCS integrations: the account's defaults, and one by its id --------------------------------

const gitlab = spacelift.getGitlabIntegrationOutput();
const teamGitlab = spacelift.getGitlabIntegrationOutput(teamGitlabId ? { id: teamGitlabId } : {});
const githubEnterprise = spacelift.getGithubEnterpriseIntegrationOutput();
const bitbucketCloud = spacelift.getBitbucketCloudIntegrationOutput();
const bitbucketDatacenter = spacelift.getBitbucketDatacenterIntegrationOutput();
const azureDevops = spacelift.getAzureDevopsIntegrationOutput();
// Where a GitLab project's webhook must point, e.g. for the GitLab provider's `gitlab_project_hook`.
const gitlabWebhooks = spacelift.getGitlabWebhookEndpointOutput();

/** What this part of the example found. */
export const lookups = {
  aws: {
    byId: awsById,
    byNameMatches: pulumi.all([awsById.id, awsByName.id]).apply(([a, b]) => a === b),
    names: allAws.integrations.apply((list) => list.map((i) => i.name)),
    attachment: awsAttachment,
    moduleExternalId: moduleExternalId.externalId,
    moduleTrustStatement: moduleExternalId.assumeRolePolicyStatement,
  },
  azure: {
    byId: azureById,
    byNameMatches: pulumi.all([azureById.id, azureByName.id]).apply(([a, b]) => a === b),
    names: allAzure.integrations.apply((list) => list.map((i) => i.name)),
    attachment: azureAttachment,
  },
  vcs: {
    gitlab: {
      id: gitlab.id,
      name: gitlab.name,
      isDefault: gitlab.isDefault,
      apiHost: gitlab.apiHost,
      webhookUrl: gitlab.webhookUrl,
      webhookSecret: gitlab.webhookSecret,
    },
    teamGitlab: {
      id: teamGitlab.id,
      name: teamGitlab.name,
      isDefault: teamGitlab.isDefault,
      spaceId: teamGitlab.spaceId,
      labels: teamGitlab.labels,
      description: teamGitlab.description,
      apiHost: teamGitlab.apiHost,
      webhookUrl: teamGitlab.webhookUrl,
      webhookSecret: teamGitlab.webhookSecret,
    },
    githubEnterprise: {
      id: githubEnterprise.id,
      appId: githubEnterprise.appId,
      apiHost: githubEnterprise.apiHost,
      webhookSecret: githubEnterprise.webhookSecret,
    },
    bitbucketCloud: {
      id: bitbucketCloud.id,
      username: bitbucketCloud.username,
      webhookUrl: bitbucketCloud.webhookUrl,
    },
    bitbucketDatacenter: {
      id: bitbucketDatacenter.id,
      apiHost: bitbucketDatacenter.apiHost,
      userFacingHost: bitbucketDatacenter.userFacingHost,
      webhookSecret: bitbucketDatacenter.webhookSecret,
    },
    azureDevops: {
      id: azureDevops.id,
      organizationUrl: azureDevops.organizationUrl,
      webhookPassword: azureDevops.webhookPassword,
    },
    gitlabWebhookEndpoint: gitlabWebhooks.webhookEndpoint,
  },
};
