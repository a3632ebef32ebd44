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
