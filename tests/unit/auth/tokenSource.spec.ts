import { strict as assert } from "node:assert";
import sinon from "sinon";
import { resolveCredentials, type ApiKeyCredentials } from "../../../provider/auth/credentials";
import { exchangeFor, type ExchangeRequest, type IssuedToken } from "../../../provider/auth/exchange";
import { clearSharedTokenSources, credentialKey, sharedTokenSource } from "../../../provider/auth/registry";
import {
  createTokenSource,
  ExchangingTokenSource,
  refreshMargin,
  StaticTokenSource,
} from "../../../provider/auth/tokenSource";
import { AuthenticationError, ProtocolError, TransportError } from "../../../provider/client/errors";
import { assertNoLeak, FakeClock, makeJwt, rejection } from "../client/fakes";

const ENDPOINT = "https://acme.app.spacelift.io";
const HOUR = 3_600_000;

/** An exchange that issues `jwt-1`, `jwt-2`, ... valid for `lifetimeMs` from the clock's now. */
function countingExchange(clock: FakeClock, lifetimeMs: number) {
  let issued = 0;
  return sinon.stub<[], Promise<IssuedToken>>().callsFake(async () => {
    issued += 1;
    return { jwt: `jwt-${issued}`, validUntil: clock.now() + lifetimeMs, issuedAt: clock.now() };
  });
}

describe("refreshMargin", () => {
  it("is 60 s for a one-hour token", () => assert.equal(refreshMargin(HOUR), 60_000));
  it("is 10 % of the lifetime for a three-second token", () => assert.equal(refreshMargin(3000), 300));
  it("is 10 % up to the point where that reaches 60 s", () => {
    assert.equal(refreshMargin(300_000), 30_000);
    assert.equal(refreshMargin(600_000), 60_000);
    assert.equal(refreshMargin(1_200_000), 60_000);
  });
  it("is never negative", () => assert.equal(refreshMargin(-5000), 0));
});

describe("ExchangingTokenSource", () => {
  it("exchanges once and reuses the token", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, HOUR);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    for (let i = 0; i < 5; i++) assert.equal(await source.token(), "jwt-1");
    assert.equal(exchange.callCount, 1);
    assert.equal(source.endpoint, ENDPOINT);
  });

  it("refreshes a one-hour token 60 s before it expires, not earlier", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, HOUR);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    await source.token();
    clock.advance(HOUR - 60_000 - 1);
    assert.equal(await source.token(), "jwt-1");
    clock.advance(1);
    assert.equal(await source.token(), "jwt-2");
    assert.equal(exchange.callCount, 2);
  });

  it("refreshes a three-second token 0.3 s before it expires, and uses it until then", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, 3000);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    await source.token();
    clock.advance(2699);
    assert.equal(await source.token(), "jwt-1");
    assert.equal(exchange.callCount, 1, "a 60 s margin would have made every call exchange");
    clock.advance(1);
    assert.equal(await source.token(), "jwt-2");
    clock.advance(2699);
    assert.equal(await source.token(), "jwt-2");
    assert.equal(exchange.callCount, 2);
  });

  it("shares one exchange among 20 concurrent callers when the token has expired", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, HOUR);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    assert.equal(await source.token(), "jwt-1");
    clock.advance(2 * HOUR);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.token()));
    assert.deepEqual(new Set(tokens), new Set(["jwt-2"]));
    assert.equal(exchange.callCount, 2);
  });

  it("shares one exchange among 20 concurrent first callers", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, HOUR);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.token()));
    assert.equal(exchange.callCount, 1);
    assert.deepEqual(new Set(tokens), new Set(["jwt-1"]));
  });

  it("drops the current token on invalidate and exchanges on the next call", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, HOUR);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    const first = await source.token();
    source.invalidate(first);
    assert.equal(await source.token(), "jwt-2");
    assert.equal(exchange.callCount, 2);
  });

  it("ignores invalidate for a token that has already been replaced", async () => {
    const clock = new FakeClock();
    const exchange = countingExchange(clock, HOUR);
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    const first = await source.token();
    source.invalidate(first);
    const second = await source.token();
    // A second caller whose request carried the old token reports it late.
    source.invalidate(first);
    assert.equal(await source.token(), second);
    assert.equal(exchange.callCount, 2);
  });

  it("gives every waiter the exchange's error, and tries again on the next call", async () => {
    const clock = new FakeClock();
    const failure = new TransportError({ operation: "ApiKeyUser", detail: "Spacelift answered HTTP 503" });
    const exchange = sinon.stub<[], Promise<IssuedToken>>();
    exchange.onFirstCall().rejects(failure);
    exchange
      .onSecondCall()
      .resolves({ jwt: "jwt-ok", validUntil: clock.now() + HOUR, issuedAt: clock.now() });
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => source.token()));
    assert.ok(results.every((result) => result.status === "rejected" && result.reason === failure));
    assert.equal(await source.token(), "jwt-ok");
    assert.equal(exchange.callCount, 2);
  });

  it("keeps serving a still-valid token when the refresh ahead of expiry fails", async () => {
    const clock = new FakeClock();
    const exchange = sinon.stub<[], Promise<IssuedToken>>();
    exchange.onFirstCall().resolves({ jwt: "jwt-1", validUntil: clock.now() + HOUR, issuedAt: clock.now() });
    exchange.rejects(new TransportError({ operation: "ApiKeyUser", detail: "no answer within 60 s" }));
    const source = new ExchangingTokenSource(ENDPOINT, exchange, clock);
    await source.token();
    clock.advance(HOUR - 30_000);
    assert.equal(await source.token(), "jwt-1");
    clock.advance(30_000);
    const error = await rejection(() => source.token());
    assert.ok(TransportError.isInstance(error));
  });
});

