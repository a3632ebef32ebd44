/**
 * What the client says when the credentials themselves are the problem: a token Spacelift takes
 * for an anonymous caller is reported as a refused credential, naming the settings it came from,
 * never as missing access; and when the endpoint was taken from a raw token's audience, failures
 * to reach it say so.
 */
import { strict as assert } from "node:assert";
import { resolveCredentials, type ConfigSource, type Environment } from "../../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import {
  AuthenticationError,
  PermissionError,
  SpaceliftError,
  TransportError,
} from "../../../provider/client/errors";
import { defineOperation } from "../../../provider/client/operation";
import { clearSharedClients, SpaceliftClient } from "../../../provider/client/spaceliftClient";
import {
  assertNoLeak,
  FakeClock,
  FakeSpacelift,
  fetchFailed,
  KEY_ID,
  KEY_SECRET,
  makeJwt,
  recordingSleep,
  rejection,
  type Reply,
  unauthorized,
} from "./fakes";

const OUR_ACCOUNT = "https://acme.app.spacelift.io";
const OTHER_ACCOUNT = "https://other.app.spacelift.io";
const EXP = Date.UTC(2025, 0, 1, 13, 0, 0) / 1000;

const ContextCreate = defineOperation<{ ok: boolean }, { name: string }>({
  name: "ContextCreate",
  kind: "mutation",
  document: "mutation ContextCreate($name: String!) { contextCreateV2(name: $name) { id } }",
});

