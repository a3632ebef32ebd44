/**
 * The stack data functions against a real emulator: objects are made by the resource engine (as a
 * program's resources would be) or seeded, then looked up through the functions.
 */
import { strict as assert } from "node:assert";
import { resolveCredentials } from "../../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import { clearSharedClients, SpaceliftClient } from "../../../provider/client/spaceliftClient";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { invokeFunction } from "../../../provider/functions/invoke";
import { descriptorFor } from "../../../provider/resources";
import { startFunctionBench, type FunctionBench } from "../../helpers/functions";
import { exchangeApiKey, postGraphQL } from "../../helpers/emulator";
import { setStackOutputs } from "../../../emulator/resolvers/stacksFunctions";

const ROLE = "arn:aws:iam::123456789012:role/spacelift";
const SCOPES = ["https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/compute"];

describe("stack data functions against the emulator", function () {
  this.timeout(20_000);

  let bench: FunctionBench;
  let client: SpaceliftClient;
  let token: string;

  const engine = (kind: string) =>
    new ResourceEngine(descriptorFor(kind) as ResourceDescriptor, { api: client });
  const create = async (kind: string, inputs: Record<string, unknown>) =>
    (await engine(kind).create(inputs)) as { id: string; outs: Record<string, unknown> };
  const mutate = async (document: string, variables: Record<string, unknown>) => {
    const reply = await postGraphQL(bench.emulator, document, { token, variables });
    assert.equal(reply.errors, undefined, JSON.stringify(reply.errors));
  };
  /** Runs `fn` and asserts it sent no request at all. */
  const noRequest = async (fn: () => Promise<unknown>, message: RegExp) => {
    bench.emulator.controls.resetStats();
    await assert.rejects(fn(), message);
    assert.equal(bench.emulator.controls.stats().total, 0, "no request for bad arguments");
  };

  before(async () => {
    bench = await startFunctionBench();
    client = new SpaceliftClient(
      resolveCredentials(undefined, {
        SPACELIFT_API_KEY_ENDPOINT: bench.emulator.url,
        SPACELIFT_API_KEY_ID: bench.emulator.apiKey.id,
        SPACELIFT_API_KEY_SECRET: bench.emulator.apiKey.secret,
      }),
      { rateLimit: null },
    );
    token = await exchangeApiKey(bench.emulator);
  });

  after(async () => {
    clearSharedClients();
    clearSharedTokenSources();
    await bench?.close();
  });

  describe("getStack", () => {
    it("reads a Terraform stack made by the Stack resource as its outputs say", async () => {
      const { id, outs } = await create("Stack", {
        name: "fn terraform",
        repository: "infra",
        branch: "main",
        projectRoot: "envs/prod",
        description: "the production stack",
        labels: ["prod", "team:core"],
        additionalProjectGlobs: ["modules/**"],
        administrative: true,
        autodeploy: true,
        terraformVersion: "1.5.7",
        terraformWorkspace: "prod",
        terraformSmartSanitization: true,
        beforeInits: ["echo init"],
        afterApplies: ["echo one", "echo two"],
        runnerImage: "example/runner:1",
      });
      const found = await bench.invoke("getStack", { stackId: id });
      assert.equal(found["id"], id);
      assert.equal(found["stackId"], id);
      for (const [ours, theirs] of [
        ["name", "name"],
        ["description", "description"],
        ["spaceId", "spaceId"],
        ["repository", "repository"],
        ["branch", "branch"],
        ["projectRoot", "projectRoot"],
        ["administrative", "administrative"],
        ["autodeploy", "autodeploy"],
        ["autoretry", "autoretry"],
        ["enableLocalPreview", "enableLocalPreview"],
        ["manageState", "manageState"],
        ["protectFromDeletion", "protectFromDeletion"],
        ["runnerImage", "runnerImage"],
        ["terraformVersion", "terraformVersion"],
        ["terraformWorkflowTool", "terraformWorkflowTool"],
        ["terraformWorkspace", "terraformWorkspace"],
        ["terraformSmartSanitization", "terraformSmartSanitization"],
        ["terraformExternalStateAccess", "terraformExternalStateAccess"],
        ["awsAssumeRolePolicyStatement", "awsAssumeRolePolicyStatement"],
        ["beforeInits", "beforeInits"],
        ["afterApplies", "afterApplies"],
      ] as const) {
        assert.deepEqual(found[ours], outs[theirs], ours);
      }
      assert.deepEqual([...(found["labels"] as string[])].sort(), ["prod", "team:core"]);
      assert.deepEqual(found["additionalProjectGlobs"], ["modules/**"]);
      assert.equal(found["workerPoolId"], "");
      assert.deepEqual(found["afterRuns"], []);
      assert.ok((found["awsAssumeRolePolicyStatement"] as string).length > 0);
      for (const block of [
        "ansibles",
        "pulumis",
        "kubernetes",
        "cloudformations",
        "rawGits",
        "gitlabs",
        "showcases",
      ]) {
        assert.deepEqual(found[block], [], block);
      }
    });

    it("fills the vendor and source blocks of other stacks", async () => {
      const pulumi = await create("Stack", {
        name: "fn pulumi",
        repository: "app",
        branch: "main",
        rawGit: { namespace: "acme", url: "https://git.example.com/acme/app.git" },
        pulumi: { loginUrl: "s3://state", stackName: "prod" },
      });
      const found = await bench.invoke("getStack", { stackId: pulumi.id });
      assert.deepEqual(found["pulumis"], [{ loginUrl: "s3://state", stackName: "prod" }]);
      assert.deepEqual(found["rawGits"], [
        { namespace: "acme", url: "https://git.example.com/acme/app.git" },
      ]);
      assert.equal(found["terraformWorkflowTool"], "");
      assert.equal(found["terraformSmartSanitization"], false);

      const ansible = await create("Stack", {
        name: "fn ansible",
        repository: "play",
        branch: "main",
        ansible: { playbook: "site.yml" },
      });
      assert.deepEqual((await bench.invoke("getStack", { stackId: ansible.id }))["ansibles"], [
        { playbook: "site.yml" },
      ]);

      const kube = await create("Stack", {
        name: "fn kube",
        repository: "k8s",
        branch: "main",
        kubernetes: { namespace: "apps", kubectlVersion: "1.29.0" },
      });
      assert.deepEqual((await bench.invoke("getStack", { stackId: kube.id }))["kubernetes"], [
        { namespace: "apps", kubectlVersion: "1.29.0" },
      ]);

      const cfn = await create("Stack", {
        name: "fn cfn",
        repository: "cfn",
        branch: "main",
        cloudformation: {
          entryTemplateFile: "main.yml",
          region: "eu-west-1",
          stackName: "app",
          templateBucket: "templates",
        },
      });
      assert.deepEqual((await bench.invoke("getStack", { stackId: cfn.id }))["cloudformations"], [
        { entryTemplateFile: "main.yml", region: "eu-west-1", stackName: "app", templateBucket: "templates" },
      ]);
    });

    it("reads an OpenTofu stack as a Terraform stack whose workflow tool is OpenTofu", async () => {
      const tofu = await create("Stack", {
        name: "fn tofu",
        repository: "tofu",
        branch: "main",
        opentofu: { version: "1.8.0", workspace: "dev" },
      });
      const found = await bench.invoke("getStack", { stackId: tofu.id });
      assert.equal(found["terraformWorkflowTool"], "OPEN_TOFU");
      assert.equal(found["terraformVersion"], "1.8.0");
      assert.equal(found["terraformWorkspace"], "dev");
    });

    it("leaves out the label pulumi-spacelift marks its own stacks with", async () => {
      await bench.emulator.controls.seed({
        stacks: [{ name: "fn marked", labels: ["team", "pulumi-spacelift:0123abcd.key"] }],
      });
      assert.deepEqual((await bench.invoke("getStack", { stackId: "fn-marked" }))["labels"], ["team"]);
    });

    it("names the missing stack and the argument", async () => {
      await assert.rejects(
        bench.invoke("getStack", { stackId: "no-such-stack" }),
        /no stack "no-such-stack" \(stackId\)/,
      );
    });

    it("refuses bad arguments before any request", async () => {
      await noRequest(() => bench.invoke("getStack", {}), /"stackId" is required/);
      await noRequest(() => bench.invoke("getStack", { stackId: 3 }), /"stackId" must be a string/);
      await noRequest(
        () => bench.invoke("getStack", { stackId: "x", colour: "red" }),
        /unknown argument "colour"/,
      );
    });
  });

  describe("getStacks", () => {
    before(async () => {
      // More stacks than one page (50) carry the label the tests filter on.
      await bench.emulator.controls.seed({
        stacks: Array.from({ length: 57 }, (_, i) => ({
          name: `paged ${String(i).padStart(2, "0")}`,
          labels: ["paged", ...(i % 2 === 0 ? ["even"] : [])],
          branch: i < 3 ? "release" : "main",
          administrative: i === 5,
        })),
      });
    });

    it("pages through every match, in name order", async () => {
      bench.emulator.controls.resetStats();
      const found = await bench.invoke("getStacks", { labels: [{ anyOfs: ["paged"] }] });
      const stacks = found["stacks"] as Record<string, unknown>[];
      assert.equal(stacks.length, 57);
      assert.deepEqual(
        stacks.map((s) => s["name"]),
        Array.from({ length: 57 }, (_, i) => `paged ${String(i).padStart(2, "0")}`),
      );
      assert.equal(bench.emulator.controls.requestCount("GetStacks"), 2, "two pages");
      assert.equal(found["id"], "stacks");
      assert.deepEqual(found["labels"], [{ anyOfs: ["paged"] }]);
      assert.equal(stacks[0]?.["id"], undefined, "elements have stackId, not id");
      assert.equal(stacks[0]?.["stackId"], "paged-00");
    });

    it("combines label elements with AND and the values of one filter with OR", async () => {
      const evenPaged = await bench.invoke("getStacks", {
        labels: [{ anyOfs: ["paged"] }, { anyOfs: ["even"] }],
      });
      assert.equal((evenPaged["stacks"] as unknown[]).length, 29);
      const some = await bench.invoke("getStacks", {
        labels: [{ anyOfs: ["paged"] }],
        name: { anyOfs: ["paged 01", "paged 02", "nothing"] },
      });
      assert.deepEqual(
        (some["stacks"] as Record<string, unknown>[]).map((s) => s["stackId"]),
        ["paged-01", "paged-02"],
      );
      const globbed = await bench.invoke("getStacks", { name: { anyOfs: ["paged 5*"] } });
      assert.equal((globbed["stacks"] as unknown[]).length, 7);
    });

    it("filters on branch, administrative, vendor, state, locked and commit", async () => {
      const ids = async (args: Record<string, unknown>) =>
        (
          (await bench.invoke("getStacks", { labels: [{ anyOfs: ["paged"] }], ...args }))["stacks"] as Record<
            string,
            unknown
          >[]
        ).map((s) => s["stackId"]);
      assert.deepEqual(await ids({ branch: { anyOfs: ["release"] } }), ["paged-00", "paged-01", "paged-02"]);
      assert.deepEqual(await ids({ administrative: {} }), ["paged-05"], "equals defaults to true");
      assert.equal((await ids({ administrative: { equals: false } })).length, 56);
      assert.equal((await ids({ vendor: { anyOfs: ["Terraform"] } })).length, 57);
      assert.deepEqual(await ids({ vendor: { anyOfs: ["Pulumi"] } }), []);
      assert.equal((await ids({ state: { anyOfs: ["NONE"] } })).length, 57);

      await mutate("mutation($id: ID!) { stackLock(id: $id) { id } }", { id: "paged-07" });
      assert.deepEqual(await ids({ locked: {} }), ["paged-07"]);
      assert.equal((await ids({ locked: { equals: false } })).length, 56);

      const sha = "0123456789abcdef0123456789abcdef01234567";
      await mutate("mutation($id: ID!, $sha: String!) { stackSetCurrentCommit(id: $id, sha: $sha) { id } }", {
        id: "paged-09",
        sha,
      });
      assert.deepEqual(await ids({ commit: { anyOfs: [sha] } }), ["paged-09"]);
    });

    it("refuses bad filters before any request", async () => {
      await noRequest(
        () => bench.invoke("getStacks", { labels: { anyOfs: ["x"] } }),
        /"labels" must be a list/,
      );
      await noRequest(() => bench.invoke("getStacks", { name: {} }), /"name.anyOfs" is required/);
      await noRequest(
        () => bench.invoke("getStacks", { name: { anyOfs: [] } }),
        /"name.anyOfs" must hold at least one value/,
      );
      await noRequest(
        () => bench.invoke("getStacks", { labels: [{ anyOfs: ["a"] }, { anyOfs: [] }] }),
        /"labels\[1\].anyOfs" must hold/,
      );
      await noRequest(
        () => bench.invoke("getStacks", { locked: { equals: "yes" } }),
        /"locked.equals" must be true or false/,
      );
    });
  });

  describe("getCurrentStack", () => {
    const asRun = (jwt: string, name = "getCurrentStack") =>
      invokeFunction(name, {}, { get: (key) => ({ "spacelift:apiToken": jwt })[key] }, {});

    it("reads the stack from a run's API token", async () => {
      const run = await bench.emulator.mintRunToken("paged-03");
      assert.deepEqual(await asRun(run.jwt), { id: "paged-03" });
    });

    it("fails clearly for an API key and for a token not issued to a run", async () => {
      await assert.rejects(bench.invoke("getCurrentStack"), /not a Spacelift run's API token/);
      await assert.rejects(asRun(token), /not issued to a Spacelift run \(issuer "api-key"\)/);
    });

    it("is not reached by a run token given next to an API key: the key wins", async () => {
      // How an explicit spacelift.Provider({ apiToken }) behaves when the environment holds an API key.
      const run = await bench.emulator.mintRunToken("paged-03");
      const env = {
        SPACELIFT_API_KEY_ENDPOINT: bench.emulator.url,
        SPACELIFT_API_KEY_ID: bench.emulator.apiKey.id,
        SPACELIFT_API_KEY_SECRET: bench.emulator.apiKey.secret,
      };
      await assert.rejects(
        invokeFunction(
          "getCurrentStack",
          {},
          { get: (key) => ({ "spacelift:apiToken": run.jwt })[key] },
          env,
        ),
        /An API key .* is used whenever one is set, even next to a token/,
      );
    });

    it("takes no arguments", async () => {
      await noRequest(() => bench.invoke("getCurrentStack", { stackId: "x" }), /takes no arguments/);
    });
  });

  describe("AWS roles and GCP service accounts", () => {
    let stackId: string;
    let moduleId: string;
    let bare: string;

    before(async () => {
      stackId = (await create("Stack", { name: "fn roles", repository: "roles", branch: "main" })).id;
      bare = (await create("Stack", { name: "fn bare", repository: "bare", branch: "main" })).id;
      moduleId = (
        await create("Module", {
          name: "fnmod",
          terraformProvider: "aws",
          repository: "terraform-aws-fnmod",
          branch: "main",
        })
      ).id;
      await create("AwsRole", { stackId, roleArn: ROLE, externalId: "ext-1", durationSeconds: 1800 });
      await create("AwsRole", { moduleId, roleArn: ROLE, generateCredentialsInWorker: true });
      await create("GcpServiceAccount", { stackId, tokenScopes: [...SCOPES].reverse() });
    });

    for (const name of ["getAwsRole", "getStackAwsRole"]) {
      it(`${name} reads a stack's and a module's role`, async () => {
        assert.deepEqual(await bench.invoke(name, { stackId }), {
          id: stackId,
          stackId,
          roleArn: ROLE,
          generateCredentialsInWorker: false,
          externalId: "ext-1",
          durationSeconds: 1800,
        });
        const onModule = await bench.invoke(name, { moduleId });
        assert.equal(onModule["id"], moduleId);
        assert.equal(onModule["moduleId"], moduleId);
        assert.equal(onModule["stackId"], undefined);
        assert.equal(onModule["generateCredentialsInWorker"], true);
        assert.equal(onModule["externalId"], "");
        assert.equal(typeof onModule["durationSeconds"], "number");
      });

      it(`${name} names a stack without a role, and wants exactly one target`, async () => {
        await assert.rejects(
          bench.invoke(name, { stackId: bare }),
          new RegExp(`no AWS role on stack "${bare}" \\(stackId\\)`),
        );
        await assert.rejects(bench.invoke(name, { stackId: "ghost" }), /no AWS role on stack "ghost"/);
        await noRequest(() => bench.invoke(name, {}), /give one of stackId and moduleId/);
        await noRequest(() => bench.invoke(name, { stackId, moduleId }), /only one of stackId and moduleId/);
      });
    }

    for (const name of ["getGcpServiceAccount", "getStackGcpServiceAccount"]) {
      it(`${name} reads the account Spacelift made`, async () => {
        const found = await bench.invoke(name, { stackId });
        assert.equal(found["id"], stackId);
        assert.deepEqual(found["tokenScopes"], SCOPES);
        assert.match(found["serviceAccountEmail"] as string, /@/);
        await assert.rejects(
          bench.invoke(name, { moduleId }),
          new RegExp(`no GCP service account on module "${moduleId}" \\(moduleId\\)`),
        );
        await noRequest(() => bench.invoke(name, { stackId: "" }), /"stackId" must not be empty/);
      });
    }
  });

  describe("drift detection and schedules", () => {
    let stackId: string;
    let future: number;

    before(async () => {
      stackId = (await create("Stack", { name: "fn schedules", repository: "sched", branch: "main" })).id;
      future = Math.floor(Date.now() / 1000) + 86_400;
    });

    it("getDriftDetection reads the schedule, and names a stack without one", async () => {
      await assert.rejects(
        bench.invoke("getDriftDetection", { stackId }),
        new RegExp(`no drift detection on stack "${stackId}" \\(stackId\\)`),
      );
      await create("DriftDetection", {
        stackId,
        schedule: ["0 * * * *"],
        timezone: "Europe/Berlin",
        reconcile: true,
      });
      assert.deepEqual(await bench.invoke("getDriftDetection", { stackId }), {
        id: stackId,
        stackId,
        schedules: ["0 * * * *"],
        timezone: "Europe/Berlin",
        reconcile: true,
        ignoreState: false,
      });
      await noRequest(
        () => bench.invoke("getDriftDetection", { ignoreState: true }),
        /"stackId" is required/,
      );
    });

    it("getScheduledTask reads a cron task and a one-off task", async () => {
      const cron = await create("ScheduledTask", {
        stackId,
        command: "terraform plan",
        everies: ["0 9 * * 1"],
      });
      const found = await bench.invoke("getScheduledTask", { scheduledTaskId: cron.id });
      assert.deepEqual(found, {
        id: cron.id,
        scheduledTaskId: cron.id,
        stackId,
        scheduleId: cron.outs["scheduleId"],
        command: "terraform plan",
        at: 0,
        everies: ["0 9 * * 1"],
        timezone: "UTC",
      });
      const once = await create("ScheduledTask", { stackId, command: "echo once", at: future });
      const onceFound = await bench.invoke("getScheduledTask", { scheduledTaskId: once.id });
      assert.equal(onceFound["at"], future);
      assert.deepEqual(onceFound["everies"], []);
    });

    it("getScheduledDeleteStack reads a scheduled deletion", async () => {
      const made = await create("ScheduledDeleteTask", { stackId, at: future, deleteResources: false });
      assert.deepEqual(await bench.invoke("getScheduledDeleteStack", { scheduledDeleteStackId: made.id }), {
        id: made.id,
        scheduledDeleteStackId: made.id,
        stackId,
        scheduleId: made.outs["scheduleId"],
        at: future,
        deleteResources: false,
      });
    });

    it("schedules: missing ones are named, malformed IDs refused before any request", async () => {
      await assert.rejects(
        bench.invoke("getScheduledTask", { scheduledTaskId: `${stackId}/nope` }),
        new RegExp(`no scheduled task "${stackId}/nope" \\(scheduledTaskId\\)`),
      );
      await assert.rejects(
        bench.invoke("getScheduledDeleteStack", { scheduledDeleteStackId: "ghost/nope" }),
        /no scheduled deletion "ghost\/nope" \(scheduledDeleteStackId\)/,
      );
      await noRequest(
        () => bench.invoke("getScheduledTask", { scheduledTaskId: "just-a-stack" }),
        /"scheduledTaskId" must be "<stackId>\/<scheduleId>"/,
      );
      await noRequest(
        () => bench.invoke("getScheduledDeleteStack", { scheduledDeleteStackId: "a/b/c" }),
        /"scheduledDeleteStackId" must be "<stackId>\/<scheduleId>"/,
      );
    });
  });

  describe("newer than the official SDK", () => {
    it("getStackOutputs lists a stack's outputs without values, sorted by name", async () => {
      const { id } = await create("Stack", { name: "fn outputs", repository: "outs", branch: "main" });
      assert.deepEqual(await bench.invoke("getStackOutputs", { stackId: id }), {
        id,
        stackId: id,
        outputs: [],
      });
      setStackOutputs(bench.emulator.store, id, [
        { id: "vpc_id", description: "The VPC", sensitive: false, value: "vpc-123" },
        { id: "db_password", description: null, sensitive: true, value: "never-returned" },
      ]);
      assert.deepEqual((await bench.invoke("getStackOutputs", { stackId: id }))["outputs"], [
        { id: "db_password", description: "", sensitive: true },
        { id: "vpc_id", description: "The VPC", sensitive: false },
      ]);
      await assert.rejects(
        bench.invoke("getStackOutputs", { stackId: "ghost" }),
        /no stack "ghost" \(stackId\)/,
      );
      await noRequest(() => bench.invoke("getStackOutputs", {}), /"stackId" is required/);
    });

    it("getToolVersions lists each tool's versions, and refuses other tools before any request", async () => {
      for (const [tool, id] of [
        ["TERRAFORM_FOSS", "terraform-foss-versions"],
        ["OPEN_TOFU", "open-tofu-versions"],
        ["TERRAGRUNT", "terragrunt-versions"],
        ["KUBECTL", "kubectl-versions"],
      ] as const) {
        const found = await bench.invoke("getToolVersions", { tool });
        assert.equal(found["id"], id);
        assert.equal(found["tool"], tool);
        assert.ok((found["versions"] as string[]).length > 0, tool);
      }
      assert.equal(
        ((await bench.invoke("getToolVersions", { tool: "TERRAFORM_FOSS" }))["versions"] as string[])[0],
        "1.5.7",
      );
      await noRequest(
        () => bench.invoke("getToolVersions", { tool: "terraform" }),
        /"tool" must be one of KUBECTL, OPEN_TOFU/,
      );
    });
  });
});
