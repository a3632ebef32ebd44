/**
 * The engine takes over state the official provider wrote (`provider/engine/takeover.ts`), through
 * the real client and the emulator: outputs shaped as in tests/fixtures/official-state (Terraform's
 * id under `id`, no serialized provider, write-only values in clear text as the engine hands them
 * to a provider that does not accept secrets).
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { resolveCredentials } from "../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../provider/auth/registry";
import { clearSharedClients, SpaceliftClient } from "../../provider/client/spaceliftClient";
import type { ResourceDescriptor } from "../../provider/engine/descriptor";
import { ResourceOperationError } from "../../provider/engine/errors";
import { ResourceEngine } from "../../provider/engine/lifecycle";
import { writtenByOfficialProvider } from "../../provider/engine/takeover";
import { PROVIDER_KEY } from "../../provider/engine/values";
import {
  context,
  environmentVariable,
  namedWebhook,
  webhook,
  workerPool,
  stack,
} from "../../provider/resources";
import { assertNoLeak } from "../unit/engine/fakes";

const KEY = { id: "01J0TAKEOVERSPECKEY0000000", secret: "takeover-spec-secret-never-print" };
const VALUE = "takeover-variable-value-never-print";
const SERIALIZED = "serialized provider text";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

describe("taking over the official provider's state (engine, emulator)", () => {
  let emulator: EmulatorHandle;
  let client: SpaceliftClient;
  let warnings: string[];

  const engine = (descriptor: ResourceDescriptor): ResourceEngine =>
    new ResourceEngine(descriptor, { api: client, warn: (line) => warnings.push(line) });
  const mutations = (): string[] =>
    emulator.controls
      .stats()
      .recent.filter((entry) => entry.kind === "mutation" && entry.operation !== "ApiKeyUser")
      .map((entry) => entry.operation);
  /** The program's inputs as `check` hands them on: checked, with the serialized provider. */
  const inputs = async (descriptor: ResourceDescriptor, news: Record<string, unknown>) => {
    const checked = await engine(descriptor).check({}, { ...news, [PROVIDER_KEY]: SERIALIZED });
    assert.deepEqual(checked.failures, []);
    return checked.inputs;
  };

  before(async () => {
    emulator = await startEmulator({ apiKeys: [KEY], port: 0, onError: () => undefined });
    client = new SpaceliftClient(
      resolveCredentials(undefined, {
        SPACELIFT_API_KEY_ENDPOINT: emulator.url,
        SPACELIFT_API_KEY_ID: KEY.id,
        SPACELIFT_API_KEY_SECRET: KEY.secret,
      }),
      { rateLimit: null },
    );
  });

  after(async () => {
    clearSharedClients();
    clearSharedTokenSources();
    await emulator?.close();
  });

  beforeEach(() => {
    warnings = [];
    emulator.controls.resetStats();
  });

  it("recognises official outputs only: Terraform's id and no serialized provider", () => {
    assert.equal(writtenByOfficialProvider({ id: "ctx", name: "ctx" }), true);
    assert.equal(writtenByOfficialProvider({ id: "ctx", name: "ctx", [PROVIDER_KEY]: SERIALIZED }), false);
    assert.equal(writtenByOfficialProvider({ name: "ctx" }), false);
    assert.equal(writtenByOfficialProvider(undefined), false);
  });

  it("diffs as an update, never a replacement, and says the object already matches", async () => {
    const made = await engine(context).create(
      await inputs(context, { name: "takeover-same", labels: ["a"] }),
    );
    emulator.controls.resetStats();
    // The official outputs differ in shape (a label order, bridge bookkeeping): that is not a change.
    const olds = { id: made.id, name: "takeover-same", labels: ["a"], __meta: '{"schema_version":"1"}' };
    const news = await inputs(context, { name: "takeover-same", labels: ["a"] });
    const diff = await engine(context).diff(made.id, olds, news);
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /Context "takeover-same" was managed by the official Spacelift provider/);
    assert.match(warnings[0]!, /changes nothing in Spacelift/);

    const { outs } = await engine(context).update(made.id, olds, news);
    assert.deepEqual(mutations(), [], "an object that matches the program is not written to");
    assert.equal(outs["name"], "takeover-same");
    assert.ok(!("__meta" in outs) && !("id" in outs), "no bridge bookkeeping is kept");
  });

  it("updates what the program changes, and names it at preview", async () => {
    const made = await engine(context).create(await inputs(context, { name: "takeover-changed" }));
    emulator.controls.resetStats();
    const olds = { id: made.id, name: "takeover-changed" };
    const news = await inputs(context, { name: "takeover-changed", description: "now described" });
    await engine(context).diff(made.id, olds, news);
    assert.match(warnings[0]!, /sets description to match the program/);
    const { outs } = await engine(context).update(made.id, olds, news);
    assert.deepEqual(mutations(), ["ContextUpdate"]);
    assert.equal(outs["description"], "now described");
  });

  it("keeps a write-only value as its checksum only, and sends nothing when it is unchanged", async () => {
    const parent = await engine(context).create(await inputs(context, { name: "takeover-vars" }));
    const values = { contextId: parent.id, name: "TOKEN", value: VALUE, writeOnly: true };
    const made = await engine(environmentVariable).create(await inputs(environmentVariable, values));
    emulator.controls.resetStats();
    const olds = { ...values, id: made.id, checksum: sha256(VALUE) };
    const news = await inputs(environmentVariable, values);
    await engine(environmentVariable).diff(made.id, olds, news);
    const { outs } = await engine(environmentVariable).update(made.id, olds, news);
    assert.deepEqual(mutations(), []);
    assert.ok(!("value" in outs));
    assert.equal(outs["checksum"], sha256(VALUE));
    assertNoLeak({ outs, warnings }, [VALUE, KEY.secret]);
  });

  it("refuses a change the kind cannot make in place, naming it, and changes nothing", async () => {
    const parent = await engine(context).create(await inputs(context, { name: "takeover-immutable" }));
    const values = { contextId: parent.id, name: "REGION", value: "eu-west-1", writeOnly: false };
    const made = await engine(environmentVariable).create(await inputs(environmentVariable, values));
    emulator.controls.resetStats();
    const olds = { ...values, id: made.id };
    const news = await inputs(environmentVariable, { ...values, value: "us-east-1" });
    await assert.rejects(
      engine(environmentVariable).update(made.id, olds, news),
      (err: unknown) =>
        ResourceOperationError.isInstance(err) &&
        /differs from the program in value and cannot be updated in place/.test(err.message) &&
        /take it over from the official provider/.test(err.message) &&
        !err.message.includes("us-east-1"),
    );
    assert.deepEqual(mutations(), []);
  });

  it("compares a webhook's secret with the official state's, where Spacelift reports no checksum", async () => {
    const parent = await engine(stack).create(
      await inputs(stack, { name: "takeover-hooks", repository: "r", branch: "main" }),
    );
    const values = { stackId: parent.id, endpoint: "https://hooks.example.com/x", enabled: true };
    const made = await engine(webhook).create(await inputs(webhook, values));
    emulator.controls.resetStats();
    // The bridge drops the empty secret of a webhook made without one from the outputs.
    const news = await inputs(webhook, values);
    await engine(webhook).update(made.id, { ...values, id: made.id }, news);
    assert.deepEqual(mutations(), [], "an unset secret matches the one never set");

    // A named webhook's secret, which Terraform cannot read back, is kept as "": it is sent again.
    const named = {
      name: "takeover-named",
      spaceId: "root",
      endpoint: "https://hooks.example.com/y",
      enabled: true,
      secret: VALUE,
    };
    const hook = await engine(namedWebhook).create(await inputs(namedWebhook, named));
    emulator.controls.resetStats();
    await engine(namedWebhook).update(
      hook.id,
      { ...named, id: hook.id, secret: "" },
      await inputs(namedWebhook, named),
    );
    assert.deepEqual(mutations(), ["NamedWebhookUpdate"]);
  });

  it("carries over a worker pool's generated private key, which Spacelift never returns", async () => {
    const made = await engine(workerPool).create(await inputs(workerPool, { name: "takeover-pool" }));
    const key = made.outs["privateKey"];
    assert.equal(typeof key, "string");
    const olds = { id: made.id, name: "takeover-pool", privateKey: key, config: made.outs["config"] };
    const { outs } = await engine(workerPool).update(
      made.id,
      olds,
      await inputs(workerPool, { name: "takeover-pool" }),
    );
    assert.equal(outs["privateKey"], key);
  });

  it("fails the preview clearly when the object is gone from Spacelift", async () => {
    const olds = { id: "takeover-missing", name: "takeover-missing" };
    const news = await inputs(context, { name: "takeover-missing" });
    await assert.rejects(
      engine(context).diff("takeover-missing", olds, news),
      (err: unknown) =>
        ResourceOperationError.isInstance(err) &&
        err.code === "not_found" &&
        /no longer exists in Spacelift/.test(err.message) &&
        /pulumi state delete/.test(err.message),
    );
  });
});
