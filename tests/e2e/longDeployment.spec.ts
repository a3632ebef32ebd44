import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import type * as Spacelift from "../../sdk";
import type { EmulatorHandle } from "../../emulator/assemble";
import { CLI_BUILD_TIMEOUT_MS, inlineStack, type EngineSandbox } from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";

const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/** Token lifetime the emulator issues: far shorter than the deployment below. */
const TOKEN_TTL_SECONDS = 3;
/** Latency the emulator adds to every API call. */
const LATENCY_MS = 100;
/**
 * Depth of the chain of nested spaces. Each space needs its parent's id, so these creates run one
 * after another, and every create waits at least LATENCY_MS: the deployment therefore lasts at
 * least CHAIN × LATENCY_MS = 4 s, more than one token lifetime, whatever the machine's speed.
 */
const CHAIN = 40;
/** Contexts hanging off the chain, created in parallel as their spaces appear. */
const CONTEXTS = 20;

describe("long deployment with short-lived tokens (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;

  before(async () => {
    fixture = await startEmulatorSandbox({ emulator: { tokenTtlSeconds: TOKEN_TTL_SECONDS } });
    ({ emulator, sandbox } = fixture);
  });

  after(() => fixture?.close());

  it(`applies ${CHAIN + CONTEXTS} resources with parallel 10 and refreshes the token as it goes`, async () => {
    const run = randomBytes(3).toString("hex");
    const stack = await inlineStack(sandbox, {
      projectName: "e2e-long",
      program: async () => {
        let parent: Spacelift.Space | undefined;
        const chain: Spacelift.Space[] = [];
        for (let i = 0; i < CHAIN; i++) {
          parent = new spacelift.Space(`level-${i}`, {
            name: `level-${i}-${run}`,
            parentSpaceId: parent ? parent.id : "root",
          });
          chain.push(parent);
        }
        for (let i = 0; i < CONTEXTS; i++) {
          new spacelift.Context(`ctx-${i}`, {
            name: `ctx-${i}-${run}`,
            spaceId: chain[(i * 2) % CHAIN].id,
          });
        }
      },
    });

    emulator.controls.resetStats();
    emulator.controls.setLatency(LATENCY_MS);
    const started = Date.now();
    const up = await stack.up({ parallel: 10 });
    const durationSeconds = (Date.now() - started) / 1000;
    emulator.controls.setLatency(0);

    assert.equal(up.summary.result, "succeeded");
    assert.equal(up.summary.resourceChanges?.create, CHAIN + CONTEXTS + 1);
    const stats = emulator.controls.stats();
    const exchanges = stats.byOperation["ApiKeyUser"] ?? 0;
    // The deployment outlived the first token, so at least one refresh had to happen...
    assert.ok(exchanges >= 2, `expected a token refresh, saw ${exchanges} exchange(s)`);
    // ...but tokens are shared and refreshed only near expiry, never per request.
    const bound = Math.floor(durationSeconds / TOKEN_TTL_SECONDS) + 2;
    assert.ok(
      exchanges <= bound,
      `${exchanges} exchanges in ${durationSeconds.toFixed(1)} s (bound ${bound})`,
    );
    // No call was refused for an expired token: anonymous calls would show up under this label.
    assert.equal(stats.byCredential["anonymous"] ?? 0, exchanges, JSON.stringify(stats.byCredential));

    await stack.destroy();
    await stack.workspace.removeStack("test");
  });
});
