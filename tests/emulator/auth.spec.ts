import { strict as assert } from "node:assert";
import { decodeJwt } from "jose";
import type { FixtureEmulator as EmulatorHandle } from "./fixtureSchema";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { startFixtureEmulator } from "./fixtureSchema";

const EXCHANGE = "mutation($id:ID!$secret:String!){apiKeyUser(id: $id, secret: $secret){id,jwt,validUntil}}";
const VIEWER = "{viewer{id,name}}";

type ExchangeData = { apiKeyUser: { id: string; jwt: string; validUntil: number } | null };
type ViewerData = { viewer: { id: string; name: string } | null };

describe("emulator authentication", () => {
  let clock = Date.UTC(2030, 0, 1);
  let emulator: EmulatorHandle;
  const secondKey = { id: "01J00000000000000000000002", secret: "second-key-secret-value" };

  before(async () => {
    emulator = await startFixtureEmulator({
      apiKeys: [{ id: "01J00000000000000000000001", secret: "first-key-secret-value" }, secondKey],
      githubTokens: [{ token: "ghp_configured_token_value", login: "octocat" }],
      tokenTtlSeconds: 120,
      now: () => clock,
    });
  });

  after(() => emulator.close());

  it("exchanges an API key for a JWT without a bearer token", async () => {
    const reply = await postGraphQL<ExchangeData>(emulator, EXCHANGE, {
      variables: { id: emulator.apiKey.id, secret: emulator.apiKey.secret },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.errors, undefined);
    const user = reply.data?.apiKeyUser;
    assert.ok(user);
    assert.equal(user.id, emulator.apiKey.id);
    assert.equal(user.validUntil, Math.floor(clock / 1000) + 120);
    assert.match(user.jwt, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("issues tokens with the claims Spacelift clients read", async () => {
    const jwt = await exchangeApiKey(emulator);
    const claims = decodeJwt(jwt);
    assert.deepEqual(claims.aud, [emulator.url]);
    assert.equal(claims.iss, "api-key");
    assert.equal(claims.sub, emulator.apiKey.id);
    assert.equal(claims.iat, Math.floor(clock / 1000));
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 120);
    assert.equal(typeof claims.jti, "string");
  });

  it("puts the base URL without /graphql in the audience", () => {
    assert.equal(emulator.graphqlUrl, `${emulator.url}/graphql`);
    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("returns a null user for an unknown key id", async () => {
    const reply = await postGraphQL<ExchangeData>(emulator, EXCHANGE, {
      variables: { id: "01J0000000000000000000000Z", secret: "whatever-secret" },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.errors, undefined);
    assert.equal(reply.data?.apiKeyUser, null);
  });

  it("rejects a wrong secret with an error that does not contain the secret", async () => {
    const wrong = "wrong-secret-do-not-echo";
    const reply = await postGraphQL<ExchangeData>(emulator, EXCHANGE, {
      variables: { id: emulator.apiKey.id, secret: wrong },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.data?.apiKeyUser, null);
    assert.equal(reply.errors?.length, 1);
    assert.match(reply.errors[0].message, /unauthorized/);
    assert.ok(!reply.text.includes(wrong));
    assert.ok(!reply.text.includes(emulator.apiKey.secret));
  });

  it("treats a missing or invalid bearer token as an anonymous caller with HTTP 200", async () => {
    for (const token of [undefined, "not-a-jwt", `${await exchangeApiKey(emulator)}x`]) {
      const reply = await postGraphQL<ViewerData>(emulator, VIEWER, { token });
      assert.equal(reply.status, 200);
      assert.equal(reply.errors, undefined);
      assert.equal(reply.data?.viewer, null);
    }
  });

  it("answers protected fields of anonymous callers with an unauthorized error", async () => {
    const reply = await postGraphQL(emulator, '{note(id: "x"){id}}');
    assert.equal(reply.status, 200);
    assert.equal(reply.errors?.[0].message, "unauthorized");
    assert.deepEqual(reply.errors?.[0].path, ["note"]);
  });

  it("authenticates a valid bearer token as the key's user", async () => {
    const reply = await postGraphQL<ViewerData>(emulator, VIEWER, { token: await exchangeApiKey(emulator) });
    assert.deepEqual(reply.data?.viewer, { id: emulator.apiKey.id, name: emulator.apiKey.id });
  });

  it("treats an expired token as anonymous", async () => {
    const jwt = await exchangeApiKey(emulator);
    const start = clock;
    try {
      clock = start + 119_000;
      assert.notEqual((await postGraphQL<ViewerData>(emulator, VIEWER, { token: jwt })).data?.viewer, null);
      clock = start + 120_000;
      const reply = await postGraphQL<ViewerData>(emulator, VIEWER, { token: jwt });
      assert.equal(reply.status, 200);
      assert.equal(reply.data?.viewer, null);
    } finally {
      clock = start;
    }
  });

  it("expires every token issued before expireAllTokens, and only those", async () => {
    const before = await exchangeApiKey(emulator);
    emulator.controls.expireAllTokens();
    const afterwards = await exchangeApiKey(emulator);
    assert.equal((await postGraphQL<ViewerData>(emulator, VIEWER, { token: before })).data?.viewer, null);
    assert.notEqual(
      (await postGraphQL<ViewerData>(emulator, VIEWER, { token: afterwards })).data?.viewer,
      null,
    );
  });

  it("expires tokens through POST /_emulator/tokens/expire", async () => {
    const jwt = await exchangeApiKey(emulator);
    const response = await fetch(`${emulator.url}/_emulator/tokens/expire`, { method: "POST" });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    assert.equal((await postGraphQL<ViewerData>(emulator, VIEWER, { token: jwt })).data?.viewer, null);
  });

  it("revokes the caller's token on logout and leaves other tokens valid", async () => {
    const first = await exchangeApiKey(emulator);
    const second = await exchangeApiKey(emulator);
    const reply = await postGraphQL<{ logout: { id: string } | null }>(emulator, "mutation{logout{id}}", {
      token: first,
    });
    assert.equal(reply.data?.logout?.id, emulator.apiKey.id);
    assert.equal((await postGraphQL<ViewerData>(emulator, VIEWER, { token: first })).data?.viewer, null);
    assert.notEqual((await postGraphQL<ViewerData>(emulator, VIEWER, { token: second })).data?.viewer, null);
    const anonymous = await postGraphQL<{ logout: null }>(emulator, "mutation{logout{id}}");
    assert.equal(anonymous.data?.logout, null);
  });

  it("exchanges a configured GitHub token with oauthUser", async () => {
    const reply = await postGraphQL<{ oauthUser: { id: string; jwt: string; validUntil: number } }>(
      emulator,
      "mutation($token:String!){oauthUser(token: $token){id,jwt,validUntil}}",
      { variables: { token: "ghp_configured_token_value" } },
    );
    const user = reply.data?.oauthUser;
    assert.ok(user);
    assert.equal(user.id, "octocat");
    assert.deepEqual(decodeJwt(user.jwt).aud, [emulator.url]);
    const viewer = await postGraphQL<ViewerData>(emulator, VIEWER, { token: user.jwt });
    assert.equal(viewer.data?.viewer?.id, "octocat");
  });

  it("rejects an unknown GitHub token without echoing it", async () => {
    const token = "ghp_unknown_token_do_not_echo";
    const reply = await postGraphQL(emulator, "mutation($token:String!){oauthUser(token: $token){jwt}}", {
      variables: { token },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.errors?.length, 1);
    assert.ok(!reply.text.includes(token));
  });

  it("accepts a run token minted like Spacelift's SPACELIFT_API_TOKEN", async () => {
    const { jwt, validUntil } = await emulator.mintRunToken("my-stack", "01J0000000000000000000RUN1");
    const claims = decodeJwt(jwt);
    assert.equal(claims.iss, "spacelift");
    assert.equal(claims.sub, "my-stack/01J0000000000000000000RUN1");
    assert.deepEqual(claims.aud, [emulator.url]);
    assert.equal(claims.exp, validUntil);
    emulator.controls.resetStats();
    const reply = await postGraphQL<ViewerData>(emulator, VIEWER, { token: jwt });
    assert.equal(reply.data?.viewer?.id, "my-stack/01J0000000000000000000RUN1");
    assert.deepEqual(emulator.controls.stats().byCredential, {
      "run:my-stack/01J0000000000000000000RUN1": 1,
    });
  });

  it("does not accept tokens signed by another emulator", async () => {
    const other = await startFixtureEmulator({ now: () => clock });
    try {
      const foreign = await exchangeApiKey(other);
      const reply = await postGraphQL<ViewerData>(emulator, VIEWER, { token: foreign });
      assert.equal(reply.data?.viewer, null);
    } finally {
      await other.close();
    }
  });

  it("accepts every configured API key and counts requests per credential", async () => {
    const secondJwt = await exchangeApiKey({ ...emulator, apiKey: secondKey });
    const firstJwt = await exchangeApiKey(emulator);
    emulator.controls.resetStats();
    await postGraphQL(emulator, VIEWER, { token: firstJwt });
    await postGraphQL(emulator, VIEWER, { token: secondJwt });
    await postGraphQL(emulator, VIEWER, { token: secondJwt });
    await postGraphQL(emulator, VIEWER);
    assert.deepEqual(emulator.controls.stats().byCredential, {
      [emulator.apiKey.id]: 1,
      [secondKey.id]: 2,
      anonymous: 1,
    });
  });

  it("generates a ULID API key when none is configured", async () => {
    const generated = await startFixtureEmulator();
    try {
      assert.match(generated.apiKey.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
      assert.ok(generated.apiKey.secret.length >= 32);
      assert.deepEqual(generated.apiKeys, [generated.apiKey]);
      await exchangeApiKey(generated);
    } finally {
      await generated.close();
    }
  });
});
