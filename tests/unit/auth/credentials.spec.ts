import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import {
  normalizeEndpoint,
  resolveCredentials,
  type ConfigSource,
  type Credentials,
} from "../../../provider/auth/credentials";
import { AuthenticationError } from "../../../provider/client/errors";
import { assertNoLeak, makeJwt } from "../client/fakes";

const ENDPOINT = "https://acme.app.spacelift.io";
const KEY_ID = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
const KEY_SECRET = "key-secret-do-not-print";
const GITHUB = "ghp_github-token-do-not-print";
const TOKEN = makeJwt({ aud: ["https://run.app.spacelift.io"], exp: 2_000_000_000, iss: "spacelift" });
const SECRETS = [KEY_SECRET, GITHUB, TOKEN];

function config(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

function fails(configValues: Record<string, string>, env: Record<string, string>): AuthenticationError {
  try {
    resolveCredentials(config(configValues), env);
  } catch (error) {
    assert.ok(AuthenticationError.isInstance(error), `expected an AuthenticationError, got ${String(error)}`);
    assertNoLeak(error, SECRETS);
    return error;
  }
  assert.fail("expected resolveCredentials to throw");
}

function summary(credentials: Credentials): Record<string, unknown> {
  return {
    kind: credentials.kind,
    endpoint: credentials.endpoint,
    source: credentials.source,
    ...(credentials.kind === "apiKey"
      ? { keyId: credentials.keyId, secret: credentials.keySecret.reveal() }
      : {}),
    ...(credentials.kind !== "apiKey" ? { token: credentials.token.reveal() } : {}),
  };
}

describe("resolveCredentials", () => {
  describe("precedence", () => {
    const fullKeyEnv = {
      SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
      SPACELIFT_API_KEY_ID: KEY_ID,
      SPACELIFT_API_KEY_SECRET: KEY_SECRET,
    };
    const fullKeyConfig = {
      "spacelift:apiKeyEndpoint": ENDPOINT,
      "spacelift:apiKeyId": KEY_ID,
      "spacelift:apiKeySecret": KEY_SECRET,
    };
    const cases: {
      name: string;
      config: Record<string, string>;
      env: Record<string, string>;
      expected: Record<string, unknown>;
    }[] = [
      {
        name: "API key from the environment",
        config: {},
        env: fullKeyEnv,
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "env", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "API key from stack config",
        config: fullKeyConfig,
        env: {},
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "config", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "stack config wins key by key over the environment",
        config: fullKeyConfig,
        env: {
          ...fullKeyEnv,
          SPACELIFT_API_KEY_ENDPOINT: "https://other.app.spacelift.io",
          SPACELIFT_API_KEY_ID: "OTHER",
        },
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "config", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "endpoint from stack config, key pair from the environment",
        config: { "spacelift:apiKeyEndpoint": ENDPOINT },
        env: { SPACELIFT_API_KEY_ID: KEY_ID, SPACELIFT_API_KEY_SECRET: KEY_SECRET },
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "env", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "key pair from stack config, endpoint from the environment",
        config: { "spacelift:apiKeyId": KEY_ID, "spacelift:apiKeySecret": KEY_SECRET },
        env: { SPACELIFT_API_KEY_ENDPOINT: ENDPOINT },
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "config", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "a complete API key wins over an API token",
        config: {},
        env: { ...fullKeyEnv, SPACELIFT_API_TOKEN: TOKEN },
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "env", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "a complete API key wins over a GitHub token",
        config: {},
        env: { ...fullKeyEnv, SPACELIFT_API_GITHUB_TOKEN: GITHUB },
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "env", keyId: KEY_ID, secret: KEY_SECRET },
      },
      {
        name: "API token alone: endpoint from its aud claim",
        config: {},
        env: { SPACELIFT_API_TOKEN: TOKEN },
        expected: { kind: "apiToken", endpoint: "https://run.app.spacelift.io", source: "env", token: TOKEN },
      },
      {
        name: "API token with a configured endpoint: the configured endpoint wins over aud",
        config: { "spacelift:apiKeyEndpoint": `${ENDPOINT}/graphql` },
        env: { SPACELIFT_API_TOKEN: TOKEN },
        expected: { kind: "apiToken", endpoint: ENDPOINT, source: "env", token: TOKEN },
      },
      {
        name: "API token from stack config wins over one in the environment",
        config: { "spacelift:apiToken": TOKEN },
        env: { SPACELIFT_API_TOKEN: makeJwt({ aud: "https://env.app.spacelift.io" }) },
        expected: {
          kind: "apiToken",
          endpoint: "https://run.app.spacelift.io",
          source: "config",
          token: TOKEN,
        },
      },
      {
        name: "an API token wins over a GitHub token",
        config: {},
        env: {
          SPACELIFT_API_TOKEN: TOKEN,
          SPACELIFT_API_GITHUB_TOKEN: GITHUB,
          SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
        },
        expected: { kind: "apiToken", endpoint: ENDPOINT, source: "env", token: TOKEN },
      },
      {
        name: "GitHub token with an endpoint",
        config: { "spacelift:githubToken": GITHUB },
        env: { SPACELIFT_API_KEY_ENDPOINT: `${ENDPOINT}/` },
        expected: { kind: "githubToken", endpoint: ENDPOINT, source: "config", token: GITHUB },
      },
      {
        name: "empty values count as unset",
        config: { "spacelift:apiKeyId": "", "spacelift:apiKeySecret": "  " },
        env: { ...fullKeyEnv },
        expected: { kind: "apiKey", endpoint: ENDPOINT, source: "env", keyId: KEY_ID, secret: KEY_SECRET },
      },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        assert.deepEqual(
          summary(resolveCredentials(config(testCase.config), testCase.env)),
          testCase.expected,
        );
      });
    }
  });

  describe("what is missing", () => {
    it("lists every way to configure credentials in one error when nothing is set", () => {
      const error = fails({}, {});
      for (const name of [
        "spacelift:apiKeyEndpoint (or SPACELIFT_API_KEY_ENDPOINT)",
        "spacelift:apiKeyId (or SPACELIFT_API_KEY_ID)",
        "spacelift:apiKeySecret (or SPACELIFT_API_KEY_SECRET)",
        "spacelift:apiToken (or SPACELIFT_API_TOKEN)",
        "spacelift:githubToken (or SPACELIFT_API_GITHUB_TOKEN)",
      ]) {
        assert.ok(error.message.includes(name), `${name} missing from: ${error.message}`);
      }
      assert.equal(error.code, "authentication");
    });

    it("does not ask for an endpoint that is already set", () => {
      const error = fails({ "spacelift:apiKeyEndpoint": ENDPOINT }, {});
      assert.ok(!error.message.includes("set spacelift:apiKeyEndpoint"), error.message);
      assert.ok(error.message.includes("spacelift:apiKeyId (or SPACELIFT_API_KEY_ID)"));
    });

    it("reports a key id without a secret precisely", () => {
      const error = fails({}, { SPACELIFT_API_KEY_ID: KEY_ID, SPACELIFT_API_KEY_ENDPOINT: ENDPOINT });
      assert.match(
        error.message,
        /SPACELIFT_API_KEY_ID is set but spacelift:apiKeySecret \(or SPACELIFT_API_KEY_SECRET\) is not/,
      );
    });

    it("reports a secret without a key id precisely, even when a token could be used", () => {
      const error = fails({ "spacelift:apiKeySecret": KEY_SECRET }, { SPACELIFT_API_TOKEN: TOKEN });
      assert.match(
        error.message,
        /spacelift:apiKeySecret is set but spacelift:apiKeyId \(or SPACELIFT_API_KEY_ID\) is not/,
      );
    });

    it("reports a key pair without an endpoint", () => {
      const error = fails({}, { SPACELIFT_API_KEY_ID: KEY_ID, SPACELIFT_API_KEY_SECRET: KEY_SECRET });
      assert.match(
        error.message,
        /no endpoint; set spacelift:apiKeyEndpoint \(or SPACELIFT_API_KEY_ENDPOINT\)/,
      );
    });

    it("refuses a key id and a secret taken from different places", () => {
      const error = fails(
        { "spacelift:apiKeyId": KEY_ID },
        { SPACELIFT_API_KEY_SECRET: KEY_SECRET, SPACELIFT_API_KEY_ENDPOINT: ENDPOINT },
      );
      assert.match(
        error.message,
        /spacelift:apiKeyId and SPACELIFT_API_KEY_SECRET come from different places/,
      );
    });

    it("reports a GitHub token without an endpoint", () => {
      const error = fails({}, { SPACELIFT_API_GITHUB_TOKEN: GITHUB });
      assert.match(error.message, /GitHub token is set but no endpoint/);
    });

    it("reports an API token that is not a JWT without echoing it", () => {
      const error = fails({ "spacelift:apiToken": KEY_SECRET }, {});
      assert.match(error.message, /spacelift:apiToken is not a JWT/);
    });

    it("refuses a token whose aud does not name exactly one endpoint, unless one is configured", () => {
      const twoAudiences = makeJwt({ aud: ["https://a.app.spacelift.io", "https://b.app.spacelift.io"] });
      const error = fails({}, { SPACELIFT_API_TOKEN: twoAudiences });
      assert.match(error.message, /"aud" claim has 2 entries/);
      assert.ok(!error.message.includes(twoAudiences));
      const noAudience = fails({}, { SPACELIFT_API_TOKEN: makeJwt({ exp: 1 }) });
      assert.match(noAudience.message, /"aud" claim has 0 entries/);
      const resolved = resolveCredentials(undefined, {
        SPACELIFT_API_TOKEN: twoAudiences,
        SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
      });
      assert.equal(resolved.endpoint, ENDPOINT);
    });
  });

  it("reads process.env at call time by default", () => {
    const saved = { ...process.env };
    try {
      delete process.env.SPACELIFT_API_KEY_ID;
      delete process.env.SPACELIFT_API_KEY_SECRET;
      delete process.env.SPACELIFT_API_GITHUB_TOKEN;
      process.env.SPACELIFT_API_KEY_ENDPOINT = ENDPOINT;
      process.env.SPACELIFT_API_TOKEN = TOKEN;
      assert.equal(resolveCredentials().kind, "apiToken");
      process.env.SPACELIFT_API_KEY_ID = KEY_ID;
      process.env.SPACELIFT_API_KEY_SECRET = KEY_SECRET;
      assert.equal(resolveCredentials().kind, "apiKey");
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it("keeps secrets out of JSON and util.inspect of the resolved credentials", () => {
    const apiKey = resolveCredentials(undefined, {
      SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
      SPACELIFT_API_KEY_ID: KEY_ID,
      SPACELIFT_API_KEY_SECRET: KEY_SECRET,
    });
    const token = resolveCredentials(undefined, { SPACELIFT_API_TOKEN: TOKEN });
    for (const credentials of [apiKey, token]) {
      for (const text of [
        JSON.stringify(credentials),
        inspect(credentials, { depth: 10 }),
        String(credentials),
      ]) {
        for (const secret of SECRETS) assert.ok(!text.includes(secret), text);
      }
    }
    assert.ok(JSON.stringify(apiKey).includes(KEY_ID), "the key id is not secret and helps diagnosis");
  });
});

describe("normalizeEndpoint", () => {
  const accepted: [string, string][] = [
    ["https://acme.app.spacelift.io", ENDPOINT],
    ["https://acme.app.spacelift.io/", ENDPOINT],
    ["https://acme.app.spacelift.io//", ENDPOINT],
    ["https://acme.app.spacelift.io/graphql", ENDPOINT],
    ["https://acme.app.spacelift.io/graphql/", ENDPOINT],
    ["  https://acme.app.spacelift.io/GraphQL ", ENDPOINT],
    ["http://127.0.0.1:4000", "http://127.0.0.1:4000"],
    ["https://spacelift.example.com/prefix/graphql", "https://spacelift.example.com/prefix"],
  ];
  for (const [raw, expected] of accepted) {
    it(`normalises ${JSON.stringify(raw)}`, () => assert.equal(normalizeEndpoint(raw), expected));
  }

  const refused: [string, RegExp][] = [
    ["acme.app.spacelift.io", /is not a URL/],
    ["ftp://acme.app.spacelift.io", /must be an http\(s\) URL/],
    ["https://user:hunter2pass@acme.app.spacelift.io", /must not contain a user name or password/],
  ];
  for (const [raw, message] of refused) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(
        () => normalizeEndpoint(raw, "spacelift:apiKeyEndpoint"),
        (error: unknown) =>
          AuthenticationError.isInstance(error) &&
          message.test(error.message) &&
          error.message.startsWith("Spacelift authentication failed: spacelift:apiKeyEndpoint") &&
          !error.message.includes("hunter2pass"),
      );
    });
  }
});

