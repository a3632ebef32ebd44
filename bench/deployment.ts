/**
 * Benchmark: a deployment through the real Pulumi engine against the emulator, with injected API
 * latency. Reports wall time of `up` and `destroy`, API requests per resource and token exchanges,
 * so that changes to the engine, the client or the stub can be compared run to run.
 *
 *   npm run bench -- --resources 100 --latency 50 --parallel 10 --ttl 3600 --runs 3
 *
 * Numbers depend on the machine; compare runs made on the same one.
 *
 * @packageDocumentation
 */

import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

import type * as EmulatorModule from "../emulator";
import type * as Spacelift from "../sdk";
import { createSandbox, inlineStack } from "../scripts/lib/pulumiSandbox";

const { startEmulator } = require("pulumi-spacelift/emulator") as typeof EmulatorModule;
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

interface RunResult {
  readonly upSeconds: number;
  readonly destroySeconds: number;
  readonly requests: number;
  readonly exchanges: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function runOnce(
  resources: number,
  latencyMs: number,
  parallel: number,
  ttl: number,
): Promise<RunResult> {
  const emulator = await startEmulator({ port: 0, tokenTtlSeconds: ttl, stackDeletionDelayMs: 0 });
  const sandbox = await createSandbox({
    SPACELIFT_API_KEY_ENDPOINT: emulator.url,
    SPACELIFT_API_KEY_ID: emulator.apiKey.id,
    SPACELIFT_API_KEY_SECRET: emulator.apiKey.secret,
  });
  try {
    const run = randomBytes(3).toString("hex");
    // A realistic shape: contexts in a space, each with a few variables.
    const stack = await inlineStack(sandbox, {
      projectName: "bench-deployment",
      program: async () => {
        const space = new spacelift.Space("bench", { name: `bench-${run}` });
        const contexts = Math.max(1, Math.ceil((resources - 1) / 4));
        let made = 1;
        for (let c = 0; c < contexts && made < resources; c++) {
          const context = new spacelift.Context(`ctx-${c}`, { name: `bench-${run}-${c}`, spaceId: space.id });
          made++;
          for (let v = 0; v < 3 && made < resources; v++, made++) {
            new spacelift.EnvironmentVariable(`var-${c}-${v}`, {
              contextId: context.id,
              name: `VAR_${v}`,
              value: `value-${c}-${v}`,
            });
          }
        }
      },
    });
    emulator.controls.setLatency(latencyMs);
    emulator.controls.resetStats();
    let started = Date.now();
    await stack.up({ parallel });
    const upSeconds = (Date.now() - started) / 1000;
    const stats = emulator.controls.stats();
    started = Date.now();
    await stack.destroy({ parallel });
    const destroySeconds = (Date.now() - started) / 1000;
    return {
      upSeconds,
      destroySeconds,
      requests: stats.total,
      exchanges: stats.byOperation["ApiKeyUser"] ?? 0,
    };
  } finally {
    sandbox.cleanup();
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      resources: { type: "string", default: "100" },
      latency: { type: "string", default: "50" },
      parallel: { type: "string", default: "10" },
      ttl: { type: "string", default: "3600" },
      runs: { type: "string", default: "3" },
    },
  });
  const resources = Number(values.resources);
  const latency = Number(values.latency);
  const parallel = Number(values.parallel);
  const ttl = Number(values.ttl);
  const runs = Number(values.runs);
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await runOnce(resources, latency, parallel, ttl);
    results.push(result);
    process.stdout.write(
      `run ${i + 1}: up ${result.upSeconds.toFixed(2)} s, destroy ${result.destroySeconds.toFixed(2)} s, ` +
        `${result.requests} requests, ${result.exchanges} exchanges\n`,
    );
  }
  const upMedian = median(results.map((r) => r.upSeconds));
  process.stdout.write(
    `median of ${runs}: up ${upMedian.toFixed(2)} s for ${resources} resources ` +
      `(latency ${latency} ms, parallel ${parallel}, token ttl ${ttl} s); ` +
      `destroy ${median(results.map((r) => r.destroySeconds)).toFixed(2)} s; ` +
      `${(median(results.map((r) => r.requests)) / resources).toFixed(2)} requests per resource on up\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
