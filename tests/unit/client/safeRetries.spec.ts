/**
 * Which failures the client repeats, for which operations, and which failed mutations it reports
 * as possibly applied: through the real client, with a fake `fetch` that fails the way Node's
 * `fetch` (undici) does.
 */
import { strict as assert } from "node:assert";
import { resolveCredentials } from "../../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import { RateLimitedError, SpaceliftError, TransportError } from "../../../provider/client/errors";
import { defineOperation } from "../../../provider/client/operation";
import { clearSharedClients, SpaceliftClient } from "../../../provider/client/spaceliftClient";
import { networkFailure } from "../../../provider/client/transport";
import {
  assertNoLeak,
  bodyTerminated,
  ENDPOINT,
  FakeClock,
  FakeSpacelift,
  fetchFailed,
  KEY_ID,
  KEY_SECRET,
  passThrough,
  recordingSleep,
  rejection,
  type Reply,
} from "./fakes";
import { DEFAULT_RETRY_POLICY } from "../../../provider/client/retry";

/** Attempts the client makes before giving up: the default retry policy's. */
const ATTEMPTS = DEFAULT_RETRY_POLICY.maxAttempts;

const VALUE = "variable-value-never-print";

const ContextCreate = defineOperation<{ ok: boolean }, { input: { name: string; value: string } }>({
  name: "ContextCreate",
  kind: "mutation",
  document: "mutation ContextCreate($input: ContextInput!) { contextCreateV2(input: $input) { id } }",
});
const ContextUpdate = defineOperation<{ ok: boolean }, { id: string; value: string }>({
  name: "ContextUpdate",
  kind: "mutation",
  document:
    "mutation ContextUpdate($id: ID!, $value: String!) { contextUpdateV2(id: $id, value: $value) { id } }",
  idempotent: true,
});
const StackList = defineOperation<{ ok: boolean }>({
  name: "StackList",
  kind: "query",
  document: "query StackList { stacks { id } }",
});

function setup(timeoutMs?: number) {
  const clock = new FakeClock();
  const fake = new FakeSpacelift({ apiKeys: { [KEY_ID]: KEY_SECRET }, clock });
  const sleep = recordingSleep();
  const client = new SpaceliftClient(
    resolveCredentials(undefined, {
      SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
      SPACELIFT_API_KEY_ID: KEY_ID,
      SPACELIFT_API_KEY_SECRET: KEY_SECRET,
    }),
    {
      fetch: fake.fetch,
      sleep,
      clock,
      random: () => 0.5,
      rateLimit: null,
      ...(timeoutMs ? { timeoutMs } : {}),
    },
  );
  return { fake, client, sleep };
}

const create = (client: SpaceliftClient) =>
  client.request(ContextCreate, { input: { name: "infra", value: VALUE } });
const update = (client: SpaceliftClient) => client.request(ContextUpdate, { id: "infra", value: VALUE });

async function failure(fn: () => Promise<unknown>, fake: FakeSpacelift): Promise<SpaceliftError> {
  const error = await rejection(fn);
  assert.ok(SpaceliftError.isInstance(error), `expected a SpaceliftError, got ${String(error)}`);
  assertNoLeak(error, [KEY_SECRET, VALUE, ...fake.issued]);
  return error;
}

const throws =
  (error: unknown): (() => Reply) =>
  () => ({ throws: error });

/** One way a request can fail: a fake reply, the code it reports, the timeout it needs. */
interface Row {
  readonly name: string;
  readonly reply: () => Reply;
  readonly reason?: string;
  readonly timeoutMs?: number;
}