describe("resolveCredentials for an explicit spacelift.Provider", () => {
  const keyEnv = {
    SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
    SPACELIFT_API_KEY_ID: KEY_ID,
    SPACELIFT_API_KEY_SECRET: KEY_SECRET,
  };

  it("uses the provider's token even when the environment holds a complete API key", () => {
    const found = resolveCredentials(
      config({ "spacelift:providerName": "run", "spacelift:apiToken": TOKEN }),
      keyEnv,
    );
    assert.deepEqual(summary(found), {
      kind: "apiToken",
      endpoint: "https://run.app.spacelift.io",
      source: "config",
      token: TOKEN,
    });
  });

  it("never completes the provider's key from the environment, and names the provider", () => {
    const error = fails(
      {
        "spacelift:providerName": "sandbox",
        "spacelift:apiKeyId": KEY_ID,
        "spacelift:apiKeySecret": KEY_SECRET,
      },
      keyEnv,
    );
    assert.match(error.message, /an API key is set but no endpoint/);
    const half = fails({ "spacelift:providerName": "sandbox", "spacelift:apiKeyId": KEY_ID }, keyEnv);
    assert.match(half.message, /apiKeyId of spacelift\.Provider "sandbox" is set/);
  });

  it("uses the environment alone when the provider sets no credential", () => {
    const found = resolveCredentials(config({ "spacelift:providerName": "plain" }), keyEnv);
    assert.deepEqual(summary(found), {
      kind: "apiKey",
      endpoint: ENDPOINT,
      source: "env",
      keyId: KEY_ID,
      secret: KEY_SECRET,
    });
  });
});
