import { strict as assert } from "node:assert";
import sinon from "sinon";
import { arg, defineResource, DescriptorError, mutation, query } from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { Values } from "../../../provider/engine/values";
import { fakeApi, type Handler } from "./fakes";

const doc = "A field used in a test.";

/** A job that is started by its create, may be awaited, and is only forgotten by its delete. */
const job = defineResource({
  kind: "Job",
  doc: "A job.",
  fields: {
    name: { type: t.string(), required: true, replaceOnChange: true, doc },
    wait: {
      type: t.boolean(),
      createOnly: true,
      doc,
    },
    acceptTimeout: { type: t.boolean(), createOnly: true, doc },
  },
  immutable: true,
  forgetOnDelete: true,
  operations: {
    create: mutation("JobStart", "jobStart", { name: arg.field("name", "String!") }),
    read: query("JobRead", "job", { id: arg.id() }, { extraSelection: ["state"] }),
  },
  waitAfterCreate: {
    when: (v: Values) => v["wait"] === true,
    settled: (raw) => raw["state"] === "DONE" || raw["state"] === "FAILED",
    outcome: (raw) => (raw["state"] === "FAILED" ? "ended FAILED" : undefined),
    continueOnTimeout: (v: Values) => v["acceptTimeout"] === true,
    timeoutEnv: "JOB_TIMEOUT_SECONDS",
    defaultTimeoutSeconds: 10,
    pollIntervalMs: 2000,
    describe: (id) => `job ${id}`,
  },
});

function setUp(states: (string | null)[], env: Record<string, string> = {}) {
  let now = 0;
  const sleep = sinon.stub<[number], Promise<void>>().callsFake(async (ms) => {
    now += ms;
  });
  let reads = 0;
  const handlers: Record<string, Handler> = {
    JobStart: () => ({ jobStart: { id: "j-1", name: "build" } }),
    JobRead: () => {
      const state = states[Math.min(reads++, states.length - 1)];
      return { job: state === null ? null : { id: "j-1", name: "build", state } };
    },
  };
  const api = fakeApi(handlers);
  const engine = new ResourceEngine(job, { api: api.port, sleep, now: () => now, env });
  return { api, engine, sleep, now: () => now };
}

async function failure(p: Promise<unknown>): Promise<ResourceOperationError> {
  try {
    await p;
  } catch (err) {
    assert.ok(ResourceOperationError.isInstance(err), String(err));
    return err;
  }
  assert.fail("expected a failure");
}

describe("waits after create (waitAfterCreate)", () => {
  it("does not wait unless the values ask for it", async () => {
    const { api, engine } = setUp(["RUNNING"]);
    const created = await engine.create({ name: "build" });
    assert.equal(created.id, "j-1");
    assert.deepEqual(api.names(), ["JobStart"]);
  });

  it("reads until the object settles, backing off to the interval", async () => {
    const { api, engine, sleep } = setUp(["RUNNING", "RUNNING", "RUNNING", "DONE"]);
    const created = await engine.create({ name: "build", wait: true });
    assert.deepEqual(created.outs, { name: "build" });
    assert.deepEqual(api.names(), ["JobStart", "JobRead", "JobRead", "JobRead", "JobRead"]);
    assert.deepEqual(
      sleep.getCalls().map((c) => c.args[0]),
      [500, 1000, 2000],
    );
  });

  it("fails the create when the settled object says it failed", async () => {
    const { engine } = setUp(["RUNNING", "FAILED"]);
    const err = await failure(engine.create({ name: "build", wait: true }));
    assert.match(err.message, /job j-1 ended FAILED/);
  });

  it("fails at the timeout from the environment unless a timeout is accepted", async () => {
    const slow = setUp(["RUNNING"], { JOB_TIMEOUT_SECONDS: "3" });
    const err = await failure(slow.engine.create({ name: "build", wait: true }));
    assert.equal(err.code, "timeout");
    assert.match(err.message, /3s/);
    assert.match(err.message, /JOB_TIMEOUT_SECONDS/);
    assert.ok(slow.now() <= 3000);

    const lenient = setUp(["RUNNING"], { JOB_TIMEOUT_SECONDS: "3" });
    const created = await lenient.engine.create({ name: "build", wait: true, acceptTimeout: true });
    assert.equal(created.id, "j-1");
  });

  it("fails when the object disappears while awaited", async () => {
    const { engine } = setUp(["RUNNING", null]);
    const err = await failure(engine.create({ name: "build", wait: true }));
    assert.match(err.message, /disappeared/);
  });
});

