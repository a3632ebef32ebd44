import { strict as assert } from "node:assert";
import type { AnswerReceipt, ApiPort, OperationSpec, SignInCheck } from "../../../provider/engine/api";
import { defineResource } from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { apiError, widget } from "./fakes";

/**
 * Asynchronous deletions of one kind are awaited together: one batched read per round asks about
 * every object awaited, each under its own alias, with `viewer` as proof of sign-in. Each object keeps
 * its own deadline, `failedWhen` check and errors.
 */

/** What the fake API holds about one widget being deleted. */
type State = "deleting" | "stopped" | "gone" | Error;

interface Request {
  readonly name: string;
  readonly document: string;
  readonly variables: Record<string, unknown>;
}

interface Fake {
  readonly engine: ResourceEngine;
  readonly requests: Request[];
  /** Reads' requests only. */
  polls(): Request[];
  readonly states: Map<string, State>;
  /** Checks the port was asked to make, with what they answered. */
  readonly checks: SignInCheck[];
  /** Fake epoch milliseconds; moves only when the engine sleeps. */
  now(): number;
  /** Every pause the engine asked for, in milliseconds. */
  readonly sleeps: number[];
}

/**
 * An engine over a fake port that answers batched widget reads alias by alias from `states`.
 * `viewer` is answered signed in unless `anonymous()` says otherwise for that request; `confirm`
 * answers the port's sign-in checks in turn.
 */
function setup(
  options: {
    descriptor?: typeof widget;
    env?: Record<string, string>;
    anonymous?: (pollIndex: number) => boolean;
    confirm?: SignInCheck[];
    /** Moves states along before each poll is answered (poll index from 0). */
    beforePoll?: (pollIndex: number, states: Map<string, State>) => void;
  } = {},
): Fake {
  let clock = 1_000_000;
  const requests: Request[] = [];
  const states = new Map<string, State>();
  const checks: SignInCheck[] = [];
  const sleeps: number[] = [];
  const confirmations = [...(options.confirm ?? [])];
  let polls = 0;
  const port: ApiPort = {
    async run<T>(op: OperationSpec, variables: Record<string, unknown>, receipt?: AnswerReceipt): Promise<T> {
      requests.push({ name: op.name, document: op.document, variables });
      if (receipt) receipt.answeredBy = `token-${requests.length}`;
      if (op.name === "WidgetDelete") return { widgetDelete: { id: variables["id"] } } as T;
      if (op.name !== "WidgetRead") throw new Error(`unexpected ${op.name}`);
      const index = polls++;
      options.beforePoll?.(index, states);
      const data: Record<string, unknown> = {
        viewer: options.anonymous?.(index) ? null : { id: "alice" },
      };
      for (const [name, id] of Object.entries(variables)) {
        const alias = `d${/_(\d+)$/.exec(name)![1]}`;
        const state = states.get(String(id)) ?? "gone";
        if (state instanceof Error) throw Object.assign(state, { graphqlPath: [alias, "id"] });
        data[alias] = state === "gone" ? null : { id, name: String(id), deleting: state === "deleting" };
      }
      return data as T;
    },
    async confirmSignedIn(): Promise<SignInCheck> {
      const answer = confirmations.shift();
      if (answer === undefined) throw new Error("confirmSignedIn called more often than the test expected");
      checks.push(answer);
      return answer;
    },
  };
  const engine = new ResourceEngine(options.descriptor ?? widget, {
    api: port,
    now: () => clock,
    // The clock moves only after the other deletions started alongside have reached their wait
    // (they run on microtasks), as they would within the batch window on a real clock.
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
      clock += ms;
    },
    env: options.env ?? {},
  });
  return {
    engine,
    requests,
    polls: () => requests.filter((r) => r.name === "WidgetRead"),
    states,
    checks,
    now: () => clock,
    sleeps,
  };
}

const ids = (k: number, from = 0) => Array.from({ length: k }, (_, i) => `w-${from + i}`);

/** Settles every promise, naming what each delete ended with. */
async function outcomes(deletes: Promise<void>[]): Promise<(string | undefined)[]> {
  return (await Promise.allSettled(deletes)).map((r) =>
    r.status === "fulfilled" ? undefined : String(r.reason),
  );
}