/** Failures that prove Spacelift never saw the request. */
const neverSent: Row[] = [
  {
    name: "a refused connection",
    reply: throws(fetchFailed("ECONNREFUSED", { syscall: "connect" })),
    reason: "ECONNREFUSED",
  },
  {
    name: "a name that does not resolve",
    reply: throws(fetchFailed("ENOTFOUND", { syscall: "getaddrinfo" })),
    reason: "ENOTFOUND",
  },
  {
    name: "a DNS lookup that fails for now",
    reply: throws(fetchFailed("EAI_AGAIN", { syscall: "getaddrinfo" })),
    reason: "EAI_AGAIN",
  },
  {
    name: "a self-signed certificate",
    reply: throws(fetchFailed("DEPTH_ZERO_SELF_SIGNED_CERT", { message: "self-signed certificate" })),
    reason: "DEPTH_ZERO_SELF_SIGNED_CERT",
  },
  {
    name: "an expired certificate",
    reply: throws(fetchFailed("CERT_HAS_EXPIRED", { message: "certificate has expired" })),
  },
  {
    name: "a certificate for another host",
    reply: throws(fetchFailed("ERR_TLS_CERT_ALTNAME_INVALID", { message: "Hostname/IP does not match" })),
  },
  {
    name: "https to a plain-HTTP port",
    reply: throws(
      fetchFailed("ERR_SSL_WRONG_VERSION_NUMBER", { message: "ssl3_get_record:wrong version number" }),
    ),
  },
  {
    name: "a TLS handshake the server refuses",
    reply: throws(
      fetchFailed("ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", { message: "alert handshake failure" }),
    ),
  },
  {
    name: "undici's connect timeout",
    reply: throws(fetchFailed("UND_ERR_CONNECT_TIMEOUT", { name: "ConnectTimeoutError" })),
  },
  {
    name: "a reset while connecting",
    reply: throws(fetchFailed("ECONNRESET", { syscall: "connect" })),
  },
  {
    name: "every address of the host refusing",
    reply: throws(
      new TypeError("fetch failed", {
        cause: Object.assign(
          new AggregateError([
            Object.assign(new Error("connect ECONNREFUSED ::1:443"), {
              code: "ECONNREFUSED",
              syscall: "connect",
            }),
            Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), {
              code: "ECONNREFUSED",
              syscall: "connect",
            }),
          ]),
          { code: "ECONNREFUSED" },
        ),
      }),
    ),
  },
];

/** Failures after which the request may have been run. */
const maybeApplied: Row[] = [
  { name: "a reset after sending", reply: throws(fetchFailed("ECONNRESET", { syscall: "read" })) },
  {
    name: "the server closing after reading the request",
    reply: throws(fetchFailed("UND_ERR_SOCKET", { name: "SocketError", message: "other side closed" })),
  },
  { name: "a socket hang up", reply: throws(fetchFailed("ECONNRESET", { message: "socket hang up" })) },
  { name: "a broken pipe", reply: throws(fetchFailed("EPIPE", { syscall: "write" })) },
  {
    name: "an answer cut off mid-body",
    reply: () => ({ partial: '{"data":{"contextCreateV2":', bodyBreaks: bodyTerminated() }),
  },
  {
    name: "a failure without a code (fetch's own `bad port`)",
    reply: throws(new TypeError("fetch failed", { cause: new Error("bad port") })),
  },
  {
    name: "one address refusing and another resetting",
    reply: throws(
      new TypeError("fetch failed", {
        cause: Object.assign(
          new AggregateError([
            Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" }),
            Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" }),
          ]),
          { code: "ECONNREFUSED" },
        ),
      }),
    ),
  },
  { name: "HTTP 500", reply: () => ({ status: 500, text: "oops" }) },
  { name: "HTTP 502", reply: () => ({ status: 502, text: "<html>bad gateway</html>" }) },
  {
    name: "HTTP 503 with Retry-After",
    reply: () => ({ status: 503, headers: { "retry-after": "1" }, text: "" }),
  },
  { name: "a timeout", reply: () => ({ hang: true }), timeoutMs: 20 },
];

