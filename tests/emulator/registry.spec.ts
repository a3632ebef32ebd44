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
