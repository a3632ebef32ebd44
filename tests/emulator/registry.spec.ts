import assert from "node:assert/strict";
import { Harness } from "./harness";

const PROVIDER = "id space description labels public latestVersionNumber createdAt updatedAt deleted";
const CREATE_PROVIDER = `mutation($type: ID!, $space: ID!, $description: String, $labels: [String!]) {
  terraformProviderCreate(type: $type, space: $space, description: $description, labels: $labels) { ${PROVIDER} }
}`;
const READ_PROVIDER = `query($id: ID!) { terraformProvider(id: $id) { ${PROVIDER} } }`;

interface Provider {
  id: string;
  space: string;
  description: string | null;
  labels: string[];
  public: boolean;
  latestVersionNumber: string | null;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
}

describe("emulator registry: Terraform providers", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function createProvider(vars: Record<string, unknown> = {}): Promise<Provider> {
    return (
      await h.ok<{ terraformProviderCreate: Provider }>(CREATE_PROVIDER, {
        type: "datadog",
        space: "root",
        ...vars,
      })
    ).terraformProviderCreate;
  }

  it("creates a private provider whose ID is its type", async () => {
    const p = await createProvider({ description: "fork", labels: ["a"] });
    assert.deepEqual(p, {
      id: "datadog",
      space: "root",
      description: "fork",
      labels: ["a"],
      public: false,
      latestVersionNumber: null,
      createdAt: Math.floor(h.nowMs / 1000),
      updatedAt: Math.floor(h.nowMs / 1000),
      deleted: false,
    });
    const read = await h.ok<{ terraformProvider: Provider }>(READ_PROVIDER, { id: "datadog" });
    assert.deepEqual(read.terraformProvider, p);
  });

  it("refuses a type already taken, one with whitespace, and an unknown space", async () => {
    await createProvider();
    assert.match(await h.fails(CREATE_PROVIDER, { type: "datadog", space: "root" }), /already exists/);
    assert.match(await h.fails(CREATE_PROVIDER, { type: "data dog", space: "root" }), /whitespace/);
    assert.match(
      await h.fails(CREATE_PROVIDER, { type: "other", space: "nowhere" }),
      /space nowhere not found/,
    );
  });

  it("updates space, description and labels; visibility only through its own mutation", async () => {
    await createProvider({ description: "fork", labels: ["a"] });
    const { terraformProviderUpdate } = await h.ok<{ terraformProviderUpdate: Provider }>(
      `mutation { terraformProviderUpdate(id: "datadog", space: "root") { ${PROVIDER} } }`,
    );
    assert.equal(terraformProviderUpdate.description, null);
    assert.deepEqual(terraformProviderUpdate.labels, []);
    assert.equal(terraformProviderUpdate.public, false);
    const { terraformProviderSetVisibility } = await h.ok<{ terraformProviderSetVisibility: Provider }>(
      `mutation { terraformProviderSetVisibility(id: "datadog", public: true) { ${PROVIDER} } }`,
    );
    assert.equal(terraformProviderSetVisibility.public, true);
  });

  it("keeps a space holding a provider from being deleted", async () => {
    const { spaceCreate } = await h.ok<{ spaceCreate: { id: string } }>(
      `mutation { spaceCreate(input: { name: "Team", parentSpace: "root", inheritEntities: false, description: "", labels: [] }) { id } }`,
    );
    await createProvider({ space: spaceCreate.id });
    assert.match(
      await h.fails(`mutation($id: ID!) { spaceDelete(space: $id) { id } }`, { id: spaceCreate.id }),
      /1 Terraform provider/,
    );
  });

  it("deletes with a tombstone answer; then reads null, and a second delete answers null", async () => {
    await createProvider();
    const del = await h.ok<{ terraformProviderDelete: Provider }>(
      `mutation { terraformProviderDelete(id: "datadog") { id deleted } }`,
    );
    assert.deepEqual(del.terraformProviderDelete, { id: "datadog", deleted: true });
    assert.deepEqual(await h.ok(READ_PROVIDER, { id: "datadog" }), { terraformProvider: null });
    assert.deepEqual(await h.ok(`mutation { terraformProviderDelete(id: "datadog") { id } }`), {
      terraformProviderDelete: null,
    });
  });

  it("lists providers only to a signed-in caller", async () => {
    await createProvider({ type: "b" });
    await createProvider({ type: "a" });
    const { terraformProviders } = await h.ok<{ terraformProviders: { id: string }[] }>(
      `{ terraformProviders { id } }`,
    );
    assert.deepEqual(terraformProviders, [{ id: "a" }, { id: "b" }]);
    const anonymous = await h.run(`{ terraformProviders { id } }`, {}, { anonymous: true });
    assert.deepEqual(JSON.parse(JSON.stringify(anonymous.data)), { terraformProviders: [] });
  });
});

