import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import { vcsIntegrations } from "../../../emulator/resolvers/integrations/vcsIntegrations";
import type { EmulatorHandle } from "../../../emulator/assemble";
import type { LookupDomain } from "./domain";

type Found = Record<string, Record<string, unknown>>;

function teamGitlabId(prefix: string): string {
  return `${prefix}-team-gitlab`;
}

/** Webhook secrets of the emulator's VCS integrations, by integration id. */
function webhookSecrets(emulator: EmulatorHandle): Map<string, string> {
  return new Map([...vcsIntegrations(emulator.store).values()].map((r) => [r.id, r.webhookSecret]));
}

/** Cloud and VCS integrations (`examples/lookups/integrations.ts`). */
export const integrations: LookupDomain = {
  output: "integrationLookups",

  // A team's GitLab integration the program does not manage: the example finds it by id.
  async prepare(emulator, prefix) {
    const id = teamGitlabId(prefix);
    await emulator.controls.seed({
      vcsIntegrations: [
        {
          provider: "GITLAB",
          id,
          name: `${prefix} team GitLab`,
          description: "The team's self-managed GitLab.",
          labels: ["team"],
          apiHost: "https://gitlab.team.example.com",
          webhookSecret: randomBytes(24).toString("base64url"),
        },
      ],
    });
    return { gitlabIntegrationId: { value: id } };
  },

  check(found, emulator, prefix) {
    const { aws, azure, vcs } = found as Record<"aws" | "azure" | "vcs", Found>;

    const awsById = aws.byId as Record<string, unknown>;
    assert.equal(awsById.name, `${prefix}-aws`);
    assert.equal(awsById.roleArn, "arn:aws:iam::123456789012:role/spacelift");
    assert.equal(awsById.durationSeconds, 3600);
    // The resource adds a label of its own (its key), so only ours is checked.
    assert.ok((awsById.labels as string[]).includes("env:prod"));
    assert.equal(awsById.spaceId, "root");
    assert.equal(aws.byNameMatches, true, "getAwsIntegration by name finds the one found by id");
    assert.ok((aws.names as unknown as string[]).includes(`${prefix}-aws`), "getAwsIntegrations lists it");
    const awsAttachment = aws.attachment as Record<string, unknown>;
    assert.equal(awsAttachment.integrationId, awsById.id);
    assert.equal(awsAttachment.read, true);
    assert.equal(awsAttachment.write, true);
    assert.match(String(awsAttachment.stackId), new RegExp(`^${prefix}-integrations-app`));
    assert.match(String(aws.moduleExternalId), new RegExp(`^emulator@${String(awsById.id)}@.+@write$`));
    assert.ok(String(aws.moduleTrustStatement).includes(String(aws.moduleExternalId)));

    const azureById = azure.byId as Record<string, unknown>;
    assert.equal(azureById.name, `${prefix}-azure`);
    assert.equal(azureById.tenantId, "11111111-2222-4333-8444-555555555555");
    assert.equal(azureById.defaultSubscriptionId, "66666666-7777-4888-9999-000000000000");
    assert.equal(azure.byNameMatches, true, "getAzureIntegration by name finds the one found by id");
    assert.ok(
      (azure.names as unknown as string[]).includes(`${prefix}-azure`),
      "getAzureIntegrations lists it",
    );
    const azureAttachment = azure.attachment as Record<string, unknown>;
    assert.equal(azureAttachment.integrationId, azureById.id);
    assert.equal(azureAttachment.read, true);
    assert.equal(azureAttachment.write, false);
    assert.equal(azureAttachment.subscriptionId, "");
    assert.ok(azureAttachment.moduleId, "attached to the module");

    const secrets = webhookSecrets(emulator);
    assert.deepEqual(vcs.gitlab, {
      id: "gitlab-default",
      name: "Default integration",
      isDefault: true,
      apiHost: "https://gitlab.com",
      webhookUrl: `${emulator.url}/webhooks/gitlab/gitlab-default`,
      webhookSecret: secrets.get("gitlab-default"),
    });
    const teamId = teamGitlabId(prefix);
    assert.deepEqual(vcs.teamGitlab, {
      id: teamId,
      name: `${prefix} team GitLab`,
      isDefault: false,
      spaceId: "root",
      labels: ["team"],
      description: "The team's self-managed GitLab.",
      apiHost: "https://gitlab.team.example.com",
      webhookUrl: `${emulator.url}/webhooks/gitlab/${teamId}`,
      webhookSecret: secrets.get(teamId),
    });
    assert.equal(vcs.githubEnterprise.id, "github-enterprise-default");
    assert.equal(vcs.githubEnterprise.appId, "123456");
    assert.equal(vcs.githubEnterprise.webhookSecret, secrets.get("github-enterprise-default"));
    assert.equal(vcs.bitbucketCloud.id, "bitbucket-cloud-default");
    assert.equal(vcs.bitbucketCloud.username, "spacelift-bot");
    assert.equal(vcs.bitbucketDatacenter.id, "bitbucket-datacenter-default");
    assert.equal(vcs.bitbucketDatacenter.webhookSecret, secrets.get("bitbucket-datacenter-default"));
    assert.equal(vcs.azureDevops.organizationUrl, "https://dev.azure.com/example-org");
    assert.equal(vcs.azureDevops.webhookPassword, secrets.get("azure-devops-default"));
    assert.equal(vcs.gitlabWebhookEndpoint, `${emulator.url}/webhooks/gitlab`);
  },

  // Every VCS integration's webhook secret (Azure DevOps': its webhook password).
  secrets: (emulator) => [...webhookSecrets(emulator).values()],
};
