/**
 * The SDK side of data functions, in a program's process: credentials from the program's stack
 * config, secret fields handed back as secret outputs in both forms, never as plaintext.
 */
import { strict as assert } from "node:assert";

import * as pulumi from "@pulumi/pulumi";

import { startEmulator, type EmulatorHandle } from "../../../emulator";
import * as sdk from "../../../sdk";

/** Whether an output is secret, through its internals (`isSecret` is not on the public type). */
async function isSecret(value: unknown): Promise<boolean> {
  return (await (value as { isSecret: Promise<boolean> }).isSecret) === true;
}

/** The value of an output, through its internals; for assertions only. */
async function valueOf(value: unknown): Promise<unknown> {
  return (value as { promise(): Promise<unknown> }).promise();
}

describe("data functions in the program (SDK)", () => {
  let emulator: EmulatorHandle;
  const POOL = "01HPOOLSECRET0000000000000";

  before(async () => {
    emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
    await emulator.controls.seed({ workerPools: [{ id: POOL, name: "private-pool" }] });
    // As the language host hands a program its stack config: the secret key decrypted, marked secret.
    pulumi.runtime.setAllConfig(
      {
        "spacelift:apiKeyEndpoint": emulator.url,
        "spacelift:apiKeyId": emulator.apiKey.id,
        "spacelift:apiKeySecret": emulator.apiKey.secret,
      },
      ["spacelift:apiKeySecret"],
    );
  });

  after(async () => {
    pulumi.runtime.setAllConfig({}, []);
    await emulator.close();
  });

  it("the Promise form uses the stack config and returns the pool's config as a secret output", async () => {
    const pool = await sdk.getWorkerPool({ workerPoolId: POOL });
    assert.equal(pool.name, "private-pool");
    assert.ok(pulumi.Output.isInstance(pool.config), "config is an output, not a string");
    assert.ok(await isSecret(pool.config));
    assert.match(String(await valueOf(pool.config)), /^[A-Za-z0-9+/]+=*$/);
    assert.ok(!JSON.stringify(pool).includes(String(await valueOf(pool.config))), "no plaintext copy");
  });

  it("the Output form is a secret output whose config is the plain value inside", async () => {
    const pool = sdk.getWorkerPoolOutput({ workerPoolId: pulumi.output(POOL) });
    assert.ok(await isSecret(pool));
    const config = await valueOf(pool.config);
    assert.equal(typeof config, "string");
    assert.ok(await isSecret(pool.config));
  });

  it("a function without secret fields returns a plain, non-secret result", async () => {
    const ips = sdk.getIPsOutput();
    assert.equal(await isSecret(ips), false);
    assert.ok(Array.isArray(await valueOf(ips.ips)));
  });

  it("a bad argument fails in the program before any request", async () => {
    const before = emulator.controls.stats().total;
    await assert.rejects(
      sdk.getWorkerPool({ workerPoolId: "" }),
      /spacelift\.getWorkerPool: "workerPoolId" must not be empty/,
    );
    assert.equal(emulator.controls.stats().total, before);
  });

  it("every call of the program shared one token: one exchange in all", () => {
    assert.equal(emulator.controls.requestCount("ApiKeyUser"), 1);
  });

  it("spacelift.config reads stack config, secret settings as secret outputs", async () => {
    assert.equal(sdk.config.apiKeyEndpoint, emulator.url);
    assert.equal(sdk.config.apiKeyId, emulator.apiKey.id);
    const secret = sdk.config.apiKeySecret;
    assert.ok(secret !== undefined && (await isSecret(secret)));
  });
});
