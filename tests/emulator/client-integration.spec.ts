/**
 * The client and token sources against the emulator over a real port: exchange, sharing,
 * refresh, refusal handling, retries and error classes, end to end through HTTP.
 */
import { strict as assert } from "node:assert";
import { createServer } from "node:net";
import { startEmulator } from "../../emulator";
import { resolveCredentials, type Environment } from "../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../provider/auth/registry";
import {
  AuthenticationError,
  NotFoundError,
  PermissionError,
  ProtocolError,
  SpaceliftError,
  TransportError,
  ValidationError,
} from "../../provider/client/errors";
import { defineOperation } from "../../provider/client/operation";
import type { AnswerReceipt } from "../../provider/engine/api";
import {
  clearSharedClients,
  getClient,
  SpaceliftClient,
  type SpaceliftClientOptions,
} from "../../provider/client/spaceliftClient";
import { assertNoLeak, FakeClock, recordingSleep, rejection } from "../unit/client/fakes";
import { DEFAULT_RETRY_POLICY } from "../../provider/client/retry";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** The URL of a local port nothing listens on (port 1 will not do: `fetch` refuses it outright). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(typeof address === "object" && address !== null);
  return `http://127.0.0.1:${address.port}`;
}

const KEY = { id: "01J0CLIENTINTEGRATIONKEY00", secret: "integration-secret-never-print" };
const SECRET_VALUE = "config-value-never-print";

const Viewer = defineOperation<{ viewer: { id: string } | null }>({
  name: "Viewer",
  kind: "query",
  document: "query Viewer { viewer { id } }",
});
const ContextRead = defineOperation<{ context: { id: string } | null }, { id: string }>({
  name: "ContextRead",
  kind: "query",
  document: "query ContextRead($id: ID!) { context(id: $id) { id } }",
});
const ContextCreate = defineOperation<
  { contextCreateV2: { id: string } },
  { input: { name: string; configAttachments?: unknown[] } }
>({
  name: "ContextCreate",
  kind: "mutation",
  document: "mutation ContextCreate($input: ContextInput!) { contextCreateV2(input: $input) { id } }",
});
const ContextDelete = defineOperation<{ contextDelete: { id: string } }, { id: string }>({
  name: "ContextDelete",
  kind: "mutation",
  document: "mutation ContextDelete($id: ID!) { contextDelete(id: $id) { id } }",
  idempotent: true,
});
const BadField = defineOperation({
  name: "BadField",
  kind: "query",
  document: "query BadField { viewer { noSuchField } }",
});

