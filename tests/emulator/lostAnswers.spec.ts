import { strict as assert } from "node:assert";
import type { FaultRuleInput } from "../../emulator/faults";
import type { RequestLogEntry } from "../../emulator/stats";
import { exchangeApiKey, postGraphQL, type PostOptions } from "../helpers/emulator";
import { startFixtureEmulator, type FixtureEmulator } from "./fixtureSchema";

const CREATE = "mutation($id:ID!$text:String!){noteCreate(id: $id, text: $text){id}}";

type CreateData = { noteCreate: { id: string } | null };

/** Polls `condition` until it holds; the server notices some events (a client leaving) a moment later. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether `err` is what the platform fetch throws for a connection reset by the server. */
function isConnectionReset(err: unknown): boolean {
  return err instanceof TypeError && (err.cause as { code?: unknown } | undefined)?.code === "ECONNRESET";
}

describe("emulator faults that apply the operation and lose its answer", () => {
  let emulator: FixtureEmulator;
  let token: string;
  let seq = 0;

  const nextId = () => `lost-${(seq += 1)}`;
  const create = (id: string, options: PostOptions = {}) =>
    postGraphQL<CreateData>(emulator, CREATE, {
      token,
      headers: { "Spacelift-GraphQL-Mutation": "NoteCreate" },
      variables: { id, text: "t" },
      ...options,
    });
  const stored = (id: string) => emulator.store.collection("notes").has(id);
  const lastEntry = (): RequestLogEntry | undefined => emulator.controls.stats().recent.at(-1);
  const fault = (rule: FaultRuleInput) => emulator.controls.addFault(rule);

  before(async () => {
    emulator = await startFixtureEmulator();
    token = await exchangeApiKey(emulator);
  });

  after(() => emulator.close());

  beforeEach(() => emulator.controls.resetStats());

  afterEach(() => emulator.controls.clearFaults());

  it("applyThenServerError keeps the effect, answers HTTP 502 with a JSON error, and a retry meets it", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "applyThenServerError" });
    const id = nextId();

    const lost = await create(id);

    assert.equal(lost.status, 502);
    assert.match(lost.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(lost.data, undefined);
    assert.match(lost.errors?.[0]?.message ?? "", /answer lost/);
    assert.ok(stored(id), "the mutation is applied although its answer was lost");
    const retry = await create(id);
    assert.equal(retry.status, 200);
    assert.deepEqual(
      retry.errors?.map((e) => e.message),
      [`note ${id} already exists`],
    );
    assert.equal(emulator.controls.stats().answersLost, 1);
    assert.deepEqual(
      emulator.controls.stats().recent.map((e) => [e.status, e.fault ?? null, e.answerLost ?? false]),
      [
        [502, "applyThenServerError", true],
        [200, null, false],
      ],
    );
  });

  it("applyThenServerError answers the status it is given", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "applyThenServerError", status: 504 });
    const id = nextId();
    assert.equal((await create(id)).status, 504);
    assert.ok(stored(id));
  });

  it("applyThenDrop keeps the effect and resets the connection without any response", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "applyThenDrop" });
    const id = nextId();

    await assert.rejects(create(id), isConnectionReset);

    assert.ok(stored(id));
    assert.deepEqual(lastEntry(), { ...lastEntry(), status: 0, fault: "applyThenDrop", answerLost: true });
    assert.equal(emulator.controls.stats().answersLost, 1);
    const next = nextId();
    assert.equal((await create(next)).data?.noteCreate?.id, next, "the next call is answered");
  });

  it("applyThenDrop makes the in-process fetch reject as the platform fetch does", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "applyThenDrop" });
    const id = nextId();
    await assert.rejects(create(id, { inProcess: true }), (err: unknown) => err instanceof TypeError);
    assert.ok(stored(id));
    assert.equal(emulator.controls.stats().answersLost, 1);
  });

  it("dropBeforeApply resets the connection before anything is applied", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "dropBeforeApply" });
    const id = nextId();

    await assert.rejects(create(id), isConnectionReset);

    assert.equal(stored(id), false);
    assert.deepEqual(lastEntry(), { ...lastEntry(), status: 0, fault: "dropBeforeApply" });
    assert.equal(lastEntry()?.answerLost, undefined);
    assert.equal(emulator.controls.stats().answersLost, 0);
    assert.equal((await create(id)).data?.noteCreate?.id, id, "the retry applies it once");
  });

  it("slowAnswer applies at once and answers only after delayMs", async () => {
    fault({ operation: "NoteCreate", times: 1, fault: { kind: "slowAnswer", delayMs: 400 } });
    const id = nextId();
    const startedAt = Date.now();
    let answered = false;
    const pending = create(id).then((reply) => {
      answered = true;
      return reply;
    });

    await waitFor(() => stored(id), "the note is stored");
    assert.equal(answered, false, "the answer is held after the note is stored");
    const reply = await pending;

    assert.ok(Date.now() - startedAt >= 390, `answered after ${Date.now() - startedAt} ms`);
    assert.equal(reply.status, 200);
    assert.equal(reply.data?.noteCreate?.id, id);
    assert.equal(lastEntry()?.fault, "slowAnswer");
    assert.equal(emulator.controls.stats().answersLost, 0, "an answer that arrives is not lost");
  });

  it("slowAnswer outlasting the client's timeout leaves the effect and counts the answer lost", async () => {
    fault({ operationKind: "mutation", times: 1, fault: { kind: "slowAnswer", delayMs: 60_000 } });
    const id = nextId();

    await assert.rejects(
      create(id, { signal: AbortSignal.timeout(200) }),
      (err: unknown) => err instanceof DOMException && err.name === "TimeoutError",
    );

    assert.ok(stored(id));
    await waitFor(() => emulator.controls.stats().answersLost === 1, "the held answer is given up");
    assert.deepEqual(lastEntry(), { ...lastEntry(), status: 0, fault: "slowAnswer", answerLost: true });
  });
});

