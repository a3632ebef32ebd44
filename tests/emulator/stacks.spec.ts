import assert from "node:assert/strict";
import { setStackDeletionDelayMs } from "../../emulator/resolvers/settings";
import { Harness, stackInput } from "./harness";

const CREATE = `mutation($input: StackInput!, $manageState: Boolean!, $slug: String) {
  stackCreate(input: $input, manageState: $manageState, slug: $slug) {
    id name provider space managesStateFile deleting createdAt
    vendorConfig { __typename ... on StackConfigVendorTerraform { workflowTool version useSmartSanitization } }
  }
}`;

interface CreatedStack {
  stackCreate: {
    id: string;
    name: string;
    provider: string;
    space: string;
    managesStateFile: boolean;
    deleting: boolean;
    createdAt: number;
    vendorConfig: { __typename: string; workflowTool?: string; version?: string | null };
  };
}

describe("emulator stacks", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("derives the id from the name: lower case, runs of other characters become one dash, trimmed", async () => {
    const { stackCreate } = await h.ok<CreatedStack>(CREATE, {
      input: stackInput("  Provider test stack -- ÄBC_42! "),
      manageState: true,
    });
    assert.equal(stackCreate.id, "provider-test-stack-bc-42");
  });

  it("stores the real API's defaults: GitHub, Terraform with the FOSS workflow tool, root space", async () => {
    const { stackCreate } = await h.ok<CreatedStack>(CREATE, {
      input: stackInput("Defaults"),
      manageState: false,
    });
    assert.equal(stackCreate.provider, "GITHUB");
    assert.equal(stackCreate.space, "root");
    assert.equal(stackCreate.managesStateFile, false);
    assert.equal(stackCreate.deleting, false);
    assert.equal(stackCreate.createdAt, Math.floor(h.nowMs / 1000));
    assert.deepEqual(stackCreate.vendorConfig, {
      __typename: "StackConfigVendorTerraform",
      workflowTool: "TERRAFORM_FOSS",
      version: null,
      useSmartSanitization: false,
    });
  });

  it("keeps the id when the stack is renamed", async () => {
    await h.ok(CREATE, { input: stackInput("Original name"), manageState: true });
    const data = await h.ok<{ stackUpdate: { id: string; name: string } }>(
      `mutation($input: StackInput!) { stackUpdate(id: "original-name", input: $input) { id name } }`,
      { input: stackInput("Brand new name") },
    );
    assert.deepEqual(data.stackUpdate, { id: "original-name", name: "Brand new name" });
  });

  it("refuses a second stack whose name gives the same slug", async () => {
    await h.ok(CREATE, { input: stackInput("Twin"), manageState: true });
    const message = await h.fails(CREATE, { input: stackInput("twin!"), manageState: true });
    assert.match(message, /stack with this slug already exists/);
  });

  it("honours a client-chosen slug and rejects one that is not a slug", async () => {
    const { stackCreate } = await h.ok<CreatedStack>(CREATE, {
      input: stackInput("Some name"),
      manageState: true,
      slug: "chosen-id",
    });
    assert.equal(stackCreate.id, "chosen-id");
    assert.match(
      await h.fails(CREATE, { input: stackInput("Other"), manageState: true, slug: "Not A Slug" }),
      /slug/,
    );
  });

  it("shares its id space with modules", async () => {
    h.seed({ modules: [{ repository: "terraform-aws-vpc" }] });
    const message = await h.fails(CREATE, {
      input: stackInput("x"),
      manageState: true,
      slug: "terraform-aws-vpc",
    });
    assert.match(message, /already exists/);
  });

  it("resolves every vendor block to its union member", async () => {
    const vendors: [Record<string, unknown>, string][] = [
      [{ ansible: { playbook: "site.yml" } }, "StackConfigVendorAnsible"],
      [
        {
          cloudFormation: {
            entryTemplateFile: "t.yml",
            region: "eu-west-1",
            stackName: "s",
            templateBucket: "b",
          },
        },
        "StackConfigVendorCloudFormation",
      ],
      [{ kubernetes: { namespace: "ns" } }, "StackConfigVendorKubernetes"],
      [{ opentofu: { version: "1.8.0" } }, "StackConfigVendorOpenTofu"],
      [{ pulumi: { loginURL: "s3://state", stackName: "dev" } }, "StackConfigVendorPulumi"],
      [{ terraform: { version: "1.5.7" } }, "StackConfigVendorTerraform"],
      [{ terragrunt: { useRunAll: true } }, "StackConfigVendorTerragrunt"],
    ];
    for (const [vendorConfig, typename] of vendors) {
      const { stackCreate } = await h.ok<CreatedStack>(CREATE, {
        input: stackInput(`vendor ${typename}`, { vendorConfig }),
        manageState: true,
      });
      assert.equal(stackCreate.vendorConfig.__typename, typename);
    }
    const data = await h.ok<{ stack: { vendorConfig: Record<string, unknown> } }>(`{
      stack(id: "vendor-stackconfigvendorkubernetes") {
        vendorConfig { ... on StackConfigVendorKubernetes { namespace kubernetesWorkflowTool kubectlVersion } }
      }
    }`);
    assert.deepEqual(data.stack.vendorConfig, {
      namespace: "ns",
      kubernetesWorkflowTool: "KUBERNETES",
      kubectlVersion: null,
    });
  });

  it("refuses two vendor blocks, and a version with the CUSTOM workflow tool", async () => {
    const two = { terraform: { version: "1.5.7" }, pulumi: { loginURL: "s3://x", stackName: "dev" } };
    assert.match(
      await h.fails(CREATE, { input: stackInput("a", { vendorConfig: two }), manageState: true }),
      /exactly one vendor/,
    );
    const custom = { terraform: { workflowTool: "CUSTOM", version: "1.5.7" } };
    assert.match(
      await h.fails(CREATE, { input: stackInput("b", { vendorConfig: custom }), manageState: true }),
      /specifying version for custom tool workflow is not possible/,
    );
  });

  it("takes OpenTofu's workflow tool as OPENTOFU and rejects OPEN_TOFU, as Spacelift's own enum does", async () => {
    // terraform-provider-spacelift 8565261: resource_stack_test.go asserts OPENTOFU on live Spacelift.
    const tofu = (workflowTool?: string) => ({ opentofu: workflowTool ? { workflowTool } : {} });
    const { stackCreate } = await h.ok<CreatedStack>(CREATE, {
      input: stackInput("tofu default", { vendorConfig: tofu() }),
      manageState: true,
    });
    assert.equal(stackCreate.vendorConfig.__typename, "StackConfigVendorOpenTofu");
    const data = await h.ok<{ stack: { vendorConfig: { workflowTool: string } } }>(`{
      stack(id: "tofu-default") { vendorConfig { ... on StackConfigVendorOpenTofu { workflowTool } } }
    }`);
    assert.equal(data.stack.vendorConfig.workflowTool, "OPENTOFU");
    await h.ok(CREATE, {
      input: stackInput("tofu explicit", { vendorConfig: tofu("OPENTOFU") }),
      manageState: true,
    });
    assert.match(
      await h.fails(CREATE, {
        input: stackInput("tofu wrong", { vendorConfig: tofu("OPEN_TOFU") }),
        manageState: true,
      }),
      /OPEN_TOFU/,
    );
  });

  it("replaces every setting on update, a null space included (root, as at creation), but keeps the vendor", async () => {
    h.seed({ spaces: [{ id: "team", name: "Team" }] });
    await h.ok(CREATE, {
      input: stackInput("Full", {
        space: "team",
        description: "d",
        labels: ["a"],
        afterApply: ["echo hi"],
        vendorConfig: { pulumi: { loginURL: "s3://x", stackName: "dev" } },
      }),
      manageState: true,
    });
    const data = await h.ok<{ stackUpdate: Record<string, unknown> }>(
      `mutation($input: StackInput!) {
        stackUpdate(id: "full", input: $input) { space description labels afterApply hooks { afterApply } vendorConfig { __typename } }
      }`,
      { input: stackInput("Full") },
    );
    assert.deepEqual(data.stackUpdate, {
      space: "root",
      description: null,
      labels: [],
      afterApply: [],
      hooks: { afterApply: [] },
      vendorConfig: { __typename: "StackConfigVendorPulumi" },
    });
  });

  it("moves a stack between Terraform and Terragrunt only through stackMigrateVendor", async () => {
    const MIGRATE = `mutation($id: ID!, $targetVendor: StackVendor!, $config: StackVendorMigrationInput) {
      stackMigrateVendor(id: $id, targetVendor: $targetVendor, config: $config) {
        labels vendorConfig { __typename ... on StackConfigVendorTerragrunt { terragruntVersion terraformVersion tool } }
      }
    }`;
    await h.ok(CREATE, {
      input: stackInput("Migrating", { vendorConfig: { terraform: { version: "1.5.7" } } }),
      manageState: true,
    });
    assert.match(
      await h.fails(`mutation($input: StackInput!) { stackUpdate(id: "migrating", input: $input) { id } }`, {
        input: stackInput("Migrating", { vendorConfig: { terragrunt: {} } }),
      }),
      /use stackMigrateVendor/,
    );
    const migrated = await h.ok<{ stackMigrateVendor: Record<string, unknown> }>(MIGRATE, {
      id: "migrating",
      targetVendor: "Terragrunt",
      config: { terragrunt: { terragruntVersion: "0.55.0" } },
    });
    assert.deepEqual(migrated.stackMigrateVendor, {
      labels: [],
      vendorConfig: {
        __typename: "StackConfigVendorTerragrunt",
        terragruntVersion: "0.55.0",
        terraformVersion: "1.5.7",
        tool: "TERRAFORM_FOSS",
      },
    });
    assert.match(await h.fails(MIGRATE, { id: "migrating", targetVendor: "Terragrunt" }), /already/);
    const back = await h.ok<{ stackMigrateVendor: { labels: string[] } }>(MIGRATE, {
      id: "migrating",
      targetVendor: "Terraform",
      config: { labels: ["terragrunt"] },
    });
    assert.deepEqual(back.stackMigrateVendor.labels, ["terragrunt"]);
  });

  it("reports the account's default VCS integration for integration-backed providers without one", async () => {
    // Spacelift's Terraform provider fills a VCS block's id and is_default from vcsIntegration.
    const read = async (name: string, extra: Record<string, unknown>) => {
      await h.ok(CREATE, { input: stackInput(name, extra), manageState: true });
      const id = name.toLowerCase();
      return (
        await h.ok<{ stack: { vcsIntegration: unknown } }>(
          `{ stack(id: "${id}") { vcsIntegration { id isDefault provider } } }`,
        )
      ).stack.vcsIntegration;
    };
    assert.deepEqual(await read("Lab", { provider: "GITLAB", namespace: "group" }), {
      id: "gitlab-default",
      isDefault: true,
      provider: "GITLAB",
    });
    assert.deepEqual(
      await read("Ado", {
        provider: "AZURE_DEVOPS",
        namespace: "proj",
        vcsIntegrationId: "azure-devops-default",
      }),
      { id: "azure-devops-default", isDefault: true, provider: "AZURE_DEVOPS" },
    );
    assert.deepEqual(
      await read("Own", { provider: "GITLAB", namespace: "group", vcsIntegrationId: "mine" }),
      {
        id: "mine",
        isDefault: false,
        provider: "GITLAB",
      },
    );
    assert.equal(await read("Hub", {}), null);
  });

  it("refuses a stack in an unknown space", async () => {
    assert.match(
      await h.fails(CREATE, { input: stackInput("Lost", { space: "nowhere" }), manageState: true }),
      /not found/,
    );
  });

  it("returns null for a missing stack and 'not found' for mutations on one", async () => {
    assert.deepEqual(await h.ok(`{ stack(id: "ghost") { id } }`), { stack: null });
    assert.match(
      await h.fails(`mutation($input: StackInput!) { stackUpdate(id: "ghost", input: $input) { id } }`, {
        input: stackInput("ghost"),
      }),
      /not found/,
    );
    assert.match(await h.fails(`mutation { stackDelete(id: "ghost") { id } }`), /not found/);
  });

  it("enables and disables a stack", async () => {
    h.seed({ stacks: [{ name: "Toggle" }] });
    assert.deepEqual(await h.ok(`mutation { stackDisable(id: "toggle") { isDisabled } }`), {
      stackDisable: { isDisabled: true },
    });
    assert.deepEqual(await h.ok(`mutation { stackEnable(id: "toggle") { isDisabled } }`), {
      stackEnable: { isDisabled: false },
    });
  });

  describe("asynchronous deletion", () => {
    beforeEach(() => {
      setStackDeletionDelayMs(h.store, 1000);
      h.seed({
        stacks: [
          {
            name: "Doomed",
            config: [{ id: "A", type: "ENVIRONMENT_VARIABLE", value: "1", writeOnly: false }],
          },
        ],
        contexts: [{ name: "Ctx" }],
        policies: [{ name: "Pol", type: "PLAN" }],
        contextAttachments: [{ context: "ctx", stack: "doomed" }],
        policyAttachments: [{ policy: "pol", stack: "doomed" }],
      });
    });

    it("returns the stack with deleting: true, keeps it visible until the delay passes, then drops it", async () => {
      assert.deepEqual(await h.ok(`mutation { stackDelete(id: "doomed") { id deleting } }`), {
        stackDelete: { id: "doomed", deleting: true },
      });
      h.nowMs += 999;
      assert.deepEqual(await h.ok(`{ stack(id: "doomed") { id deleting } }`), {
        stack: { id: "doomed", deleting: true },
      });
      h.nowMs += 1;
      assert.deepEqual(await h.ok(`{ stack(id: "doomed") { id } stacks { id } }`), {
        stack: null,
        stacks: [],
      });
    });

    it("removes the stack's config and attachments once it is gone", async () => {
      await h.ok(`mutation { stackDelete(id: "doomed") { id } }`);
      h.nowMs += 1000;
      const data = await h.ok(`{
        context(id: "ctx") { attachedStacks { id } attachedStack(id: "doomed") { id } }
        policy(id: "pol") { attachedStacks { id } }
      }`);
      assert.deepEqual(data, {
        context: { attachedStacks: [], attachedStack: null },
        policy: { attachedStacks: [] },
      });
      // A new stack with the same slug starts without the old one's config.
      h.seed({ stacks: [{ name: "Doomed" }] });
      assert.deepEqual(await h.ok(`{ stack(id: "doomed") { config { id } } }`), { stack: { config: [] } });
    });

    it("keeps the space occupied while the stack is being deleted", async () => {
      h.seed({ spaces: [{ id: "team", name: "Team" }], stacks: [{ name: "In team", space: "team" }] });
      await h.ok(`mutation { stackDelete(id: "in-team") { id } }`);
      assert.match(await h.fails(`mutation { spaceDelete(space: "team") { id } }`), /1 stack/);
      h.nowMs += 1000;
      await h.ok(`mutation { spaceDelete(space: "team") { id } }`);
    });

    it("refuses to update a stack being deleted", async () => {
      await h.ok(`mutation { stackDelete(id: "doomed") { id } }`);
      const message = await h.fails(
        `mutation($input: StackInput!) { stackUpdate(id: "doomed", input: $input) { id } }`,
        {
          input: stackInput("Doomed"),
        },
      );
      assert.match(message, /being deleted/);
    });

    it("refuses to delete a stack protected from deletion", async () => {
      h.seed({ stacks: [{ name: "Precious", protectFromDeletion: true }] });
      assert.match(
        await h.fails(`mutation { stackDelete(id: "precious") { id } }`),
        /protected from deletion/,
      );
      assert.deepEqual(await h.ok(`{ stack(id: "precious") { deleting } }`), { stack: { deleting: false } });
    });
  });
});
