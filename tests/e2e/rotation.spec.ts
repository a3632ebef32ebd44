import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import type { Stack } from "@pulumi/pulumi/automation";

import { startEmulator, type EmulatorHandle } from "../../emulator";
import type * as Spacelift from "../../sdk";
import {
  CLI_BUILD_TIMEOUT_MS,
  createSandbox,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { assertNoSecrets } from "../helpers/secrets";

const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/**
 * The key in use is rotated (a new key made, the old one deleted) between two deployments, and no
 * `pulumi up` runs before `pulumi refresh`, `pulumi preview` and `pulumi destroy`.
 */
describe("rotating the API key between deployments, through the real CLI", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  const secrets: string[] = [];

  before(async () => {
    emulator = await startEmulator({ host: "127.0.0.1", port: 0, stackDeletionDelayMs: 50 });
    // No credentials in the sandbox: each stack says where its own come from.
    sandbox = await createSandbox();
  });

  after(async () => {
    sandbox?.cleanup();
    await emulator?.close();
  });

  const programStack = async (project: string): Promise<Stack> => {
    const run = randomBytes(3).toString("hex");
    return inlineStack(sandbox, {
      projectName: project,
      program: async () => {
        const space = new spacelift.Space("team", { name: `${project}-${run}`, parentSpaceId: "root" });
        new spacelift.Context("shared", { name: `${project}-ctx-${run}`, spaceId: space.id });
      },
    });
  };

  const setKeyConfig = async (stack: Stack, key: { id: string; secret: string }) => {
    await stack.setConfig("spacelift:apiKeyEndpoint", { value: emulator.url });
    await stack.setConfig("spacelift:apiKeyId", { value: key.id });
    await stack.setConfig("spacelift:apiKeySecret", { value: key.secret, secret: true });
  };

  const rotate = (old: { id: string }) => {
    const fresh = emulator.controls.addApiKey();
    secrets.push(fresh.secret);
    assert.ok(emulator.controls.deleteApiKey(old.id));
    return fresh;
  };

  it("new key in stack config: refresh and destroy name the flag that reads it, and work with it", async () => {
    const stack = await programStack("rotated-in-config");
    const old = emulator.controls.addApiKey();
    secrets.push(old.secret);
    await setKeyConfig(stack, old);
    assert.equal((await stack.up()).summary.result, "succeeded");

    const fresh = rotate(old);
    await setKeyConfig(stack, fresh);

    // The state's copy of the config still holds the deleted key: one message, naming the fix.
    await assert.rejects(stack.refresh(), (error: Error) => {
      assert.ok(error.message.includes("pulumi refresh --run-program"), error.message);
      assert.ok(error.message.includes(`rejected the API key ${old.id}`), error.message);
      return true;
    });
    const refreshed = await stack.refresh({ runProgram: true });
    assert.equal(refreshed.summary.result, "succeeded");

    // Preview runs the program, so it has the current config.
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.create ?? 0, 0, JSON.stringify(preview.changeSummary));
    assert.equal(preview.changeSummary.delete ?? 0, 0, JSON.stringify(preview.changeSummary));

    const destroyed = await stack.destroy({ runProgram: true });
    assert.equal(destroyed.summary.result, "succeeded");
    assert.equal(destroyed.summary.resourceChanges?.delete, 3);
    assertNoSecrets(readBackendFiles(sandbox), [old.secret, fresh.secret]);
  });

  it("new key in the environment: refresh, preview and destroy use it without any flag", async () => {
    const old = emulator.controls.addApiKey();
    secrets.push(old.secret);
    const stack = await programStack("rotated-in-env");
    await setKeyConfig(stack, old);
    assert.equal((await stack.up()).summary.result, "succeeded");

    const fresh = rotate(old);
    // The workspace's environment is read at each command: CI exports the new key.
    Object.assign(stack.workspace.envVars, {
      SPACELIFT_API_KEY_ENDPOINT: emulator.url,
      SPACELIFT_API_KEY_ID: fresh.id,
      SPACELIFT_API_KEY_SECRET: fresh.secret,
    });

    const refreshed = await stack.refresh({ expectNoChanges: true });
    assert.equal(refreshed.summary.result, "succeeded");
    assert.ok(
      refreshed.stdout.includes(`using the API key ${fresh.id} from SPACELIFT_API_KEY_ID`),
      refreshed.stdout,
    );
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.create ?? 0, 0);
    const destroyed = await stack.destroy();
    assert.equal(destroyed.summary.resourceChanges?.delete, 3);
    assertNoSecrets(readBackendFiles(sandbox), [old.secret, fresh.secret]);
  });
});
