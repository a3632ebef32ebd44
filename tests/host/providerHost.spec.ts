import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { ProviderCallError, ProviderHost } from "../helpers/providerHost";

// The harness itself, against a throwaway provider whose behaviour is known, so that the lifecycle
// suites can trust what it reports (notably partial failures, which the real provider produces only
// when a follow-up step fails after the object exists).
const fakeProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    process.env.FAKE_CONFIGURED = req.config.get("greeting") ?? "";
  },
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return {
      inputs: { ...news, checked: true },
      failures: typeof news.size === "number" ? [] : [{ property: "size", reason: "must be a number" }],
    };
  },
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = olds.size !== news.size ? ["size"] : [];
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  },
  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    if (inputs.failAfterCreate) {
      throw Object.assign(new Error("created but not ready"), {
        id: "half-made",
        properties: { size: inputs.size },
        reasons: ["not ready"],
      });
    }
    return { id: `made-${String(inputs.size)}`, outs: { ...inputs, greeting: process.env.FAKE_CONFIGURED } };
  },
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return id === "gone" ? {} : { id, props, inputs: { size: props.size } };
  },
  async update(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: news };
  },
  async delete(id: string): Promise<void> {
    if (id === "stuck") {
      throw new Error("cannot delete stuck");
    }
  },
};

describe("ProviderHost test harness", function () {
  this.timeout(60_000);

  let host: ProviderHost;

  before(async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => fakeProvider, { allowSecrets: true });
    host = await ProviderHost.start({ project: "harness", providerText: () => serialized.text });
    await host.configure({ "harness:greeting": "hello" });
  });

  after(async () => {
    await host?.close();
  });

  it("returns check failures and checked inputs without __provider", async () => {
    const bad = await host.check("Fake", "a", {}, { size: "big" });
    assert.deepEqual(bad.failures, [{ property: "size", reason: "must be a number" }]);
    const good = await host.check("Fake", "a", {}, { size: 2 });
    assert.deepEqual(good, { inputs: { size: 2, checked: true }, failures: [] });
  });

  it("runs configure with the project's config before the first resource call", async () => {
    const created = await host.create("Fake", "a", { size: 2 });
    assert.deepEqual(created, { id: "made-2", outs: { size: 2, greeting: "hello" } });
  });

  it("maps diff results, including replacement details", async () => {
    assert.deepEqual(await host.diff("Fake", "a", "made-2", { size: 2 }, { size: 2 }), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: true,
    });
    const changed = await host.diff("Fake", "a", "made-2", { size: 2 }, { size: 3 });
    assert.equal(changed.changes, "some");
    assert.deepEqual(changed.replaces, ["size"]);
  });

  it("reads returned inputs and reports a gone resource with an empty ID", async () => {
    assert.deepEqual(await host.read("Fake", "a", "made-2", { size: 2 }), {
      id: "made-2",
      props: { size: 2 },
      inputs: { size: 2 },
    });
    assert.equal((await host.read("Fake", "a", "gone", { size: 2 })).id, "");
  });

  it("decodes a partial failure into the ID and properties the engine would record", async () => {
    const error = await host.create("Fake", "a", { size: 4, failAfterCreate: true }).then(
      () => assert.fail("create should have failed"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ProviderCallError);
    assert.equal(error.method, "Create");
    assert.match(error.details, /created but not ready/);
    assert.deepEqual(error.initFailure, { id: "half-made", properties: { size: 4 }, reasons: ["not ready"] });
  });

  it("surfaces other errors with their gRPC code and message", async () => {
    const error = await host.delete("Fake", "a", "stuck", {}).then(
      () => assert.fail("delete should have failed"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ProviderCallError);
    assert.equal(error.code, grpc.status.UNKNOWN);
    assert.match(error.details, /cannot delete stuck/);
    assert.equal(error.initFailure, undefined);
  });
});
