import { AuthenticationError } from "../client/errors";
import { endpointFromAudience, readTokenClaims } from "./jwt";
import { Secret } from "./secret";

/**
 * Read access to Pulumi stack config, as the dynamic-provider host hands it to `configure(req)`:
 * `req.config` satisfies this. Keys are fully qualified (`spacelift:apiKeyId`), values are strings.
 */
export interface ConfigSource {
  /**
   * @param key - fully qualified key, e.g. `spacelift:apiKeyId`
   * @returns the value, or undefined when unset
   */
  get(key: string): string | undefined;
}

/** Environment variables, `process.env`-shaped. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where a setting was found; named in error messages so the user knows what to fix. */
export type SettingSource = "config" | "env";

/**
 * Where the endpoint came from: a setting, or (for a raw API token with no endpoint configured) the
 * token's `aud` claim. Errors name it, so that a user whose token belongs to another account learns
 * why requests go where they go.
 */
export type EndpointSource = SettingSource | "audience";

/** An API key (id + secret), exchanged for short-lived JWTs through `apiKeyUser`. */
export interface ApiKeyCredentials {
  /** Discriminant. */
  readonly kind: "apiKey";
  /** Account base URL, normalised: no trailing `/`, no `/graphql`. */
  readonly endpoint: string;
  /** API key id (a ULID). Not secret; used in messages and cache keys. */
  readonly keyId: string;
  /** API key secret. */
  readonly keySecret: Secret;
  /** Where the id and secret came from. */
  readonly source: SettingSource;
  /** Where the endpoint came from; undefined when the credentials were built by hand. */
  readonly endpointSource?: SettingSource;
}

/** A raw Spacelift JWT (`SPACELIFT_API_TOKEN`, injected into every Spacelift run). It cannot be refreshed. */
export interface ApiTokenCredentials {
  /** Discriminant. */
  readonly kind: "apiToken";
  /** Account base URL: the configured one, else the token's single `aud` entry. */
  readonly endpoint: string;
  /** The JWT. */
  readonly token: Secret;
  /** The token's `exp` claim, epoch ms; undefined when the token has none. */
  readonly expiresAt?: number;
  /** Where the token came from. */
  readonly source: SettingSource;
  /** Where the endpoint came from; undefined when the credentials were built by hand. */
  readonly endpointSource?: EndpointSource;
  /** The token's single `aud` entry (the account URL it was issued for), when it has exactly one. */
  readonly audience?: string;
}

/** A GitHub personal access token, exchanged through `oauthUser` (GitHub-SSO accounts only). */
export interface GitHubTokenCredentials {
  /** Discriminant. */
  readonly kind: "githubToken";
  /** Account base URL, normalised. */
  readonly endpoint: string;
  /** The GitHub token. */
  readonly token: Secret;
  /** Where the token came from. */
  readonly source: SettingSource;
  /** Where the endpoint came from; undefined when the credentials were built by hand. */
  readonly endpointSource?: SettingSource;
}

/** Resolved, usable credentials: exactly one method, with its endpoint. */
export type Credentials = ApiKeyCredentials | ApiTokenCredentials | GitHubTokenCredentials;

/** One credential setting: its stack-config key and its environment variable. */
interface Setting {
  readonly config: string;
  readonly env: string;
}

/** The settings this provider reads, with their stack-config keys and environment variables. */
export const SETTINGS = {
  endpoint: { config: "spacelift:apiKeyEndpoint", env: "SPACELIFT_API_KEY_ENDPOINT" },
  keyId: { config: "spacelift:apiKeyId", env: "SPACELIFT_API_KEY_ID" },
  keySecret: { config: "spacelift:apiKeySecret", env: "SPACELIFT_API_KEY_SECRET" },
  apiToken: { config: "spacelift:apiToken", env: "SPACELIFT_API_TOKEN" },
  githubToken: { config: "spacelift:githubToken", env: "SPACELIFT_API_GITHUB_TOKEN" },
} as const satisfies Record<string, Setting>;

/** Operation name used in messages about credentials that fail before any request is sent. */
const OPERATION = "Spacelift authentication";

interface Found {
  readonly value: string;
  readonly source: SettingSource;
  readonly setting: Setting;
  /** The explicit provider the setting is an argument of, if any. */
  readonly provider?: string;
}

/**
 * The setting an explicit `spacelift.Provider` names itself with (its logical name). When present,
 * the settings come from that provider's arguments: when it sets a credential, the environment is
 * not consulted at all; when it sets none, the environment alone is used.
 */
export const PROVIDER_NAME_SETTING = "spacelift:providerName";

