import { strict as assert } from "node:assert";

import { startFunctionBench, type FunctionBench } from "../../helpers/functions";
import { secretResultPaths } from "../../../provider/functions/invoke";
import { vcsIntegrations } from "../../../emulator/resolvers/integrations/vcsIntegrations";

const ROLE = "arn:aws:iam::123456789012:role/spacelift";
const TENANT = "2f0b5a5e-1b7c-4a53-9d1a-6c1e4c6f0a11";
const SUBSCRIPTION = "7d4c1f52-2f5e-4b8e-9c55-0e3f8d2a6b10";

/** Rejects with a message matching `pattern`, and without sending a single request. */
async function rejectsBeforeAnyRequest(bench: FunctionBench, call: () => Promise<unknown>, pattern: RegExp) {
  bench.emulator.controls.resetStats();
  await assert.rejects(call, pattern);
  assert.equal(bench.emulator.controls.stats().total, 0, "no request for bad arguments");
}

describe("data functions: integrations", function () {
  this.timeout(20_000);

  let bench: FunctionBench;
  let stackId: string;
  let moduleId: string;
  let spaceId: string;
  let awsIds: string[];
  let azureIds: string[];

  before(async () => {
    bench = await startFunctionBench();
    const seeded = await bench.emulator.controls.seed({
      spaces: [{ name: "Platform", id: "platform", inheritEntities: true }],
      stacks: [{ name: "App", space: "platform" }, { name: "Bare" }],
      modules: [{ repository: "terraform-aws-net", space: "platform" }],
      awsIntegrations: [
        {
          name: "prod",
          roleArn: ROLE,
          labels: ["team:b", "env:prod"],
          durationSeconds: 3600,
          space: "platform",
        },
        { name: "dev", roleArn: ROLE, externalID: "custom-external", generateCredentialsInWorker: true },
      ],
      azureIntegrations: [
        { name: "azure-prod", tenantID: TENANT, defaultSubscriptionId: SUBSCRIPTION, labels: ["z", "a"] },
        { name: "azure-dev", tenantID: TENANT, space: "platform" },
      ],
      vcsIntegrations: [
        {
          provider: "GITLAB",
          name: "Team GitLab",
          description: "the team's own instance",
          labels: ["team"],
          space: "platform",
          apiHost: "https://gitlab.team.example.com",
          webhookSecret: "seeded-gitlab-secret",
        },
        { provider: "BITBUCKET_DATACENTER", name: "BBDC", id: "bbdc-custom" },
      ],
    });
    [stackId] = seeded.stacks ?? [];
    [moduleId] = seeded.modules ?? [];
    spaceId = "platform";
    awsIds = [...(seeded.awsIntegrations ?? [])];
    azureIds = [...(seeded.azureIntegrations ?? [])];
    await bench.emulator.controls.seed({
      awsIntegrationAttachments: [
        { integration: awsIds[0], stack: stackId, read: true, write: false },
        { integration: awsIds[1], stack: moduleId },
      ],
      azureIntegrationAttachments: [
        { integration: azureIds[0], stack: stackId, subscriptionId: "0c5e9b4a-88c1-4b0e-b2d4-3a9f6e7d1c22" },
        { integration: azureIds[1], stack: moduleId, read: true, write: false },
      ],
    });
  });

  after(() => bench.close());

  describe("getAwsIntegration", () => {
    it("finds one by id and by name, with the same values", async () => {
      const byId = await bench.invoke("getAwsIntegration", { integrationId: awsIds[0] });
      assert.deepEqual(byId, {
        id: awsIds[0],
        integrationId: awsIds[0],
        name: "prod",
        roleArn: ROLE,
        durationSeconds: 3600,
        generateCredentialsInWorker: false,
        externalId: "",
        spaceId,
        labels: ["env:prod", "team:b"],
      });
      assert.deepEqual(await bench.invoke("getAwsIntegration", { name: "prod" }), byId);
      const dev = await bench.invoke("getAwsIntegration", { name: "dev" });
      assert.equal(dev.externalId, "custom-external");
      assert.equal(dev.generateCredentialsInWorker, true);
      assert.equal(dev.durationSeconds, 900);
      assert.equal(dev.spaceId, "root");
    });

    it("says which argument names a missing one", async () => {
      await assert.rejects(
        bench.invoke("getAwsIntegration", { integrationId: "01NOPE" }),
        /"01NOPE" \(integrationId\)/,
      );
      await assert.rejects(bench.invoke("getAwsIntegration", { name: "nope" }), /named "nope" \(name\)/);
    });

    it("wants exactly one of integrationId and name, before any request", async () => {
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegration", {}),
        /one of "integrationId" or "name"/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegration", { integrationId: awsIds[0], name: "prod" }),
        /only one of/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegration", { name: "" }),
        /must not be empty/,
      );
    });
  });

  describe("getAwsIntegrations", () => {
    it("lists every AWS integration, sorted by name", async () => {
      const all = await bench.invoke("getAwsIntegrations");
      assert.equal(all.id, "spacelift_aws_integrations");
      const list = all.integrations as Record<string, unknown>[];
      assert.deepEqual(
        list.map((i) => [i.name, i.integrationId]),
        [
          ["dev", awsIds[1]],
          ["prod", awsIds[0]],
        ],
      );
      assert.deepEqual(list[1], {
        integrationId: awsIds[0],
        name: "prod",
        roleArn: ROLE,
        durationSeconds: 3600,
        generateCredentialsInWorker: false,
        externalId: "",
        spaceId,
        labels: ["env:prod", "team:b"],
      });
    });

    it("takes no arguments", async () => {
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegrations", { name: "x" }),
        /unknown argument "name"/,
      );
    });
  });

  describe("getAwsIntegrationAttachment", () => {
    it("reports a stack's and a module's attachment under the matching argument", async () => {
      const onStack = await bench.invoke("getAwsIntegrationAttachment", {
        integrationId: awsIds[0],
        stackId,
      });
      assert.match(String(onStack.attachmentId), /^[0-9A-Z]{26}$/);
      assert.deepEqual(
        { ...onStack, attachmentId: "x" },
        {
          id: `${awsIds[0]}/${stackId}`,
          attachmentId: "x",
          integrationId: awsIds[0],
          stackId,
          read: true,
          write: false,
        },
      );
      const onModule = await bench.invoke("getAwsIntegrationAttachment", {
        integrationId: awsIds[1],
        moduleId,
      });
      assert.equal(onModule.moduleId, moduleId);
      assert.equal(onModule.stackId, undefined);
      assert.equal(onModule.read, true);
      assert.equal(onModule.write, true);
    });

    it("tells a missing integration from a missing attachment", async () => {
      await assert.rejects(
        bench.invoke("getAwsIntegrationAttachment", { integrationId: "01NOPE", stackId }),
        /no AWS integration "01NOPE" \(integrationId\)/,
      );
      await assert.rejects(
        bench.invoke("getAwsIntegrationAttachment", { integrationId: awsIds[1], stackId }),
        new RegExp(`not attached to "${stackId}" \\(stackId\\)`),
      );
    });

    it("wants exactly one of stackId and moduleId, and the integration", async () => {
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegrationAttachment", { integrationId: awsIds[0] }),
        /one of "stackId" or "moduleId"/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegrationAttachment", { integrationId: awsIds[0], stackId, moduleId }),
        /only one of "stackId" and "moduleId"/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegrationAttachment", { stackId }),
        /"integrationId" is required/,
      );
    });
  });

  describe("getAwsIntegrationAttachmentExternalId", () => {
    it("gives the external ID and trust statement for reads or writes, attached or not", async () => {
      const write = await bench.invoke("getAwsIntegrationAttachmentExternalId", {
        integrationId: awsIds[0],
        stackId: "Bare",
        read: true,
        write: true,
      });
      assert.equal(write.id, `${awsIds[0]}/Bare/write`);
      assert.equal(write.externalId, `emulator@${awsIds[0]}@Bare@write`);
      assert.equal(write.stackId, "Bare");
      assert.equal(write.read, true);
      assert.equal(write.write, true);
      const statement = JSON.parse(String(write.assumeRolePolicyStatement)) as {
        Condition: { StringEquals: Record<string, string> };
      };
      assert.equal(statement.Condition.StringEquals["sts:ExternalId"], write.externalId);

      const read = await bench.invoke("getAwsIntegrationAttachmentExternalId", {
        integrationId: awsIds[0],
        moduleId,
        read: true,
      });
      assert.equal(read.id, `${awsIds[0]}/${moduleId}/read`);
      assert.equal(read.externalId, `emulator@${awsIds[0]}@${moduleId}@read`);
      assert.equal(read.moduleId, moduleId);
      assert.equal(read.write, undefined);
    });

    it("says when the integration does not exist", async () => {
      await assert.rejects(
        bench.invoke("getAwsIntegrationAttachmentExternalId", {
          integrationId: "01NOPE",
          stackId,
          write: true,
        }),
        /no AWS integration "01NOPE" \(integrationId\)/,
      );
    });

    it("wants reads or writes and exactly one project, before any request", async () => {
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegrationAttachmentExternalId", { integrationId: awsIds[0], stackId }),
        /"read" or "write" must be true/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () =>
          bench.invoke("getAwsIntegrationAttachmentExternalId", {
            integrationId: awsIds[0],
            stackId,
            read: false,
            write: false,
          }),
        /"read" or "write" must be true/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAwsIntegrationAttachmentExternalId", { integrationId: awsIds[0], read: true }),
        /one of "stackId" or "moduleId"/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () =>
          bench.invoke("getAwsIntegrationAttachmentExternalId", {
            integrationId: awsIds[0],
            stackId,
            read: "yes",
          }),
        /"read" must be true or false/,
      );
    });
  });

  describe("getAzureIntegration and getAzureIntegrations", () => {
    it("finds one by id and by name", async () => {
      const byId = await bench.invoke("getAzureIntegration", { integrationId: azureIds[0] });
      assert.equal(byId.id, azureIds[0]);
      assert.equal(byId.integrationId, azureIds[0]);
      assert.equal(byId.name, "azure-prod");
      assert.equal(byId.tenantId, TENANT);
      assert.equal(byId.defaultSubscriptionId, SUBSCRIPTION);
      assert.equal(byId.adminConsentProvided, false);
      assert.match(String(byId.adminConsentUrl), new RegExp(`${TENANT}.*${String(byId.applicationId)}`));
      assert.match(String(byId.applicationId), /^[0-9a-f-]{36}$/);
      assert.ok(String(byId.displayName).length > 0);
      assert.deepEqual(byId.labels, ["a", "z"]);
      assert.equal(byId.spaceId, "root");
      assert.deepEqual(await bench.invoke("getAzureIntegration", { name: "azure-prod" }), byId);
      const dev = await bench.invoke("getAzureIntegration", { name: "azure-dev" });
      assert.equal(dev.defaultSubscriptionId, "", "no default subscription reads as empty");
      assert.equal(dev.spaceId, spaceId);
    });

    it("says which argument names a missing one, and checks arguments first", async () => {
      await assert.rejects(
        bench.invoke("getAzureIntegration", { integrationId: "01NOPE" }),
        /"01NOPE" \(integrationId\)/,
      );
      await assert.rejects(bench.invoke("getAzureIntegration", { name: "nope" }), /named "nope" \(name\)/);
      await rejectsBeforeAnyRequest(
        bench,
        () => bench.invoke("getAzureIntegration", {}),
        /one of "integrationId" or "name"/,
      );
    });

    it("lists every Azure integration, sorted by name", async () => {
      const all = await bench.invoke("getAzureIntegrations");
      assert.equal(all.id, "spacelift_azure_integrations");
      const list = all.integrations as Record<string, unknown>[];
      assert.deepEqual(
        list.map((i) => i.name),
        ["azure-dev", "azure-prod"],
      );
      const single = await bench.invoke("getAzureIntegration", { integrationId: azureIds[0] });
      assert.deepEqual({ id: single.id, ...list[1] }, single);
    });
  });

  describe("getAzureIntegrationAttachment", () => {
    it("reports the attachment, its subscription override and its project", async () => {
      const onStack = await bench.invoke("getAzureIntegrationAttachment", {
        integrationId: azureIds[0],
        stackId,
      });
      assert.equal(onStack.id, `${azureIds[0]}/${stackId}`);
      assert.equal(onStack.stackId, stackId);
      assert.equal(onStack.subscriptionId, "0c5e9b4a-88c1-4b0e-b2d4-3a9f6e7d1c22");
      assert.equal(onStack.read, true);
      assert.equal(onStack.write, true);
      const onModule = await bench.invoke("getAzureIntegrationAttachment", {
        integrationId: azureIds[1],
        moduleId,
      });
      assert.equal(onModule.moduleId, moduleId);
      assert.equal(onModule.subscriptionId, "", "the integration's default subscription reads as empty");
      assert.equal(onModule.write, false);
    });

    it("tells a missing integration from a missing attachment, and checks arguments first", async () => {
      await assert.rejects(
        bench.invoke("getAzureIntegrationAttachment", { integrationId: "01NOPE", stackId }),
        /no Azure integration "01NOPE" \(integrationId\)/,
      );
      await assert.rejects(
        bench.invoke("getAzureIntegrationAttachment", { integrationId: azureIds[1], stackId }),
        /not attached to/,
      );
      await rejectsBeforeAnyRequest(
        bench,
        () =>
          bench.invoke("getAzureIntegrationAttachment", { integrationId: azureIds[0], stackId, moduleId }),
        /only one of/,
      );
    });
  });

  describe("VCS integrations", () => {
    const cases = [
      { fn: "getGitlabIntegration", provider: "GITLAB", id: "gitlab-default", path: "gitlab" },
      {
        fn: "getGithubEnterpriseIntegration",
        provider: "GITHUB_ENTERPRISE",
        id: "github-enterprise-default",
        path: "github",
      },
      {
        fn: "getBitbucketCloudIntegration",
        provider: "BITBUCKET_CLOUD",
        id: "bitbucket-cloud-default",
        path: "bitbucket_cloud",
      },
      {
        fn: "getBitbucketDatacenterIntegration",
        provider: "BITBUCKET_DATACENTER",
        id: "bitbucket-datacenter-default",
        path: "bitbucket_datacenter",
      },
      {
        fn: "getAzureDevopsIntegration",
        provider: "AZURE_DEVOPS",
        id: "azure-devops-default",
        path: "azure_devops",
      },
    ] as const;

    for (const c of cases) {
      it(`${c.fn}: the default integration without an id, and the same by its id`, async () => {
        const found = await bench.invoke(c.fn);
        assert.equal(found.id, c.id);
        assert.equal(found.isDefault, true);
        assert.equal(found.name, "Default integration");
        assert.equal(found.description, "");
        assert.equal(found.spaceId, "root");
        assert.deepEqual(found.labels, []);
        assert.equal(found.webhookUrl, `${bench.emulator.url}/webhooks/${c.path}/${c.id}`);
        assert.deepEqual(await bench.invoke(c.fn, { id: c.id }), found);
      });

      it(`${c.fn}: a missing id or another provider's integration is not found`, async () => {
        await assert.rejects(bench.invoke(c.fn, { id: "nope" }), /integration "nope" \(id\)/);
        const other = c.provider === "GITLAB" ? "bitbucket-datacenter-default" : "gitlab-default";
        await assert.rejects(bench.invoke(c.fn, { id: other }), new RegExp(`"${other}" \\(id\\)`));
        await rejectsBeforeAnyRequest(bench, () => bench.invoke(c.fn, { id: 3 }), /"id" must be a string/);
      });
    }

    it("each provider's own fields, with webhook secrets as the emulator holds them", async () => {
      const secrets = new Map(
        [...vcsIntegrations(bench.emulator.store).values()].map((r) => [r.id, r.webhookSecret]),
      );
      const gitlab = await bench.invoke("getGitlabIntegration");
      assert.equal(gitlab.apiHost, "https://gitlab.com");
      assert.equal(gitlab.webhookSecret, secrets.get("gitlab-default"));
      const ghe = await bench.invoke("getGithubEnterpriseIntegration");
      assert.equal(ghe.apiHost, "https://github.example.com");
      assert.equal(ghe.appId, "123456");
      assert.equal(ghe.webhookSecret, secrets.get("github-enterprise-default"));
      const bbc = await bench.invoke("getBitbucketCloudIntegration");
      assert.equal(bbc.username, "spacelift-bot");
      assert.equal(bbc.webhookSecret, undefined, "Bitbucket Cloud's look-up has no webhook secret");
      const bbdc = await bench.invoke("getBitbucketDatacenterIntegration");
      assert.equal(bbdc.apiHost, "https://bitbucket.example.com");
      assert.equal(bbdc.userFacingHost, "https://bitbucket.example.com");
      assert.equal(bbdc.username, "spacelift-bot");
      assert.equal(bbdc.webhookSecret, secrets.get("bitbucket-datacenter-default"));
      const ado = await bench.invoke("getAzureDevopsIntegration");
      assert.equal(ado.organizationUrl, "https://dev.azure.com/example-org");
      assert.equal(ado.webhookPassword, secrets.get("azure-devops-default"));
      const defaults = [...secrets].filter(([id]) => id.endsWith("-default")).map(([, secret]) => secret);
      assert.equal(new Set(defaults).size, 5, "each default integration has a secret of its own");
      for (const value of defaults) assert.match(value, /^[\w-]{32}$/, "random, 24 bytes");
    });

    it("a seeded non-default integration, by its id", async () => {
      const team = await bench.invoke("getGitlabIntegration", { id: "team-gitlab" });
      assert.deepEqual(team, {
        id: "team-gitlab",
        name: "Team GitLab",
        description: "the team's own instance",
        isDefault: false,
        spaceId,
        labels: ["team"],
        apiHost: "https://gitlab.team.example.com",
        webhookUrl: `${bench.emulator.url}/webhooks/gitlab/team-gitlab`,
        webhookSecret: "seeded-gitlab-secret",
      });
      const bbdc = await bench.invoke("getBitbucketDatacenterIntegration", { id: "bbdc-custom" });
      assert.equal(bbdc.isDefault, false);
      assert.equal(bbdc.webhookUrl, `${bench.emulator.url}/webhooks/bitbucket_datacenter/bbdc-custom`);
    });

    it("marks webhook secrets and passwords as secrets, and nothing else", () => {
      assert.deepEqual(secretResultPaths("getGitlabIntegration"), ["webhookSecret"]);
      assert.deepEqual(secretResultPaths("getGithubEnterpriseIntegration"), ["webhookSecret"]);
      assert.deepEqual(secretResultPaths("getBitbucketDatacenterIntegration"), ["webhookSecret"]);
      assert.deepEqual(secretResultPaths("getAzureDevopsIntegration"), ["webhookPassword"]);
      assert.deepEqual(secretResultPaths("getBitbucketCloudIntegration"), []);
      for (const fn of [
        "getAwsIntegration",
        "getAwsIntegrations",
        "getAzureIntegrations",
        "getGitlabWebhookEndpoint",
      ]) {
        assert.deepEqual(secretResultPaths(fn), [], fn);
      }
    });

    it("the seed refuses a provider it does not know and a taken id", async () => {
      await assert.rejects(
        bench.emulator.controls.seed({ vcsIntegrations: [{ provider: "GITHUB" as "GITLAB", name: "x" }] }),
        /provider must be one of/,
      );
      await assert.rejects(
        bench.emulator.controls.seed({
          vcsIntegrations: [{ provider: "GITLAB", name: "x", id: "gitlab-default" }],
        }),
        /already exists/,
      );
    });
  });

  describe("getGitlabWebhookEndpoint", () => {
    it("is the account's GitLab webhook URL", async () => {
      assert.deepEqual(await bench.invoke("getGitlabWebhookEndpoint"), {
        id: "spacelift_gitlab_webhook_endpoint_id",
        webhookEndpoint: `${bench.emulator.url}/webhooks/gitlab`,
      });
    });
  });
});
