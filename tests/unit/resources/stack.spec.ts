import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import { diffResource } from "../../../provider/engine/diff";
import { ResourceOperationError } from "../../../provider/engine/errors";
import type { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { Values } from "../../../provider/engine/values";
import { stack } from "../../../provider/resources";
import { exchangeApiKey, postGraphQL } from "../../helpers/emulator";
import { EmulatedEngines } from "./emulatedEngine";

/** The stack as the emulator holds it: what the API received. */
interface Stored {
  provider: string;
  namespace: string;
  repositoryURL: string | null;
  vcsIntegrationId: string | null;
  managesStateFile: boolean;
  vendorConfig: Record<string, unknown> & { vendor: string };
}

const checked = (inputs: Values): Values => {
  const result = checkInputs(stack, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

describe("Stack against the emulator", function () {
  let env: EmulatedEngines;
  let engine: ResourceEngine;
  let n = 0;
  const unique = () => `stack-${++n}`;
  const stored = (id: string): Stored => env.emulator.store.collection<Stored>("stacks").get(id)!;

  before(async () => {
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 0 });
    engine = env.engine(stack);
  });
  after(() => env.close());

  it("fills in the Terraform provider's defaults", () => {
    assert.deepEqual(checked({ name: "n", repository: "r", branch: "main" }), {
      name: "n",
      repository: "r",
      branch: "main",
      administrative: false,
      autodeploy: false,
      autoretry: false,
      githubActionDeploy: true,
      enableLocalPreview: false,
      enableWellKnownSecretMasking: false,
      enableSensitiveOutputsUpload: true,
      protectFromDeletion: false,
      manageState: true,
    });
  });

  it("creates a GitHub Terraform stack by default and reads back what it created", async () => {
    const name = unique();
    const inputs = checked({
      name,
      repository: "infra",
      branch: "main",
      labels: ["b", "a"],
      afterApplies: ["echo one", "echo two"],
      beforeInits: ["terraform fmt -check"],
      terraformVersion: "1.5.7",
      terraformWorkspace: "prod",
    });
    const { id, outs } = await engine.create(inputs);
    assert.equal(id, name);
    assert.equal(outs["slug"], name);
    assert.equal(outs["terraformWorkflowTool"], "TERRAFORM_FOSS");
    assert.equal(outs["terraformSmartSanitization"], false);
    assert.equal(outs["spaceId"], "root");
    assert.match(String(outs["awsAssumeRolePolicyStatement"]), /sts:AssumeRole/);
    const record = stored(id);
    assert.equal(record.provider, "GITHUB");
    assert.equal(record.managesStateFile, true);
    assert.deepEqual(record.vendorConfig, {
      vendor: "Terraform",
      externalStateAccessEnabled: false,
      useSmartSanitization: false,
      version: "1.5.7",
      workflowTool: "TERRAFORM_FOSS",
      workspace: "prod",
    });
    const read = await engine.read(id, outs);
    assert.deepEqual(read.props, outs);
    assert.deepEqual(diffResource(stack, read.props, inputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: true,
    });
  });

  const vendorCases: { title: string; inputs: Values; vendor: string; source: Partial<Stored> }[] = [
    {
      title: "Pulumi from GitLab",
      inputs: {
        pulumi: { loginUrl: "s3://state", stackName: "prod" },
        gitlab: { namespace: "platform", id: "gitlab-integration" },
      },
      vendor: "Pulumi",
      source: { provider: "GITLAB", namespace: "platform", vcsIntegrationId: "gitlab-integration" },
    },
    {
      title: "Kubernetes from a raw Git repository",
      inputs: {
        kubernetes: { namespace: "apps", kubectlVersion: "1.29.0" },
        rawGit: { namespace: "acme", url: "https://git.example.com/acme/apps.git" },
      },
      vendor: "Kubernetes",
      source: { provider: "GIT", namespace: "acme", repositoryURL: "https://git.example.com/acme/apps.git" },
    },
    {
      title: "CloudFormation from Azure DevOps",
      inputs: {
        cloudformation: {
          entryTemplateFile: "main.yaml",
          region: "eu-west-1",
          stackName: "network",
          templateBucket: "templates",
        },
        azureDevops: { project: "Platform" },
      },
      vendor: "CloudFormation",
      source: { provider: "AZURE_DEVOPS", namespace: "Platform", vcsIntegrationId: null },
    },
    {
      title: "Ansible from a showcase repository",
      inputs: { ansible: { playbook: "site.yml" }, showcase: { namespace: "spacelift-io" } },
      vendor: "Ansible",
      source: { provider: "SHOWCASE", namespace: "spacelift-io" },
    },
    {
      title: "OpenTofu from Bitbucket Cloud",
      inputs: {
        opentofu: { version: "1.8.0", workspace: "dev", logging: { concise: false } },
        bitbucketCloud: { namespace: "team" },
      },
      vendor: "OpenTofu",
      source: { provider: "BITBUCKET_CLOUD", namespace: "team" },
    },
    {
      title: "Terragrunt from Bitbucket Data Center",
      inputs: {
        terragrunt: {
          terraformVersion: "1.5.7",
          terragruntVersion: "0.55.0",
          useRunAll: true,
          tool: "OPEN_TOFU",
        },
        bitbucketDatacenter: { namespace: "PROJ" },
      },
      vendor: "Terragrunt",
      source: { provider: "BITBUCKET_DATACENTER", namespace: "PROJ" },
    },
    {
      title: "Terraform from GitHub Enterprise",
      inputs: { githubEnterprise: { namespace: "acme", id: "ghe" }, terraformSmartSanitization: true },
      vendor: "Terraform",
      source: { provider: "GITHUB_ENTERPRISE", namespace: "acme", vcsIntegrationId: "ghe" },
    },
  ];

  for (const c of vendorCases) {
    it(`round-trips a ${c.title} stack without drift`, async () => {
      const inputs = checked({ name: unique(), repository: "r", branch: "main", ...c.inputs });
      const { id, outs } = await engine.create(inputs);
      const record = stored(id);
      assert.equal(record.vendorConfig.vendor, c.vendor);
      for (const [key, value] of Object.entries(c.source)) {
        assert.deepEqual(record[key as keyof Stored], value, key);
      }
      const read = await engine.read(id, outs);
      assert.deepEqual(read.props, outs, "read differs from create");
      for (const block of Object.keys(c.inputs)) {
        assert.ok(read.props?.[block] !== undefined, `${block} not read back`);
      }
      if (c.vendor !== "Terraform") {
        assert.equal(
          read.props?.["terraformWorkflowTool"],
          undefined,
          "Terraform settings on another vendor",
        );
      }
      assert.equal(diffResource(stack, read.props, inputs).changes, false);
    });
  }

  it("spells OpenTofu's workflow tool OPENTOFU, as Spacelift does, and refuses OPEN_TOFU in check", async () => {
    // terraform-provider-spacelift 8565261 resource_stack_test.go asserts OPENTOFU against live Spacelift.
    const { id, outs } = await engine.create(
      checked({ name: unique(), repository: "r", branch: "main", opentofu: {} }),
    );
    assert.equal((outs["opentofu"] as Values)["workflowTool"], "OPENTOFU");
    assert.equal(stored(id).vendorConfig["workflowTool"], "OPENTOFU");
    const custom = checked({
      name: unique(),
      repository: "r",
      branch: "main",
      opentofu: { workflowTool: "OPENTOFU" },
    });
    assert.equal(((await engine.create(custom)).outs["opentofu"] as Values)["workflowTool"], "OPENTOFU");
    const wrong = checkInputs(
      stack,
      {},
      { name: "x", repository: "r", branch: "main", opentofu: { workflowTool: "OPEN_TOFU" } },
    );
    assert.equal(wrong.failures.length, 1);
    assert.match(wrong.failures[0]!.property, /opentofu/);
  });

  it("reads a vendor block with Spacelift's choices filled in (Terragrunt tool, kubectl version)", async () => {
    const { outs } = await engine.create(
      checked({ name: unique(), repository: "r", branch: "main", terragrunt: {} }),
    );
    assert.deepEqual(outs["terragrunt"], {
      useRunAll: false,
      useSmartSanitization: false,
      useStateManagement: false,
      skipReplanWhenRunAll: false,
      skipReplan: false,
      tool: "TERRAFORM_FOSS",
      prefixResourceNamesWithModuleName: false,
    });
  });

  it("switches vendor and VCS provider in place", async () => {
    const base = { name: unique(), repository: "r", branch: "main" };
    const first = checked({ ...base, terraformVersion: "1.5.7" });
    const { id, outs } = await engine.create(first);
    const second = checked({
      ...base,
      pulumi: { loginUrl: "https://api.pulumi.com", stackName: "dev" },
      gitlab: { namespace: "g" },
    });
    const diff = diffResource(stack, outs, second);
    assert.deepEqual(diff.replaces, []);
    const updated = await engine.update(id, outs, second);
    assert.deepEqual(updated.outs["pulumi"], { loginUrl: "https://api.pulumi.com", stackName: "dev" });
    assert.equal(stored(id).vendorConfig.vendor, "Pulumi");
    assert.equal(stored(id).provider, "GITLAB");
    const read = await engine.read(id, updated.outs);
    assert.equal(read.props?.["terraformVersion"], undefined);
    // Spacelift reports the account's default GitLab integration the program left unnamed.
    assert.deepEqual(read.props?.["gitlab"], { namespace: "g", id: "gitlab-default", isDefault: true });
    assert.equal(diffResource(stack, read.props ?? {}, second).changes, false);
  });

  it("on update, sends back the settings Spacelift chose instead of clearing them", async () => {
    const base = { name: unique(), repository: "r", branch: "main" };
    const { id, outs } = await engine.create(checked({ ...base, terraformWorkflowTool: "OPEN_TOFU" }));
    // The program stops naming the tool: Spacelift keeps the one it has.
    const updated = await engine.update(id, outs, checked({ ...base, description: "changed" }));
    assert.equal(stored(id).vendorConfig["workflowTool"], "OPEN_TOFU");
    assert.equal(updated.outs["terraformWorkflowTool"], "OPEN_TOFU");
    // A custom workflow tool takes no version, so none is sent along with it.
    await engine.update(id, updated.outs, checked({ ...base, terraformWorkflowTool: "CUSTOM" }));
    assert.deepEqual(
      { tool: stored(id).vendorConfig["workflowTool"], version: stored(id).vendorConfig["version"] },
      { tool: "CUSTOM", version: null },
    );
  });

  it("sends terraformVersion null on update when the program sets none, as Spacelift's Terraform provider does", async () => {
    // terraform-provider-spacelift 8565261 resource_stack.go: Version = nil when terraform_version is unset.
    const base = { name: unique(), repository: "r", branch: "main" };
    const { id, outs } = await engine.create(checked({ ...base, terraformVersion: "1.5.7" }));
    env.sent.splice(0);
    await engine.update(id, outs, checked({ ...base, description: "changed" }));
    const [update] = env.variablesOf("StackUpdate");
    const vendor = (update?.["input"] as { vendorConfig: { terraform: Record<string, unknown> } })
      .vendorConfig;
    assert.equal(vendor.terraform["version"], null);
    assert.equal(stored(id).vendorConfig["version"], null);
  });

  it("moves between Terraform/OpenTofu and Terragrunt in place, through stackMigrateVendor first", async () => {
    // terraform-provider-spacelift 8565261 resource_stack.go: vendorMigrationDirection, buildMigrationConfig.
    const base = { name: unique(), repository: "r", branch: "main" };
    const first = checked({ ...base, terraformVersion: "1.5.7" });
    const { id, outs } = await engine.create(first);
    const terragrunt = checked({
      ...base,
      terragrunt: { terragruntVersion: "0.55.0", useStateManagement: true },
    });
    assert.deepEqual(diffResource(stack, outs, terragrunt).replaces, []);
    env.sent.splice(0);
    const second = await engine.update(id, outs, terragrunt);
    assert.deepEqual(
      env.sent.map((r) => r.operationName),
      ["StackMigrateVendor", "StackUpdate"],
    );
    assert.deepEqual(env.variablesOf("StackMigrateVendor")[0], {
      id,
      targetVendor: "Terragrunt",
      config: { labels: null, terragrunt: { terragruntVersion: "0.55.0" } },
    });
    assert.equal(stored(id).vendorConfig.vendor, "Terragrunt");

    env.sent.splice(0);
    await engine.update(id, second.outs, checked({ ...base, opentofu: {} }));
    assert.deepEqual(env.variablesOf("StackMigrateVendor")[0], {
      id,
      targetVendor: "Terraform",
      config: { labels: ["terragrunt"], terragrunt: null },
    });
    assert.equal(stored(id).vendorConfig.vendor, "OpenTofu");
  });

  it("refuses, before any call, a migration to Terragrunt that would change state management", async () => {
    const base = { name: unique(), repository: "r", branch: "main" };
    const { id, outs } = await engine.create(checked(base));
    env.sent.splice(0);
    await assert.rejects(
      engine.update(id, outs, checked({ ...base, terragrunt: {} })),
      /cannot change state management during vendor migration \(it would change from true to false\)/,
    );
    assert.deepEqual(env.sent, []);
    assert.equal(stored(id).vendorConfig.vendor, "Terraform");
  });

  it("replaces the stack when Terragrunt's useStateManagement changes, not when the block comes or goes", () => {
    // terraform-provider-spacelift 8565261 resource_stack.go CustomizeDiff: ForceNew within a block.
    const base = { name: "n", repository: "r", branch: "main" };
    const before = checked({ ...base, terragrunt: { useStateManagement: false } });
    const after = checked({ ...base, terragrunt: { useStateManagement: true } });
    assert.deepEqual(diffResource(stack, before, after).replaces, ["terragrunt"]);
    assert.deepEqual(diffResource(stack, checked(base), after).replaces, []);
    assert.deepEqual(diffResource(stack, after, checked(base)).replaces, []);
  });

  it("replaces on manageState and slug, and a new slug becomes the id", async () => {
    const name = unique();
    const { outs } = await engine.create(checked({ name, repository: "r", branch: "main" }));
    const next = checked({ name, repository: "r", branch: "main", manageState: false, slug: `${name}-v2` });
    assert.deepEqual(diffResource(stack, outs, next).replaces.sort(), ["manageState", "slug"]);
    const created = await engine.create(next);
    assert.equal(created.id, `${name}-v2`);
    assert.equal(stored(created.id).managesStateFile, false);
  });

  it("refuses to delete a protected stack, with Spacelift's reason", async () => {
    const { id, outs } = await engine.create(
      checked({ name: unique(), repository: "r", branch: "main", protectFromDeletion: true }),
    );
    await assert.rejects(engine.delete(id, outs), (err: unknown) => {
      assert.ok(ResourceOperationError.isInstance(err));
      assert.match(err.message, /protected from deletion/);
      return true;
    });
  });

  describe("asynchronous deletion", () => {
    let slow: EmulatedEngines;
    beforeEach(async () => {
      slow = await EmulatedEngines.start({ stackDeletionDelayMs: 12_000 });
    });
    afterEach(() => slow.close());

    it("polls, backing off to every 5 s, until the stack is gone, which stays flagged `deleting` until then", async () => {
      const e = slow.engine(stack);
      const { id, outs } = await e.create(checked({ name: "slow", repository: "r", branch: "main" }));
      const token = await exchangeApiKey(slow.emulator);
      const flags: unknown[] = [];
      // What the API says each time the engine is about to wait.
      slow.beforeSleep = async () => {
        const reply = await postGraphQL<{ stack: unknown }>(
          slow.emulator,
          "query ProbeDeleting($id: ID!) { stack(id: $id) { deleting } }",
          { token, variables: { id }, inProcess: true },
        );
        flags.push(reply.data?.stack);
      };
      slow.emulator.controls.resetStats();
      await e.delete(id, outs);
      // Polls at 0.5, 1.5, 3.5, 7.5 and 12.5 s (none at once: Spacelift deletes in the
      // background); the stack disappears 12 s after stackDelete.
      assert.equal(slow.count("StackDelete"), 1);
      assert.equal(slow.count("StackRead"), 5);
      assert.equal(slow.count("Viewer"), 0, "the last poll's own viewer proves the token accepted");
      assert.deepEqual(slow.sleeps, [500, 1000, 2000, 4000, 5000]);
      assert.deepEqual(flags, Array(5).fill({ deleting: true }));
      assert.equal(slow.emulator.store.collection("stacks").has(id), false);
    });

    it("gives up after SPACELIFT_DELETE_TIMEOUT_SECONDS, naming the setting", async () => {
      const e = slow.engine(stack, { SPACELIFT_DELETE_TIMEOUT_SECONDS: "7" });
      const { id, outs } = await e.create(checked({ name: "stuck", repository: "r", branch: "main" }));
      slow.emulator.controls.resetStats();
      await assert.rejects(
        e.delete(id, outs),
        /still exists 7s after deletion was requested.*SPACELIFT_DELETE_TIMEOUT_SECONDS/,
      );
      // Polls at 0.5, 1.5, 3.5 and 7 s (the last wait is cut to the deadline).
      assert.equal(slow.count("StackRead"), 4);
      assert.deepEqual(slow.sleeps, [500, 1000, 2000, 3500]);
    });
  });

  it("refuses to delete a stack that has dependencies", async () => {
    const a = await engine.create(checked({ name: unique(), repository: "r", branch: "main" }));
    const b = await engine.create(checked({ name: unique(), repository: "r", branch: "main" }));
    await env.emulator.controls.seed({ stackDependencies: [{ stackId: a.id, dependsOnStackId: b.id }] });
    await assert.rejects(
      engine.delete(a.id, a.outs),
      /can't delete stack when it has dependencies; please delete them first/,
    );
  });
});