describe("closing an emulator that holds slow answers", () => {
  it("cuts held answers at once, over the network and in process", async () => {
    const emulator = await startFixtureEmulator();
    let closed = false;
    try {
      const token = await exchangeApiKey(emulator);
      emulator.controls.addFault({ share: 1, fault: { kind: "slowAnswer", delayMs: 60_000 } });
      const send = (id: string, inProcess: boolean) =>
        postGraphQL(emulator, CREATE, { token, inProcess, variables: { id, text: "t" } }).then(
          () => "answered",
          (err: unknown) => err,
        );
      const overNetwork = send("held-network", false);
      const inProcess = send("held-in-process", true);
      const notes = emulator.store.collection("notes");
      await waitFor(() => notes.has("held-network") && notes.has("held-in-process"), "both are stored");

      const startedAt = Date.now();
      await emulator.close();
      closed = true;
      const took = Date.now() - startedAt;

      assert.ok(took < 1000, `close took ${took} ms`);
      assert.ok(isConnectionReset(await overNetwork), "the network client sees a reset connection");
      assert.ok((await inProcess) instanceof TypeError, "the in-process fetch rejects");
      assert.equal(emulator.controls.stats().answersLost, 2);
    } finally {
      if (!closed) {
        await emulator.close();
      }
    }
  });

  it("closes at once after a client gave up waiting for a held answer", async () => {
    const emulator = await startFixtureEmulator();
    let closed = false;
    try {
      const token = await exchangeApiKey(emulator);
      emulator.controls.addFault({ share: 1, fault: { kind: "slowAnswer", delayMs: 60_000 } });
      await assert.rejects(
        postGraphQL(emulator, CREATE, {
          token,
          variables: { id: "given-up", text: "t" },
          signal: AbortSignal.timeout(200),
        }),
      );
      await waitFor(() => emulator.controls.stats().answersLost === 1, "the held answer is given up");

      // The client may have opened a spare connection that never carries a request; close must
      // not wait for it.
      const startedAt = Date.now();
      await emulator.close();
      closed = true;
      const took = Date.now() - startedAt;

      assert.ok(took < 1000, `close took ${took} ms`);
    } finally {
      if (!closed) {
        await emulator.close();
      }
    }
  });
});