describe("client against the emulator", function () {
  let emulator: Emulator;
  let clock: FakeClock;
  const seen: unknown[] = [];
  let counter = 0;

  const env = (overrides: Environment = {}): Environment => ({
    SPACELIFT_API_KEY_ENDPOINT: emulator.url,
    SPACELIFT_API_KEY_ID: KEY.id,
    SPACELIFT_API_KEY_SECRET: KEY.secret,
    ...overrides,
  });
  const client = (options: SpaceliftClientOptions = {}, environment = env()) =>
    new SpaceliftClient(resolveCredentials(undefined, environment), {
      clock,
      sleep: recordingSleep(),
      random: () => 0.5,
      rateLimit: null,
      ...options,
    });
  const failure = async (fn: () => Promise<unknown>): Promise<SpaceliftError> => {
    const error = await rejection(fn);
    seen.push(error);
    assert.ok(SpaceliftError.isInstance(error), `expected a SpaceliftError, got ${String(error)}`);
    return error;
  };
  const count = (operation: string) => emulator.controls.requestCount(operation);
  const uniqueName = () => `client-it-${++counter}`;

  before(async () => {
    // One clock for the emulator and the client: token lifetimes can be crossed without waiting.
    clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000);
    emulator = await startEmulator({ apiKeys: [KEY], tokenTtlSeconds: 3, port: 0, now: () => clock.now() });
  });

  after(async () => {
    await emulator?.close();
    for (const error of seen) assertNoLeak(error, [KEY.secret, SECRET_VALUE]);
  });

  beforeEach(() => {
    emulator.controls.resetStats();
    emulator.controls.clearFaults();
    emulator.controls.setLatency(0);
  });

  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  it("exchanges the API key over HTTP and sends the operation names Spacelift's clients send", async () => {
    const { viewer } = await client().request(Viewer, {});
    assert.equal(viewer?.id, KEY.id);
    assert.equal(count("ApiKeyUser"), 1);
    assert.equal(count("Viewer"), 1);
  });

  it("shares one exchange among 20 concurrent callers", async () => {
    const shared = getClient(resolveCredentials(undefined, env()), { clock, rateLimit: null });
    const results = await Promise.all(Array.from({ length: 20 }, () => shared.request(Viewer, {})));
    assert.ok(results.every(({ viewer }) => viewer?.id === KEY.id));
    assert.equal(count("ApiKeyUser"), 1);
    assert.equal(count("Viewer"), 20);
  });

  it("refreshes a three-second token before the emulator would refuse it", async () => {
    const subject = client();
    const name = uniqueName();
    await subject.request(ContextCreate, { input: { name } });
    // Each step lands inside the 0.3 s refresh margin of the token then current.
    clock.advance(2800);
    await subject.request(ContextRead, { id: name });
    clock.advance(2800);
    await subject.request(ContextRead, { id: name });
    assert.equal(count("ApiKeyUser"), 3);
    assert.equal(count("ContextRead"), 2, "no request was refused and repeated");
  });

  it("after expireAllTokens, refreshes once and repeats the refused call once", async () => {
    const subject = client();
    await subject.request(Viewer, {});
    emulator.controls.expireAllTokens();
    const name = uniqueName();
    const { contextCreateV2 } = await subject.request(ContextCreate, { input: { name } });
    assert.equal(contextCreateV2.id, name);
    assert.equal(count("ApiKeyUser"), 2);
    assert.equal(count("ContextCreate"), 2);
  });

  it("retries injected 5xx and 429 for queries, honouring Retry-After", async () => {
    const sleep = recordingSleep();
    const subject = client({ sleep });
    await subject.request(Viewer, {});
    emulator.controls.failNext("Viewer", 1, { kind: "serverError", status: 503 });
    emulator.controls.failNext("Viewer", 1, { kind: "rateLimit", retryAfterSeconds: 2 });
    const { viewer } = await subject.request(Viewer, {});
    assert.equal(viewer?.id, KEY.id);
    assert.equal(count("Viewer"), 4);
    assert.deepEqual(
      sleep.args.map(([ms]) => ms),
      [375, 2000],
    );
  });

  it("does not repeat a create after an injected 5xx, and says it may have been applied", async () => {
    const subject = client();
    const name = uniqueName();
    emulator.controls.failNext("ContextCreate", 1, { kind: "serverError", status: 502 });
    const transport = await failure(() => subject.request(ContextCreate, { input: { name } }));
    assert.ok(TransportError.isInstance(transport));
    assert.equal(transport.httpStatus, 502);
    assert.equal(transport.mayHaveApplied, true, "a 5xx proves nothing either way");
    assert.equal(count("ContextCreate"), 1);
    assert.deepEqual(await subject.request(ContextRead, { id: name }), { context: null });
  });

  it("repeats a create after an injected 429, which proves it did not run, and creates it once", async () => {
    const sleep = recordingSleep();
    const subject = client({ sleep });
    const name = uniqueName();
    emulator.controls.failNext("ContextCreate", 1, { kind: "rateLimit", retryAfterSeconds: 1 });
    const { contextCreateV2 } = await subject.request(ContextCreate, { input: { name } });
    assert.equal(contextCreateV2.id, name);
    assert.equal(count("ContextCreate"), 2);
    assert.deepEqual(
      sleep.args.map(([ms]) => ms),
      [1000],
    );
  });

  it("does not repeat a create whose connection was reset after it ran, and says it may have been applied", async () => {
    const sleep = recordingSleep();
    const subject = client({ sleep });
    const name = uniqueName();
    emulator.controls.failNext("ContextCreate", 1, { kind: "applyThenDrop" });
    const dropped = await failure(() => subject.request(ContextCreate, { input: { name } }));
    assert.ok(TransportError.isInstance(dropped));
    assert.equal(dropped.mayHaveApplied, true);
    assert.equal(count("ContextCreate"), 1);
    assert.equal(sleep.callCount, 0);
    assert.deepEqual(await subject.request(ContextRead, { id: name }), { context: { id: name } });
  });

  it("repeats a create whose connection was refused, and reports a lasting refusal as not applied", async () => {
    const sleep = recordingSleep();
    // A raw token, so that no exchange stands between the create and the closed port.
    const { jwt } = await emulator.mintRunToken("some-stack");
    const subject = client(
      { sleep },
      { SPACELIFT_API_TOKEN: jwt, SPACELIFT_API_KEY_ENDPOINT: await closedPort() },
    );
    const refused = await failure(() => subject.request(ContextCreate, { input: { name: uniqueName() } }));
    assert.ok(TransportError.isInstance(refused));
    assert.equal(refused.message, "ContextCreate failed: could not reach Spacelift (ECONNREFUSED)");
    assert.equal(refused.mayHaveApplied, false);
    assert.equal(sleep.callCount, DEFAULT_RETRY_POLICY.maxAttempts - 1, "every attempt of the retry policy");
    assertNoLeak(refused, [jwt]);
  });

  it("repeats a mutation declared idempotent after an injected 5xx", async () => {
    const subject = client();
    const name = uniqueName();
    await subject.request(ContextCreate, { input: { name } });
    emulator.controls.failNext("ContextDelete", 2, { kind: "serverError", status: 500 });
    assert.deepEqual(await subject.request(ContextDelete, { id: name }), { contextDelete: { id: name } });
    assert.equal(count("ContextDelete"), 3);
  });

  describe("where anonymous reads answer null, as Spacelift's do", () => {
    let nullReads: Emulator;
    before(async () => {
      nullReads = await startEmulator({ apiKeys: [KEY], port: 0, anonymousReads: "null" });
    });
    after(async () => {
      await nullReads?.close();
    });

    it("judges an empty answer by the token it was given to, not by the one a parallel refresh put in place", async () => {
      const subject = client({}, env({ SPACELIFT_API_KEY_ENDPOINT: nullReads.url }));
      const name = uniqueName();
      await subject.request(ContextCreate, { input: { name } });
      nullReads.controls.expireAllTokens();
      // The expired token A reads an existing context as missing...
      const receipt: AnswerReceipt = {};
      assert.deepEqual(await subject.run(ContextRead, { id: name }, receipt), { context: null });
      // ...then a parallel create is refused with A and repeated with a fresh token B.
      await subject.request(ContextCreate, { input: { name: uniqueName() } });
      nullReads.controls.resetStats();

      assert.equal(await subject.confirmSignedIn(receipt.answeredBy), "refreshed");
      assert.equal(nullReads.controls.requestCount("Viewer"), 2, "A is found anonymous, B accepted");
      assert.equal(nullReads.controls.requestCount("ApiKeyUser"), 0, "B was already current");
      assert.deepEqual(await subject.request(ContextRead, { id: name }), { context: { id: name } });
    });
  });

  describe("error classes", () => {
    it("NotFoundError for a missing object", async () => {
      const error = await failure(() => client().request(ContextDelete, { id: "no-such-context" }));
      assert.ok(NotFoundError.isInstance(error));
      assert.match(error.message, /^ContextDelete failed: .*not found/);
    });

    it("ValidationError for a slug clash and for a schema error", async () => {
      const subject = client();
      const name = uniqueName();
      await subject.request(ContextCreate, { input: { name } });
      const clash = await failure(() => subject.request(ContextCreate, { input: { name } }));
      assert.ok(ValidationError.isInstance(clash));
      assert.match(clash.message, /already exists/);
      const schema = await failure(() => subject.request(BadField, {}));
      assert.ok(ValidationError.isInstance(schema));
    });

    it("PermissionError when a fresh token is refused too", async () => {
      const subject = client();
      await subject.request(Viewer, {});
      emulator.controls.failNext("ContextRead", 2, { kind: "graphqlError", message: "unauthorized" });
      const error = await failure(() => subject.request(ContextRead, { id: "anything" }));
      assert.ok(PermissionError.isInstance(error));
      assert.equal(count("ContextRead"), 2);
      assert.equal(count("ApiKeyUser"), 2);
    });

    it("AuthenticationError for a wrong secret and for an unknown key id", async () => {
      const wrongSecret = await failure(() =>
        client({}, env({ SPACELIFT_API_KEY_SECRET: "not-the-secret" })).request(Viewer, {}),
      );
      assert.ok(AuthenticationError.isInstance(wrongSecret));
      assert.match(wrongSecret.message, /^ApiKeyUser failed: unauthorized/);
      const unknownId = await failure(() =>
        client({}, env({ SPACELIFT_API_KEY_ID: "01J0UNKNOWNKEY000000000000" })).request(Viewer, {}),
      );
      assert.ok(AuthenticationError.isInstance(unknownId));
      assert.match(unknownId.message, /no such API key/);
      assertNoLeak(wrongSecret, ["not-the-secret"]);
    });

    it("TransportError for a timeout and for a closed port", async () => {
      const slow = client({ timeoutMs: 50 });
      // Exchanged before the latency, so that only the create is slow.
      await slow.request(Viewer, {});
      emulator.controls.setLatency(300);
      const timeout = await failure(() => slow.request(ContextCreate, { input: { name: uniqueName() } }));
      assert.ok(TransportError.isInstance(timeout));
      assert.match(timeout.message, /no answer within 50 ms/);
      assert.equal(timeout.mayHaveApplied, true, "the emulator may still run it");
      emulator.controls.setLatency(0);
      // The emulator counts the abandoned create once its latency is over; waiting for that keeps it
      // out of the next test's counts.
      while (count("ContextCreate") === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(count("ContextCreate"), 1, "a create that timed out is not repeated");
      const closed = await failure(() =>
        client(
          { retry: { maxAttempts: 1 } },
          env({ SPACELIFT_API_KEY_ENDPOINT: "http://127.0.0.1:1" }),
        ).request(Viewer, {}),
      );
      assert.ok(TransportError.isInstance(closed));
    });

    it("ProtocolError when the endpoint is not a GraphQL endpoint", async () => {
      const error = await failure(() =>
        client({}, env({ SPACELIFT_API_KEY_ENDPOINT: `${emulator.url}/not-graphql` })).request(Viewer, {}),
      );
      assert.ok(ProtocolError.isInstance(error));
    });

    it("keeps sensitive variable values out of the errors it reports", async () => {
      const subject = client();
      emulator.controls.failNext("ContextCreate", 1, {
        kind: "graphqlError",
        message: `config value ${SECRET_VALUE} is invalid`,
      });
      const error = await failure(() =>
        subject.request(ContextCreate, {
          input: {
            name: uniqueName(),
            configAttachments: [
              { id: "TOKEN", type: "ENVIRONMENT_VARIABLE", value: SECRET_VALUE, writeOnly: true },
            ],
          },
        }),
      );
      assert.ok(ValidationError.isInstance(error));
      assert.equal(error.message, "ContextCreate failed: config value [redacted] is invalid");
    });
  });

  describe("raw API token", () => {
    it("takes the endpoint from aud, sends the token as is, and never exchanges it", async () => {
      const { jwt } = await emulator.mintRunToken("some-stack");
      const subject = client({}, { SPACELIFT_API_TOKEN: jwt });
      assert.equal(subject.endpoint, emulator.url);
      const { viewer } = await subject.request(Viewer, {});
      assert.ok(viewer !== null);
      assert.equal(count("ApiKeyUser") + count("OauthUser"), 0);
    });

    it("fails clearly once it has expired, without sending anything", async () => {
      const { jwt } = await emulator.mintRunToken("some-stack");
      const subject = client({}, { SPACELIFT_API_TOKEN: jwt });
      clock.advance(3000);
      const error = await failure(() => subject.request(Viewer, {}));
      assert.ok(AuthenticationError.isInstance(error));
      assert.match(error.message, /expired at .* and cannot be refreshed/);
      assert.equal(count("Viewer"), 0);
      assertNoLeak(error, [jwt]);
    });
  });
});
