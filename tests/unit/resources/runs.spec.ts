import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import type { Values } from "../../../provider/engine/values";
import { run, stack, stackActivator, stackDestructor } from "../../../provider/resources";
import { EmulatedEngines } from "./emulatedEngine";

const checked = (descriptor: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(descriptor, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

async function failure(p: Promise<unknown>): Promise<ResourceOperationError> {
  try {
    await p;
  } catch (err) {
    assert.ok(ResourceOperationError.isInstance(err), String(err));
    return err;
  }
  assert.fail("expected the create to fail");
}

describe("Run against the emulator", () => {
  let env: EmulatedEngines;
  let n = 0;
  const newStack = async (extra: Values = {}): Promise<string> =>
    (
      await env
        .engine(stack)
        .create(checked(stack, { name: `runs-${++n}`, repository: "r", branch: "main", ...extra }))
    ).id;

  before(async () => {
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 0 });
  });
  after(() => env.emulator.close());

  it("triggers a tracked run without waiting unless asked to", async () => {
    const stackId = await newStack({ autodeploy: true });
    const { id, outs } = await env.engine(run).create(checked(run, { stackId, keepers: { v: "1" } }));
    assert.match(id, /^[0-9A-Z]{26}$/);
    assert.deepEqual(outs, { stackId, keepers: { v: "1" }, proposed: false });
    assert.deepEqual(env.variablesOf("RunTrigger").at(-1), {
      stack: stackId,
      commitSha: null,
      runType: "TRACKED",
    });
    assert.equal(env.count("RunRead"), 0);
    // Refresh reads the run through its stack; it stays until the stack is gone.
    assert.deepEqual((await env.engine(run).read(id, outs)).props, outs);
  });

  it("waits for the run to finish, polling on the engine's clock", async () => {
    const stackId = await newStack({ autodeploy: true });
    const before = env.sleeps.length;
    await env.engine(run).create(checked(run, { stackId, proposed: true, wait: {} }));
    assert.equal(env.variablesOf("RunTrigger").at(-1)!["runType"], "PROPOSED");
    assert.ok(env.sleeps.length > before, "the create waited");
  });

  it("fails the create when the run fails (the emulator's failing-runs control)", async () => {
    const stackId = await newStack({ autodeploy: true });
    await env.emulator.controls.failNextRuns(stackId, 1);
    const err = await failure(env.engine(run).create(checked(run, { stackId, wait: {} })));
    assert.match(err.message, /ended failed; expected finished/);
    // The next run finishes.
    await env.engine(run).create(checked(run, { stackId, wait: {} }));
  });

  it("accepts the final states listed, and unconfirmed ends the wait on a stack without autodeploy", async () => {
    const stackId = await newStack();
    const err = await failure(env.engine(run).create(checked(run, { stackId, wait: {} })));
    assert.match(err.message, /ended unconfirmed/);
    await env
      .engine(run)
      .create(checked(run, { stackId, wait: { continueOnStates: ["finished", "unconfirmed"] } }));
  });

  it("times out after SPACELIFT_RUN_TIMEOUT_SECONDS unless a timeout is accepted", async () => {
    const stackId = await newStack({ autodeploy: true });
    const engine = env.engine(run, { SPACELIFT_RUN_TIMEOUT_SECONDS: "0.1" });
    const err = await failure(engine.create(checked(run, { stackId, wait: {} })));
    assert.equal(err.code, "timeout");
    await engine.create(checked(run, { stackId, wait: { continueOnTimeout: true } }));
  });

  it("refuses to trigger a run on a stack a StackActivator disabled, and runs once it enables it", async () => {
    const stackId = await newStack({ autodeploy: true });
    const activator = env.engine(stackActivator);
    const made = await activator.create(checked(stackActivator, { stackId, enabled: false }));
    assert.match(made.id, /^activator-\d+$/);
    const err = await failure(env.engine(run).create(checked(run, { stackId })));
    assert.match(err.message, /disabled/);
    await activator.update(made.id, made.outs, checked(stackActivator, { stackId, enabled: true }));
    await env.engine(run).create(checked(run, { stackId }));
    // Destroying the activator leaves the stack enabled and sends nothing.
    const sent = env.sent.length;
    await activator.delete(made.id, made.outs);
    assert.equal(env.sent.length, sent);
  });

  describe("StackDestructor", () => {
    it("only reads the stack on create, stores updates, and destroys then deletes the stack on destroy", async () => {
      const stackId = await newStack({ autodeploy: true });
      const engine = env.engine(stackDestructor);
      const sent = env.sent.length;
      const made = await engine.create(checked(stackDestructor, { stackId }));
      assert.match(made.id, /^destructor-\d+$/);
      assert.deepEqual(
        env.sent.slice(sent).map((r) => r.operationName),
        ["StackDestructorRead"],
      );
      const updated = await engine.update(
        made.id,
        made.outs,
        checked(stackDestructor, { stackId, discardRuns: true }),
      );
      assert.equal(env.sent.length, sent + 1, "an update sends nothing");
      assert.equal(updated.outs["createdAt"], made.outs["createdAt"]);

      // A queued run is discarded first; the destroy run then goes before the stack disappears.
      await env.engine(run).create(checked(run, { stackId }));
      await engine.delete(made.id, updated.outs);
      assert.deepEqual(env.variablesOf("StackDestructorDelete").at(-1), {
        id: stackId,
        destroyResources: true,
      });
      assert.equal(env.variablesOf("StackDestructorDiscardRuns").length, 1);
      assert.deepEqual((await engine.read(made.id, updated.outs)).props, undefined);
    });

    it("fails the destroy when the destroy run fails, and keeps the stack", async () => {
      const stackId = await newStack();
      const engine = env.engine(stackDestructor);
      const made = await engine.create(checked(stackDestructor, { stackId }));
      await env.emulator.controls.failNextRuns(stackId, 1);
      const err = await failure(engine.delete(made.id, made.outs));
      assert.match(err.message, /stopped deleting/);
      assert.equal((await engine.read(made.id, made.outs)).id, made.id);
    });

    it("leaves the stack alone when deactivated, and refuses a stack that does not exist", async () => {
      const stackId = await newStack();
      const engine = env.engine(stackDestructor);
      const made = await engine.create(checked(stackDestructor, { stackId, deactivated: true }));
      const sent = env.sent.length;
      await engine.delete(made.id, made.outs);
      assert.equal(env.sent.length, sent);
      const err = await failure(engine.create(checked(stackDestructor, { stackId: "no-such-stack" })));
      assert.match(err.message, /stack "no-such-stack" does not exist/);
    });
  });
});