/**
 * Works out which Spacelift credentials to use.
 *
 * **Where each setting comes from.** Every setting is looked up on its own: the stack-config key
 * (`spacelift:apiKeyEndpoint`, `spacelift:apiKeyId`, `spacelift:apiKeySecret`, `spacelift:apiToken`,
 * `spacelift:githubToken`) when set, else its environment variable (`SPACELIFT_API_KEY_ENDPOINT`,
 * `SPACELIFT_API_KEY_ID`, `SPACELIFT_API_KEY_SECRET`, `SPACELIFT_API_TOKEN`,
 * `SPACELIFT_API_GITHUB_TOKEN`). Empty values count as unset. Looking keys up one by one (rather
 * than letting stack config as a whole replace the environment) lets a committed stack config hold
 * the non-secret endpoint while CI supplies the key through the environment, and matches the
 * Terraform provider and the bridged Pulumi provider. The one exception: an API key id and secret
 * are a pair and must come from the same place, because mixing them almost always pairs the id of
 * one key with the secret of another.
 *
 * **Which method wins.**
 * 1. An API key, when id, secret and endpoint are all set. It is exchanged for short-lived tokens
 *    that are refreshed automatically.
 * 2. Otherwise an API token. The endpoint is the configured one, else the token's `aud` claim.
 *    The token cannot be refreshed, so it works only until it expires.
 * 3. Otherwise a GitHub token with an endpoint.
 *
 * An API key that is only partly set (an id without a secret, or the pair without an endpoint) is
 * an error even when a token is also available: silently acting as a different identity, with
 * different permissions, is worse than stopping. When nothing usable is set, one error lists every
 * way to fix it.
 *
 * The environment is read when this is called, never earlier.
 *
 * @param config - stack config from `configure(req)`; omit when there is none
 * @param env - environment variables; `process.env` by default
 * @throws AuthenticationError describing exactly what is missing or malformed
 */
export function resolveCredentials(config?: ConfigSource, env: Environment = process.env): Credentials {
  // An explicit `spacelift.Provider` names itself; its settings are one account's, never mixed with
  // the environment's (which usually hold the default account's key, and a key outranks a token).
  const provider = nonEmpty(config?.get(PROVIDER_NAME_SETTING));
  const providerHasCredential =
    provider !== undefined &&
    [SETTINGS.keyId, SETTINGS.keySecret, SETTINGS.apiToken, SETTINGS.githubToken].some(
      (setting) => nonEmpty(config?.get(setting.config)) !== undefined,
    );
  const lookup = (setting: Setting): Found | undefined => {
    const fromConfig =
      provider !== undefined && !providerHasCredential ? undefined : nonEmpty(config?.get(setting.config));
    if (fromConfig !== undefined) return { value: fromConfig, source: "config", setting, provider };
    if (providerHasCredential) return undefined;
    const fromEnv = nonEmpty(env[setting.env]);
    return fromEnv === undefined ? undefined : { value: fromEnv, source: "env", setting };
  };

  const endpoint = lookup(SETTINGS.endpoint);
  const keyId = lookup(SETTINGS.keyId);
  const keySecret = lookup(SETTINGS.keySecret);
  const apiToken = lookup(SETTINGS.apiToken);
  const githubToken = lookup(SETTINGS.githubToken);

  if (keyId !== undefined || keySecret !== undefined) {
    if (keyId === undefined || keySecret === undefined) {
      const present = (keyId ?? keySecret) as Found;
      const missing = keyId === undefined ? SETTINGS.keyId : SETTINGS.keySecret;
      throw failure(`${describe(present)} is set but ${either(missing)} is not; an API key needs both`);
    }
    if (keyId.source !== keySecret.source) {
      throw failure(
        `${describe(keyId)} and ${describe(keySecret)} come from different places; ` +
          `set the API key id and secret together, both in stack config or both in the environment`,
      );
    }
    if (endpoint === undefined) {
      throw failure(
        `an API key is set but no endpoint; set ${either(SETTINGS.endpoint)} to the account URL, ` +
          `e.g. https://acme.app.spacelift.io`,
      );
    }
    return {
      kind: "apiKey",
      endpoint: normalizeEndpoint(endpoint.value, describe(endpoint)),
      keyId: keyId.value,
      keySecret: new Secret(keySecret.value),
      source: keyId.source,
      endpointSource: endpoint.source,
    };
  }

  if (apiToken !== undefined) {
    const claims = readTokenClaims(apiToken.value, describe(apiToken));
    const [audience, ...others] = claims.audiences;
    return {
      kind: "apiToken",
      endpoint:
        endpoint === undefined
          ? normalizeEndpoint(
              endpointFromAudience(claims, describe(apiToken)),
              `the ${describe(apiToken)} audience`,
            )
          : normalizeEndpoint(endpoint.value, describe(endpoint)),
      token: new Secret(apiToken.value),
      ...(claims.expiresAt === undefined ? {} : { expiresAt: claims.expiresAt }),
      source: apiToken.source,
      endpointSource: endpoint === undefined ? "audience" : endpoint.source,
      ...(audience !== undefined && others.length === 0 ? safeAudience(audience) : {}),
    };
  }

  if (githubToken !== undefined) {
    if (endpoint === undefined) {
      throw failure(
        `a GitHub token is set but no endpoint; set ${either(SETTINGS.endpoint)} to the account URL`,
      );
    }
    return {
      kind: "githubToken",
      endpoint: normalizeEndpoint(endpoint.value, describe(endpoint)),
      token: new Secret(githubToken.value),
      source: githubToken.source,
      endpointSource: endpoint.source,
    };
  }

  const missingForKey = [SETTINGS.endpoint, SETTINGS.keyId, SETTINGS.keySecret]
    .filter((setting) => setting !== SETTINGS.endpoint || endpoint === undefined)
    .map(either);
  throw failure(
    `no credentials found; set ${missingForKey.join(", ")} (an API key), ` +
      `or set ${either(SETTINGS.apiToken)} (an API token), ` +
      `or set ${either(SETTINGS.githubToken)} with the endpoint (a GitHub token, GitHub-SSO accounts)`,
  );
}