describe("StaticTokenSource (raw API token)", () => {
  const exp = Date.UTC(2025, 0, 1, 13, 0, 0) / 1000;
  const token = makeJwt({ aud: ["https://acme.app.spacelift.io"], exp, iss: "spacelift" });

  it("returns the token until its exp, taking the endpoint from aud", async () => {
    const clock = new FakeClock();
    const credentials = resolveCredentials(undefined, { SPACELIFT_API_TOKEN: token });
    const source = createTokenSource(credentials, {
      transport: () => assert.fail("a raw token is never exchanged"),
      clock,
    });
    assert.ok(source instanceof StaticTokenSource);
    assert.equal(source.endpoint, ENDPOINT);
    assert.equal(await source.token(), token);
    source.invalidate(token);
    assert.equal(await source.token(), token, "invalidate cannot replace a raw token");
  });

  it("fails with a clear message once it has expired, and is never refreshed", async () => {
    const clock = new FakeClock(exp * 1000);
    const transport = sinon.stub<[ExchangeRequest], Promise<Record<string, unknown>>>();
    const source = createTokenSource(resolveCredentials(undefined, { SPACELIFT_API_TOKEN: token }), {
      transport,
      clock,
    });
    const error = await rejection(() => source.token());
    assert.ok(AuthenticationError.isInstance(error));
    assert.equal(
      error.message,
      "Spacelift authentication failed: the API token (SPACELIFT_API_TOKEN) expired at 2025-01-01T13:00:00.000Z " +
        "and cannot be refreshed - supply a new token, or configure an API key (spacelift:apiKeyEndpoint, " +
        "spacelift:apiKeyId, spacelift:apiKeySecret), whose tokens are refreshed automatically",
    );
    assertNoLeak(error, [token]);
    assert.equal(transport.callCount, 0);
  });

  it("names the stack-config key when the token came from there", async () => {
    const clock = new FakeClock(exp * 1000 + 1);
    const credentials = resolveCredentials(
      { get: (key) => (key === "spacelift:apiToken" ? token : undefined) },
      {},
    );
    if (credentials.kind !== "apiToken") assert.fail(`resolved ${credentials.kind}`);
    const error = await rejection(() => new StaticTokenSource(credentials, clock).token());
    assert.match(String((error as Error).message), /the API token \(spacelift:apiToken\) expired/);
  });
});

