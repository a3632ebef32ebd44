import assert from "node:assert/strict";
import { DEFAULT_RUN_PHASE_MS, failNextRuns, runsOfStack } from "../../emulator/resolvers/runs/records";
import { Harness } from "./harness";

const TASK = `mutation($stack: ID!, $command: String!, $skip: Boolean) {
  taskCreate(stack: $stack, command: $command, skipInitialization: $skip) { id state type finished }
}`;
const STATE = `query($stackId: ID!, $runId: ID!) {
  stack(id: $stackId) { runResourceState(id: $runId) { id state finished } blocker { id } }
}`;

interface TaskRun {
  id: string;
  state: string;
  type: string;
  finished: boolean;
}

const PHASE = DEFAULT_RUN_PHASE_MS;

describe("emulator tasks", () => {
  let h: Harness;
  const createTask = async (vars: Record<string, unknown> = {}) =>
    (await h.ok<{ taskCreate: TaskRun }>(TASK, { stack: "infra", command: "terraform state list", ...vars }))
      .taskCreate;
  const stateOf = async (runId: string) =>
    (
      await h.ok<{ stack: { runResourceState: Omit<TaskRun, "type"> | null; blocker: unknown } }>(STATE, {
        stackId: "infra",
        runId,
      })
    ).stack;

  beforeEach(() => {
    h = new Harness();
    // Without auto-deploy a tracked run would wait for confirmation; a task never does.
    h.seed({ stacks: [{ name: "infra", autodeploy: false }] });
  });

  it("runs the command as a TASK run through queued, preparing and performing to finished", async () => {
    const run = await createTask();
    assert.deepEqual(
      { state: run.state, type: run.type, finished: run.finished },
      {
        state: "QUEUED",
        type: "TASK",
        finished: false,
      },
    );
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { runResourceState, blocker } = await stateOf(run.id);
      seen.push(runResourceState!.state);
      assert.equal(blocker, null, "a task does not hold the stack's queue of tracked runs");
      h.nowMs += PHASE;
    }
    assert.deepEqual(seen, ["QUEUED", "PREPARING", "PERFORMING", "FINISHED"]);
    assert.equal((await stateOf(run.id)).runResourceState!.finished, true);
  });

  it("keeps the command and whether initialization is skipped with the run", async () => {
    const run = await createTask({ command: "ls -la", skip: true });
    const stored = runsOfStack(h.store, "infra").find((r) => r.id === run.id);
    assert.deepEqual([stored?.type, stored?.command, stored?.skipInitialization], ["TASK", "ls -la", true]);
    const plain = await createTask();
    assert.equal(runsOfStack(h.store, "infra").find((r) => r.id === plain.id)?.skipInitialization, false);
  });

  it("fails after performing when the stack's next run is set to fail", async () => {
    failNextRuns(h.store, "infra", 1);
    const run = await createTask();
    h.nowMs += 3 * PHASE;
    assert.deepEqual((await stateOf(run.id)).runResourceState, {
      id: run.id,
      state: "FAILED",
      finished: true,
    });
  });

  it("is refused for an empty command, a missing stack and a disabled stack", async () => {
    assert.match(await h.fails(TASK, { stack: "infra", command: " " }), /command must not be empty/);
    assert.match(await h.fails(TASK, { stack: "nope", command: "ls" }), /not found/);
    await h.ok(`mutation { stackDisable(id: "infra") { id } }`);
    assert.match(await h.fails(TASK, { stack: "infra", command: "ls" }), /disabled/);
    assert.equal(runsOfStack(h.store, "infra").length, 0);
  });
});
