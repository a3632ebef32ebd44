import { strict as assert } from "node:assert";
import { resolveCredentials, type Environment } from "../../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import type { TokenSource } from "../../../provider/auth/tokenSource";
import {
  AuthenticationError,
  NotFoundError,
  PermissionError,
  ProtocolError,
  RateLimitedError,
  SpaceliftError,
  TransportError,
  ValidationError,
} from "../../../provider/client/errors";
import { defineOperation, operationFor } from "../../../provider/client/operation";
import type { ApiPort } from "../../../provider/engine/api";
import {
  clearSharedClients,
  clientFromConfig,
  getClient,
  SpaceliftClient,
  type SpaceliftClientOptions,
} from "../../../provider/client/spaceliftClient";
import {
  assertNoLeak,
  type Call,
  ENDPOINT,
  FakeClock,
  FakeSpacelift,
  graphqlError,
  KEY_ID,
  KEY_SECRET,
  makeJwt,
  passThrough,
  recordingSleep,
  rejection,
  unauthorized,
} from "./fakes";
import { DEFAULT_RETRY_POLICY } from "../../../provider/client/retry";

/** Attempts the client makes before giving up: the default retry policy's. */
const ATTEMPTS = DEFAULT_RETRY_POLICY.maxAttempts;

const OTHER_SECRET = "wrong-secret-never-print";
const GITHUB_TOKEN = "ghp_github-token-never-print";
const SECRET_VALUE = "env-var-value-never-print";

const StackList = defineOperation<{ ok: boolean }>({
  name: "StackList",
  kind: "query",
  document: "query StackList { stacks { id } }",
});
const ContextCreate = defineOperation<{ ok: boolean }, { input: { name: string; value?: string } }>({
  name: "ContextCreate",
  kind: "mutation",
  document: "mutation ContextCreate($input: ContextInput!) { contextCreateV2(input: $input) { id } }",
});
const ContextUpdate = defineOperation<{ ok: boolean }, { id: string }>({
  name: "ContextUpdate",
  kind: "mutation",
  document: "mutation ContextUpdate($id: ID!) { contextUpdateV2(id: $id) { id } }",
  idempotent: true,
});

/** Every error any test saw, checked for leaks once at the end. */
const seenErrors: unknown[] = [];
/** Every token any fake issued, added to the leak check. */
const issuedTokens: string[] = [];

function keyEnv(secret = KEY_SECRET): Environment {
  return {
    SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
    SPACELIFT_API_KEY_ID: KEY_ID,
    SPACELIFT_API_KEY_SECRET: secret,
  };
}

interface Setup {
  readonly fake: FakeSpacelift;
  readonly client: SpaceliftClient;
  readonly sleep: ReturnType<typeof recordingSleep>;
  readonly clock: FakeClock;
}

function setup(
  options: { env?: Environment; ttlSeconds?: number; client?: SpaceliftClientOptions } = {},
): Setup {
  const clock = new FakeClock();
  const fake = new FakeSpacelift({
    apiKeys: { [KEY_ID]: KEY_SECRET },
    githubTokens: [GITHUB_TOKEN],
    ttlSeconds: options.ttlSeconds ?? 3600,
    clock,
  });
  const sleep = recordingSleep();
  const client = new SpaceliftClient(resolveCredentials(undefined, options.env ?? keyEnv()), {
    fetch: fake.fetch,
    sleep,
    clock,
    random: () => 0.5,
    rateLimit: null,
    ...options.client,
  });
  return { fake, client, sleep, clock };
}

