import { strict as assert } from "node:assert";
import { resolveCredentials, type Environment } from "../../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import { AuthenticationError, SpaceliftError, TransportError } from "../../../provider/client/errors";
import { clearSharedClients, SpaceliftClient } from "../../../provider/client/spaceliftClient";
import type { ApiPort } from "../../../provider/engine/api";
import {
  assertNoLeak,
  type Call,
  ENDPOINT,
  FakeClock,
  FakeSpacelift,
  type Handler,
  KEY_ENV,
  KEY_ID,
  KEY_SECRET,
  makeJwt,
  recordingSleep,
  rejection,
} from "./fakes";

/**
 * `confirmSignedIn` tells "Spacelift takes us for a signed-in caller" from "Spacelift answers us as
 * an anonymous caller" (a token it no longer accepts), and gets a fresh token where it can.
 */

const GITHUB_TOKEN = "ghp_github-token-never-print";

/** Spacelift's `viewer`: the caller, or null for a token it does not accept. */
const viewer: Handler = (call, fake) => ({
  json: { data: { viewer: fake.authorised(call) ? { id: KEY_ID } : null } },
});

/** `viewer` is null whatever the token. */
const alwaysAnonymous: Handler = () => ({ json: { data: { viewer: null } } });

function setup(env: Environment = KEY_ENV): { fake: FakeSpacelift; client: SpaceliftClient } {
  const clock = new FakeClock();
  const fake = new FakeSpacelift({
    apiKeys: { [KEY_ID]: KEY_SECRET },
    githubTokens: [GITHUB_TOKEN],
    clock,
  });
  const client = new SpaceliftClient(resolveCredentials(undefined, env), {
    fetch: fake.fetch,
    sleep: recordingSleep(),
    clock,
    random: () => 0.5,
    rateLimit: null,
  });
  return { fake, client };
}

function viewerCalls(fake: FakeSpacelift): Call[] {
  return fake.calls.filter((call) => call.operationName === "Viewer");
}

async function failure(fn: () => Promise<unknown>, secrets: readonly string[]): Promise<SpaceliftError> {
  const error = await rejection(fn);
  assert.ok(SpaceliftError.isInstance(error), `expected a SpaceliftError, got ${String(error)}`);
  assertNoLeak(error, secrets);
  return error;
}

describe("SpaceliftClient.confirmSignedIn", () => {
  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  it("answers ok with one named Viewer query when the token is accepted", async () => {
    const { fake, client } = setup();
    fake.on("Viewer", viewer);
    assert.equal(await client.confirmSignedIn(), "ok");
    assert.equal(fake.count("ApiKeyUser"), 1);
    const [call] = viewerCalls(fake);
    assert.equal(viewerCalls(fake).length, 1);
    assert.equal(call?.query, "query Viewer { viewer { id } }");
    assert.equal(call?.headers.get("spacelift-graphql-query"), "Viewer");
    assert.equal(call?.bearer, fake.issued[0]);
  });

  it("on a null viewer drops the token, exchanges once and answers refreshed", async () => {
    const { fake, client } = setup();
    fake.on("Viewer", viewer);
    await client.confirmSignedIn();
    fake.expireAll();
    assert.equal(await client.confirmSignedIn(), "refreshed");
    assert.equal(fake.count("ApiKeyUser"), 2);
    const calls = viewerCalls(fake);
    assert.equal(calls.length, 3);
    assert.equal(calls[1]?.bearer, fake.issued[0], "the first check carries the token in use");
    assert.equal(calls[2]?.bearer, fake.issued[1], "the second check carries the fresh token");
    assert.equal(await client.confirmSignedIn(), "ok", "later checks use the fresh token");
    assert.equal(fake.count("ApiKeyUser"), 2);
  });

  it("refreshes a GitHub-token session the same way", async () => {
    const { fake, client } = setup({
      SPACELIFT_API_GITHUB_TOKEN: GITHUB_TOKEN,
      SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
    });
    fake.on("Viewer", viewer);
    await client.confirmSignedIn();
    fake.expireAll();
    assert.equal(await client.confirmSignedIn(), "refreshed");
    assert.equal(fake.count("OauthUser"), 2);
  });

  it("takes an HTTP 401 on the check for a token that is not accepted", async () => {
    const { fake, client } = setup();
    fake.on("Viewer", () => ({ status: 401, json: { errors: [{ message: "token revoked" }] } }), viewer);
    assert.equal(await client.confirmSignedIn(), "refreshed");
    assert.equal(fake.count("ApiKeyUser"), 2);
  });

  it("fails clearly when a fresh token is anonymous too", async () => {
    const { fake, client } = setup();
    fake.on("Viewer", alwaysAnonymous);
    const error = await failure(() => client.confirmSignedIn(), [KEY_SECRET, ...fake.issued]);
    assert.ok(AuthenticationError.isInstance(error), `expected an AuthenticationError, got ${error.name}`);
    assert.equal(error.operation, "Viewer");
    assert.match(error.message, /Spacelift treats these credentials as anonymous/);
    assert.match(error.message, /refuses to report objects as deleted/);
    assert.equal(fake.count("ApiKeyUser"), 4);
    assert.equal(viewerCalls(fake).length, 4);
    assertNoLeak(error, fake.issued);
  });

  describe("raw API token", () => {
    const token = makeJwt({
      aud: [ENDPOINT],
      exp: Date.UTC(2025, 0, 1, 13, 0, 0) / 1000,
      iss: "spacelift",
      sub: "stack/run",
    });

    it("answers ok while the token is accepted", async () => {
      const { fake, client } = setup({ SPACELIFT_API_TOKEN: token });
      fake.validTokens.add(token);
      fake.on("Viewer", viewer);
      assert.equal(await client.confirmSignedIn(), "ok");
      assert.equal(fake.count("ApiKeyUser") + fake.count("OauthUser"), 0);
    });

    it("fails, saying the token is no longer accepted, without trying to exchange it", async () => {
      const { fake, client } = setup({ SPACELIFT_API_TOKEN: token });
      fake.on("Viewer", viewer);
      const error = await failure(() => client.confirmSignedIn(), [token]);
      assert.ok(AuthenticationError.isInstance(error), `expected an AuthenticationError, got ${error.name}`);
      assert.match(error.message, /the API token is no longer accepted/);
      assert.match(error.message, /cannot be refreshed/);
      assert.match(error.message, /refuses to report objects as deleted/);
      assert.equal(viewerCalls(fake).length, 1, "a token that cannot change is not checked twice");
      assert.equal(fake.count("ApiKeyUser") + fake.count("OauthUser"), 0);
    });
  });

  it("reports a failure of the check itself as it is, after the usual retries", async () => {
    const { fake, client } = setup();
    fake.on("Viewer", () => ({ status: 503, text: "busy" }));
    const error = await failure(() => client.confirmSignedIn(), [KEY_SECRET, ...fake.issued]);
    assert.ok(TransportError.isInstance(error));
    assert.equal(fake.count("ApiKeyUser"), 1, "a transport failure says nothing about the token");
    assert.ok(viewerCalls(fake).length > 1, "the check is a query, so it is retried");
  });

  it("serves as the engine port's sign-in check", async () => {
    const { fake, client } = setup();
    fake.on("Viewer", viewer);
    const port: ApiPort = client;
    assert.equal(await port.confirmSignedIn?.(), "ok");
  });
});
