import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";

import type { EmulatorHandle } from "../../emulator/assemble";
import type { FaultRule, FaultRuleInput } from "../../emulator/faults";
import {
  CLI_BUILD_TIMEOUT_MS,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { assertNoSecrets } from "../helpers/secrets";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import {
  addedSince,
  assertExactlyOnce,
  exportDeployment,
  stateInventory,
  storeInventory,
  type StoredItem,
} from "./helpers/stateVsEmulator";
import {
  RESOURCES_PER_COPY,
  everyKindProgram,
  everyKindResourceCount,
  everyKindSecrets,
  type EveryKindOptions,
  type ResourceKind,
} from "./programs/everyKind";

/** Four copies of every kind: 76 resources. */
const COPIES = 4;
/** Operations the engine runs at once: enough that faults land amid concurrent creates. */
const PARALLEL = 32;
/** Kinds whose every resource in the program carries labels: the update relabels these. */
const LABELLED: readonly ResourceKind[] = [
  "Space",
  "WorkerPool",
  "Stack",
  "Context",
  "Policy",
  "Module",
  "NamedWebhook",
  "AwsIntegration",
];
/** The label the update adds. */
const NEW_LABEL = "revision:2";
/** Emulator collections of the labelled kinds, for checking the update landed. */
const LABELLED_COLLECTIONS = [
  "spaces",
  "workerPools",
  "stacks",
  "contexts",
  "policies",
  "modules",
  "namedWebhooks",
  "awsIntegrations",
];

/**
 * The operation that creates each kind's resources in the program, with how many of them it
 * creates per copy (a variable on a context and one on a stack are created by different operations).
 * The names are what the provider sends and the emulator logs.
 */
const CREATES: Readonly<Record<string, { kind: ResourceKind; perCopy: number }>> = {
  SpaceCreate: { kind: "Space", perCopy: 1 },
  StackCreate: { kind: "Stack", perCopy: 2 },
  ContextCreate: { kind: "Context", perCopy: 1 },
  StackContextAttach: { kind: "ContextAttachment", perCopy: 1 },
  ContextEnvironmentVariableCreate: { kind: "EnvironmentVariable", perCopy: 1 },
  StackEnvironmentVariableCreate: { kind: "EnvironmentVariable", perCopy: 1 },
  ContextMountedFileCreate: { kind: "MountedFile", perCopy: 1 },
  PolicyCreate: { kind: "Policy", perCopy: 1 },
  StackPolicyAttach: { kind: "PolicyAttachment", perCopy: 1 },
  ModuleCreate: { kind: "Module", perCopy: 1 },
  StackDependencyCreate: { kind: "StackDependency", perCopy: 1 },
  StackDependencyReferenceCreate: { kind: "StackDependencyReference", perCopy: 1 },
  DriftDetectionCreate: { kind: "DriftDetection", perCopy: 1 },
  WebhookCreate: { kind: "Webhook", perCopy: 1 },
  NamedWebhookCreate: { kind: "NamedWebhook", perCopy: 1 },
  WorkerPoolCreate: { kind: "WorkerPool", perCopy: 1 },
  AwsIntegrationCreate: { kind: "AwsIntegration", perCopy: 1 },
  AwsIntegrationAttach: { kind: "AwsIntegrationAttachment", perCopy: 1 },
};

/** Absorbs binary rounding, as the emulator's own count does. */
const EPSILON = 1e-9;

/** The calls a `share` rule failed: the emulator fails the k-th match when `floor(k * share)` grows. */
function fired(rule: FaultRule): number {
  return Math.floor(rule.matched * (rule.share ?? 0) + EPSILON);
}

/** `program` with `label` added to the labels of every resource that has labels. */
function relabelled(program: PulumiFn, label: string): PulumiFn {
  return async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      const labels: unknown = args.props.labels;
      if (!Array.isArray(labels)) return undefined;
      return { props: { ...args.props, labels: [...(labels as string[]), label] }, opts: args.opts };
    });
    return program();
  };
}

