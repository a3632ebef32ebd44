/**
 * The provider's settings as the program sees them (`spacelift.config.apiKeyEndpoint`), named as in
 * Spacelift's official SDK: the stack config key `spacelift:<name>`, else its environment variable.
 * The secret ones are secret outputs, never plaintext.
 *
 * @packageDocumentation
 */

import * as pulumi from "@pulumi/pulumi";

function plain(key: string, env: string): string | undefined {
  return new pulumi.Config("spacelift").get(key) ?? nonEmpty(process.env[env]);
}

function secret(key: string, env: string): pulumi.Output<string> | undefined {
  const fromConfig = new pulumi.Config("spacelift").getSecret(key);
  if (fromConfig !== undefined) return fromConfig;
  const fromEnv = nonEmpty(process.env[env]);
  return fromEnv === undefined ? undefined : pulumi.secret(fromEnv);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The account's URL: `spacelift:apiKeyEndpoint`, else `SPACELIFT_API_KEY_ENDPOINT`. */
export declare const apiKeyEndpoint: string | undefined;
/** The API key's id: `spacelift:apiKeyId`, else `SPACELIFT_API_KEY_ID`. */
export declare const apiKeyId: string | undefined;
/** The API key's secret, as a secret output: `spacelift:apiKeySecret`, else `SPACELIFT_API_KEY_SECRET`. */
export declare const apiKeySecret: pulumi.Output<string> | undefined;
/** An API token, as a secret output: `spacelift:apiToken`, else `SPACELIFT_API_TOKEN`. */
export declare const apiToken: pulumi.Output<string> | undefined;
/** A GitHub token, as a secret output: `spacelift:githubToken`, else `SPACELIFT_API_GITHUB_TOKEN`. */
export declare const githubToken: pulumi.Output<string> | undefined;

// Getters, so that each read sees the config and environment of that moment, as the official SDK's do.
for (const [name, read] of [
  ["apiKeyEndpoint", () => plain("apiKeyEndpoint", "SPACELIFT_API_KEY_ENDPOINT")],
  ["apiKeyId", () => plain("apiKeyId", "SPACELIFT_API_KEY_ID")],
  ["apiKeySecret", () => secret("apiKeySecret", "SPACELIFT_API_KEY_SECRET")],
  ["apiToken", () => secret("apiToken", "SPACELIFT_API_TOKEN")],
  ["githubToken", () => secret("githubToken", "SPACELIFT_API_GITHUB_TOKEN")],
] as const) {
  Object.defineProperty(exports, name, { get: read, enumerable: true });
}
