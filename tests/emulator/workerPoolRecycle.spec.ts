import assert from "node:assert/strict";
import type { WorkerPoolRecord } from "../../emulator/resolvers/workerPools";
import { Harness } from "./harness";

const CREATE = `mutation($csr: String!) { workerPoolCreate(name: "Recycled", certificateSigningRequest: $csr) { id } }`;
const CYCLE = `mutation($id: ID!) { workerPoolCycle(id: $id) }`;
const CSR = Buffer.from(
  "-----BEGIN CERTIFICATE REQUEST-----\nrecycle\n-----END CERTIFICATE REQUEST-----\n",
).toString("base64");

describe("emulator worker pool cycle", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  const pools = () => h.store.collection<WorkerPoolRecord>("workerPools");

  it("drains every worker of the pool and records each cycle, leaving the pool itself as it was", async () => {
    const { workerPoolCreate } = await h.ok<{ workerPoolCreate: { id: string } }>(CREATE, { csr: CSR });
    const id = workerPoolCreate.id;
    const before = pools().get(id)!;
    // The emulator runs no workers: these stand for two that registered with the pool.
    pools().set(id, {
      ...before,
      workers: [
        { id: "w1", busy: true, drained: false },
        { id: "w2", busy: false, drained: false },
      ],
    });
    assert.deepEqual(await h.ok(CYCLE, { id }), { workerPoolCycle: true });
    const first = pools().get(id)!;
    assert.deepEqual(
      first.workers?.map((w) => [w.id, w.busy, w.drained]),
      [
        ["w1", true, true],
        ["w2", false, true],
      ],
    );
    assert.deepEqual(first.cycledAt, [Math.floor(h.nowMs / 1000)]);
    assert.equal(first.config, before.config, "cycling issues no new credentials");
    h.nowMs += 60_000;
    await h.ok(CYCLE, { id });
    assert.deepEqual(pools().get(id)!.cycledAt, [
      Math.floor(h.nowMs / 1000) - 60,
      Math.floor(h.nowMs / 1000),
    ]);
  });

  it("is refused for a pool that does not exist, and for an anonymous caller", async () => {
    assert.match(await h.fails(CYCLE, { id: "01HZX3V6Q4JYB5T2N8M0C7D9EA" }), /not found/);
    const { workerPoolCreate } = await h.ok<{ workerPoolCreate: { id: string } }>(CREATE, { csr: CSR });
    const result = await h.run(CYCLE, { id: workerPoolCreate.id }, { anonymous: true });
    assert.equal(result.errors?.[0]?.message, "unauthorized");
    assert.equal(pools().get(workerPoolCreate.id)!.cycledAt, undefined);
  });
});