function config(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

function setup(env: Environment, stackConfig: Record<string, string> = {}, timeoutMs?: number) {
  const clock = new FakeClock();
  const fake = new FakeSpacelift({ apiKeys: { [KEY_ID]: KEY_SECRET }, clock });
  const client = new SpaceliftClient(resolveCredentials(config(stackConfig), env), {
    fetch: fake.fetch,
    sleep: recordingSleep(),
    clock,
    random: () => 0.5,
    rateLimit: null,
    retry: { maxAttempts: 2 },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { fake, client };
}

async function failure(fn: () => Promise<unknown>, secrets: readonly string[]): Promise<SpaceliftError> {
  const error = await rejection(fn);
  assert.ok(SpaceliftError.isInstance(error), `expected a SpaceliftError, got ${String(error)}`);
  assertNoLeak(error, secrets);
  return error;
}

const refused = (): Reply => unauthorized("contextCreateV2");
const anonymousViewer = (): Reply => ({ json: { data: { viewer: null } } });

describe("refused credentials", () => {
  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  describe("a raw API token at a configured endpoint", () => {
    const otherAccountToken = makeJwt({ aud: [OTHER_ACCOUNT], exp: EXP, iss: "spacelift" });
    const ourToken = makeJwt({ aud: [OUR_ACCOUNT], exp: EXP, iss: "spacelift" });

    it("issued for another account: names the endpoint setting, the token setting and the token's account", async () => {
      const { fake, client } = setup(
        { SPACELIFT_API_TOKEN: otherAccountToken },
        { "spacelift:apiKeyEndpoint": OUR_ACCOUNT },
      );
      fake.on("ContextCreate", refused);
      const error = await failure(
        () => client.request(ContextCreate, { name: "infra" }),
        [otherAccountToken],
      );
      assert.ok(AuthenticationError.isInstance(error), error.message);
      assert.equal(
        error.message,
        `ContextCreate failed: Spacelift at ${OUR_ACCOUNT} (the endpoint set in spacelift:apiKeyEndpoint) ` +
          "does not accept the API token from SPACELIFT_API_TOKEN: it answers requests bearing it as an " +
          `anonymous caller - the token was issued for ${OTHER_ACCOUNT} (its aud claim), not for this ` +
          `endpoint; correct spacelift:apiKeyEndpoint, or supply a token of the account at ${OUR_ACCOUNT}`,
      );
      assert.doesNotMatch(error.message, /lack access|role bindings/);
      assert.equal(fake.count("ContextCreate"), 1, "a token that cannot change is not retried");
      assert.equal(fake.count("Viewer"), 1);
    });

    it("issued for this account but not accepted: says so, still not a permission problem", async () => {
      const { fake, client } = setup({
        SPACELIFT_API_TOKEN: ourToken,
        SPACELIFT_API_KEY_ENDPOINT: OUR_ACCOUNT,
      });
      fake.on("ContextCreate", refused);
      const error = await failure(() => client.request(ContextCreate, { name: "infra" }), [ourToken]);
      assert.ok(AuthenticationError.isInstance(error), error.message);
      assert.match(
        error.message,
        /the endpoint set in SPACELIFT_API_KEY_ENDPOINT\) does not accept the API token/,
      );
      assert.match(error.message, /has not been revoked/);
      assert.doesNotMatch(error.message, /lack access/);
    });

    it("and the same from the sign-in check, which reports nothing gone", async () => {
      const { fake, client } = setup(
        { SPACELIFT_API_TOKEN: otherAccountToken },
        { "spacelift:apiKeyEndpoint": OUR_ACCOUNT },
      );
      const error = await failure(() => client.confirmSignedIn(), [otherAccountToken]);
      assert.ok(AuthenticationError.isInstance(error));
      assert.match(
        error.message,
        /^Viewer failed: Spacelift at https:\/\/acme\.app\.spacelift\.io \(the endpoint set in spacelift:apiKeyEndpoint\)/,
      );
      assert.match(
        error.message,
        /refuses to report objects as deleted on the strength of an anonymous answer/,
      );
      assert.match(error.message, /issued for https:\/\/other\.app\.spacelift\.io/);
      assert.equal(fake.count("Viewer"), 1);
    });

    it("accepted but refused one operation: that is missing access", async () => {
      const { fake, client } = setup({
        SPACELIFT_API_TOKEN: ourToken,
        SPACELIFT_API_KEY_ENDPOINT: OUR_ACCOUNT,
      });
      fake.validTokens.add(ourToken);
      fake.on("ContextCreate", refused);
      const error = await failure(() => client.request(ContextCreate, { name: "infra" }), [ourToken]);
      assert.ok(PermissionError.isInstance(error), error.message);
      assert.match(error.message, /may lack access to this space or resource/);
    });
  });

  describe("an API key", () => {
    const env: Environment = {
      SPACELIFT_API_KEY_ENDPOINT: OUR_ACCOUNT,
      SPACELIFT_API_KEY_ID: KEY_ID,
      SPACELIFT_API_KEY_SECRET: KEY_SECRET,
    };

    it("whose freshly issued token is anonymous: a refused credential naming its settings", async () => {
      const { fake, client } = setup(env);
      fake.on("ContextCreate", refused);
      fake.on("Viewer", anonymousViewer);
      const error = await failure(
        () => client.request(ContextCreate, { name: "infra" }),
        [KEY_SECRET, ...fake.issued],
      );
      assert.ok(AuthenticationError.isInstance(error), error.message);
      assert.equal(
        error.message,
        "ContextCreate failed: Spacelift treats these credentials as anonymous, even with a freshly issued " +
          `token: the API key ${KEY_ID} (SPACELIFT_API_KEY_ID and SPACELIFT_API_KEY_SECRET) was exchanged at ` +
          `${OUR_ACCOUNT} (set in SPACELIFT_API_KEY_ENDPOINT), but requests bearing the token it was issued ` +
          "are answered as an anonymous caller - the credentials are refused, not short of access: check " +
          "that the credential is still enabled and that SPACELIFT_API_KEY_ENDPOINT is your account's URL",
      );
      assert.equal(fake.count("ContextCreate"), 2);
      assert.equal(fake.count("ApiKeyUser"), 2);
      assert.equal(fake.count("Viewer"), 1);
    });

    it("whose fresh token is accepted but refused again: missing access, naming the key", async () => {
      const { fake, client } = setup(env);
      fake.on("ContextCreate", refused);
      const error = await failure(
        () => client.request(ContextCreate, { name: "infra" }),
        [KEY_SECRET, ...fake.issued],
      );
      assert.ok(PermissionError.isInstance(error), error.message);
      assert.match(
        error.message,
        new RegExp(
          `so the API key ${KEY_ID} \\(SPACELIFT_API_KEY_ID and SPACELIFT_API_KEY_SECRET\\) may lack access`,
        ),
      );
      assert.equal(fake.count("Viewer"), 1);
    });

    it("keeps the refusal as it is when the check itself fails", async () => {
      const { fake, client } = setup(env);
      fake.on("ContextCreate", refused);
      fake.on("Viewer", () => ({ status: 503, text: "" }));
      const error = await failure(() => client.request(ContextCreate, { name: "infra" }), [KEY_SECRET]);
      assert.ok(PermissionError.isInstance(error), error.message);
    });
  });
});

describe("an endpoint taken from a raw token's audience", () => {
  const token = makeJwt({ aud: [OTHER_ACCOUNT], exp: EXP, iss: "spacelift" });
  const audienceNote =
    `the endpoint ${OTHER_ACCOUNT} was taken from the audience (aud claim) of the API token in ` +
    "SPACELIFT_API_TOKEN, because no endpoint is configured; if the token belongs to another account " +
    "than the one you mean, use a token of that account or set spacelift:apiKeyEndpoint (or " +
    "SPACELIFT_API_KEY_ENDPOINT)";

  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  const unreachable: { name: string; reply: () => Reply; detail: string; timeoutMs?: number }[] = [
    {
      name: "a refused connection",
      reply: () => ({ throws: fetchFailed("ECONNREFUSED", { syscall: "connect" }) }),
      detail: "could not reach Spacelift (ECONNREFUSED)",
    },
    {
      name: "a name that does not resolve",
      reply: () => ({ throws: fetchFailed("ENOTFOUND", { syscall: "getaddrinfo" }) }),
      detail: "could not reach Spacelift (ENOTFOUND)",
    },
    {
      name: "a certificate that does not verify",
      reply: () => ({ throws: fetchFailed("ERR_TLS_CERT_ALTNAME_INVALID") }),
      detail: "could not reach Spacelift (ERR_TLS_CERT_ALTNAME_INVALID)",
    },
    { name: "a timeout", reply: () => ({ hang: true }), detail: "no answer within 20 ms", timeoutMs: 20 },
  ];
  for (const row of unreachable) {
    it(`names it and where it came from on ${row.name}`, async () => {
      const { fake, client } = setup({ SPACELIFT_API_TOKEN: token }, {}, row.timeoutMs);
      fake.on("ContextCreate", row.reply);
      const error = await failure(() => client.request(ContextCreate, { name: "infra" }), [token]);
      assert.ok(TransportError.isInstance(error));
      assert.equal(error.message, `ContextCreate failed: ${row.detail} - ${audienceNote}`);
      assert.equal(fake.calls[0]?.url, `${OTHER_ACCOUNT}/graphql`);
    });
  }

  it("says the same when the sign-in check cannot reach it", async () => {
    const { fake, client } = setup({ SPACELIFT_API_TOKEN: token });
    fake.on("Viewer", () => ({ throws: fetchFailed("ENOTFOUND", { syscall: "getaddrinfo" }) }));
    const error = await failure(() => client.confirmSignedIn(), [token]);
    assert.equal(error.message, `Viewer failed: could not reach Spacelift (ENOTFOUND) - ${audienceNote}`);
  });

  it("says nothing of the audience when the endpoint is configured", async () => {
    const { fake, client } = setup({ SPACELIFT_API_TOKEN: token, SPACELIFT_API_KEY_ENDPOINT: OUR_ACCOUNT });
    fake.on("ContextCreate", () => ({ throws: fetchFailed("ENOTFOUND", { syscall: "getaddrinfo" }) }));
    const error = await failure(() => client.request(ContextCreate, { name: "infra" }), [token]);
    assert.equal(error.message, "ContextCreate failed: could not reach Spacelift (ENOTFOUND)");
  });
});
