import { strict as assert } from "node:assert";
import {
  arg,
  DescriptorError,
  defineResource,
  mutation,
  query,
  type ResourceInit,
} from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { fakeApi, rejection, type Handler } from "./fakes";

const doc = "A field used in a test.";

/** A build-like object: made in the background, kept by Spacelift for good. */
const buildInit: ResourceInit = {
  kind: "Build",
  doc: "A test build.",
  immutable: true,
  forgetOnDelete: true,
  awaitCreate: {
    ready: (raw) => raw["state"] === "ACTIVE",
    failedWhen: (raw) => raw["state"] === "FAILED",
    failure: "the build failed",
    pollIntervalMs: 1000,
  },
  fields: { source: { type: t.string(), required: true, replaceOnChange: true, doc } },
  operations: {
    create: mutation("BuildCreate", "buildCreate", { source: arg.field("source", "String!") }),
    read: query("BuildRead", "build", { id: arg.id() }, { extraSelection: ["state"] }),
  },
};
const build = defineResource(buildInit);

function engineWith(handlers: Record<string, Handler>, env: Record<string, string> = {}) {
  const api = fakeApi(handlers);
  let now = 0;
  const slept: number[] = [];
  const engine = new ResourceEngine(build, {
    api: api.port,
    env,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { api, engine, slept };
}

const states = (...seq: (string | null)[]) => {
  let i = 0;
  return () => {
    const state = seq[Math.min(i++, seq.length - 1)];
    return { build: state === null ? null : { id: "b-1", source: "s", state } };
  };
};

describe("engine: awaitCreate and forgetOnDelete", () => {
  it("polls read after the create until the object is ready, backing off", async () => {
    const { api, engine, slept } = engineWith({
      BuildCreate: () => ({ buildCreate: { id: "b-1", source: "s" } }),
      BuildRead: states("PENDING", "PENDING", "PENDING", "ACTIVE"),
    });
    const created = await engine.create({ source: "s" });
    assert.equal(created.id, "b-1");
    assert.deepEqual(slept, [500, 1000, 1000]);
    assert.equal(api.calls("BuildRead").length, 4);
  });

  it("fails the create when the object fails, vanishes, or outlasts the timeout", async () => {
    const failed = engineWith({
      BuildCreate: () => ({ buildCreate: { id: "b-1", source: "s" } }),
      BuildRead: states("PENDING", "FAILED"),
    });
    const err = await rejection(() => failed.engine.create({ source: "s" }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.match(String((err as Error).message), /b-1: the build failed/);

    const gone = engineWith({
      BuildCreate: () => ({ buildCreate: { id: "b-1", source: "s" } }),
      BuildRead: states(null),
    });
    assert.match(String(await rejection(() => gone.engine.create({ source: "s" }))), /disappeared/);

    const slow = engineWith(
      {
        BuildCreate: () => ({ buildCreate: { id: "b-1", source: "s" } }),
        BuildRead: states("PENDING"),
      },
      { SPACELIFT_CREATE_TIMEOUT_SECONDS: "3" },
    );
    const timedOut = await rejection(() => slow.engine.create({ source: "s" }));
    assert.match(
      String(timedOut),
      /still not ready 3s after it was created; raise SPACELIFT_CREATE_TIMEOUT_SECONDS/,
    );
    assert.equal(
      slow.slept.reduce((a, b) => a + b, 0),
      3000,
    );
  });

  it("deletes nothing remotely when the resource is forgetOnDelete", async () => {
    const { api, engine } = engineWith({});
    await engine.delete("b-1", { source: "s" });
    assert.deepEqual(api.calls("BuildRead"), []);
  });

  it("refuses a delete operation on a forgetOnDelete resource, and a missing one otherwise", () => {
    const withDelete = {
      ...buildInit.operations,
      delete: mutation("BuildDelete", "buildDelete", { id: arg.id() }),
    };
    assert.throws(
      () => defineResource({ ...buildInit, operations: withDelete }),
      (e: unknown) =>
        e instanceof DescriptorError && /a forgetOnDelete resource has no delete/.test(e.message),
    );
    assert.throws(
      () => defineResource({ ...buildInit, forgetOnDelete: undefined }),
      (e: unknown) => e instanceof DescriptorError && /operations.delete is missing/.test(e.message),
    );
  });
});
