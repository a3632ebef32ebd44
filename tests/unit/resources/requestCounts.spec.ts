import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import type { Values } from "../../../provider/engine/values";
import { context, environmentVariable, stack } from "../../../provider/resources";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { EmulatedEngines } from "./emulatedEngine";

/**
 * How many requests the engine makes against the emulator (through the real client) for the
 * steps whose cost grows with the number of resources: deleting stacks, reading deleted objects,
 * and the look-up before a create. Counts, never times.
 */

const checked = (descriptor: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(descriptor, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

describe("requests per resource against the emulator", function () {
  let env: EmulatedEngines;
  let n = 0;
  const unique = (what: string) => `${what}-${++n}`;

  beforeEach(async () => {
    // Deleted stacks stay `deleting` for a second, as Spacelift's do for a while.
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 1000 });
  });
  afterEach(() => env.close());

  it("deletes K stacks deleted concurrently with K deletes, two batched polls and no Viewer query", async () => {
    const stacks = env.engine(stack);
    const made = [];
    for (let i = 0; i < 6; i++) {
      made.push(
        await stacks.create(checked(stack, { name: unique("stack"), repository: "r", branch: "main" })),
      );
    }
    env.emulator.controls.resetStats();
    // The engine's clock moves only when it sleeps; a real pause first lets every delete's answer
    // arrive, as they would within moments of each other in a destroy.
    env.beforeSleep = () => new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(made.map(({ id, outs }) => stacks.delete(id, outs)));

    assert.equal(env.count("StackDelete"), 6);
    // At 0.5 s every stack is still deleting; at 1.5 s all are gone.
    assert.equal(env.count("StackRead"), 2);
    assert.equal(env.count("Viewer"), 0);
    assert.deepEqual(
      env.variablesOf("StackRead").map((v) => Object.keys(v).length),
      [6, 6],
    );
    for (const { id } of made) assert.equal(env.emulator.store.collection("stacks").has(id), false);
  });

  it("refreshes a deleted stack with one request and no Viewer query", async () => {
    const stacks = env.engine(stack);
    const { id, outs } = await stacks.create(
      checked(stack, { name: unique("stack"), repository: "r", branch: "main" }),
    );
    await stacks.delete(id, outs);
    env.emulator.controls.resetStats();
    assert.deepEqual(await stacks.read(id, outs), {});
    assert.equal(env.count("StackRead"), 1);
    assert.equal(env.count("Viewer"), 0);
  });

  it("makes no Viewer query when a create's look-up finds nothing", async () => {
    const parent = await env.engine(context).create({ name: unique("ctx") });
    const variables = env.engine(environmentVariable);
    const before = env.sent.length;
    await variables.create({ contextId: parent.id, name: "TOKEN", value: "v" });
    const names = env.sent.slice(before).map((r) => r.operationName);
    assert.equal(names.filter((name) => name === "Viewer").length, 0);
    assert.equal(names.length, 2, `a look-up and the create, not ${names.join(", ")}`);
  });

  it("never takes an anonymous poll's empty answer for gone: the token is refreshed and the poll repeated", async () => {
    await env.close();
    // Reads bearing a token the emulator no longer accepts answer null, as Spacelift's do.
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 12_000, anonymousReads: "null" });
    const stacks = env.engine(stack);
    const { id, outs } = await stacks.create(
      checked(stack, { name: unique("stack"), repository: "r", branch: "main" }),
    );
    env.emulator.controls.resetStats();
    let revoked = false;
    env.beforeSleep = async () => {
      // Spacelift stops accepting the token while the deletion is awaited: the next poll is
      // answered as to an anonymous caller, with the stack null.
      if (!revoked) env.emulator.controls.expireAllTokens();
      revoked = true;
    };
    const started = env.nowMs;
    await stacks.delete(id, outs);

    assert.ok(env.nowMs - started >= 12_000, "the delete ended only once the stack was really gone");
    assert.equal(env.count("ApiKeyUser"), 1, "one fresh token");
    assert.equal(env.count("Viewer"), 2, "the anonymous token found refused, the fresh one accepted");
    // 0.5 s anonymous, 0.5 s again with the fresh token, then 1.5, 3.5, 7.5 and 12.5 s.
    assert.equal(env.count("StackRead"), 6);
  });
});