const POOL = "id name description config";
const CREATE_POOL = `mutation($name: String!, $description: String) {
  vcsAgentPoolCreate(name: $name, description: $description) { ${POOL} }
}`;

interface Pool {
  id: string;
  name: string;
  description: string | null;
  config: string | null;
}

describe("emulator registry: VCS agent pools", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function createPool(name = "Private VCS", description?: string): Promise<Pool> {
    return (await h.ok<{ vcsAgentPoolCreate: Pool }>(CREATE_POOL, { name, description })).vcsAgentPoolCreate;
  }

  it("hands the config out with the create only; reads, lists and updates give null", async () => {
    const pool = await createPool("Private VCS", "ours");
    assert.match(pool.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(pool.description, "ours");
    assert.ok(pool.config && /^[A-Za-z0-9+/]+={0,2}$/.test(pool.config), "no Base64 config");
    const read = await h.ok<{ vcsAgentPool: Pool }>(`query($id: ID!) { vcsAgentPool(id: $id) { ${POOL} } }`, {
      id: pool.id,
    });
    assert.deepEqual(read.vcsAgentPool, { ...pool, config: null });
    const listed = await h.ok<{ vcsAgentPools: Pool[] }>(`{ vcsAgentPools { ${POOL} } }`);
    assert.deepEqual(listed.vcsAgentPools, [{ ...pool, config: null }]);
    const updated = await h.ok<{ vcsAgentPoolUpdate: Pool }>(
      `mutation($id: ID!) { vcsAgentPoolUpdate(id: $id, name: "Renamed") { ${POOL} } }`,
      { id: pool.id },
    );
    assert.deepEqual(updated.vcsAgentPoolUpdate, {
      id: pool.id,
      name: "Renamed",
      description: null,
      config: null,
    });
  });

  it("issues a new config on reset", async () => {
    const pool = await createPool();
    const { vcsAgentPoolReset } = await h.ok<{ vcsAgentPoolReset: Pool }>(
      `mutation($id: ID!) { vcsAgentPoolReset(id: $id) { config } }`,
      { id: pool.id },
    );
    assert.ok(vcsAgentPoolReset.config && vcsAgentPoolReset.config !== pool.config);
  });

  it("keeps names unique in the account and refuses an empty one", async () => {
    const first = await createPool("One");
    const second = await createPool("Two");
    assert.match(await h.fails(CREATE_POOL, { name: "One" }), /already exists/);
    assert.match(await h.fails(CREATE_POOL, { name: " " }), /name must not be empty/);
    const clash = await h.fails(`mutation($id: ID!) { vcsAgentPoolUpdate(id: $id, name: "One") { id } }`, {
      id: second.id,
    });
    assert.match(clash, /already exists/);
    await h.ok(
      `mutation($id: ID!) { vcsAgentPoolUpdate(id: $id, name: "One", description: "same") { id } }`,
      {
        id: first.id,
      },
    );
  });

  it("deletes a pool; then reads null and a second delete is not found", async () => {
    const pool = await createPool();
    await h.ok(`mutation($id: ID!) { vcsAgentPoolDelete(id: $id) { id } }`, { id: pool.id });
    assert.deepEqual(await h.ok(`query($id: ID!) { vcsAgentPool(id: $id) { id } }`, { id: pool.id }), {
      vcsAgentPool: null,
    });
    assert.match(
      await h.fails(`mutation($id: ID!) { vcsAgentPoolDelete(id: $id) { id } }`, { id: pool.id }),
      /not found/,
    );
  });
});

