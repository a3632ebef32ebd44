import assert from "node:assert/strict";
import { Harness, stackInput } from "./harness";

const CREATE = `mutation($name: String!, $csr: String!, $description: String, $labels: [String!], $space: ID) {
  workerPoolCreate(name: $name, certificateSigningRequest: $csr, description: $description, labels: $labels, space: $space) {
    id name description labels space config driftDetectionRunLimit createdAt
  }
}`;
const READ = `query($id: ID!) { workerPool(id: $id) { id name description labels space config } }`;

interface Pool {
  id: string;
  name: string;
  description: string | null;
  labels: string[];
  space: string;
  config: string;
  driftDetectionRunLimit: number;
  createdAt: number;
}

const pem = (body: string) =>
  `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`;
const CSR_A = Buffer.from(pem("first")).toString("base64");
const CSR_B = Buffer.from(pem("second")).toString("base64");

describe("emulator worker pools", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function create(vars: Record<string, unknown> = {}): Promise<Pool> {
    return (await h.ok<{ workerPoolCreate: Pool }>(CREATE, { name: "Private", csr: CSR_A, ...vars }))
      .workerPoolCreate;
  }

  it("creates a pool with a ULID id in the root space, no run limit and a Base64 config", async () => {
    const pool = await create({ description: "ours", labels: ["a"] });
    assert.match(pool.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(pool.space, "root");
    assert.equal(pool.driftDetectionRunLimit, -1);
    assert.deepEqual(pool.labels, ["a"]);
    assert.equal(pool.createdAt, Math.floor(h.nowMs / 1000));
    assert.match(pool.config, /^[A-Za-z0-9+/]+={0,2}$/);
    assert.ok(Buffer.from(pool.config, "base64").length > 20, "config is too short to be a token");
  });

  it("refuses a CSR that is not Base64, naming the argument but not quoting it", async () => {
    for (const csr of [pem("raw"), "", "not base64!", "abc"]) {
      const message = await h.fails(CREATE, { name: "Private", csr });
      assert.match(message, /certificateSigningRequest must be the Base64 encoding/);
      if (csr.length > 3) assert.ok(!message.includes(csr));
    }
  });

  it("updates settings without touching the config; reset issues a new config", async () => {
    const pool = await create();
    const { workerPoolUpdate } = await h.ok<{ workerPoolUpdate: Pool }>(
      `mutation($id: ID!) { workerPoolUpdate(id: $id, name: "Renamed", labels: ["b"]) { name description labels space config } }`,
      { id: pool.id },
    );
    assert.deepEqual(workerPoolUpdate, {
      name: "Renamed",
      description: null,
      labels: ["b"],
      space: "root",
      config: pool.config,
    });
    const { workerPoolReset } = await h.ok<{ workerPoolReset: { id: string; config: string } }>(
      `mutation($id: ID!, $csr: String!) { workerPoolReset(id: $id, certificateSigningRequest: $csr) { id config } }`,
      { id: pool.id, csr: CSR_B },
    );
    assert.equal(workerPoolReset.id, pool.id);
    assert.notEqual(workerPoolReset.config, pool.config);
    const { workerPool } = await h.ok<{ workerPool: Pool }>(READ, { id: pool.id });
    assert.equal(workerPool.config, workerPoolReset.config);
    assert.match(
      await h.fails(
        `mutation($id: ID!) { workerPoolReset(id: $id, certificateSigningRequest: "%%%") { id } }`,
        { id: pool.id },
      ),
      /Base64/,
    );
  });

  it("reads null once deleted; update, reset, cycle and delete of a missing pool are not found", async () => {
    const pool = await create();
    assert.deepEqual(await h.ok(`mutation($id: ID!) { workerPoolCycle(id: $id) }`, { id: pool.id }), {
      workerPoolCycle: true,
    });
    await h.ok(`mutation($id: ID!) { workerPoolDelete(id: $id) { id } }`, { id: pool.id });
    assert.deepEqual(await h.ok(READ, { id: pool.id }), { workerPool: null });
    for (const doc of [
      `mutation($id: ID!) { workerPoolUpdate(id: $id, name: "x") { id } }`,
      `mutation($id: ID!) { workerPoolReset(id: $id, certificateSigningRequest: "${CSR_B}") { id } }`,
      `mutation($id: ID!) { workerPoolCycle(id: $id) }`,
      `mutation($id: ID!) { workerPoolDelete(id: $id) { id } }`,
    ]) {
      assert.match(await h.fails(doc, { id: pool.id }), /worker pool .* not found/);
    }
  });

  it("lists, searches and offers pools to spaces that can see them; a stack's pool resolves", async () => {
    h.seed({
      spaces: [
        { id: "child", name: "Child", inheritEntities: true },
        { id: "sealed", name: "Sealed", inheritEntities: false },
      ],
    });
    const root = await create({ name: "Root pool" });
    await create({ name: "Sealed pool", space: "sealed" });
    const { workerPools } = await h.ok<{ workerPools: { name: string }[] }>(`{ workerPools { name } }`);
    assert.deepEqual(
      workerPools.map((p) => p.name),
      ["Root pool", "Sealed pool"],
    );
    const { attachableWorkerPoolsInSpace } = await h.ok<{ attachableWorkerPoolsInSpace: { id: string }[] }>(
      `{ attachableWorkerPoolsInSpace(id: "child") { id } }`,
    );
    assert.deepEqual(attachableWorkerPoolsInSpace, [{ id: root.id }]);
    const { searchWorkerPools } = await h.ok<{ searchWorkerPools: { edges: { node: { name: string } }[] } }>(
      `{ searchWorkerPools(input: { fullTextSearch: "sealed" }) { edges { node { name } } } }`,
    );
    assert.deepEqual(
      searchWorkerPools.edges.map((e) => e.node.name),
      ["Sealed pool"],
    );
    await h.ok(`mutation($input: StackInput!) { stackCreate(input: $input, manageState: true) { id } }`, {
      input: stackInput("On pool", { workerPool: root.id }),
    });
    const { stack } = await h.ok<{ stack: { workerPool: { id: string; name: string; labels: string[] } } }>(
      `{ stack(id: "on-pool") { workerPool { id name labels } } }`,
    );
    assert.deepEqual(stack.workerPool, { id: root.id, name: "Root pool", labels: [] });
    assert.match(await h.fails(`mutation { spaceDelete(space: "sealed") { id } }`), /1 worker pool/);
  });

  it("seeds pools with a chosen id and a placeholder CSR", () => {
    const seeded = h.seed({ workerPools: [{ id: "seeded-pool", name: "Seeded" }] });
    assert.deepEqual(seeded.workerPools, ["seeded-pool"]);
    assert.throws(
      () => h.seed({ workerPools: [{ name: "Bad", certificateSigningRequest: "%%" }] }),
      /Base64/,
    );
    assert.throws(
      () => h.seed({ workerPools: [{ name: "Odd", colour: "red" } as never] }),
      /workerPools\[0\]\.colour: not an argument of workerPoolCreate/,
    );
  });
});
