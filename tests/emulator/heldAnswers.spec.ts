import { strict as assert } from "node:assert";
import * as sinon from "sinon";
import { HeldAnswers } from "../../emulator/heldAnswers";

describe("HeldAnswers", () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });

  afterEach(() => clock.restore());

  it("releases an answer when its time is up and leaves no timer behind", async () => {
    const held = new HeldAnswers();
    let result: boolean | undefined;
    void held.hold(1000, undefined).then((elapsed) => (result = elapsed));
    await clock.tickAsync(999);
    assert.equal(result, undefined);
    await clock.tickAsync(1);
    assert.equal(result, true);
    assert.equal(held.size, 0);
    assert.equal(clock.countTimers(), 0);
  });

  it("cuts a hold short when its client goes away", async () => {
    const held = new HeldAnswers();
    const client = new AbortController();
    const pending = held.hold(60_000, client.signal);
    client.abort();
    assert.equal(await pending, false);
    assert.equal(clock.countTimers(), 0);
    assert.equal(await held.hold(60_000, client.signal), false, "a client already gone is not held");
  });

  it("cuts every hold on releaseAll, clears their timers and holds nothing afterwards", async () => {
    const held = new HeldAnswers();
    const pending = [held.hold(60_000, undefined), held.hold(120_000, new AbortController().signal)];
    assert.equal(held.size, 2);
    held.releaseAll();
    assert.deepEqual(await Promise.all(pending), [false, false]);
    assert.equal(held.size, 0);
    assert.equal(clock.countTimers(), 0);
    assert.equal(await held.hold(10, undefined), false);
    assert.equal(clock.countTimers(), 0);
  });
});