describe("forgetOnDelete", () => {
  it("deletes nothing in Spacelift", async () => {
    const { api, engine } = setUp(["DONE"]);
    await engine.delete("j-1", { name: "build" });
    assert.deepEqual(api.names(), []);
  });

  it("is refused together with a delete operation, and a wait needs a positive bound", () => {
    assert.throws(
      () =>
        defineResource({
          ...job,
          kind: "Job",
          operations: { ...job.operations, delete: mutation("JobDelete", "jobDelete", { id: arg.id() }) },
        }),
      (e: unknown) => DescriptorError.isInstance(e) && /forgetOnDelete resource has none/.test(e.message),
    );
    assert.throws(
      () =>
        defineResource({
          ...job,
          kind: "Job",
          waitAfterCreate: { ...job.waitAfterCreate!, defaultTimeoutSeconds: 0, timeoutEnv: "x" },
        }),
      (e: unknown) =>
        DescriptorError.isInstance(e) &&
        /defaultTimeoutSeconds/.test(e.message) &&
        /timeoutEnv/.test(e.message),
    );
  });
});

/** A guard that takes on an existing object, stores updates, and deletes it unless told not to. */
const guard = defineResource({
  kind: "Guard",
  doc: "A guard.",
  fields: {
    name: { type: t.string(), required: true, gql: false, doc },
    keep: { type: t.boolean(), gql: false, doc },
    flush: { type: t.boolean(), gql: false, doc },
  },
  id: { format: "<name>", compose: (v) => v["name"] as string, parse: (id) => ({ name: id }) },
  createReadsOnly: true,
  localUpdate: true,
  forgetOnDelete: (v) => v["keep"] === true,
  operations: {
    read: query("GuardRead", "thing", { name: arg.field("name", "String!") }, { selection: ["id"] }),
    delete: mutation("GuardDelete", "thingDelete", { name: arg.field("name", "String!") }),
    beforeDelete: [
      {
        when: (v) => v["flush"] === true,
        op: mutation(
          "GuardFlush",
          "thingFlush",
          { name: arg.field("name", "String!") },
          { selection: ["left"] },
        ),
        refusedWhen: (answer) =>
          typeof answer === "object" && answer !== null && (answer as { left?: number }).left
            ? "not flushed"
            : undefined,
      },
    ],
  },
});

describe("createReadsOnly, localUpdate, conditional forgetOnDelete and beforeDelete", () => {
  const setUpGuard = (exists: boolean, left = 0) => {
    const api = fakeApi({
      GuardRead: () => ({ thing: exists ? { id: "x" } : null }),
      GuardDelete: () => ({ thingDelete: { id: "x" } }),
      GuardFlush: () => ({ thingFlush: { left } }),
    });
    return { api, engine: new ResourceEngine(guard, { api: api.port, env: {} }) };
  };

  it("creates by reading the object, and fails when it does not exist", async () => {
    const { api, engine } = setUpGuard(true);
    assert.deepEqual(await engine.create({ name: "x" }), { id: "x", outs: { name: "x" } });
    assert.deepEqual(api.names(), ["GuardRead"]);
    const err = await failure(setUpGuard(false).engine.create({ name: "x" }));
    assert.equal(err.code, "not_found");
  });

  it("stores an update without sending anything", async () => {
    const { api, engine } = setUpGuard(true);
    assert.deepEqual(await engine.update("x", { name: "x" }, { name: "x", keep: true }), {
      outs: { name: "x", keep: true },
    });
    assert.deepEqual(api.names(), []);
  });

  it("forgets when the predicate holds, runs the preparations first otherwise, and stops on a refusal", async () => {
    const kept = setUpGuard(true);
    await kept.engine.delete("x", { name: "x", keep: true });
    assert.deepEqual(kept.api.names(), []);
    const flushed = setUpGuard(true);
    await flushed.engine.delete("x", { name: "x", flush: true });
    assert.deepEqual(flushed.api.names(), ["GuardFlush", "GuardDelete"]);
    const stuck = setUpGuard(true, 2);
    const err = await failure(stuck.engine.delete("x", { name: "x", flush: true }));
    assert.match(err.message, /not flushed/);
    assert.deepEqual(stuck.api.names(), ["GuardFlush"]);
  });
});
