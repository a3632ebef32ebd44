import { strict as assert } from "node:assert";
import * as sinon from "sinon";
import type { FixtureEmulator as EmulatorHandle } from "./fixtureSchema";
import { FaultInjector } from "../../emulator/faults";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { startFixtureEmulator } from "./fixtureSchema";

const CREATE = "mutation($id:ID!$text:String!){noteCreate(id: $id, text: $text){id}}";
const READ = "{notes{id}}";

describe("emulator fault injection, latency and counters", () => {
  let emulator: EmulatorHandle;
  let token: string;
  let seq = 0;

  const create = (headers: Record<string, string> = { "Spacelift-GraphQL-Mutation": "NoteCreate" }) => {
    seq += 1;
    return postGraphQL(emulator, CREATE, { token, headers, variables: { id: `note-${seq}`, text: "t" } });
  };
  const noteCount = () => emulator.store.collection("notes").size;
  const controlPost = async (path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(async () => {
    emulator = await startFixtureEmulator();
    token = await exchangeApiKey(emulator);
  });

  after(() => emulator.close());

  beforeEach(() => emulator.controls.resetStats());

  afterEach(() => {
    emulator.controls.clearFaults();
    emulator.controls.setLatency(0);
  });

  it("answers the next N calls of an operation with HTTP 5xx without executing them", async () => {
    emulator.controls.failNext("NoteCreate", 2, { kind: "serverError", status: 503 });
    const before = noteCount();
    const first = await create();
    const second = await create();
    assert.equal(first.status, 503);
    assert.equal(second.status, 503);
    assert.equal(noteCount(), before, "a failed call must not apply the mutation");
    const third = await create();
    assert.equal(third.status, 200);
    assert.equal(noteCount(), before + 1);
    assert.equal(emulator.controls.requestCount("NoteCreate"), 3);
    assert.deepEqual(
      emulator.controls.stats().recent.map((e) => [e.status, e.fault ?? null]),
      [
        [503, "serverError"],
        [503, "serverError"],
        [200, null],
      ],
    );
    assert.deepEqual(emulator.controls.faults(), [], "an exhausted rule is removed");
  });

  it("only fails calls of the named operation", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "serverError" });
    const read = await postGraphQL(emulator, READ, {
      token,
      headers: { "Spacelift-GraphQL-Query": "NotesRead" },
    });
    assert.equal(read.status, 200);
    assert.equal((await create()).status, 500);
  });

  it("answers with HTTP 429 and Retry-After", async () => {
    emulator.controls.failNext("NoteCreate", 1, { kind: "rateLimit", retryAfterSeconds: 7 });
    const before = noteCount();
    const reply = await create();
    assert.equal(reply.status, 429);
    assert.equal(reply.headers.get("retry-after"), "7");
    assert.equal(noteCount(), before);
    assert.equal((await create()).status, 200);
  });

  it("answers with a GraphQL error carrying the given message, without executing", async () => {
    emulator.controls.failNext("NoteCreate", 1, {
      kind: "graphqlError",
      message: "you need to configure trust relationship section in your AWS account",
    });
    const before = noteCount();
    const reply = await create();
    assert.equal(reply.status, 200);
    assert.equal(reply.data, null);
    assert.deepEqual(
      reply.errors?.map((e) => e.message),
      ["you need to configure trust relationship section in your AWS account"],
    );
    assert.equal(noteCount(), before);
  });

  it("fails a deterministic share of all calls", async () => {
    emulator.controls.failShare(0.5, { kind: "serverError", status: 502 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await postGraphQL(emulator, READ, { token })).status);
    }
    assert.deepEqual(statuses, [200, 502, 200, 502, 200, 502]);
  });

  it("fails a share of one operation's calls, for every fault kind", async () => {
    const kinds = [
      { fault: { kind: "serverError" as const }, status: 500 },
      { fault: { kind: "rateLimit" as const, retryAfterSeconds: 2 }, status: 429 },
      { fault: { kind: "graphqlError" as const, message: "flaky" }, status: 200 },
    ];
    for (const { fault, status } of kinds) {
      emulator.controls.clearFaults();
      emulator.controls.failShare(1 / 3, fault, "NoteCreate");
      const before = noteCount();
      const replies = [];
      for (let i = 0; i < 6; i += 1) {
        replies.push(await create());
        await postGraphQL(emulator, READ, { token });
      }
      assert.deepEqual(
        replies.map((r) => r.status),
        [200, 200, status, 200, 200, status],
      );
      assert.equal(noteCount(), before + 4, `${fault.kind}: failed calls must not apply`);
      if (fault.kind === "graphqlError") {
        assert.deepEqual(replies[2].errors, [{ message: "flaky" }]);
      }
    }
  });

  it("adds, lists and clears faults over HTTP", async () => {
    const added = await controlPost("faults", {
      operation: "NoteCreate",
      times: 1,
      fault: { kind: "rateLimit" },
    });
    assert.equal(added.status, 200);
    assert.equal(added.body.remaining, 1);
    const share = await controlPost("faults", { share: 0.25, fault: { kind: "serverError", status: 504 } });
    assert.equal(share.body.share, 0.25);
    const listed = (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as { faults: unknown[] };
    assert.equal(listed.faults.length, 2);
    const limited = await create();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "1");
    const cleared = await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
    assert.equal(cleared.status, 200);
    assert.deepEqual(emulator.controls.faults(), []);
  });

  it("rejects invalid fault rules with HTTP 400", async () => {
    for (const body of [
      { times: 1, share: 0.5, fault: { kind: "serverError" } },
      { times: 0, fault: { kind: "serverError" } },
      { share: 2, fault: { kind: "serverError" } },
      { times: 1, fault: { kind: "serverError", status: 404 } },
      { times: 1, fault: { kind: "graphqlError" } },
      { times: 1, fault: { kind: "teapot" } },
      { times: 1 },
      null,
      [1],
    ]) {
      const reply = await controlPost("faults", body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(typeof reply.body.error, "string");
    }
    assert.deepEqual(emulator.controls.faults(), []);
  });

  it("fails exactly every 10th call for share 0.1 despite binary rounding", () => {
    const injector = new FaultInjector();
    injector.add({ share: 0.1, fault: { kind: "serverError" } });
    const failed: number[] = [];
    for (let call = 1; call <= 30; call += 1) {
      if (injector.next({ name: "Any", kind: "query", exchange: false })) {
        failed.push(call);
      }
    }
    assert.deepEqual(failed, [10, 20, 30]);
  });

  it("delays every request by the injected latency", async () => {
    emulator.controls.setLatency(250);
    assert.equal(emulator.controls.latency(), 250);
    const clock = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      // Anonymous and in-process, so nothing but the injected delay waits on the event loop.
      let settled = false;
      const pending = postGraphQL(emulator, "{viewer{id}}", { inProcess: true }).then((reply) => {
        settled = true;
        return reply;
      });
      await clock.tickAsync(249);
      assert.equal(settled, false);
      await clock.tickAsync(1);
      assert.equal(settled, true);
      assert.equal((await pending).status, 200);
    } finally {
      clock.restore();
    }
  });

  it("sets latency over HTTP and rejects negative values", async () => {
    assert.deepEqual((await controlPost("latency", { ms: 5 })).body, { ms: 5 });
    assert.equal(emulator.controls.latency(), 5);
    assert.equal((await controlPost("latency", { ms: -1 })).status, 400);
    assert.equal((await controlPost("latency", {})).status, 400);
    assert.equal(emulator.controls.latency(), 5);
  });

  it("resets counters and the request log", async () => {
    await postGraphQL(emulator, READ, { token });
    await create();
    assert.equal(emulator.controls.stats().total, 2);
    emulator.controls.resetStats();
    assert.deepEqual(emulator.controls.stats(), {
      total: 0,
      byOperation: {},
      byCredential: {},
      answersLost: 0,
      recent: [],
    });
    await postGraphQL(emulator, READ, { token });
    assert.equal((await controlPost("stats/reset")).status, 200);
    const served = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { total: number };
    assert.equal(served.total, 0);
  });
});
