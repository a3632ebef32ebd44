/**
 * A rotated API key: the provider's runtime falls back to the environment's key for the same
 * account, or fails with one message naming the command that fixes it.
 */
import { strict as assert } from "node:assert";
import sinon from "sinon";

import { startEmulator, type EmulatorHandle } from "../../../emulator";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import { clearSharedClients } from "../../../provider/client/spaceliftClient";
import type { OperationSpec } from "../../../provider/engine/api";
import { asLifecycleMethod } from "../../../provider/rotation";
import { configureRuntime, resetRuntime, runtimeApiPort } from "../../../provider/runtime";

const VIEWER: OperationSpec = { name: "Viewer", kind: "query", document: "query Viewer { viewer { id } }" };
const ENV_KEYS = [
  "SPACELIFT_API_KEY_ENDPOINT",
  "SPACELIFT_API_KEY_ID",
  "SPACELIFT_API_KEY_SECRET",
  "SPACELIFT_API_TOKEN",
];

describe("a rotated API key in the provider's runtime", () => {
  let emulator: EmulatorHandle;
  let saved: Record<string, string | undefined>;

  beforeEach(async () => {
    emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
    saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    for (const k of ENV_KEYS) delete process.env[k];
  });

  afterEach(async () => {
    sinon.restore();
    resetRuntime();
    clearSharedClients();
    clearSharedTokenSources();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await emulator.close();
  });

  /** Configures the runtime as the state's copy of the stack config would: the old key. */
  const configureOldKey = () => {
    const settings: Record<string, string> = {
      "spacelift:apiKeyEndpoint": emulator.url,
      "spacelift:apiKeyId": emulator.apiKey.id,
      "spacelift:apiKeySecret": emulator.apiKey.secret,
    };
    configureRuntime({ config: { get: (key: string) => settings[key] } });
  };

  const rotate = () => {
    const fresh = emulator.controls.addApiKey();
    assert.ok(emulator.controls.deleteApiKey(emulator.apiKey.id));
    return fresh;
  };

  it("uses the new key from the environment for the same account, saying so once", async () => {
    configureOldKey();
    const fresh = rotate();
    process.env.SPACELIFT_API_KEY_ENDPOINT = emulator.url;
    process.env.SPACELIFT_API_KEY_ID = fresh.id;
    process.env.SPACELIFT_API_KEY_SECRET = fresh.secret;
    const notices = sinon.stub(console, "error");

    await runtimeApiPort.run(VIEWER, {});
    await runtimeApiPort.run(VIEWER, {});

    const byCredential = emulator.controls.stats().byCredential;
    assert.equal(byCredential[fresh.id], 2, "both reads went out with the new key");
    assert.equal(byCredential[emulator.apiKey.id], undefined, "nothing was sent with the old key");
    assert.equal(emulator.controls.requestCount("ApiKeyUser"), 2, "one refused exchange, one accepted");
    assert.equal(notices.callCount, 1);
    const notice = String(notices.firstCall.args[0]);
    assert.match(notice, new RegExp(`rejected the API key ${emulator.apiKey.id}`));
    assert.match(notice, new RegExp(`using the API key ${fresh.id} from SPACELIFT_API_KEY_ID`));
    assert.ok(!notice.includes(fresh.secret) && !notice.includes(emulator.apiKey.secret));
  });

  it("never falls back to another account's key", async () => {
    configureOldKey();
    rotate();
    const other = await startEmulator({ host: "127.0.0.1", port: 0 });
    try {
      process.env.SPACELIFT_API_KEY_ENDPOINT = other.url;
      process.env.SPACELIFT_API_KEY_ID = other.apiKey.id;
      process.env.SPACELIFT_API_KEY_SECRET = other.apiKey.secret;
      await assert.rejects(
        asLifecycleMethod("read", () => runtimeApiPort.run(VIEWER, {})),
        /refresh --run-program/,
      );
      assert.equal(other.controls.stats().total, 0);
    } finally {
      await other.close();
    }
  });

  for (const [method, command] of [
    ["read", "`pulumi refresh --run-program`"],
    ["delete", "`pulumi destroy --run-program`"],
    ["update", "`pulumi config set spacelift:apiKeyId <id>`"],
  ] as const) {
    it(`fails a ${method} with one message naming ${command} when nothing replaces the key`, async () => {
      configureOldKey();
      rotate();
      const error = await asLifecycleMethod(method, () => runtimeApiPort.run(VIEWER, {})).then(
        () => assert.fail("expected a failure"),
        (e: unknown) => e as Error,
      );
      assert.ok(error.message.includes(command), error.message);
      assert.match(
        error.message,
        new RegExp(`rejected the API key ${emulator.apiKey.id} from spacelift:apiKeyId`),
      );
      assert.ok(!error.message.includes(emulator.apiKey.secret));
    });
  }
});