/**
 * How a set of credentials is named in error messages: what the credential is and which settings
 * hold it and the endpoint, never a value. Built by {@link describeCredentials}.
 */
export interface CredentialOrigin {
  /** The credential method. */
  readonly kind: Credentials["kind"];
  /** The credential, e.g. `the API token` or `the API key 01HQ...` (a key id is not secret). */
  readonly credential: string;
  /** The settings it was read from, e.g. `SPACELIFT_API_TOKEN` or `spacelift:apiKeyId and spacelift:apiKeySecret`. */
  readonly settings: string;
  /** The endpoint in use. */
  readonly endpoint: string;
  /** The setting that named the endpoint, e.g. `SPACELIFT_API_KEY_ENDPOINT`; undefined when none did. */
  readonly endpointSetting?: string;
  /** True when the endpoint is a raw API token's audience, because no endpoint is configured. */
  readonly endpointFromAudience: boolean;
  /** For a raw API token: the account URL it was issued for (its `aud`), when known. */
  readonly audience?: string;
}

/**
 * Names the settings behind resolved credentials, for error messages.
 *
 * @param credentials - resolved credentials
 */
export function describeCredentials(credentials: Credentials): CredentialOrigin {
  const pick = (setting: Setting, source: SettingSource): string =>
    source === "config" ? setting.config : setting.env;
  const endpointSource = credentials.endpointSource;
  const endpointSetting =
    endpointSource === undefined || endpointSource === "audience"
      ? undefined
      : pick(SETTINGS.endpoint, endpointSource);
  const common = {
    kind: credentials.kind,
    endpoint: credentials.endpoint,
    endpointFromAudience: endpointSource === "audience",
    ...(endpointSetting === undefined ? {} : { endpointSetting }),
  };
  switch (credentials.kind) {
    case "apiKey":
      return {
        ...common,
        credential: `the API key ${credentials.keyId}`,
        settings:
          `${pick(SETTINGS.keyId, credentials.source)} and ` + pick(SETTINGS.keySecret, credentials.source),
      };
    case "apiToken":
      return {
        ...common,
        credential: "the API token",
        settings: pick(SETTINGS.apiToken, credentials.source),
        ...(credentials.audience === undefined ? {} : { audience: credentials.audience }),
      };
    case "githubToken":
      return {
        ...common,
        credential: "the GitHub token",
        settings: pick(SETTINGS.githubToken, credentials.source),
      };
  }
}

/**
 * Normalises a Spacelift endpoint to the account base URL: trims whitespace and trailing `/`, and
 * accepts the full GraphQL URL (`.../graphql`) as well, since that is what users copy from docs.
 *
 * @param raw - the configured value
 * @param name - how to name the setting in an error, e.g. `spacelift:apiKeyEndpoint`
 * @throws AuthenticationError when the value is not an http(s) URL
 */
export function normalizeEndpoint(raw: string, name = "the endpoint"): string {
  const trimmed = raw
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/graphql$/i, "")
    .replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw failure(`${name} is not a URL; expected the account URL, e.g. https://acme.app.spacelift.io`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw failure(`${name} must be an http(s) URL, e.g. https://acme.app.spacelift.io`);
  }
  if (url.username !== "" || url.password !== "") {
    // Refused rather than echoed: user info in a URL is a credential.
    throw failure(`${name} must not contain a user name or password`);
  }
  return trimmed;
}

/** The audience as an account URL fit for messages, or nothing when it is not one. */
function safeAudience(audience: string): { audience?: string } {
  try {
    return { audience: normalizeEndpoint(audience) };
  } catch {
    return {};
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function describe(found: Found): string {
  if (found.provider !== undefined) {
    return `${found.setting.config.replace(/^spacelift:/, "")} of spacelift.Provider "${found.provider}"`;
  }
  return found.source === "config" ? found.setting.config : found.setting.env;
}

function either(setting: Setting): string {
  return `${setting.config} (or ${setting.env})`;
}

function failure(detail: string): AuthenticationError {
  return new AuthenticationError({ operation: OPERATION, detail });
}