async function failure(promise: () => Promise<unknown>, fake?: FakeSpacelift): Promise<SpaceliftError> {
  const error = await rejection(promise);
  seenErrors.push(error);
  if (fake !== undefined) issuedTokens.push(...fake.issued);
  assert.ok(SpaceliftError.isInstance(error), `expected a SpaceliftError, got ${String(error)}`);
  return error;
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () => ({ status: code, headers, text: "<html>busy</html>" });

describe("SpaceliftClient", () => {
  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  describe("requests", () => {
    it("sends a named document to <endpoint>/graphql with the bearer and operation headers", async () => {
      const { fake, client } = setup();
      assert.deepEqual(await client.request(StackList, {}), { ok: true });
      assert.deepEqual(await client.request(ContextCreate, { input: { name: "infra" } }), { ok: true });
      const [exchange, query, mutation] = fake.calls as [Call, Call, Call];
      assert.equal(exchange.operationName, "ApiKeyUser");
      assert.equal(exchange.bearer, undefined, "the exchange goes without a bearer");
      assert.equal(exchange.headers.get("spacelift-graphql-mutation"), "ApiKeyUser");
      assert.equal(query.url, `${ENDPOINT}/graphql`);
      assert.equal(query.headers.get("spacelift-graphql-query"), "StackList");
      assert.equal(query.headers.get("spacelift-graphql-mutation"), null);
      assert.equal(query.headers.get("spacelift-client-type"), "pulumi-spacelift");
      assert.equal(query.headers.get("content-type"), "application/json");
      assert.equal(query.bearer, fake.issued[0]);
      assert.match(query.query, /^query StackList /);
      assert.ok(!query.rawBody.includes('"variables"'), "no variables key when there are none");
      assert.equal(mutation.headers.get("spacelift-graphql-mutation"), "ContextCreate");
      assert.match(mutation.query, /^mutation ContextCreate\(/);
      assert.deepEqual(mutation.variables, { input: { name: "infra" } });
    });

    it("exchanges once for many requests", async () => {
      const { fake, client } = setup();
      for (let i = 0; i < 5; i++) await client.request(StackList, {});
      assert.equal(fake.count("ApiKeyUser"), 1);
      assert.equal(fake.count("StackList"), 5);
    });

    it("shares one exchange among 20 concurrent requests", async () => {
      const { fake, client } = setup();
      await Promise.all(Array.from({ length: 20 }, () => client.request(StackList, {})));
      assert.equal(fake.count("ApiKeyUser"), 1);
      assert.equal(fake.count("StackList"), 20);
    });

    it("refreshes the token before it expires", async () => {
      const { fake, client, clock } = setup({ ttlSeconds: 3 });
      await client.request(StackList, {});
      clock.advance(2600);
      await client.request(StackList, {});
      assert.equal(fake.count("ApiKeyUser"), 1);
      // 2.8 s into a 3 s token: inside the 0.3 s refresh margin.
      clock.advance(200);
      await client.request(StackList, {});
      assert.equal(fake.count("ApiKeyUser"), 2);
      assert.equal(fake.calls.at(-1)?.bearer, fake.issued[1]);
    });
  });

  describe("unauthorized", () => {
    it("drops a token the server no longer accepts, refreshes once and retries once", async () => {
      const { fake, client } = setup();
      await client.request(StackList, {});
      fake.expireAll();
      assert.deepEqual(await client.request(ContextCreate, { input: { name: "infra" } }), { ok: true });
      assert.equal(fake.count("ApiKeyUser"), 2);
      assert.equal(fake.count("ContextCreate"), 2);
    });

    it("reports a second refusal with a fresh token as a PermissionError, after exactly one retry", async () => {
      const { fake, client } = setup();
      fake.on("ContextCreate", () => unauthorized("contextCreateV2"));
      const error = await failure(() => client.request(ContextCreate, { input: { name: "infra" } }), fake);
      assert.ok(PermissionError.isInstance(error));
      assert.match(error.message, /^ContextCreate failed: unauthorized - the credentials are valid/);
      assert.match(error.message, /may lack access to this space/);
      assert.equal(fake.count("ContextCreate"), 2);
      assert.equal(fake.count("ApiKeyUser"), 2);
      const [first, second] = fake.calls.filter((call) => call.operationName === "ContextCreate");
      assert.notEqual(first?.bearer, second?.bearer, "the retry carries the fresh token");
    });

    it("refreshes once for 20 concurrent requests refused with the same expired token", async () => {
      const { fake, client } = setup();
      await client.request(StackList, {});
      fake.expireAll();
      await Promise.all(Array.from({ length: 20 }, () => client.request(StackList, {})));
      assert.equal(fake.count("ApiKeyUser"), 2);
      assert.equal(fake.count("StackList"), 1 + 20 + 20);
    });

    it("treats HTTP 401 as a refusal and reports a repeated one as an AuthenticationError", async () => {
      const { fake, client } = setup();
      fake.on("StackList", () => ({ status: 401, json: { errors: [{ message: "token revoked" }] } }));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(AuthenticationError.isInstance(error));
      assert.equal(error.httpStatus, 401);
      assert.equal(fake.count("StackList"), 2);
    });
  });

  describe("raw API token", () => {
    const exp = Date.UTC(2025, 0, 1, 13, 0, 0) / 1000;
    const token = makeJwt({ aud: [ENDPOINT], exp, iss: "spacelift", sub: "stack/run" });

    it("sends the token to the endpoint named by its aud and never exchanges it", async () => {
      const { fake, client } = setup({ env: { SPACELIFT_API_TOKEN: token } });
      fake.validTokens.add(token);
      await client.request(StackList, {});
      assert.equal(client.endpoint, ENDPOINT);
      assert.equal(fake.calls[0]?.bearer, token);
      assert.equal(fake.count("ApiKeyUser") + fake.count("OauthUser"), 0);
    });

    it("does not retry a refusal it cannot fix, and reports lacking access when the token is accepted", async () => {
      const { fake, client } = setup({ env: { SPACELIFT_API_TOKEN: token } });
      fake.validTokens.add(token);
      fake.on("StackList", () => unauthorized("stacks"));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(PermissionError.isInstance(error), error.message);
      assert.match(error.message, /the API token \(SPACELIFT_API_TOKEN\) cannot be refreshed/);
      assert.match(error.message, /may lack access/);
      assert.equal(fake.count("StackList"), 1);
      assert.equal(fake.count("Viewer"), 1, "one check that the token itself is accepted");
      assertNoLeak(error, [token]);
    });

    it("reports a refused token that Spacelift takes for an anonymous caller as not accepted", async () => {
      const { fake, client } = setup({ env: { SPACELIFT_API_TOKEN: token } });
      fake.on("StackList", () => unauthorized("stacks"));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(AuthenticationError.isInstance(error), error.message);
      assert.match(error.message, /^StackList failed: the API token is no longer accepted/);
      assert.match(error.message, /the token from SPACELIFT_API_TOKEN/);
      assert.doesNotMatch(error.message, /lack access/);
      assert.equal(fake.count("StackList"), 1);
      assert.equal(fake.count("Viewer"), 1);
      assertNoLeak(error, [token]);
    });

    it("fails before sending anything once the token has expired", async () => {
      const { fake, client, clock } = setup({ env: { SPACELIFT_API_TOKEN: token } });
      clock.time = exp * 1000;
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(AuthenticationError.isInstance(error));
      assert.match(error.message, /expired at 2025-01-01T13:00:00\.000Z and cannot be refreshed/);
      assert.equal(fake.calls.length, 0);
      assertNoLeak(error, [token]);
    });
  });

  describe("token exchange", () => {
    it("uses OauthUser for a GitHub token", async () => {
      const { fake, client } = setup({
        env: { SPACELIFT_API_GITHUB_TOKEN: GITHUB_TOKEN, SPACELIFT_API_KEY_ENDPOINT: ENDPOINT },
      });
      await client.request(StackList, {});
      assert.equal(fake.count("OauthUser"), 1);
      assert.deepEqual(fake.calls[0]?.variables, { token: GITHUB_TOKEN });
      assert.equal(fake.calls[1]?.bearer, fake.issued[0]);
    });

    it("reports a refused GitHub token as an AuthenticationError", async () => {
      const { fake, client } = setup({
        env: { SPACELIFT_API_GITHUB_TOKEN: `${GITHUB_TOKEN}-other`, SPACELIFT_API_KEY_ENDPOINT: ENDPOINT },
      });
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(AuthenticationError.isInstance(error));
      assert.equal(error.operation, "OauthUser");
      assertNoLeak(error, [GITHUB_TOKEN]);
    });

    it("reports an unknown key id", async () => {
      const { fake, client } = setup({ env: { ...keyEnv(), SPACELIFT_API_KEY_ID: "01HQUNKNOWNKEY" } });
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(AuthenticationError.isInstance(error));
      assert.match(error.message, /^ApiKeyUser failed: no such API key "01HQUNKNOWNKEY" - check the key id/);
      assert.equal(fake.count("StackList"), 0);
    });

    it("reports a wrong secret as an AuthenticationError naming the setting, not the value", async () => {
      const { fake, client } = setup({ env: keyEnv(OTHER_SECRET) });
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(AuthenticationError.isInstance(error));
      assert.equal(
        error.message,
        "ApiKeyUser failed: unauthorized - check the API key secret (SPACELIFT_API_KEY_SECRET)",
      );
      assert.equal(fake.count("ApiKeyUser"), 1, "a refusal is not retried");
    });

    it("retries the exchange after a transport failure, like a query", async () => {
      const { fake, client, sleep } = setup();
      fake.on("ApiKeyUser", status(503), status(502), passThrough);
      await client.request(StackList, {});
      assert.equal(fake.count("ApiKeyUser"), 3);
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [375, 750],
      );
    });
  });

  describe("retries", () => {
    it("honours Retry-After in seconds on 429 for a query", async () => {
      const { fake, client, sleep } = setup();
      fake.on(
        "StackList",
        status(429, { "retry-after": "2" }),
        status(429, { "retry-after": "5" }),
        passThrough,
      );
      assert.deepEqual(await client.request(StackList, {}), { ok: true });
      assert.equal(fake.count("StackList"), 3);
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [2000, 5000],
      );
    });

    it("honours Retry-After as an HTTP date, measured with the injected clock", async () => {
      const { fake, client, sleep, clock } = setup();
      const later = new Date(clock.now() + 7000).toUTCString();
      fake.on("StackList", status(503, { "retry-after": later }), passThrough);
      await client.request(StackList, {});
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [7000],
      );
    });

    it("gives a 5xx query every attempt of the policy with exponential backoff, then a TransportError", async () => {
      const { fake, client, sleep } = setup();
      fake.on("StackList", status(503));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(TransportError.isInstance(error));
      assert.equal(error.httpStatus, 503);
      assert.equal(error.message, "StackList failed: Spacelift answered HTTP 503");
      assert.equal(fake.count("StackList"), ATTEMPTS);
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [375, 750, 1500, 3000, 6000],
      );
    });

    it("never repeats a create mutation after a 5xx, and says it may have been applied", async () => {
      const { fake, client, sleep } = setup();
      fake.on("ContextCreate", status(502), passThrough);
      const error = await failure(() => client.request(ContextCreate, { input: { name: "infra" } }), fake);
      assert.ok(TransportError.isInstance(error));
      assert.equal(error.mayHaveApplied, true);
      assert.equal(fake.count("ContextCreate"), 1);
      assert.equal(sleep.callCount, 0);
    });

    it("repeats a create mutation after a 429, which proves it was not run", async () => {
      const { fake, client, sleep } = setup();
      fake.on("ContextCreate", status(429, { "retry-after": "1" }), passThrough);
      assert.deepEqual(await client.request(ContextCreate, { input: { name: "infra" } }), { ok: true });
      assert.equal(fake.count("ContextCreate"), 2);
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [1000],
      );
    });

    it("reports a create still rate limited after every attempt, as not applied", async () => {
      const { fake, client } = setup();
      fake.on("ContextCreate", status(429, { "retry-after": "1" }));
      const error = await failure(() => client.request(ContextCreate, { input: { name: "infra" } }), fake);
      assert.ok(RateLimitedError.isInstance(error));
      assert.equal(error.retryAfterMs, 1000);
      assert.equal(error.mayHaveApplied, false);
      assert.equal(fake.count("ContextCreate"), ATTEMPTS);
    });

    it("repeats a mutation declared idempotent", async () => {
      const { fake, client, sleep } = setup();
      fake.on("ContextUpdate", status(503), status(429, { "retry-after": "1" }), passThrough);
      assert.deepEqual(await client.request(ContextUpdate, { id: "infra" }), { ok: true });
      assert.equal(fake.count("ContextUpdate"), 3);
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [375, 1000],
      );
    });

    it("fails at once when Retry-After asks for more than the longest single wait", async () => {
      const { fake, client, sleep } = setup();
      fake.on("StackList", status(429, { "retry-after": "3600" }));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(RateLimitedError.isInstance(error));
      assert.equal(error.retryAfterMs, 3_600_000);
      assert.equal(fake.count("StackList"), 1);
      assert.equal(sleep.callCount, 0);
    });

    it("retries a network failure for a query and reports its system code", async () => {
      const { fake, client } = setup();
      const refused = new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ECONNREFUSED ${ENDPOINT}`), { code: "ECONNREFUSED" }),
      });
      fake.on("StackList", () => ({ throws: refused }));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(TransportError.isInstance(error));
      assert.equal(error.message, "StackList failed: could not reach Spacelift (ECONNREFUSED)");
      assert.equal(fake.count("StackList"), ATTEMPTS);
    });

    it("does not retry answers a repeat would reproduce", async () => {
      const { fake, client } = setup();
      fake.on("StackList", () => graphqlError("invalid filter"));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(ValidationError.isInstance(error));
      assert.equal(fake.count("StackList"), 1);
    });

    it("spaces requests by the rate limit from the environment", async () => {
      const { fake, client, sleep } = setup({
        client: {
          rateLimit: undefined,
          env: { SPACELIFT_MAX_REQUESTS_PER_SECOND: "1", SPACELIFT_MAX_REQUESTS_BURST: "2" },
        },
      });
      await Promise.all([client.request(StackList, {}), client.request(StackList, {})]);
      assert.equal(fake.count("StackList"), 2);
      // The exchange and the first query use the burst; the second query waits a second.
      assert.deepEqual(
        sleep.args.map(([ms]) => ms),
        [1000],
      );
    });
  });

  describe("errors", () => {
    it("aborts a request after the timeout and reports a TransportError", async () => {
      const { fake, client } = setup({ client: { timeoutMs: 30 } });
      fake.on("ContextCreate", () => ({ hang: true }));
      const error = await failure(() => client.request(ContextCreate, { input: { name: "infra" } }), fake);
      assert.ok(TransportError.isInstance(error));
      assert.equal(error.message, "ContextCreate failed: no answer within 30 ms");
      assert.equal(fake.count("ContextCreate"), 1);
      assert.ok(fake.calls.at(-1)?.signal?.aborted);
    });

    it("reports a 200 that is not JSON as a ProtocolError", async () => {
      const { fake, client } = setup();
      fake.on("StackList", () => ({
        text: "<html>maintenance</html>",
        headers: { "content-type": "text/html" },
      }));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(ProtocolError.isInstance(error));
      assert.equal(error.httpStatus, 200);
      assert.equal(fake.count("StackList"), 1);
    });

    it("reports malformed JSON and empty answers as a ProtocolError", async () => {
      const { fake, client } = setup();
      fake.on(
        "StackList",
        () => ({ text: "{not json" }),
        () => ({ json: {} }),
        () => ({ json: { data: "x" } }),
      );
      for (let i = 0; i < 3; i++) {
        const error = await failure(() => client.request(StackList, {}), fake);
        assert.ok(ProtocolError.isInstance(error), error.message);
      }
    });

    it("reports a 404 page with a hint about the endpoint", async () => {
      const { fake, client } = setup();
      fake.on("StackList", () => ({
        status: 404,
        text: "Not Found",
        headers: { "content-type": "text/plain" },
      }));
      const error = await failure(() => client.request(StackList, {}), fake);
      assert.ok(ProtocolError.isInstance(error));
      assert.match(error.message, /check the endpoint/);
    });

    it("reports `not found` as a NotFoundError and `already exists` as a ValidationError", async () => {
      const { fake, client } = setup();
      fake.on("StackList", () => graphqlError("stack not found", "stack"));
      fake.on("ContextCreate", () =>
        graphqlError("context with this slug already exists", "contextCreateV2"),
      );
      const notFound = await failure(() => client.request(StackList, {}), fake);
      assert.ok(NotFoundError.isInstance(notFound));
      assert.equal(notFound.message, "StackList failed: stack not found");
      const exists = await failure(() => client.request(ContextCreate, { input: { name: "infra" } }), fake);
      assert.ok(ValidationError.isInstance(exists));
      assert.equal(exists.message, "ContextCreate failed: context with this slug already exists");
      assert.deepEqual(exists.graphqlPath, ["contextCreateV2"]);
    });

    it("cuts sensitive variable values and extra redactions out of an echoing server message", async () => {
      const { fake, client } = setup();
      fake.on("ContextCreate", (call) => {
        const input = call.variables.input as { name: string; value: string };
        return graphqlError(`value ${input.value} is invalid for ${input.name}`);
      });
      const error = await failure(
        () => client.request(ContextCreate, { input: { name: "infra", value: SECRET_VALUE } }),
        fake,
      );
      assert.equal(error.message, "ContextCreate failed: value [redacted] is invalid for infra");
      fake.on("StackList", () => graphqlError("bad filter other-sensitive-text"));
      const extra = await failure(
        () => client.request(StackList, {}, { redact: ["other-sensitive-text"] }),
        fake,
      );
      assert.equal(extra.message, "StackList failed: bad filter [redacted]");
    });

    it("never puts the request variables into an error, whatever the failure", async () => {
      const { fake, client } = setup();
      fake.on(
        "ContextCreate",
        status(500),
        () => ({ status: 400, json: { errors: [{ message: "bad input" }] } }),
        () => ({ text: "garbage" }),
        () => unauthorized("contextCreateV2"),
      );
      for (let i = 0; i < 4; i++) {
        const error = await failure(
          () => client.request(ContextCreate, { input: { name: "infra", value: SECRET_VALUE } }),
          fake,
        );
        assertNoLeak(error, [SECRET_VALUE, KEY_SECRET, ...fake.issued]);
      }
    });
  });

  describe("sharing", () => {
    it("getClient returns one client per endpoint + credential, with one exchange", async () => {
      const clock = new FakeClock();
      const fake = new FakeSpacelift({ apiKeys: { [KEY_ID]: KEY_SECRET }, clock });
      const options = { fetch: fake.fetch, rateLimit: null, clock };
      const a = getClient(resolveCredentials(undefined, keyEnv()), options);
      const b = getClient(resolveCredentials(undefined, keyEnv()), options);
      const c = clientFromConfig({ get: () => undefined }, keyEnv(), options);
      assert.equal(a, b);
      assert.equal(a, c);
      await Promise.all([a.request(StackList, {}), b.request(StackList, {})]);
      assert.equal(fake.count("ApiKeyUser"), 1);
      const other = getClient(resolveCredentials(undefined, keyEnv(OTHER_SECRET)), options);
      assert.notEqual(other, a);
    });

    it("clients built separately from the same credentials share the process token source", async () => {
      const clock = new FakeClock();
      const fake = new FakeSpacelift({ apiKeys: { [KEY_ID]: KEY_SECRET }, clock });
      const credentials = resolveCredentials(undefined, keyEnv());
      const options = { fetch: fake.fetch, shareTokenSource: true, rateLimit: null, clock };
      const one = new SpaceliftClient(credentials, options);
      const two = new SpaceliftClient(credentials, options);
      await one.request(StackList, {});
      await two.request(StackList, {});
      assert.equal(fake.count("ApiKeyUser"), 1);
    });

    it("serves as the engine's ApiPort through run(spec, variables)", async () => {
      const { fake, client } = setup();
      const port: ApiPort = client;
      const spec = {
        name: "ContextUpdate",
        kind: "mutation",
        document: "mutation ContextUpdate($id: ID!) { contextUpdateV2(id: $id) { id } }",
        idempotent: true,
      } as const;
      fake.on("ContextUpdate", status(503), passThrough);
      assert.deepEqual(await port.run(spec, { id: "infra" }), { ok: true });
      assert.equal(fake.count("ContextUpdate"), 2, "idempotent specs are retried");
      assert.equal(operationFor({ ...spec }), operationFor({ ...spec }), "validated once");
      await assert.rejects(
        port.run({ ...spec, name: "ContextPatch" }, { id: "infra" }),
        /operation ContextPatch: the document names its operation ContextUpdate/,
      );
    });

    it("accepts any TokenSource", async () => {
      const fake = new FakeSpacelift();
      fake.validTokens.add("handmade-token");
      const invalidated: string[] = [];
      const source: TokenSource = {
        endpoint: "http://127.0.0.1:9",
        token: async () => "handmade-token",
        invalidate: (rejected) => invalidated.push(rejected),
      };
      const client = new SpaceliftClient(source, { fetch: fake.fetch, rateLimit: null });
      assert.equal(client.endpoint, "http://127.0.0.1:9");
      await client.request(StackList, {});
      assert.equal(fake.calls[0]?.url, "http://127.0.0.1:9/graphql");
      fake.expireAll();
      await failure(() => client.request(StackList, {}), fake);
      assert.deepEqual(invalidated, ["handmade-token"]);
    });
  });

  after(() => {
    assert.ok(seenErrors.length >= 20, `only ${seenErrors.length} errors collected`);
    for (const error of seenErrors) {
      assertNoLeak(error, [KEY_SECRET, OTHER_SECRET, GITHUB_TOKEN, SECRET_VALUE, ...issuedTokens]);
    }
  });
});
