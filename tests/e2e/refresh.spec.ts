import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";

import type { EmulatorHandle } from "../../emulator/assemble";
import {
  CLI_BUILD_TIMEOUT_MS,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { assertNoSecrets } from "../helpers/secrets";
import {
  EVERY_KIND,
  everyKindProgram,
  everyKindResourceCount,
  everyKindSecrets,
  type EveryKindOptions,
} from "./programs/everyKind";

const TYPE_PREFIX = "pulumi-nodejs:dynamic/spacelift:";

/**
 * Per resource kind, how many resources ended with each step op ("same", "update", ...), from the
 * engine's resource-outputs events. For a refresh the op is the refresh's verdict, so a kind that
 * shows anything but "same" is one whose refresh is not idempotent.
 */
class OpsByKind {
  readonly counts = new Map<string, Map<string, number>>();

  readonly onEvent = (event: EngineEvent): void => {
    const meta = event.resOutputsEvent?.metadata;
    if (!meta || !meta.type.startsWith(TYPE_PREFIX)) return;
    const kind = meta.type.slice(TYPE_PREFIX.length);
    const ops = this.counts.get(kind) ?? new Map<string, number>();
    ops.set(meta.op, (ops.get(meta.op) ?? 0) + 1);
    this.counts.set(kind, ops);
  };

  /** Kinds with a resource whose op is not `op`, with their counts, for failure messages. */
  otherThan(op: string): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [kind, ops] of this.counts) {
      if ([...ops.keys()].some((o) => o !== op)) out[kind] = Object.fromEntries(ops);
    }
    return out;
  }
}

describe("refresh is idempotent for every resource kind (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  const options: EveryKindOptions = {
    run: randomBytes(3).toString("hex"),
    secret: randomBytes(8).toString("hex"),
  };
  // The Pulumi stack resource is counted in every summary too.
  const total = everyKindResourceCount(options) + 1;

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  let stack: Stack;
  const engineOutput: string[] = [];
  const onOutput = (s: string) => engineOutput.push(s);

  before(async () => {
    fixture = await startEmulatorSandbox({ emulator: { stackDeletionDelayMs: 200 } });
    ({ emulator, sandbox } = fixture);
    stack = await inlineStack(sandbox, {
      projectName: "e2e-refresh",
      program: everyKindProgram(options),
    });
  });

  after(() => fixture?.close());

  it("creates one or more of every kind the SDK exports", async () => {
    const ops = new OpsByKind();
    const up = await stack.up({ onOutput, onEvent: ops.onEvent });
    assert.equal(up.summary.resourceChanges?.create, total, JSON.stringify(up.summary.resourceChanges));
    assert.deepEqual([...ops.counts.keys()].sort(), [...EVERY_KIND].sort());
  });

  it("a first refresh right after up finds nothing to change", async () => {
    const ops = new OpsByKind();
    const refresh = await stack.refresh({ onOutput, onEvent: ops.onEvent });
    assert.deepEqual(ops.otherThan("same"), {});
    assert.deepEqual(refresh.summary.resourceChanges, { same: total });
  });

  it("a second refresh finds nothing to change either (--expect-no-changes)", async () => {
    const ops = new OpsByKind();
    const refresh = await stack
      .refresh({ expectNoChanges: true, onOutput, onEvent: ops.onEvent })
      .catch((err: unknown) => {
        // The engine's own verdict hides which kinds changed; the events name them.
        assert.fail(`${JSON.stringify(ops.otherThan("same"))}: ${String(err)}`);
      });
    assert.deepEqual(ops.otherThan("same"), {});
    assert.deepEqual([...ops.counts.keys()].sort(), [...EVERY_KIND].sort());
    assert.deepEqual(refresh.summary.resourceChanges, { same: total });
  });

  it("a third refresh, and a preview of the unchanged program after the refreshes, change nothing", async () => {
    const again = await stack.refresh({ expectNoChanges: true, onOutput });
    assert.deepEqual(again.summary.resourceChanges, { same: total });
    const ops = new OpsByKind();
    const preview = await stack.preview({ expectNoChanges: true, onOutput, onEvent: ops.onEvent });
    assert.deepEqual(preview.changeSummary, { same: total });
    assert.deepEqual(ops.otherThan("same"), {});
  });

  it("keeps every write-only and secret value out of the state and the engine output", () => {
    assertNoSecrets(
      { backend: readBackendFiles(sandbox), output: engineOutput.join("\n") },
      [emulator.apiKey.secret, ...everyKindSecrets(options)],
      { jwts: true },
    );
  });

  it("destroys everything", async () => {
    const destroy = await stack.destroy({ onOutput });
    assert.equal(destroy.summary.resourceChanges?.delete, total, JSON.stringify(destroy.summary));
    await stack.workspace.removeStack("test");
  });
});
