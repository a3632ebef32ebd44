import { strict as assert } from "node:assert";
import { sha256Hex } from "../../../provider/engine/checksum";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { diffResource } from "../../../provider/engine/diff";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { Values } from "../../../provider/engine/values";
import { environmentVariable, mountedFile, namedWebhook, webhook } from "../../../provider/resources";
import { assertNoLeak, fakeApi, PROVIDER, type Handler } from "./fakes";

/*
 * Pulumi's refresh hands `read` the old outputs only, stores the inputs `read` returns in place of
 * the program's, and decides "same" or "updated" with the provider's diff of the refreshed outputs
 * (as olds) against the inputs stored before the refresh (as news). So the first refresh diffs
 * against the program's checked inputs, every later one against inputs an earlier `read` rebuilt,
 * which cannot hold a write-only value. These tests replay that sequence on the engine.
 */

const SECRET = "write-only-do-not-print";
const CONTENT = Buffer.from(`{"token":"${SECRET}"}`, "utf8").toString("base64");
const CREATED_AT = 1_700_000_000;

type Row = Record<string, unknown>;

/**
 * A Spacelift that keeps what it is sent, answering every operation the four kinds with write-only
 * values use (create, read, and the lists a create may look at first), as the API would: config
 * elements report the SHA-256 of their value, webhooks never return their secret.
 */
function fakeSpacelift() {
  const config = new Map<string, Row>();
  const webhooks: Row[] = [];
  const named: Row[] = [];
  let next = 1;
  const addConfig =
    (root: string, parent: string): Handler =>
    (v) => {
      const c = v["config"] as { id: string; value: string; writeOnly?: boolean; description?: string };
      const element = {
        id: c.id,
        checksum: sha256Hex(c.value),
        createdAt: CREATED_AT,
        description: c.description ?? null,
        writeOnly: c.writeOnly ?? true,
        value: c.writeOnly === false ? c.value : null,
      };
      config.set(`${String(v[parent])}/${c.id}`, element);
      return { [root]: element };
    };
  const readConfig =
    (parent: string, key: string): Handler =>
    (v) => ({ [parent]: { configElement: config.get(`${String(v[parent])}/${String(v[key])}`) ?? null } });
  const handlers: Record<string, Handler> = {
    ContextEnvironmentVariableCreate: addConfig("contextConfigAdd", "context"),
    ContextEnvironmentVariableRead: readConfig("context", "name"),
    ContextMountedFileCreate: addConfig("contextConfigAdd", "context"),
    ContextMountedFileRead: readConfig("context", "relativePath"),
    WebhookCreate: (v) => {
      const input = v["input"] as Row;
      const hook = {
        id: `hook-${next++}`,
        endpoint: input["endpoint"],
        enabled: input["enabled"],
        retryOnFailure: input["retryOnFailure"],
        secret: "",
      };
      webhooks.push(hook);
      return { webhooksIntegrationCreate: hook };
    },
    StackWebhookRead: () => ({ stack: { integrations: { webhooks } } }),
    NamedWebhookCreate: (v) => {
      const input = v["input"] as Row;
      const hook = {
        id: `named-${next++}`,
        name: input["name"],
        endpoint: input["endpoint"],
        enabled: input["enabled"],
        labels: input["labels"] ?? [],
        space: { id: input["space"] },
        retryOnFailure: input["retryOnFailure"],
        secret: "",
        createdAt: CREATED_AT,
      };
      named.push(hook);
      return { namedWebhooksIntegrationCreate: hook };
    },
    NamedWebhookRead: (v) => ({ namedWebhooksIntegration: named.find((h) => h["id"] === v["id"]) ?? null }),
    NamedWebhookList: () => ({ namedWebhooksIntegrations: named }),
  };
  return { api: fakeApi(handlers), config };
}

/** One kind with a write-only value, and a program declaring one of it. */
interface Case {
  readonly descriptor: ResourceDescriptor;
  readonly program: Values;
}

const CASES: readonly Case[] = [
  {
    descriptor: environmentVariable,
    program: { contextId: "ctx", name: "API_TOKEN", value: SECRET, description: "d" },
  },
  {
    descriptor: environmentVariable,
    program: { contextId: "ctx", name: "REGION", value: "eu-west-1-not-secret", writeOnly: false },
  },
  {
    descriptor: mountedFile,
    program: { contextId: "ctx", relativePath: "config/settings.json", content: CONTENT, description: "d" },
  },
  {
    descriptor: webhook,
    program: { stackId: "stk", endpoint: "https://hooks.example.com/a", secret: SECRET },
  },
  {
    descriptor: namedWebhook,
    program: {
      name: "alerts",
      endpoint: "https://hooks.example.com/b",
      spaceId: "root",
      labels: ["team:a", "e2e"],
      secret: SECRET,
    },
  },
];

/** The state Pulumi keeps for a resource: inputs and outputs, each with the serialized provider. */
interface State {
  readonly id: string;
  readonly inputs: Values;
  readonly outputs: Values;
}

