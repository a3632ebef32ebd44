import { strict as assert } from "node:assert";
import { sha256Hex } from "../../../provider/engine/checksum";
import {
  arg,
  DescriptorError,
  defineResource,
  mutation,
  query,
  type ResourceInit,
} from "../../../provider/engine/descriptor";
import { diffResource } from "../../../provider/engine/diff";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { Values } from "../../../provider/engine/values";
import { assertNoLeak, fakeApi, rejection, type Handler } from "./fakes";

const doc = "A field used in a test.";
const KEY = "generated-key-do-not-print";

/**
 * A pool-like resource: a certificate request the provider generates when none is given (with a
 * private key only it knows), replaced through a mutation of its own, and a server-issued token.
 */
const poolInit: ResourceInit = {
  kind: "Pool",
  doc: "A test pool.",
  fields: {
    name: { type: t.string(), required: true, doc },
    csr: { type: t.string(), serverDefault: true, secret: true, gqlOutput: false, doc },
    token: { type: t.string(), computed: true, secret: true, doc },
    privateKey: { type: t.string(), computed: true, secret: true, gql: false, doc },
  },
  operations: {
    create: mutation("PoolCreate", "poolCreate", {
      name: arg.field("name", "String!"),
      csr: arg.field("csr", "String!"),
    }),
    read: query("PoolRead", "pool", { id: arg.id() }),
    update: mutation("PoolUpdate", "poolUpdate", { id: arg.id(), name: arg.field("name", "String!") }),
    delete: mutation("PoolDelete", "poolDelete", { id: arg.id() }),
    afterUpdate: [
      {
        when: ["csr"],
        op: mutation("PoolReset", "poolReset", { id: arg.id(), csr: arg.field("csr", "String!") }),
      },
    ],
  },
  hooks: {
    localValues: (step, values, old): Values => {
      if (step === "create")
        return values["csr"] === undefined ? { csr: "generated-csr", privateKey: KEY } : {};
      // A request the program now gives in place of the generated one makes the generated key useless.
      const replaced = values["csr"] !== undefined && values["csr"] !== old["csr"];
      return replaced ? { privateKey: null } : {};
    },
  },
};
const pool = defineResource(poolInit);

function poolEngine(handlers: Record<string, Handler>) {
  const api = fakeApi(handlers);
  return { api, engine: new ResourceEngine(pool, { api: api.port }) };
}

const created = (v: Record<string, unknown>) => ({
  poolCreate: { id: "p-1", name: v.name, token: `token-for-${String(v.csr)}` },
});

describe("engine: hooks.localValues", () => {
  it("sends values the hook generates and keeps them in outputs, the API-less one across reads", async () => {
    const { api, engine } = poolEngine({
      PoolCreate: created,
      PoolRead: () => ({ pool: { id: "p-1", name: "pool", token: "token-for-generated-csr" } }),
    });
    const result = await engine.create({ name: "pool" });
    assert.equal(api.calls("PoolCreate")[0]![1].csr, "generated-csr");
    assert.deepEqual(result.outs, {
      name: "pool",
      csr: "generated-csr",
      token: "token-for-generated-csr",
      privateKey: KEY,
    });
    const read = await engine.read("p-1", result.outs);
    assert.equal(read.props?.privateKey, KEY, "the generated key was lost on refresh");
    assert.equal(read.props?.csr, "generated-csr");
    assert.equal(read.inputs?.privateKey, undefined, "a computed value became an input");
  });

  it("leaves the program's own value alone, and a null member removes an output", async () => {
    const { engine } = poolEngine({
      PoolCreate: created,
      PoolUpdate: (v) => ({ poolUpdate: { id: v.id, name: v.name, token: "unchanged" } }),
      PoolReset: (v) => ({ poolReset: { id: v.id, token: `token-for-${String(v.csr)}` } }),
    });
    const first = await engine.create({ name: "pool" });
    const own = await engine.create({ name: "pool", csr: "own-csr" });
    assert.equal(own.outs.csr, "own-csr");
    assert.equal(own.outs.privateKey, undefined);
    const updated = await engine.update("p-1", first.outs, { name: "pool", csr: "own-csr" });
    assert.equal(updated.outs.privateKey, undefined, "the generated key outlived its request");
    assert.equal(updated.outs.csr, "own-csr");
  });

  it("reports a failing hook as the step's failure, without the secret values", async () => {
    const failing = defineResource({
      ...poolInit,
      kind: "FailingPool",
      hooks: {
        localValues: (_step, values) => {
          throw new Error(`cannot use ${String(values["csr"])}`);
        },
      },
    });
    const api = fakeApi({});
    const err = await rejection(() =>
      new ResourceEngine(failing, { api: api.port }).create({ name: "x", csr: "secret-csr-value" }),
    );
    assert.ok(ResourceOperationError.isInstance(err));
    assert.match(err.message, /could not prepare the values to send/);
    assertNoLeak(err, ["secret-csr-value"]);
    assert.deepEqual(api.names(), []);
  });
});