const VERSION = "id number state yanked versionCount commit { hash url } module { id }";
const CREATE_VERSION = `mutation($module: ID!, $commitSha: String, $version: String) {
  versionCreate(module: $module, commitSha: $commitSha, version: $version) { ${VERSION} }
}`;

interface Version {
  id: string;
  number: string;
  state: string;
  yanked: boolean;
  versionCount: number;
  commit: { hash: string; url: string | null };
  module: { id: string };
}

describe("emulator registry: module versions", () => {
  let h: Harness;
  const MODULE = "terraform-aws-vpc";
  beforeEach(() => {
    h = new Harness();
    h.seed({ modules: [{ repository: MODULE, namespace: "acme", provider: "GITHUB" }] });
  });

  async function publish(vars: Record<string, unknown> = {}): Promise<Version> {
    return (await h.ok<{ versionCreate: Version }>(CREATE_VERSION, { module: MODULE, ...vars }))
      .versionCreate;
  }

  it("publishes an ACTIVE version at the branch head with the next patch number when none is given", async () => {
    const first = await publish();
    assert.equal(first.number, "0.0.1");
    assert.equal(first.state, "ACTIVE");
    assert.equal(first.versionCount, 1);
    assert.match(first.commit.hash, /^[0-9a-f]{40}$/);
    assert.equal(first.commit.url, `https://github.com/acme/${MODULE}/commit/${first.commit.hash}`);
    assert.deepEqual(first.module, { id: MODULE });
    const explicit = await publish({ version: "1.4.0", commitSha: "ABCDEF1" });
    assert.equal(explicit.commit.hash, "abcdef1");
    assert.equal((await publish()).number, "1.4.1");
  });

  it("refuses a taken number, a number that is not semantic, a bad SHA and an unknown module", async () => {
    await publish({ version: "1.0.0" });
    assert.match(await h.fails(CREATE_VERSION, { module: MODULE, version: "1.0.0" }), /already exists/);
    assert.match(await h.fails(CREATE_VERSION, { module: MODULE, version: "v1" }), /not a semantic version/);
    assert.match(await h.fails(CREATE_VERSION, { module: MODULE, commitSha: "main" }), /not a commit SHA/);
    assert.match(
      await h.fails(CREATE_VERSION, { module: "terraform-aws-none" }),
      /module terraform-aws-none not found/,
    );
  });

  it("answers the module's version fields from the published versions", async () => {
    const a = await publish({ version: "2.0.0" });
    h.nowMs += 1000;
    const b = await publish({ version: "1.5.0" });
    const { module } = await h.ok<{ module: Record<string, unknown> }>(
      `query($id: ID!, $v: ID!) { module(id: $id) {
        versionsCount current { number } latest { number } versions { number } version(id: $v) { id }
        searchModuleVersions(input: { predicates: [{ field: "number", constraint: { stringMatches: ["1.5.0"] } }] }) { edges { node { id } } }
      } }`,
      { id: MODULE, v: a.id },
    );
    assert.deepEqual(module, {
      versionsCount: 2,
      current: { number: "2.0.0" },
      latest: { number: "1.5.0" },
      versions: [{ number: "1.5.0" }, { number: "2.0.0" }],
      version: { id: a.id },
      searchModuleVersions: { edges: [{ node: { id: b.id } }] },
    });
  });

  it("deletes a version of its own module only, and drops the versions with the module", async () => {
    const v = await publish();
    const DELETE = `mutation($id: ID!, $module: ID!) { versionDelete(id: $id, module: $module) { id } }`;
    assert.match(await h.fails(DELETE, { id: v.id, module: "terraform-aws-other" }), /not found/);
    await h.ok(DELETE, { id: v.id, module: MODULE });
    const read = `query($id: ID!, $v: ID!) { module(id: $id) { version(id: $v) { id } versionsCount } }`;
    assert.deepEqual(await h.ok(read, { id: MODULE, v: v.id }), {
      module: { version: null, versionsCount: 0 },
    });
    await publish();
    await h.ok(`mutation($id: ID!) { moduleDelete(id: $id) { id } }`, { id: MODULE });
    h.seed({ modules: [{ repository: MODULE, namespace: "acme", provider: "GITHUB" }] });
    assert.deepEqual(await h.ok(read, { id: MODULE, v: v.id }), {
      module: { version: null, versionsCount: 0 },
    });
  });
});