describe("safe retries", () => {
  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  describe("a create is repeated after a failure that proves it was not run", () => {
    for (const row of neverSent) {
      it(`${row.name}`, async () => {
        const { fake, client, sleep } = setup();
        fake.on("ContextCreate", row.reply, passThrough);
        assert.deepEqual(await create(client), { ok: true });
        assert.equal(fake.count("ContextCreate"), 2);
        assert.equal(sleep.callCount, 1);
        assert.equal(fake.count("ApiKeyUser"), 1);
      });
    }

    it("HTTP 429, honouring Retry-After", async () => {
      const { fake, client, sleep } = setup();
      fake.on(
        "ContextCreate",
        () => ({ status: 429, headers: { "retry-after": "3" }, text: "" }),
        passThrough,
      );
      assert.deepEqual(await create(client), { ok: true });
      assert.equal(fake.count("ContextCreate"), 2);
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [3000],
      );
    });

    for (const row of neverSent.filter((r) => r.reason !== undefined)) {
      it(`and when ${row.name} persists, fails after every attempt as not applied`, async () => {
        const { fake, client } = setup();
        fake.on("ContextCreate", row.reply);
        const error = await failure(() => create(client), fake);
        assert.ok(TransportError.isInstance(error));
        assert.equal(error.mayHaveApplied, false);
        assert.equal(error.message, `ContextCreate failed: could not reach Spacelift (${row.reason})`);
        assert.equal(fake.count("ContextCreate"), ATTEMPTS);
      });
    }
  });

  describe("a create is sent once, and reported as possibly applied, after", () => {
    for (const row of maybeApplied) {
      it(row.name, async () => {
        const { fake, client, sleep } = setup(row.timeoutMs);
        fake.on("ContextCreate", row.reply, passThrough);
        const error = await failure(() => create(client), fake);
        assert.ok(TransportError.isInstance(error), error.message);
        assert.equal(error.mayHaveApplied, true);
        assert.equal(fake.count("ContextCreate"), 1);
        assert.equal(sleep.callCount, 0);
      });
    }
  });

  describe("an idempotent update is repeated after", () => {
    for (const row of [...neverSent, ...maybeApplied]) {
      it(row.name, async () => {
        const { fake, client } = setup(row.timeoutMs);
        fake.on("ContextUpdate", row.reply, passThrough);
        assert.deepEqual(await update(client), { ok: true });
        assert.equal(fake.count("ContextUpdate"), 2);
      });
    }

    it("but not after HTTP 501, which will not change", async () => {
      const { fake, client } = setup();
      fake.on("ContextUpdate", () => ({ status: 501, text: "" }), passThrough);
      const error = await failure(() => update(client), fake);
      assert.equal(error.httpStatus, 501);
      assert.equal(error.mayHaveApplied, true);
      assert.equal(fake.count("ContextUpdate"), 1);
    });

    it("and reported as possibly applied when every attempt failed after sending", async () => {
      const { fake, client } = setup();
      fake.on("ContextUpdate", throws(fetchFailed("ECONNRESET", { syscall: "read" })));
      const error = await failure(() => update(client), fake);
      assert.equal(error.mayHaveApplied, true);
      assert.equal(
        error.message,
        "ContextUpdate failed: the connection to Spacelift failed before an answer arrived (ECONNRESET)",
      );
      assert.equal(fake.count("ContextUpdate"), ATTEMPTS);
    });
  });

  it("a query is repeated after a failure mid-answer", async () => {
    const { fake, client } = setup();
    fake.on("StackList", () => ({ partial: '{"data":', bodyBreaks: bodyTerminated() }), passThrough);
    assert.deepEqual(await client.request(StackList, {}), { ok: true });
    assert.equal(fake.count("StackList"), 2);
  });

  it("a failed query is never reported as applying anything", async () => {
    const { fake, client } = setup();
    fake.on("StackList", () => ({ status: 502, text: "" }));
    const error = await failure(() => client.request(StackList, {}), fake);
    assert.equal(error.mayHaveApplied, false);
    assert.equal(fake.count("StackList"), ATTEMPTS);
  });

  it("a create whose token exchange fails was not applied, and is not sent", async () => {
    const { fake, client } = setup();
    fake.on("ApiKeyUser", () => ({ status: 503, text: "" }));
    const error = await failure(() => create(client), fake);
    assert.equal(error.operation, "ApiKeyUser");
    assert.equal(error.mayHaveApplied, false);
    assert.equal(fake.count("ApiKeyUser"), ATTEMPTS, "the exchange is retried like a query");
    assert.equal(fake.count("ContextCreate"), 0);
  });

  it("a create refused for its token is repeated with a fresh one, and a 5xx then is final", async () => {
    const { fake, client } = setup();
    await client.request(StackList, {});
    fake.expireAll();
    fake.on("ContextCreate", passThrough, () => ({ status: 502, text: "" }));
    const error = await failure(() => create(client), fake);
    assert.equal(error.mayHaveApplied, true);
    assert.equal(fake.count("ContextCreate"), 2, "the refused attempt and the one with the fresh token");
    assert.equal(fake.count("ApiKeyUser"), 2);
  });

  it("a create rate limited for longer than the longest wait fails at once, as not applied", async () => {
    const { fake, client, sleep } = setup();
    fake.on("ContextCreate", () => ({ status: 429, headers: { "retry-after": "3600" }, text: "" }));
    const error = await failure(() => create(client), fake);
    assert.ok(RateLimitedError.isInstance(error));
    assert.equal(error.mayHaveApplied, false);
    assert.equal(fake.count("ContextCreate"), 1);
    assert.equal(sleep.callCount, 0);
  });
});

