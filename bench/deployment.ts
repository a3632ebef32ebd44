/**
 * Benchmark: pulumi-spacelift against the floor (a no-op dynamic provider, see `./floor`) through
 * the real Pulumi engine and the Automation API, against the emulator with injected latency. For
 * each N, in one interleaved run, both deploy the same program shape (`./program`) and the
 * benchmark measures `up` from empty, a no-change `preview`, a no-change `up`, `refresh` and
 * `destroy`: wall time, the ratio ours / floor, API requests per resource (emulator stats),
 * checkpoint bytes per resource (the file backend on disk) and the dynamic-provider process's
 * peak RSS (`./providerProcess`). It prints one markdown table per N of medians over the runs; `--out` also
 * writes every sample, with requests per GraphQL operation name, as JSON.
 *
 *   npm run bench -- --resources 50,200,500 --latency 50 --runs 3 [--parallel 10] [--out raw.json]
 *
 * Absolute times depend on the machine and its load; the ratios are what to compare.
 *
 * @packageDocumentation
 */

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

import type { Stack } from "@pulumi/pulumi/automation";

import type * as EmulatorModule from "../emulator";
import type * as Spacelift from "../sdk";
import {
  createSandbox,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../scripts/lib/pulumiSandbox";
import { writeFloorRuntime } from "./floor";
import { declareProgram, floorKit, spaceliftKit, type ResourceKit } from "./program";
import {
  OPERATIONS,
  formatCpuTable,
  formatTable,
  summarize,
  type DeploymentSample,
  type Operation,
  type OperationSample,
} from "./report";
import { startProviderSampler } from "./providerProcess";
import { cpuSpent, readCpuTimes } from "./cpu";

const { startEmulator } = require("pulumi-spacelift/emulator") as typeof EmulatorModule;
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/** The two providers compared. */
type Contender = "ours" | "floor";

const KITS: Readonly<Record<Contender, ResourceKit>> = { ours: spaceliftKit(spacelift), floor: floorKit };

/** Settings of one benchmark invocation. */
interface BenchOptions {
  readonly resourceCounts: readonly number[];
  readonly latencyMs: number;
  readonly runs: number;
  readonly parallel?: number;
  readonly out?: string;
}

/** Size in bytes of the stack's checkpoint as the file backend stores it. */
function checkpointBytes(sandbox: EngineSandbox): number {
  const files = readBackendFiles(sandbox);
  const name = Object.keys(files).find((file) => /^\.pulumi\/stacks\/[^/]+\/[^/]+\.json$/.test(file));
  if (name === undefined) throw new Error(`no checkpoint among ${Object.keys(files).join(", ")}`);
  return Buffer.byteLength(files[name], "utf8");
}

/** Runs `operation` on `stack` and warns when a no-change operation changed something. */
async function runOperation(stack: Stack, operation: Operation, parallel: number | undefined): Promise<void> {
  const options = parallel === undefined ? {} : { parallel };
  const warnIfChanged = (what: string, changes: Record<string, number> | undefined): void => {
    const changed = Object.entries(changes ?? {}).filter(([kind, count]) => kind !== "same" && count > 0);
    if (changed.length > 0)
      process.stderr.write(`warning: ${what} was not a no-change run: ${JSON.stringify(changes)}\n`);
  };
  switch (operation) {
    case "up":
      await stack.up(options);
      return;
    case "preview":
      warnIfChanged("preview", (await stack.preview(options)).changeSummary);
      return;
    case "update":
      warnIfChanged("up", (await stack.up(options)).summary.resourceChanges);
      return;
    case "refresh":
      await stack.refresh(options);
      return;
    case "destroy":
      await stack.destroy(options);
      return;
  }
}

/** Deploys the program with one provider at `resources` resources and measures every operation. */
async function deployOnce(
  contender: Contender,
  resources: number,
  options: BenchOptions,
): Promise<DeploymentSample> {
  const emulator = await startEmulator({ port: 0, stackDeletionDelayMs: 0 });
  const sandbox = await createSandbox({
    SPACELIFT_API_KEY_ENDPOINT: emulator.url,
    SPACELIFT_API_KEY_ID: emulator.apiKey.id,
    SPACELIFT_API_KEY_SECRET: emulator.apiKey.secret,
  });
  try {
    const tag = randomBytes(3).toString("hex");
    const stack = await inlineStack(sandbox, {
      projectName: `bench-${contender}`,
      program: async () => declareProgram(KITS[contender], resources, tag),
      env: contender === "floor" ? writeFloorRuntime(sandbox.dir) : {},
    });
    emulator.controls.setLatency(options.latencyMs);
    const operations: Partial<Record<Operation, OperationSample>> = {};
    let stateBytes = 0;
    for (const operation of OPERATIONS) {
      emulator.controls.resetStats();
      const sampler = startProviderSampler(200);
      const cpuBefore = readCpuTimes();
      const started = performance.now();
      await runOperation(stack, operation, options.parallel);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpuSpent(cpuBefore, readCpuTimes());
      const provider = sampler.stop();
      const stats = emulator.controls.stats();
      operations[operation] = {
        seconds,
        requests: stats.total,
        requestsByOperation: stats.byOperation,
        providerPeakRss: provider.peakRss,
        providerCpuSeconds: provider.cpuSeconds,
        cpuSeconds,
      };
      if (operation === "up") stateBytes = checkpointBytes(sandbox);
    }
    return { operations: operations as Record<Operation, OperationSample>, checkpointBytes: stateBytes };
  } finally {
    sandbox.cleanup();
    await emulator.close();
  }
}

/** Parses a positive integer flag. */
function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

/** Reads the command line. */
function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      resources: { type: "string", default: "50,200,500" },
      latency: { type: "string", default: "50" },
      runs: { type: "string", default: "3" },
      parallel: { type: "string" },
      out: { type: "string" },
    },
  });
  const resourceCounts = values.resources.split(",").map((n) => positive("resources", n.trim()));
  if (resourceCounts.some((n) => n < 5))
    throw new Error("--resources must be at least 5 (3 spaces and a group)");
  const latencyMs = Number(values.latency);
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0))
    throw new Error("--latency must be a non-negative number");
  return {
    resourceCounts,
    latencyMs,
    runs: positive("runs", values.runs),
    parallel: values.parallel === undefined ? undefined : positive("parallel", values.parallel),
    out: values.out,
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const samples = new Map<string, DeploymentSample[]>();
  for (let run = 0; run < options.runs; run++) {
    for (const resources of options.resourceCounts) {
      // Alternate which provider goes first, so drift in the machine's load falls on both.
      const order: Contender[] = run % 2 === 0 ? ["ours", "floor"] : ["floor", "ours"];
      for (const contender of order) {
        const sample = await deployOnce(contender, resources, options);
        const key = `${contender}/${resources}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        const times = OPERATIONS.map((op) => `${op} ${sample.operations[op].seconds.toFixed(2)}`).join(", ");
        process.stderr.write(`run ${run + 1}, N = ${resources}, ${contender}: ${times} s\n`);
      }
    }
  }
  if (options.out !== undefined) {
    fs.writeFileSync(options.out, `${JSON.stringify(Object.fromEntries(samples), null, 2)}\n`);
  }
  for (const resources of options.resourceCounts) {
    const ours = summarize(samples.get(`ours/${resources}`) ?? [], resources);
    const floor = summarize(samples.get(`floor/${resources}`) ?? [], resources);
    process.stdout.write(`\n${formatTable(resources, options.latencyMs, options.runs, ours, floor)}\n`);
    process.stdout.write(`\n${formatCpuTable(resources, ours, floor)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