describe("exchangeFor", () => {
  const credentials = resolveCredentials(undefined, {
    SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
    SPACELIFT_API_KEY_ID: "01HKEY",
    SPACELIFT_API_KEY_SECRET: "exchange-secret-value",
  }) as ApiKeyCredentials;

  it("sends ApiKeyUser with the id and secret, and turns validUntil seconds into ms", async () => {
    const clock = new FakeClock();
    const transport = sinon
      .stub<[ExchangeRequest], Promise<Record<string, unknown>>>()
      .resolves({ apiKeyUser: { jwt: "issued", validUntil: 1_800_000_000 } });
    const token = await exchangeFor(credentials, transport, clock)();
    assert.deepEqual(token, { jwt: "issued", validUntil: 1_800_000_000_000, issuedAt: clock.now() });
    const request = transport.firstCall.args[0];
    assert.equal(request.operation, "ApiKeyUser");
    assert.equal(request.endpoint, ENDPOINT);
    assert.deepEqual(request.variables, { id: "01HKEY", secret: "exchange-secret-value" });
    assert.deepEqual(request.redact, ["exchange-secret-value"]);
    assert.match(request.document, /^mutation ApiKeyUser\(\$id: ID!, \$secret: String!\)/);
  });

  it("reports a null apiKeyUser as an unknown key id", async () => {
    const transport = sinon
      .stub<[ExchangeRequest], Promise<Record<string, unknown>>>()
      .resolves({ apiKeyUser: null });
    const error = await rejection(() => exchangeFor(credentials, transport, new FakeClock())());
    assert.ok(AuthenticationError.isInstance(error));
    assert.equal(
      error.message,
      'ApiKeyUser failed: no such API key "01HKEY" - check the key id (SPACELIFT_API_KEY_ID) and that the key ' +
        "has not been deleted",
    );
    assertNoLeak(error, ["exchange-secret-value"]);
  });

  it("falls back to the JWT's exp when validUntil is missing", async () => {
    const jwt = makeJwt({ aud: ENDPOINT, exp: 1_900_000_000 });
    const transport = sinon
      .stub<[ExchangeRequest], Promise<Record<string, unknown>>>()
      .resolves({ apiKeyUser: { jwt } });
    const token = await exchangeFor(credentials, transport, new FakeClock())();
    assert.equal(token.validUntil, 1_900_000_000_000);
  });

  it("reports an answer without a token as a protocol error", async () => {
    for (const answer of [{ validUntil: 1 }, { jwt: "opaque-token-without-exp" }, "nonsense"]) {
      const transport = sinon
        .stub<[ExchangeRequest], Promise<Record<string, unknown>>>()
        .resolves({ apiKeyUser: answer });
      const error = await rejection(() => exchangeFor(credentials, transport, new FakeClock())());
      assert.ok(ProtocolError.isInstance(error), String(error));
      assertNoLeak(error, ["opaque-token-without-exp", "exchange-secret-value"]);
    }
  });

  it("sends OauthUser for a GitHub token", async () => {
    const github = resolveCredentials(undefined, {
      SPACELIFT_API_GITHUB_TOKEN: "ghp_secret-github-token",
      SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
    });
    const transport = sinon
      .stub<[ExchangeRequest], Promise<Record<string, unknown>>>()
      .resolves({ oauthUser: { jwt: "issued", validUntil: 1_800_000_000 } });
    const source = createTokenSource(github, { transport, clock: new FakeClock() });
    assert.equal(await source.token(), "issued");
    const request = transport.firstCall.args[0];
    assert.equal(request.operation, "OauthUser");
    assert.deepEqual(request.variables, { token: "ghp_secret-github-token" });
    assert.match(request.document, /^mutation OauthUser\(\$token: String!\)/);

    transport.resolves({ oauthUser: null });
    if (github.kind !== "githubToken") assert.fail(`resolved ${github.kind}`);
    const error = await rejection(() => exchangeFor(github, transport, new FakeClock())());
    assert.ok(AuthenticationError.isInstance(error));
    assert.match(error.message, /^OauthUser failed: Spacelift did not accept the GitHub token/);
    assertNoLeak(error, ["ghp_secret-github-token"]);
  });
});

describe("sharedTokenSource", () => {
  afterEach(() => clearSharedTokenSources());
  const env = (secret: string) => ({
    SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
    SPACELIFT_API_KEY_ID: "01HKEY",
    SPACELIFT_API_KEY_SECRET: secret,
  });
  const transport = () => Promise.reject(new Error("not used"));

  it("returns one source per endpoint + credential", () => {
    const a = sharedTokenSource(resolveCredentials(undefined, env("secret-one")), { transport });
    const b = sharedTokenSource(resolveCredentials(undefined, env("secret-one")), { transport });
    const c = sharedTokenSource(resolveCredentials(undefined, env("secret-two")), { transport });
    const d = sharedTokenSource(
      resolveCredentials(undefined, {
        ...env("secret-one"),
        SPACELIFT_API_KEY_ENDPOINT: "https://b.app.spacelift.io",
      }),
      { transport },
    );
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.notEqual(a, d);
  });

  it("keys on a digest of the secret, never the secret", () => {
    const key = credentialKey(resolveCredentials(undefined, env("secret-one")));
    assert.ok(!key.includes("secret-one"));
    assert.ok(key.includes("01HKEY") && key.includes(ENDPOINT));
    assert.match(key, /[0-9a-f]{64}/);
  });
});