describe("engine: operations.afterUpdate", () => {
  const handlers: Record<string, Handler> = {
    PoolUpdate: (v) => ({ poolUpdate: { id: v.id, name: v.name, token: "old-token" } }),
    PoolReset: (v) => ({ poolReset: { id: v.id, token: `token-for-${String(v.csr)}` } }),
  };
  const old: Values = { name: "pool", csr: "first-csr", token: "old-token" };

  it("runs the follow-up only when one of its fields changed, and merges its result", async () => {
    const { api, engine } = poolEngine(handlers);
    const renamed = await engine.update("p-1", old, { name: "renamed", csr: "first-csr" });
    assert.deepEqual(api.names(), ["PoolUpdate"]);
    assert.equal(renamed.outs.token, "old-token");
    const reset = await engine.update("p-1", old, { name: "pool", csr: "second-csr" });
    assert.deepEqual(api.names(), ["PoolUpdate", "PoolUpdate", "PoolReset"]);
    assert.deepEqual(api.calls("PoolReset")[0]![1], { id: "p-1", csr: "second-csr" });
    assert.equal(reset.outs.token, "token-for-second-csr");
    assert.equal(reset.outs.csr, "second-csr");
  });

  it("treats an unset serverDefault field as unchanged", async () => {
    const { api, engine } = poolEngine(handlers);
    const result = await engine.update("p-1", old, { name: "pool" });
    assert.deepEqual(api.names(), ["PoolUpdate"]);
    assert.equal(result.outs.csr, "first-csr");
  });

  it("reports a failing follow-up as a partial update that keeps the first mutation's outputs", async () => {
    const { engine } = poolEngine({
      ...handlers,
      PoolReset: () => {
        throw Object.assign(new Error("reset refused"), { code: "validation" });
      },
    });
    const err = await rejection(() => engine.update("p-1", old, { name: "renamed", csr: "second-csr" }));
    assert.match(String((err as Error).message), /was updated, but a follow-up step failed: .*reset refused/);
    assert.equal((err as { properties?: Values }).properties?.name, "renamed");
  });

  it("is validated with the descriptor", () => {
    const bad = (afterUpdate: NonNullable<ResourceInit["operations"]["afterUpdate"]>) => {
      try {
        defineResource({ ...poolInit, kind: "BadPool", operations: { ...poolInit.operations, afterUpdate } });
      } catch (err) {
        assert.ok(DescriptorError.isInstance(err));
        return err.problems.join(" | ");
      }
      return "";
    };
    const reset = mutation("PoolReset2", "poolReset", { id: arg.id() });
    assert.match(bad([{ when: ["nope"], op: reset }]), /when names "nope", which is not an input field/);
    assert.match(bad([{ when: ["token"], op: reset }]), /when names "token"/);
    assert.match(bad([{ when: [], op: reset }]), /at least one field/);
    assert.match(
      bad([{ when: ["csr"], op: query("PoolReset3", "pool", { id: arg.id() }) }]),
      /update must be a mutation/,
    );
    assert.match(
      bad([{ when: ["csr"], op: mutation("PoolUpdate", "poolReset", { id: arg.id() }) }]),
      /"PoolUpdate" is used twice/,
    );
  });
});

