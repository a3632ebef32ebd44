import assert from "node:assert/strict";
import { Harness } from "./harness";

const CREATE = `mutation($input: ModuleCreateInput!) {
  moduleCreate(input: $input) { id name terraformProvider provider branch space workflowTool public isDisabled moduleSource }
}`;

function moduleInput(extra: Record<string, unknown>): Record<string, unknown> {
  return { updateInput: { branch: "main" }, ...extra };
}

describe("emulator modules", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("infers name and provider from a repository named terraform-<provider>-<name>", async () => {
    const data = await h.ok<{ moduleCreate: Record<string, unknown> }>(CREATE, {
      input: moduleInput({ repository: "terraform-aws-my-vpc" }),
    });
    assert.deepEqual(data.moduleCreate, {
      id: "terraform-aws-my-vpc",
      name: "my-vpc",
      terraformProvider: "aws",
      provider: "GITHUB",
      branch: "main",
      space: "root",
      workflowTool: "TERRAFORM_FOSS",
      public: false,
      isDisabled: false,
      moduleSource: "spacelift.io/emulator/my-vpc/aws",
    });
  });

  it("uses the `default` provider for an explicit name unless a provider is given", async () => {
    const named = await h.ok<{ moduleCreate: { id: string } }>(CREATE, {
      input: moduleInput({ name: "github-module-abc12", repository: "terraform-bacon-tasty" }),
    });
    assert.equal(named.moduleCreate.id, "terraform-default-github-module-abc12");
    const both = await h.ok<{ moduleCreate: { id: string } }>(CREATE, {
      input: moduleInput({ name: "net", terraformProvider: "google-beta", repository: "anything" }),
    });
    assert.equal(both.moduleCreate.id, "terraform-google-beta-net");
  });

  it("refuses names that break the naming rule, providers that are registry addresses, and uninferable names", async () => {
    assert.match(
      await h.fails(CREATE, { input: moduleInput({ name: "Bad_Name", repository: "r" }) }),
      /invalid module name/,
    );
    assert.match(
      await h.fails(CREATE, { input: moduleInput({ name: "ends-", repository: "r" }) }),
      /invalid module name/,
    );
    assert.match(
      await h.fails(CREATE, {
        input: moduleInput({ name: "ok", terraformProvider: "hashicorp/aws", repository: "r" }),
      }),
      /invalid terraform provider/,
    );
    assert.match(
      await h.fails(CREATE, { input: moduleInput({ repository: "my-modules" }) }),
      /cannot infer the module name/,
    );
  });

  it("refuses a module whose id exists already", async () => {
    await h.ok(CREATE, { input: moduleInput({ repository: "terraform-aws-dup" }) });
    assert.match(
      await h.fails(CREATE, {
        input: moduleInput({ name: "dup", terraformProvider: "aws", repository: "elsewhere" }),
      }),
      /already exists/,
    );
  });

  it("changes settings but not the source with moduleUpdate, and both with moduleUpdateV2", async () => {
    h.seed({
      modules: [
        { repository: "terraform-aws-src", updateInput: { labels: ["a"], protectFromDeletion: true } },
      ],
    });
    const v1 = await h.ok(
      `mutation { moduleUpdate(id: "terraform-aws-src", input: { branch: "dev", description: "d" }) {
        id branch description labels protectFromDeletion repository } }`,
    );
    assert.deepEqual(v1, {
      moduleUpdate: {
        id: "terraform-aws-src",
        branch: "dev",
        description: "d",
        labels: [],
        protectFromDeletion: false,
        repository: "terraform-aws-src",
      },
    });
    const v2 = await h.ok(
      `mutation { moduleUpdateV2(id: "terraform-aws-src", input: { branch: "main", repository: "moved", provider: GITLAB, namespace: "grp" }) {
        id name repository provider namespace } }`,
    );
    assert.deepEqual(v2, {
      moduleUpdateV2: {
        id: "terraform-aws-src",
        name: "src",
        repository: "moved",
        provider: "GITLAB",
        namespace: "grp",
      },
    });
  });

  it("enables, disables and publishes a module, and refuses to delete a protected one", async () => {
    h.seed({ modules: [{ repository: "terraform-aws-pub", updateInput: { protectFromDeletion: true } }] });
    assert.deepEqual(await h.ok(`mutation { moduleDisable(id: "terraform-aws-pub") { isDisabled } }`), {
      moduleDisable: { isDisabled: true },
    });
    assert.deepEqual(await h.ok(`mutation { moduleEnable(id: "terraform-aws-pub") { isDisabled } }`), {
      moduleEnable: { isDisabled: false },
    });
    assert.deepEqual(await h.ok(`mutation { modulePublish(id: "terraform-aws-pub") { public } }`), {
      modulePublish: { public: true },
    });
    assert.match(
      await h.fails(`mutation { moduleDelete(id: "terraform-aws-pub") { id } }`),
      /protected from deletion/,
    );
  });

  it("replaces account and space shares with moduleShare and reports both in moduleShares", async () => {
    // Spacelift's Terraform provider (8565261, resource_module.go) sends both full lists whenever
    // space_shares changes, and reads shared_accounts and space_shares back from moduleShares.
    h.seed({
      spaces: [{ id: "team", name: "Team" }],
      modules: [{ repository: "terraform-aws-shared", updateInput: { sharedAccounts: ["other"] } }],
    });
    const SHARES = `{ id from { account { subdomain } space { id } } to { account { subdomain } space { id } } module { id name } }`;
    const shared = await h.ok(
      `mutation($input: ModuleShareInput!) { moduleShare(id: "terraform-aws-shared", input: $input) ${SHARES} }`,
      { input: { accounts: ["partner"], spaces: ["team"] } },
    );
    const module = { id: "terraform-aws-shared", name: "shared" };
    const from = { account: { subdomain: "emulator" }, space: { id: "root" } };
    const expected = [
      {
        id: "terraform-aws-shared/account/partner",
        from,
        to: { account: { subdomain: "partner" }, space: null },
        module,
      },
      {
        id: "terraform-aws-shared/space/team",
        from,
        to: { account: { subdomain: "emulator" }, space: { id: "team" } },
        module,
      },
    ];
    assert.deepEqual(shared, { moduleShare: expected });
    assert.deepEqual(
      await h.ok(`{ module(id: "terraform-aws-shared") { sharedAccounts moduleShares ${SHARES} } }`),
      {
        module: { sharedAccounts: ["partner"], moduleShares: expected },
      },
    );
    assert.match(
      await h.fails(
        `mutation { moduleShare(id: "terraform-aws-shared", input: { spaces: ["nope"] }) { id } }`,
      ),
      /space/,
    );
    assert.match(await h.fails(`mutation { moduleShare(id: "nope", input: {}) { id } }`), /not found/);
  });

  it("returns null for a missing module and 'not found' for mutations on one", async () => {
    assert.deepEqual(await h.ok(`{ module(id: "terraform-x-y") { id } }`), { module: null });
    assert.match(
      await h.fails(`mutation { moduleDelete(id: "terraform-x-y") { id } }`),
      /module terraform-x-y not found/,
    );
  });
});