/** The declared count of every kind for `copies` copies. */
function expectedCounts(copies: number): Record<ResourceKind, number> {
  return Object.fromEntries(
    Object.entries(RESOURCES_PER_COPY).map(([kind, n]) => [kind, n * copies]),
  ) as Record<ResourceKind, number>;
}

/**
 * A run of the every-kind program of its own (fresh names and secret), with `copies` copies (the
 * program's default when undefined): its options, its resource count, and `total`, the count plus
 * the Pulumi stack resource, which every summary counts too.
 */
function everyKindRun(copies?: number): { options: EveryKindOptions; count: number; total: number } {
  const options: EveryKindOptions = {
    run: randomBytes(3).toString("hex"),
    secret: randomBytes(8).toString("hex"),
    ...(copies === undefined ? {} : { copies }),
  };
  const count = everyKindResourceCount(options);
  return { options, count, total: count + 1 };
}

describe("lost answers and failing calls (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  const engineOutput: string[] = [];
  const onOutput = (s: string) => engineOutput.push(s);
  const secrets: string[] = [];

  before(async () => {
    fixture = await startEmulatorSandbox({ emulator: { stackDeletionDelayMs: 0 } });
    ({ emulator, sandbox } = fixture);
    secrets.push(emulator.apiKey.secret);
  });

  after(async () => {
    emulator?.controls.clearFaults();
    await fixture?.close();
  });

  /** Replaces the fault rules with `rules` and clears the request stats. */
  function injectFaults(rules: readonly FaultRuleInput[]): void {
    emulator.controls.clearFaults();
    emulator.controls.resetStats();
    for (const rule of rules) emulator.controls.addFault(rule);
  }

  /**
   * Removes the fault rules and returns the requests they answered, as `kind:operation:fault`
   * from the emulator's request log. Fails unless every rule fired (a scenario whose faults never
   * fired proves nothing) and the log holds the whole run (it keeps the last 500 requests).
   */
  function removeFaults(): string[] {
    const rules = emulator.controls.faults();
    emulator.controls.clearFaults();
    const fires = rules.map(fired);
    assert.ok(fires.length > 0 && fires.every((n) => n > 0), `a rule never fired: ${JSON.stringify(fires)}`);
    const stats = emulator.controls.stats();
    assert.equal(stats.recent.length, stats.total, "the request log holds the whole run");
    const faulted = stats.recent.filter((r) => r.fault).map((r) => `${r.kind}:${r.operation}:${r.fault}`);
    assert.equal(
      faulted.length,
      fires.reduce((a, b) => a + b, 0),
      "the log agrees with the rules",
    );
    return faulted;
  }

  /** Fails unless some of the `faulted` requests match `pattern`. */
  function assertSomeFaulted(faulted: readonly string[], pattern: RegExp, what: string): void {
    assert.ok(
      faulted.some((r) => pattern.test(r)),
      `expected ${what} among the faulted requests: ${faulted.join(", ")}`,
    );
  }

  /**
   * Removes the lost-answer faults and checks what they did: every fault lost the answer of a
   * mutation that had been applied, and `pattern` matches some of those mutations.
   */
  function removeLostAnswerFaults(pattern: RegExp, what: string): void {
    const faulted = removeFaults();
    assert.equal(emulator.controls.stats().answersLost, faulted.length, "every fault lost an applied answer");
    assertSomeFaulted(faulted, pattern, what);
  }

  /** Runs `operation`, keeping its error text with the engine output (for the secrets scan). */
  async function attempt<T>(operation: Promise<T>): Promise<T | Error> {
    try {
      return await operation;
    } catch (err) {
      engineOutput.push(String(err));
      return err as Error;
    }
  }

  /** Runs `up` without faults and fails unless it changes nothing: the faulty run left nothing to do. */
  async function assertCleanUpChangesNothing(stack: Stack, total: number): Promise<void> {
    const again = await stack.up({ onOutput, parallel: PARALLEL, expectNoChanges: true });
    assert.deepEqual(again.summary.resourceChanges, { same: total });
  }

  /**
   * Fails unless the objects added to the emulator since `baseline` and the stack's state match
   * one to one, with per kind the `declared` number and nothing pending.
   */
  async function assertRunExactlyOnce(
    stack: Stack,
    baseline: readonly StoredItem[],
    declared: Readonly<Record<ResourceKind, number>>,
    label: string,
  ): Promise<void> {
    assertExactlyOnce(
      await exportDeployment(stack),
      addedSince(storeInventory(emulator), baseline),
      declared,
      label,
    );
  }

  describe("the first create answer of every kind lost", () => {
    const { options, total } = everyKindRun();

    it("each resource adopts the object its lost create made, and sends no second create", async () => {
      secrets.push(...everyKindSecrets(options));
      assert.deepEqual(
        [...new Set(Object.values(CREATES).map((c) => c.kind))].sort(),
        Object.keys(RESOURCES_PER_COPY).sort(),
        "every kind is covered",
      );
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-every-kind-lost",
        program: everyKindProgram(options),
      });
      const baseline = storeInventory(emulator);
      // One lost answer per create operation: alternately a 502 after applying, and a dropped connection.
      injectFaults(
        Object.keys(CREATES).map((operation, i) => ({
          operation,
          times: 1,
          fault: i % 2 === 0 ? { kind: "applyThenServerError" } : { kind: "applyThenDrop" },
        })),
      );
      const up = await attempt(stack.up({ onOutput, parallel: PARALLEL }));
      assert.deepEqual(
        emulator.controls.faults().map((rule) => rule.operation),
        [],
        "every create lost one answer",
      );
      emulator.controls.clearFaults();
      assert.equal(emulator.controls.stats().answersLost, Object.keys(CREATES).length);
      const sends = Object.fromEntries(
        Object.keys(CREATES).map((operation) => [operation, emulator.controls.requestCount(operation)]),
      );
      const declared = Object.fromEntries(
        Object.entries(CREATES).map(([operation, c]) => [operation, c.perCopy]),
      );
      await assertRunExactlyOnce(stack, baseline, RESOURCES_PER_COPY, "after one lost answer per kind");
      assert.deepEqual(
        sends,
        declared,
        "one create sent per resource: the lost ones were adopted, not repeated",
      );
      assert.ok(!(up instanceof Error), `the up failed: ${String(up)}`);
      assert.deepEqual(up.summary.resourceChanges, { create: total });
    });
  });

  describe("10 % of mutation answers lost: applied, then HTTP 502 or a dropped connection", () => {
    const { options, count, total } = everyKindRun(COPIES);
    const expected = expectedCounts(COPIES);
    const loseAnswers: FaultRuleInput[] = [
      { operationKind: "mutation", share: 0.05, fault: { kind: "applyThenServerError", status: 502 } },
      { operationKind: "mutation", share: 0.05, fault: { kind: "applyThenDrop" } },
    ];
    let stack: Stack;
    let baseline: StoredItem[];

    before(async () => {
      assert.ok(count >= 60, `the program declares ${count} resources`);
      secrets.push(...everyKindSecrets(options));
      stack = await inlineStack(sandbox, {
        projectName: "e2e-lost-answers",
        program: everyKindProgram(options),
      });
      baseline = storeInventory(emulator);
    });

    it(`creates ${count} resources of every kind exactly once`, async () => {
      injectFaults(loseAnswers);
      const up = await attempt(stack.up({ onOutput, parallel: PARALLEL }));
      removeLostAnswerFaults(/^mutation:\w+(Create|Attach):/, "a create whose answer was lost");
      assert.ok(!(up instanceof Error), `the up with lost answers failed: ${String(up)}`);
      assert.equal(up.summary.resourceChanges?.create, total, JSON.stringify(up.summary.resourceChanges));

      await assertCleanUpChangesNothing(stack, total);
      await assertRunExactlyOnce(stack, baseline, expected, "after the create");
    });

    const updates = LABELLED.reduce((sum, kind) => sum + expected[kind], 0);

    it(`updates the labels of ${updates} resources exactly once`, async () => {
      assert.ok(updates >= 20, `${updates} updates`);
      stack.workspace.program = relabelled(everyKindProgram(options), NEW_LABEL);

      injectFaults(loseAnswers);
      const up = await attempt(stack.up({ onOutput, parallel: PARALLEL }));
      removeLostAnswerFaults(/^mutation:\w+Update:/, "an update whose answer was lost");
      assert.ok(!(up instanceof Error), `the up with lost answers failed: ${String(up)}`);
      assert.equal(up.summary.resourceChanges?.update, updates, JSON.stringify(up.summary.resourceChanges));
      assert.equal(up.summary.resourceChanges?.same, total - updates);

      await assertCleanUpChangesNothing(stack, total);
      await assertRunExactlyOnce(stack, baseline, expected, "after the update");
      const snapshot = emulator.store.toJSON();
      const relabelledIds = LABELLED_COLLECTIONS.flatMap((name) =>
        Object.values(snapshot[name] ?? {})
          .map((r) => r as { id: string; labels: string[] })
          .filter((r) => r.labels.includes(NEW_LABEL))
          .map((r) => r.id),
      );
      assert.equal(relabelledIds.length, updates, "every labelled object carries the new label");
    });

    it("destroys everything it made, leaving no object of the run", async () => {
      injectFaults(loseAnswers);
      // The destroy with faults may fail; the one without must finish the job.
      const first = await attempt(stack.destroy({ onOutput, parallel: PARALLEL }));
      removeLostAnswerFaults(/^mutation:\w+(Delete|Detach):/, "a delete whose answer was lost");

      if (first instanceof Error) await stack.destroy({ onOutput, parallel: PARALLEL });
      const left = addedSince(storeInventory(emulator), baseline);
      assert.deepEqual(left, [], "objects of the run left");
      const deployment = await exportDeployment(stack);
      assert.deepEqual(stateInventory(deployment), [], "the stack is empty");
      assert.deepEqual(deployment.pending_operations ?? [], []);
      await stack.workspace.removeStack("test");
    });
  });

  describe("10 % HTTP 503 and 10 % HTTP 429 on every call, queries and mutations alike", () => {
    const { options, count, total } = everyKindRun(COPIES);

    it(`creates ${count} resources in one run, each exactly once`, async () => {
      secrets.push(...everyKindSecrets(options));
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-failing-calls",
        program: everyKindProgram(options),
      });
      const baseline = storeInventory(emulator);
      // Counted per kind, so that queries get both faults however they interleave with mutations
      // under parallelism (one count over all calls left it to the interleaving whether any query
      // landed on a 429).
      injectFaults(
        (["query", "mutation"] as const).flatMap((operationKind) => [
          { operationKind, share: 0.1, fault: { kind: "serverError", status: 503 } } as const,
          // This rule sees the 90 % of calls the first one let through: 1/9 of them is 10 % of all.
          { operationKind, share: 1 / 9, fault: { kind: "rateLimit", retryAfterSeconds: 1 } } as const,
        ]),
      );
      const up = await attempt(stack.up({ onOutput, parallel: PARALLEL }));
      const faulted = removeFaults();
      assert.equal(emulator.controls.stats().answersLost, 0, "these faults stop calls before they run");
      assertSomeFaulted(faulted, /^query:\w+:serverError$/, "a query answered 503");
      assertSomeFaulted(faulted, /^query:\w+:rateLimit$/, "a query answered 429");
      assertSomeFaulted(faulted, /^mutation:\w+(Create|Attach):serverError$/, "a create answered 503");
      assertSomeFaulted(faulted, /^mutation:\w+:rateLimit$/, "a mutation answered 429");
      assert.ok(!(up instanceof Error), `the up failed: ${String(up)}`);
      assert.equal(up.summary.resourceChanges?.create, total, JSON.stringify(up.summary.resourceChanges));

      const preview = await stack.preview({ onOutput });
      assert.deepEqual(preview.changeSummary, { same: total }, "a preview after the run must change nothing");
      await assertRunExactlyOnce(stack, baseline, expectedCounts(COPIES), "after the create");
    });
  });

  // Declared after the scenarios, and in a suite of its own, so that it runs after them.
  describe("secrets", () => {
    it("keeps every secret out of the state files and the engine output", () => {
      assert.ok(engineOutput.length > 0, "the engine output was captured");
      assertNoSecrets({ backend: readBackendFiles(sandbox), output: engineOutput.join("\n") }, secrets);
    });
  });
});