describe("engine: update arguments from the existing object's computed values", () => {
  const attachment = defineResource({
    kind: "Link",
    doc: "A test attachment whose update and delete take its own API-assigned id.",
    fields: {
      parentId: { type: t.string(), required: true, replaceOnChange: true, gql: false, doc },
      read: { type: t.boolean(), default: true, doc },
      linkId: { type: t.string(), computed: true, gql: "id", doc },
    },
    id: {
      format: "<parentId>",
      compose: (v) => (typeof v["parentId"] === "string" ? v["parentId"] : undefined),
      parse: (id) => ({ parentId: id }),
    },
    operations: {
      create: mutation("LinkCreate", "linkCreate", {
        parent: arg.field("parentId", "ID!"),
        read: arg.field("read", "Boolean!"),
      }),
      read: query("LinkRead", "link", { parent: arg.field("parentId", "ID!") }),
      update: mutation("LinkUpdate", "linkUpdate", {
        id: arg.field("linkId", "ID!"),
        read: arg.field("read", "Boolean!"),
      }),
      delete: mutation("LinkDelete", "linkDelete", { id: arg.field("linkId", "ID!") }),
    },
  });

  it("passes the previous outputs' computed values to the update operation", async () => {
    const api = fakeApi({ LinkUpdate: (v) => ({ linkUpdate: { id: v.id, read: v.read } }) });
    const engine = new ResourceEngine(attachment, { api: api.port });
    const result = await engine.update(
      "parent-1",
      { parentId: "parent-1", read: true, linkId: "L-9" },
      {
        parentId: "parent-1",
        read: false,
      },
    );
    assert.deepEqual(api.calls("LinkUpdate")[0]![1], { id: "L-9", read: false });
    assert.deepEqual(result.outs, { parentId: "parent-1", read: false, linkId: "L-9" });
  });
});

describe("engine: writeOnly.replaceOnClear", () => {
  const hook = defineResource({
    kind: "Hook",
    doc: "A test resource with a secret the API keeps when sent empty.",
    fields: {
      endpoint: { type: t.string(), required: true, doc },
      secret: {
        type: t.string(),
        default: "",
        secret: true,
        writeOnly: { checksumField: "secretChecksum", replaceOnClear: true },
        doc,
      },
      secretChecksum: { type: t.string(), computed: true, gql: false, doc },
    },
    operations: {
      create: mutation("HookCreate", "hookCreate", { input: arg.input("HookInput!") }),
      read: query("HookRead", "hook", { id: arg.id() }),
      update: mutation("HookUpdate", "hookUpdate", { id: arg.id(), input: arg.input("HookInput!") }),
      delete: mutation("HookDelete", "hookDelete", { id: arg.id() }),
    },
  });
  const withSecret = { endpoint: "https://e", secretChecksum: sha256Hex("first") };
  const withoutSecret = { endpoint: "https://e", secretChecksum: sha256Hex("") };

  it("updates in place to another secret, and replaces when the secret is cleared", () => {
    assert.deepEqual(
      diffResource(hook, withSecret, { endpoint: "https://e", secret: "first" }).changes,
      false,
    );
    const rotated = diffResource(hook, withSecret, { endpoint: "https://e", secret: "second" });
    assert.deepEqual([rotated.changes, rotated.replaces], [true, []]);
    const clearedInputs: Values[] = [{ endpoint: "https://e", secret: "" }, { endpoint: "https://e" }];
    for (const news of clearedInputs) {
      const cleared = diffResource(hook, withSecret, news);
      assert.deepEqual([cleared.changes, cleared.replaces], [true, ["secret"]], JSON.stringify(news));
    }
  });

  it("updates in place when a secret is added where there was none", () => {
    const added = diffResource(hook, withoutSecret, { endpoint: "https://e", secret: "new" });
    assert.deepEqual([added.changes, added.replaces], [true, []]);
    assert.equal(diffResource(hook, withoutSecret, { endpoint: "https://e", secret: "" }).changes, false);
  });
});