describe("engine: asynchronous deletions are polled in batches", () => {
  it("deletes K objects deleted concurrently with K deletes, one batched poll, and no sign-in check", async () => {
    // Spacelift has finished every deletion by the first poll, 500 ms after the deletes.
    const fake = setup();
    await Promise.all(ids(8).map((id) => fake.engine.delete(id, { name: id })));

    assert.equal(fake.requests.filter((r) => r.name === "WidgetDelete").length, 8);
    assert.equal(fake.polls().length, 1);
    assert.deepEqual(fake.checks, [], "the poll's own viewer proves the token accepted");
    const poll = fake.polls()[0]!;
    assert.deepEqual(poll.variables, Object.fromEntries(ids(8).map((id, i) => [`id_${i}`, id])));
    assert.match(
      poll.document,
      /^query WidgetRead\(\$id_0: ID!, \$id_1: ID!, .*\$id_7: ID!\) \{ d0: widget\(id: \$id_0\) /,
    );
    assert.match(poll.document, / d7: widget\(id: \$id_7\) \{[^]*\} viewer \{ id \} \}$/);
  });

  it("asks about at most 50 objects per request", async () => {
    const fake = setup();
    await Promise.all(ids(120).map((id) => fake.engine.delete(id, { name: id })));
    assert.deepEqual(
      fake.polls().map((p) => Object.keys(p.variables).length),
      [50, 50, 20],
    );
  });

  it("waits 500 ms before the first poll, since Spacelift deletes in the background", async () => {
    let polledAt: number | undefined;
    const fake: Fake = setup({
      beforePoll: () => {
        polledAt ??= fake.now();
      },
    });
    const started = fake.now();
    await fake.engine.delete("w-1", { name: "w" });
    assert.equal(polledAt! - started, 500);
    assert.equal(fake.polls().length, 1);
  });

  it("asks about every awaited object in a round, also those whose own poll is not due yet", async () => {
    let second: Promise<void> | undefined;
    const fake: Fake = setup({
      beforePoll: (i) => {
        // While the first object is being asked about, a second deletion is requested.
        if (i === 0) second = fake.engine.delete("w-1", { name: "w-1" });
        if (i === 1) fake.states.set("w-0", "gone");
      },
    });
    fake.states.set("w-0", "deleting");
    fake.states.set("w-1", "deleting");
    const first = fake.engine.delete("w-0", { name: "w-0" });
    await new Promise((resolve) => setImmediate(resolve));
    while (second === undefined) await new Promise((resolve) => setImmediate(resolve));
    fake.states.set("w-1", "gone");
    await Promise.all([first, second]);
    // The second object's first poll came before the first object's second one; that round asked
    // about both and found both gone, so no third round was needed.
    assert.deepEqual(
      fake.polls().map((p) => Object.values(p.variables)),
      [["w-0"], ["w-0", "w-1"]],
    );
  });

  it("asks at once when five objects await their first poll, and keeps backing off for those asked before", async () => {
    const fake: Fake = setup({
      beforePoll: (i, states) => {
        // Still being deleted at the first poll; gone at the second.
        if (i === 1) for (const id of ids(5)) states.set(id, "gone");
      },
    });
    for (const id of ids(5)) fake.states.set(id, "deleting");
    await Promise.all(ids(5).map((id) => fake.engine.delete(id, { name: id })));
    // The fifth deletion started a round at once (a 0 ms wake-up) instead of waiting 500 ms; the
    // objects it found still there were asked again after the 1 s pause, not in a loop.
    assert.ok(fake.sleeps.includes(0), `pauses: ${fake.sleeps.join(", ")}`);
    assert.ok(fake.sleeps.includes(1000), `pauses: ${fake.sleeps.join(", ")}`);
    assert.deepEqual(
      fake.polls().map((p) => Object.values(p.variables).length),
      [5, 5],
    );
  });

  it("waits for the first poll's time when fewer than five objects await it", async () => {
    const fake = setup();
    await Promise.all(ids(4).map((id) => fake.engine.delete(id, { name: id })));
    assert.ok(!fake.sleeps.includes(0), `pauses: ${fake.sleeps.join(", ")}`);
    assert.equal(fake.polls().length, 1);
  });

  it("does not poll when the delete's own answer shows the object gone", async () => {
    const tombstoned = defineResource({
      ...widget,
      hooks: { isGone: (raw) => raw["deleted"] === true },
      operations: {
        ...widget.operations,
        delete: {
          ...widget.operations.delete!,
          selection: ["id", "deleted"],
        } as typeof widget.operations.delete,
      },
    });
    const requests: string[] = [];
    const engine = new ResourceEngine(tombstoned, {
      api: {
        async run<T>(op: OperationSpec): Promise<T> {
          requests.push(op.name);
          return { widgetDelete: { id: "w-1", deleted: true } } as T;
        },
      },
      env: {},
    });
    await engine.delete("w-1", { name: "w" });
    assert.deepEqual(requests, ["WidgetDelete"]);
  });

  it("keeps each object's schedule: one still deleting is asked again, the others are done", async () => {
    const fake = setup({
      beforePoll: (i, states) => {
        if (i === 1) states.set("w-0", "gone");
      },
    });
    fake.states.set("w-0", "deleting");
    await Promise.all(ids(3).map((id) => fake.engine.delete(id, { name: id })));
    assert.deepEqual(
      fake.polls().map((p) => Object.values(p.variables)),
      [["w-0", "w-1", "w-2"], ["w-0"]],
    );
  });

  it("fails only the object Spacelift stopped deleting, with its own message", async () => {
    const fake = setup();
    fake.states.set("w-1", "stopped");
    const results = await outcomes(ids(3).map((id) => fake.engine.delete(id, { name: id })));
    assert.equal(results[0], undefined);
    assert.match(results[1]!, /Widget delete failed.*stopped deleting the object before it was gone/);
    assert.equal(results[2], undefined);
    assert.equal(fake.polls().length, 1);
  });

  it("times each object out on its own deadline", async () => {
    // Pauses of 500 ms throughout, so that the second deletion joins the watcher's rounds.
    const quick = defineResource({ ...widget, asyncDelete: { ...widget.asyncDelete, pollIntervalMs: 500 } });
    const fake = setup({ descriptor: quick, env: { SPACELIFT_DELETE_TIMEOUT_SECONDS: "3" } });
    fake.states.set("early", "deleting");
    fake.states.set("late", "deleting");
    const early = fake.engine.delete("early", { name: "early" }).then(
      () => "done",
      (err: unknown) => err,
    );
    // The second deletion is requested 1.5 s later, so its deadline is 1.5 s later too.
    while (fake.now() < 1_001_500) await new Promise((resolve) => setImmediate(resolve));
    let lateSettled = false;
    const late = fake.engine.delete("late", { name: "late" }).then(
      () => "done",
      (err: unknown) => err,
    );
    void late.finally(() => (lateSettled = true));
    const err = await early;
    assert.ok(ResourceOperationError.isInstance(err), String(err));
    assert.equal(err.code, "timeout");
    assert.match(
      err.message,
      /still exists 3s after deletion was requested.*SPACELIFT_DELETE_TIMEOUT_SECONDS/,
    );
    assert.equal(fake.now(), 1_003_000, "the early object fails at its own deadline");
    assert.equal(lateSettled, false, "the later one is still awaited");
    const both = fake.polls().filter((p) => Object.keys(p.variables).length === 2);
    assert.ok(both.length >= 2, "the two objects were asked about in the same requests");
    fake.states.set("late", "gone");
    assert.equal(await late, "done");
  });

  it("fails only the object an error answer names, and asks about the others again at once", async () => {
    const fake = setup();
    fake.states.set("w-1", apiError("permission", "unauthorized: no access to widget w-1"));
    const results = await outcomes(ids(3).map((id) => fake.engine.delete(id, { name: id })));
    assert.equal(results[0], undefined);
    assert.match(
      results[1]!,
      /Widget delete failed \(WidgetRead, permission\): unauthorized: no access to widget w-1/,
    );
    assert.equal(results[2], undefined);
    assert.deepEqual(
      fake.polls().map((p) => Object.values(p.variables)),
      [
        ["w-0", "w-1", "w-2"],
        ["w-0", "w-2"],
      ],
    );
  });

  it("fails every object of a request that failed as a whole", async () => {
    const fake = setup({
      beforePoll: () => {
        throw apiError("transport", "Spacelift answered HTTP 502");
      },
    });
    const results = await outcomes(ids(2).map((id) => fake.engine.delete(id, { name: id })));
    for (const result of results)
      assert.match(result!, /WidgetRead, transport\): Spacelift answered HTTP 502/);
    assert.equal(fake.polls().length, 1);
  });

  it("never concludes gone from an anonymous answer: the token is checked, refreshed and the poll repeated", async () => {
    const fake = setup({
      // The first poll is answered as to an anonymous caller: everything looks gone.
      anonymous: (i) => i === 0,
      beforePoll: (i, states) => {
        states.set("w-0", i === 0 ? "gone" : i === 1 ? "deleting" : "gone");
      },
      confirm: ["refreshed"],
    });
    await fake.engine.delete("w-0", { name: "w" });
    assert.deepEqual(fake.checks, ["refreshed"]);
    // The repeated poll (at once, with the fresh token) finds the stack still deleting; the next
    // one, after the pause, finds it gone and proves it by its own viewer.
    assert.equal(fake.polls().length, 3);
  });

  it("fails the objects whose empty answer cannot be confirmed, after a bounded number of refreshes", async () => {
    const fake = setup({
      anonymous: () => true,
      confirm: ["refreshed", "refreshed", "refreshed", "refreshed", "refreshed"],
    });
    const err = await fake.engine.delete("w-0", { name: "w" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(ResourceOperationError.isInstance(err), String(err));
    assert.equal(err.code, "authentication");
    assert.match(err.message, /could not confirm that the object is gone/);
    assert.equal(fake.polls().length, 5);
  });
});