/** Runs `up` as Pulumi would: check, then create; returns the state Pulumi stores. */
async function up(engine: ResourceEngine, program: Values): Promise<State> {
  const checked = await engine.check({}, { ...program, __provider: PROVIDER });
  assert.deepEqual(checked.failures, []);
  const { id, outs } = await engine.create(checked.inputs);
  return { id, inputs: checked.inputs, outputs: { ...outs, __provider: PROVIDER } };
}

/** Runs one `refresh` as Pulumi would; returns the verdict and the state Pulumi stores after it. */
async function refresh(engine: ResourceEngine, state: State): Promise<{ changes: boolean; state: State }> {
  const read = await engine.read(state.id, state.outputs);
  assert.ok(read.id && read.props && read.inputs, "the object is still there");
  const next = {
    id: read.id,
    inputs: { ...read.inputs, __provider: PROVIDER },
    outputs: { ...read.props, __provider: PROVIDER },
  };
  const verdict = await engine.diff(read.id, next.outputs, state.inputs);
  return { changes: verdict.changes, state: next };
}

/** The keys create stored as inputs, with each write-only value standing as its checksum field. */
function inputKeysAfterRefresh(descriptor: ResourceDescriptor, stored: Values): string[] {
  return Object.keys(stored)
    .filter((k) => !k.startsWith("__"))
    .map((k) => descriptor.fields[k]?.writeOnly?.checksumField ?? k)
    .sort();
}

describe("refresh is idempotent for resources with write-only values", () => {
  for (const c of CASES) {
    const { kind } = c.descriptor;
    describe(`${kind} ${JSON.stringify(Object.keys(c.program))}`, () => {
      it("the first refresh after up changes nothing, and keeps the outputs create returned", async () => {
        const { api } = fakeSpacelift();
        const engine = new ResourceEngine(c.descriptor, { api: api.port });
        const created = await up(engine, c.program);
        const first = await refresh(engine, created);
        assert.equal(first.changes, false);
        assert.deepEqual(first.state.outputs, created.outputs);
      });

      it("later refreshes change nothing either: read twice gives the same props and inputs", async () => {
        const { api } = fakeSpacelift();
        const engine = new ResourceEngine(c.descriptor, { api: api.port });
        const created = await up(engine, c.program);
        const first = await refresh(engine, created);
        const second = await refresh(engine, first.state);
        const third = await refresh(engine, second.state);
        assert.deepEqual(second.state, first.state);
        assert.deepEqual(third.state, first.state);
        // Before the fix, the second refresh diffed against inputs without the write-only value and
        // reported a change (a replacement, even) that no display could show.
        assert.equal(second.changes, false, "second refresh");
        assert.equal(third.changes, false, "third refresh");
      });

      it("rebuilt inputs keep create's keys, a write-only value standing as its checksum, never in clear", async () => {
        const { api } = fakeSpacelift();
        const engine = new ResourceEngine(c.descriptor, { api: api.port });
        const created = await up(engine, c.program);
        const { state } = await refresh(engine, created);
        const keys = Object.keys(state.inputs).filter((k) => !k.startsWith("__"));
        assert.deepEqual(keys.sort(), inputKeysAfterRefresh(c.descriptor, created.inputs));
        for (const spec of Object.values(c.descriptor.fields)) {
          if (!spec.writeOnly) continue;
          const sum = spec.writeOnly.checksumField;
          assert.equal(state.inputs[sum], created.outputs[sum], `${sum} in inputs is the applied checksum`);
        }
        assertNoLeak(state, [SECRET, CONTENT]);
      });
    });
  }

  it("a write-only value changed outside Pulumi is still reported by the refresh that sees it", async () => {
    const { api, config } = fakeSpacelift();
    const engine = new ResourceEngine(environmentVariable, { api: api.port });
    const created = await up(engine, CASES[0]!.program);
    config.get("ctx/API_TOKEN")!["checksum"] = sha256Hex("changed elsewhere");
    const first = await refresh(engine, created);
    assert.equal(first.changes, true);
    assert.equal(first.state.outputs["checksum"], sha256Hex("changed elsewhere"));
  });
});

describe("diff of inputs a refresh rebuilt (a checksum in place of the write-only value)", () => {
  const olds = { stackId: "stk", endpoint: "https://e.example", enabled: true, retryOnFailure: false };
  const applied = sha256Hex(SECRET);

  it("the checksum of the applied value is no change, whatever its case", () => {
    for (const sum of [applied, applied.toUpperCase()]) {
      const result = diffResource(
        webhook,
        { ...olds, secretChecksum: applied },
        { ...olds, secretChecksum: sum },
      );
      assert.equal(result.changes, false);
    }
  });

  it("another checksum is a change, but not a clear: no replacement for a value that is still set", () => {
    const result = diffResource(
      webhook,
      { ...olds, secretChecksum: applied },
      { ...olds, secretChecksum: sha256Hex("rotated elsewhere") },
    );
    assert.deepEqual(result, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("the program's value wins over a checksum, and no value and no checksum is still a clear", () => {
    const stale = { ...olds, secretChecksum: applied };
    assert.equal(diffResource(webhook, stale, { ...stale, secret: "other" }).changes, true);
    assert.deepEqual(diffResource(webhook, stale, olds).replaces, ["secret"]);
  });
});
