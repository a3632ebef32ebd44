import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import {
  describeCredentials,
  resolveCredentials,
  type ConfigSource,
} from "../../../provider/auth/credentials";
import { ENDPOINT, KEY_ID, KEY_SECRET, makeJwt } from "../client/fakes";

const OTHER = "https://other.app.spacelift.io";
const GITHUB = "ghp_github-token-never-print";

function config(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

describe("describeCredentials", () => {
  it("names an API key by id and settings, and the endpoint's setting", () => {
    const origin = describeCredentials(
      resolveCredentials(config({ "spacelift:apiKeyEndpoint": ENDPOINT }), {
        SPACELIFT_API_KEY_ID: KEY_ID,
        SPACELIFT_API_KEY_SECRET: KEY_SECRET,
      }),
    );
    assert.deepEqual(origin, {
      kind: "apiKey",
      credential: `the API key ${KEY_ID}`,
      settings: "SPACELIFT_API_KEY_ID and SPACELIFT_API_KEY_SECRET",
      endpoint: ENDPOINT,
      endpointSetting: "spacelift:apiKeyEndpoint",
      endpointFromAudience: false,
    });
  });

  it("says when a raw token's endpoint is its audience", () => {
    const token = makeJwt({ aud: [OTHER] });
    const credentials = resolveCredentials(undefined, { SPACELIFT_API_TOKEN: token });
    assert.equal(credentials.kind === "apiToken" && credentials.endpointSource, "audience");
    assert.deepEqual(describeCredentials(credentials), {
      kind: "apiToken",
      credential: "the API token",
      settings: "SPACELIFT_API_TOKEN",
      endpoint: OTHER,
      endpointFromAudience: true,
      audience: OTHER,
    });
  });

  it("keeps a raw token's audience next to a configured endpoint", () => {
    const token = makeJwt({ aud: `${OTHER}/` });
    const origin = describeCredentials(
      resolveCredentials(config({ "spacelift:apiToken": token }), { SPACELIFT_API_KEY_ENDPOINT: ENDPOINT }),
    );
    assert.equal(origin.endpoint, ENDPOINT);
    assert.equal(origin.endpointSetting, "SPACELIFT_API_KEY_ENDPOINT");
    assert.equal(origin.settings, "spacelift:apiToken");
    assert.equal(origin.audience, OTHER, "normalised like an endpoint");
    assert.equal(origin.endpointFromAudience, false);
  });

  it("leaves out an audience that is not an account URL", () => {
    const token = makeJwt({ aud: "https://user:pass@acme.app.spacelift.io" });
    const origin = describeCredentials(
      resolveCredentials(undefined, { SPACELIFT_API_TOKEN: token, SPACELIFT_API_KEY_ENDPOINT: ENDPOINT }),
    );
    assert.equal(origin.audience, undefined);
  });

  it("names a GitHub token by its setting", () => {
    const origin = describeCredentials(
      resolveCredentials(undefined, {
        SPACELIFT_API_GITHUB_TOKEN: GITHUB,
        SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
      }),
    );
    assert.equal(origin.credential, "the GitHub token");
    assert.equal(origin.settings, "SPACELIFT_API_GITHUB_TOKEN");
    assert.equal(origin.endpointSetting, "SPACELIFT_API_KEY_ENDPOINT");
  });

  it("never contains a secret", () => {
    const token = makeJwt({ aud: [ENDPOINT] });
    for (const env of [
      {
        SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
        SPACELIFT_API_KEY_ID: KEY_ID,
        SPACELIFT_API_KEY_SECRET: KEY_SECRET,
      },
      { SPACELIFT_API_TOKEN: token },
      { SPACELIFT_API_GITHUB_TOKEN: GITHUB, SPACELIFT_API_KEY_ENDPOINT: ENDPOINT },
    ]) {
      const shown = [
        JSON.stringify(describeCredentials(resolveCredentials(undefined, env))),
        inspect(describeCredentials(resolveCredentials(undefined, env))),
      ];
      for (const text of shown) {
        for (const secret of [KEY_SECRET, token, GITHUB]) assert.ok(!text.includes(secret), text);
      }
    }
  });
});