describe("networkFailure", () => {
  const rows: { name: string; error: unknown; reason?: string; sent: "no" | "maybe" }[] = [
    {
      name: "refused",
      error: fetchFailed("ECONNREFUSED", { syscall: "connect" }),
      reason: "ECONNREFUSED",
      sent: "no",
    },
    {
      name: "DNS",
      error: fetchFailed("ENOTFOUND", { syscall: "getaddrinfo" }),
      reason: "ENOTFOUND",
      sent: "no",
    },
    {
      name: "no route",
      error: fetchFailed("EHOSTUNREACH", { syscall: "connect" }),
      reason: "EHOSTUNREACH",
      sent: "no",
    },
    {
      name: "connect timeout",
      error: fetchFailed("ETIMEDOUT", { syscall: "connect" }),
      reason: "ETIMEDOUT",
      sent: "no",
    },
    {
      name: "read timeout",
      error: fetchFailed("ETIMEDOUT", { syscall: "read" }),
      reason: "ETIMEDOUT",
      sent: "maybe",
    },
    {
      name: "untrusted CA",
      error: fetchFailed("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
      reason: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      sent: "no",
    },
    {
      name: "bad record MAC mid-stream",
      error: fetchFailed("ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC"),
      reason: "ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC",
      sent: "maybe",
    },
    {
      name: "reset",
      error: fetchFailed("ECONNRESET", { syscall: "read" }),
      reason: "ECONNRESET",
      sent: "maybe",
    },
    { name: "closed", error: fetchFailed("UND_ERR_SOCKET"), reason: "UND_ERR_SOCKET", sent: "maybe" },
    {
      name: "no code",
      error: new TypeError("fetch failed", { cause: new Error("bad port") }),
      sent: "maybe",
    },
    {
      name: "a numeric code (DOMException)",
      error: new DOMException("aborted", "AbortError"),
      sent: "maybe",
    },
    { name: "not an object", error: "boom", sent: "maybe" },
  ];
  for (const row of rows) {
    it(`${row.name} → ${row.reason ?? "no reason"}, sent ${row.sent}`, () => {
      assert.deepEqual(networkFailure(row.error), {
        ...(row.reason === undefined ? {} : { reason: row.reason }),
        sent: row.sent,
      });
    });
  }
});
