import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { DEFAULT_RUN_PHASE_MS, failNextRuns } from "../../emulator/resolvers/runs/records";
import { Harness, stackInput } from "./harness";

const TRIGGER = `mutation($stack: ID!, $commitSha: String, $runType: RunType) {
  runTrigger(stack: $stack, commitSha: $commitSha, runType: $runType) { id state type finished commitSha triggeredBy createdAt }
}`;
const RESOURCE_CREATE = `mutation($stack: ID!, $commitSha: String, $proposed: Boolean) {
  runResourceCreate(stack: $stack, commitSha: $commitSha, proposed: $proposed)
}`;
const STATE = `query($stackId: ID!, $runId: ID!) {
  stack(id: $stackId) { runResourceState(id: $runId) { id state finished } }
}`;
const DISCARD = `mutation($stack: ID!) { runDiscardAll(stack: $stack, note: "cleanup") { discardedRuns { id state } failedDiscarding } }`;
const BLOCKER = `query($id: ID!) { stack(id: $id) { blocker { id state } runs { id state type } } }`;

interface RunState {
  id: string;
  state: string;
  finished: boolean;
}

const PHASE = DEFAULT_RUN_PHASE_MS;

describe("emulator runs", () => {
  let h: Harness;
  const trigger = async (vars: Record<string, unknown> = {}) =>
    (await h.ok<{ runTrigger: RunState & { type: string } }>(TRIGGER, { stack: "infra", ...vars }))
      .runTrigger;
  const stateOf = async (runId: string, stackId = "infra"): Promise<RunState | null> =>
    (await h.ok<{ stack: { runResourceState: RunState | null } }>(STATE, { stackId, runId })).stack
      .runResourceState;

  beforeEach(() => {
    h = new Harness();
    // The tracked runs of an auto-deploying stack apply without confirmation.
    h.seed({ stacks: [{ name: "infra", autodeploy: true }] });
  });

  it("moves a tracked run through queued, preparing, planning and applying to finished on the clock", async () => {
    const run = await trigger({ commitSha: "abc123" });
    assert.equal(run.state, "QUEUED");
    assert.equal(run.type, "TRACKED");
    assert.equal(run.finished, false);
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push((await stateOf(run.id))!.state);
      h.nowMs += PHASE;
    }
    assert.deepEqual(seen, ["QUEUED", "PREPARING", "PLANNING", "APPLYING", "FINISHED"]);
    assert.deepEqual(await stateOf(run.id), { id: run.id, state: "FINISHED", finished: true });
  });

  it("finishes a proposed run after planning; runResourceCreate (v1.9.3) returns only the id", async () => {
    const proposed = await trigger({ runType: "PROPOSED" });
    h.nowMs += 3 * PHASE;
    assert.equal((await stateOf(proposed.id))!.state, "FINISHED");
    const created = await h.ok<{ runResourceCreate: string }>(RESOURCE_CREATE, {
      stack: "infra",
      proposed: true,
    });
    assert.match(created.runResourceCreate, /^[0-9A-Z]{26}$/);
    assert.equal((await stateOf(created.runResourceCreate))!.state, "QUEUED");
  });

  it("stops a tracked run at UNCONFIRMED when the stack does not auto-deploy", async () => {
    await h.ok(`mutation($input: StackInput!) { stackCreate(input: $input, manageState: true) { id } }`, {
      input: stackInput("manual"),
    });
    const run = (await h.ok<{ runTrigger: RunState }>(TRIGGER, { stack: "manual" })).runTrigger;
    h.nowMs += 10 * PHASE;
    assert.deepEqual(await stateOf(run.id, "manual"), { id: run.id, state: "UNCONFIRMED", finished: false });
    const blocked = await h.ok<{ stack: { blocker: { id: string } | null } }>(BLOCKER, { id: "manual" });
    assert.equal(blocked.stack.blocker?.id, run.id);
  });

  it("fails the next runs of a stack when told to, then runs normally again", async () => {
    failNextRuns(h.store, "infra", 1);
    const failing = await trigger();
    const fine = await trigger();
    h.nowMs += 10 * PHASE;
    assert.deepEqual(await stateOf(failing.id), { id: failing.id, state: "FAILED", finished: true });
    assert.equal((await stateOf(fine.id))!.state, "FINISHED");
  });

  it("refuses runs on a disabled stack and on an unknown one; unknown runs read as null", async () => {
    await h.ok(`mutation { stackDisable(id: "infra") { id } }`);
    assert.match(await h.fails(TRIGGER, { stack: "infra" }), /disabled/);
    await h.ok(`mutation { stackEnable(id: "infra") { id } }`);
    await trigger();
    assert.match(await h.fails(TRIGGER, { stack: "nope" }), /not found/);
    assert.equal(await stateOf("01J00000000000000000000000"), null);
  });

  it("discards queued runs only, and reports the oldest unfinished tracked run as the blocker", async () => {
    const started = await trigger();
    h.nowMs += PHASE;
    const queued = await trigger();
    const discarded = await h.ok<{
      runDiscardAll: { discardedRuns: RunState[]; failedDiscarding: string[] };
    }>(DISCARD, { stack: "infra" });
    assert.deepEqual(discarded.runDiscardAll, {
      discardedRuns: [{ id: queued.id, state: "DISCARDED" }],
      failedDiscarding: [],
    });
    const view = await h.ok<{ stack: { blocker: { id: string } | null; runs: { id: string }[] } }>(BLOCKER, {
      id: "infra",
    });
    assert.equal(view.stack.blocker?.id, started.id);
    assert.deepEqual(
      view.stack.runs.map((r) => r.id),
      [queued.id, started.id],
      "newest first",
    );
    h.nowMs += 10 * PHASE;
    const after = await h.ok<{ stack: { blocker: unknown } }>(BLOCKER, { id: "infra" });
    assert.equal(after.stack.blocker, null);
  });

  it("forgets a stack's runs when the stack is gone", async () => {
    const run = await trigger();
    await h.ok(`mutation { stackDelete(id: "infra") { id } }`);
    h.nowMs += 60_000;
    assert.deepEqual(await h.ok(`{ stacks { id } }`), { stacks: [] });
    assert.equal(h.store.collection("runs").has(run.id), false);
  });

  it("destroys resources with a run before deleting the stack; a failing destroy run keeps it", async () => {
    const DELETE = `mutation($id: ID!) { stackDelete(id: $id, destroyResources: true) { id deleting } }`;
    const READ = `query($id: ID!) { stack(id: $id) { id deleting } }`;
    const destroyMs = 4 * PHASE;
    await h.ok(DELETE, { id: "infra" });
    h.nowMs += destroyMs - 1;
    assert.deepEqual(await h.ok(READ, { id: "infra" }), { stack: { id: "infra", deleting: true } });
    h.nowMs += 1000;
    assert.deepEqual(await h.ok(READ, { id: "infra" }), { stack: null });

    h.seed({ stacks: [{ name: "kept" }] });
    failNextRuns(h.store, "kept", 1);
    await h.ok(DELETE, { id: "kept" });
    h.nowMs += destroyMs + 1000;
    assert.deepEqual(await h.ok(READ, { id: "kept" }), { stack: { id: "kept", deleting: false } });
  });

  it("serves the failing-runs control on the handle and over HTTP", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const bad = await fetch(`${emulator.url}/_emulator/runs/fail`, { method: "POST", body: "{}" });
      assert.equal(bad.status, 400);
      const good = await fetch(`${emulator.url}/_emulator/runs/fail`, {
        method: "POST",
        body: JSON.stringify({ stack: "infra", count: 2 }),
      });
      assert.equal(good.status, 200);
      await emulator.controls.failNextRuns("infra", 0);
      const negative = await fetch(`${emulator.url}/_emulator/runs/fail`, {
        method: "POST",
        body: JSON.stringify({ stack: "infra", count: -1 }),
      });
      assert.equal(negative.status, 400);
    } finally {
      await emulator.close();
    }
  });
});
