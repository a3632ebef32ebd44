import { strict as assert } from "node:assert";
import { graphql } from "graphql";

import { startFunctionBench, type FunctionBench } from "../../helpers/functions";
import { secretResultPaths } from "../../../provider/functions/invoke";
import { emulatorSchema, TEST_VIEWER } from "../harness";

describe("data functions: policies, modules, webhooks and pools", function () {
  this.timeout(30_000);

  let bench: FunctionBench;

  before(async () => {
    bench = await startFunctionBench();
  });

  after(() => bench.close());

  beforeEach(async () => {
    await bench.emulator.controls.resetData();
  });

  /** Runs a mutation straight against the emulator's store, outside the request statistics. */
  async function mutate<T>(source: string, variableValues: Record<string, unknown> = {}): Promise<T> {
    const result = await graphql({
      schema: emulatorSchema(),
      source,
      variableValues,
      contextValue: {
        viewer: TEST_VIEWER,
        store: bench.emulator.store,
        now: () => Date.now(),
        baseUrl: bench.emulator.url,
      },
    });
    assert.deepEqual(result.errors?.map((e) => e.message) ?? [], []);
    return JSON.parse(JSON.stringify(result.data)) as T;
  }

  /** Expects a function to fail before sending anything, with a message matching `message`. */
  async function rejectsWithoutRequests(name: string, args: Record<string, unknown>, message: RegExp) {
    bench.emulator.controls.resetStats();
    await assert.rejects(bench.invoke(name, args), message);
    assert.equal(bench.emulator.controls.stats().total, 0, `${name} sent requests for bad arguments`);
  }

  describe("getPolicy / getPolicies", () => {
    beforeEach(async () => {
      await bench.emulator.controls.seed({
        spaces: [{ id: "team", name: "Team" }],
        policies: [
          {
            name: "Plan guard",
            type: "PLAN",
            // The marker the resource engine adds to what it creates is not the user's label.
            labels: ["team", "guard", "pulumi-spacelift:policy-key"],
            space: "team",
            body: "package spacelift\n",
          },
          { name: "Push rules", type: "GIT_PUSH", labels: ["team"] },
          { name: "Access", type: "STACK_ACCESS", labels: ["guard"] },
        ],
      });
    });

    it("getPolicy finds a policy by id, with its body", async () => {
      const found = await bench.invoke("getPolicy", { policyId: "plan-guard" });
      assert.deepEqual(found, {
        body: "package spacelift\n",
        id: "plan-guard",
        labels: ["guard", "team"],
        name: "Plan guard",
        policyId: "plan-guard",
        spaceId: "team",
        type: "PLAN",
      });
    });

    it("getPolicy names the argument when the policy does not exist", async () => {
      await assert.rejects(bench.invoke("getPolicy", { policyId: "nope" }), /no policy "nope" \(policyId\)/);
    });

    it("getPolicies lists every policy by name, or filters by type and all labels", async () => {
      const all = await bench.invoke("getPolicies");
      const policies = all.policies as { id: string; type: string }[];
      assert.deepEqual(
        policies.map((p) => [p.id, p.type]),
        [
          ["access", "ACCESS"],
          ["plan-guard", "PLAN"],
          ["push-rules", "GIT_PUSH"],
        ],
      );
      assert.equal(all.type, undefined);
      assert.equal(all.labels, undefined);

      const labelled = await bench.invoke("getPolicies", { labels: ["team", "guard"] });
      assert.deepEqual(
        (labelled.policies as { id: string }[]).map((p) => p.id),
        ["plan-guard"],
      );
      assert.deepEqual(labelled.labels, ["team", "guard"]);

      const typed = await bench.invoke("getPolicies", { type: "GIT_PUSH", labels: ["team"] });
      assert.deepEqual(typed.policies, [
        { id: "push-rules", labels: ["team"], name: "Push rules", spaceId: "root", type: "GIT_PUSH" },
      ]);
      assert.equal(typed.type, "GIT_PUSH");
    });

    it("getPolicies takes a type's old name for its current one", async () => {
      const found = await bench.invoke("getPolicies", { type: "STACK_ACCESS" });
      assert.deepEqual(
        (found.policies as { id: string }[]).map((p) => p.id),
        ["access"],
      );
    });

    it("bad arguments fail before any request", async () => {
      await rejectsWithoutRequests("getPolicy", {}, /"policyId" is required/);
      await rejectsWithoutRequests("getPolicy", { policyId: "" }, /"policyId" must not be empty/);
      await rejectsWithoutRequests("getPolicies", { labels: "team" }, /"labels" must be a list/);
      await rejectsWithoutRequests("getPolicies", { kind: "PLAN" }, /unknown argument "kind"/);
    });
  });

  describe("getModule / getModules", () => {
    beforeEach(async () => {
      await bench.emulator.controls.seed({
        spaces: [{ id: "team", name: "Team" }],
        workerPools: [{ id: "01HPOOL0000000000000000000", name: "private" }],
        modules: [
          {
            name: "vpc",
            terraformProvider: "aws",
            repository: "terraform-aws-vpc",
            namespace: "acme",
            provider: "GITLAB",
            space: "team",
            updateInput: {
              branch: "main",
              administrative: true,
              description: "A VPC",
              labels: ["network", "core"],
              projectRoot: "modules/vpc",
              protectFromDeletion: true,
              sharedAccounts: ["partner"],
              workerPool: "01HPOOL0000000000000000000",
            },
          },
        ],
      });
    });

    it("getModule finds a module with its VCS settings, sharing and pool", async () => {
      const found = await bench.invoke("getModule", { moduleId: "terraform-aws-vpc" });
      const statement = found.awsAssumeRolePolicyStatement as string;
      assert.match(statement, /terraform-aws-vpc/);
      assert.deepEqual(
        { ...found, awsAssumeRolePolicyStatement: "…" },
        {
          administrative: true,
          awsAssumeRolePolicyStatement: "…",
          azureDevops: [],
          bitbucketClouds: [],
          bitbucketDatacenters: [],
          branch: "main",
          description: "A VPC",
          enableLocalPreview: false,
          githubEnterprises: [],
          gitlabs: [{ id: (found.gitlabs as { id: string }[])[0]?.id, isDefault: true, namespace: "acme" }],
          id: "terraform-aws-vpc",
          labels: ["core", "network"],
          moduleId: "terraform-aws-vpc",
          name: "vpc",
          projectRoot: "modules/vpc",
          protectFromDeletion: true,
          repository: "terraform-aws-vpc",
          sharedAccounts: ["partner"],
          spaceId: "team",
          terraformProvider: "aws",
          workerPoolId: "01HPOOL0000000000000000000",
          workflowTool: "TERRAFORM_FOSS",
        },
      );
      assert.ok((found.gitlabs as { id: string }[])[0]?.id, "the GitLab integration has an id");
    });

    it("getModule names the argument when the module does not exist", async () => {
      await assert.rejects(
        bench.invoke("getModule", { moduleId: "terraform-aws-nope" }),
        /no module "terraform-aws-nope" \(moduleId\)/,
      );
    });

    it("getModules pages through every match and applies each filter", async () => {
      // 120 modules: three pages of 50 for an unfiltered look-up.
      await bench.emulator.controls.seed({
        modules: Array.from({ length: 120 }, (_, i) => ({
          name: `m${String(i).padStart(3, "0")}`,
          terraformProvider: "null",
          repository: `repo-${i % 2}`,
          updateInput: { branch: i % 3 === 0 ? "dev" : "main", labels: i % 10 === 0 ? ["tenth"] : [] },
        })),
      });
      bench.emulator.controls.resetStats();
      const all = await bench.invoke("getModules");
      const ids = (all.modules as { moduleId: string }[]).map((m) => m.moduleId);
      assert.equal(ids.length, 121);
      assert.equal(new Set(ids).size, 121);
      assert.equal(bench.emulator.controls.requestCount("GetModulesPage"), 3);

      const filtered = await bench.invoke("getModules", {
        branch: { anyOfs: ["dev"] },
        labels: [{ anyOfs: ["tenth"] }],
        repository: { anyOfs: ["repo-0"] },
      });
      // i divisible by 3 and by 10 (hence even): 0, 30, 60, 90.
      assert.deepEqual(
        (filtered.modules as { name: string }[]).map((m) => m.name),
        ["m000", "m030", "m060", "m090"],
      );
      assert.deepEqual(filtered.branch, { anyOfs: ["dev"] });

      const vpc = await bench.invoke("getModules", {
        administrative: {},
        projectRoot: { anyOfs: ["modules/*"] },
        workerPool: { anyOfs: ["01HPOOL0000000000000000000"] },
      });
      const [only] = vpc.modules as Record<string, unknown>[];
      assert.equal((vpc.modules as unknown[]).length, 1);
      assert.equal(only.moduleId, "terraform-aws-vpc");
      assert.deepEqual(only.spaceShares, []);
      assert.deepEqual(only.rawGits, []);
      assert.equal(only.runnerImage, "");

      const none = await bench.invoke("getModules", {
        administrative: { equals: false },
        name: { anyOfs: ["vpc"] },
      });
      assert.deepEqual(none.modules, []);
    });

    it("bad arguments fail before any request", async () => {
      await rejectsWithoutRequests("getModule", { moduleId: 3 }, /"moduleId" must be a string/);
      await rejectsWithoutRequests("getModules", { branch: ["main"] }, /"branch" must be an object/);
      await rejectsWithoutRequests("getModules", { labels: [{}] }, /"labels\[0\]\.anyOfs" is required/);
    });
  });

  describe("getNamedWebhook / getWebhook", () => {
    beforeEach(async () => {
      await bench.emulator.controls.seed({
        spaces: [{ id: "team", name: "Team" }],
        stacks: [{ name: "App", slug: "app" }],
        modules: [{ name: "vpc", terraformProvider: "aws", repository: "terraform-aws-vpc" }],
        namedWebhooks: [
          {
            id: "alerts",
            name: "Alerts",
            endpoint: "https://example.com/alerts",
            space: "team",
            labels: ["ops", "alerts"],
            secret: "named-hook-secret",
          },
        ],
        webhooks: [
          { id: "app-hook", stack: "app", endpoint: "https://example.com/app", secret: "stack-hook-secret" },
          {
            id: "vpc-hook",
            stack: "terraform-aws-vpc",
            endpoint: "https://example.com/vpc",
            enabled: false,
            secret: "module-hook-secret",
          },
        ],
      });
      await mutate(
        `mutation($id: ID!, $input: NamedWebhookHeaderInput!) { namedWebhooksIntegrationSetHeaders(id: $id, input: $input) { id } }`,
        { id: "alerts", input: { entries: [{ key: "X-Token", value: "header-secret" }] } },
      );
    });

    it("getNamedWebhook finds the webhook; its write-only secret stays empty", async () => {
      const found = await bench.invoke("getNamedWebhook", { webhookId: "alerts" });
      assert.deepEqual(found, {
        enabled: true,
        endpoint: "https://example.com/alerts",
        id: "alerts",
        labels: ["alerts", "ops"],
        name: "Alerts",
        secret: "",
        secretHeaderKeys: ["X-Token"],
        spaceId: "team",
        webhookId: "alerts",
      });
      assert.ok(!JSON.stringify(found).includes("header-secret"));
      assert.deepEqual(secretResultPaths("getNamedWebhook"), ["secret"]);
    });

    it("getWebhook finds a stack's and a module's webhook", async () => {
      assert.deepEqual(await bench.invoke("getWebhook", { stackId: "app", webhookId: "app-hook" }), {
        enabled: true,
        endpoint: "https://example.com/app",
        id: "app-hook",
        secret: "",
        stackId: "app",
        webhookId: "app-hook",
      });
      assert.deepEqual(
        await bench.invoke("getWebhook", { moduleId: "terraform-aws-vpc", webhookId: "vpc-hook" }),
        {
          enabled: false,
          endpoint: "https://example.com/vpc",
          id: "vpc-hook",
          moduleId: "terraform-aws-vpc",
          secret: "",
          webhookId: "vpc-hook",
        },
      );
      assert.deepEqual(secretResultPaths("getWebhook"), ["secret"]);
    });

    it("missing webhooks, stacks and modules are named with their argument", async () => {
      await assert.rejects(
        bench.invoke("getNamedWebhook", { webhookId: "nope" }),
        /no named webhook "nope" \(webhookId\)/,
      );
      await assert.rejects(
        bench.invoke("getWebhook", { stackId: "app", webhookId: "vpc-hook" }),
        /no webhook "vpc-hook" on stack "app" \(webhookId\)/,
      );
      await assert.rejects(
        bench.invoke("getWebhook", { stackId: "nope", webhookId: "app-hook" }),
        /no stack "nope" \(stackId\)/,
      );
      // A module is not a stack, and the other way round.
      await assert.rejects(
        bench.invoke("getWebhook", { moduleId: "app", webhookId: "app-hook" }),
        /no module "app" \(moduleId\)/,
      );
    });

    it("bad arguments fail before any request", async () => {
      await rejectsWithoutRequests(
        "getWebhook",
        { webhookId: "app-hook" },
        /exactly one of "stackId" and "moduleId"/,
      );
      await rejectsWithoutRequests(
        "getWebhook",
        { webhookId: "app-hook", stackId: "app", moduleId: "terraform-aws-vpc" },
        /exactly one of "stackId" and "moduleId"/,
      );
      await rejectsWithoutRequests("getNamedWebhook", {}, /"webhookId" is required/);
    });
  });

  describe("getWorkerPool(s) / getVcsAgentPool(s)", () => {
    it("getWorkerPool returns the pool with its config as a secret field", async () => {
      await bench.emulator.controls.seed({
        spaces: [{ id: "team", name: "Team" }],
        workerPools: [
          {
            id: "01HPOOLB000000000000000000",
            name: "b-pool",
            labels: ["x", "a"],
            space: "team",
            description: "B",
          },
          { id: "01HPOOLA000000000000000000", name: "a-pool" },
        ],
      });
      const found = await bench.invoke("getWorkerPool", { workerPoolId: "01HPOOLB000000000000000000" });
      const config = found.config as string;
      assert.match(config, /^[A-Za-z0-9+/]+=*$/, "a Base64 config");
      assert.deepEqual(found, {
        config,
        description: "B",
        id: "01HPOOLB000000000000000000",
        labels: ["a", "x"],
        name: "b-pool",
        spaceId: "team",
        workerPoolId: "01HPOOLB000000000000000000",
      });
      assert.deepEqual(secretResultPaths("getWorkerPool"), ["config"]);

      const all = await bench.invoke("getWorkerPools");
      assert.equal(all.id, "spacelift-worker-pools");
      const pools = all.workerPools as Record<string, unknown>[];
      assert.deepEqual(
        pools.map((p) => [p.name, p.description, p.spaceId]),
        [
          ["a-pool", "", "root"],
          ["b-pool", "B", "team"],
        ],
      );
      assert.equal(pools[1].config, config);
      assert.deepEqual(secretResultPaths("getWorkerPools"), ["workerPools[].config"]);

      await assert.rejects(
        bench.invoke("getWorkerPool", { workerPoolId: "01HNOPE0000000000000000000" }),
        /no worker pool "01HNOPE0000000000000000000" \(workerPoolId\)/,
      );
      await rejectsWithoutRequests("getWorkerPool", { id: "x" }, /unknown argument "id"/);
      await rejectsWithoutRequests("getWorkerPools", { space: "x" }, /this function takes no arguments/);
    });

    it("getVcsAgentPool and getVcsAgentPools never carry the agents' config", async () => {
      const created = await mutate<{ vcsAgentPoolCreate: { id: string; config: string } }>(
        `mutation { vcsAgentPoolCreate(name: "on-prem", description: "Behind the firewall") { id config } }`,
      );
      await mutate(`mutation { vcsAgentPoolCreate(name: "another") { id } }`);
      const { id, config } = created.vcsAgentPoolCreate;

      const found = await bench.invoke("getVcsAgentPool", { vcsAgentPoolId: id });
      assert.deepEqual(found, {
        description: "Behind the firewall",
        id,
        name: "on-prem",
        vcsAgentPoolId: id,
      });

      const all = await bench.invoke("getVcsAgentPools");
      assert.deepEqual(all, {
        id: "spacelift-vcs-agent-pools",
        vcsAgentPools: [
          {
            description: "",
            name: "another",
            vcsAgentPoolId: (all.vcsAgentPools as { vcsAgentPoolId: string }[])[0]?.vcsAgentPoolId,
          },
          { description: "Behind the firewall", name: "on-prem", vcsAgentPoolId: id },
        ],
      });
      assert.ok(!JSON.stringify([found, all]).includes(config));

      await assert.rejects(
        bench.invoke("getVcsAgentPool", { vcsAgentPoolId: "01HNOPE0000000000000000000" }),
        /no VCS agent pool "01HNOPE0000000000000000000" \(vcsAgentPoolId\)/,
      );
      await rejectsWithoutRequests("getVcsAgentPool", {}, /"vcsAgentPoolId" is required/);
    });
  });
});
