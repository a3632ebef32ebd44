import { createHash } from "node:crypto";
import type { Credentials } from "./credentials";
import { createTokenSource, type TokenSource, type TokenSourceOptions } from "./tokenSource";

const sources = new Map<string, TokenSource>();

/**
 * A key that identifies an endpoint + credential without containing the credential: endpoint,
 * method, key id and the SHA-256 of the secret or token.
 *
 * @param credentials - resolved credentials
 */
export function credentialKey(credentials: Credentials): string {
  const secret = credentials.kind === "apiKey" ? credentials.keySecret : credentials.token;
  const digest = createHash("sha256").update(secret.reveal(), "utf8").digest("hex");
  const keyId = credentials.kind === "apiKey" ? credentials.keyId : "";
  return JSON.stringify([credentials.endpoint, credentials.kind, keyId, digest]);
}

/**
 * The process-wide token source for an endpoint + credential, created on first use.
 *
 * Every resource in the dynamic-provider process resolves the same credentials, so sharing the
 * source means one exchange and one refresh schedule for all of them instead of one per resource.
 * The options of the first call win; later calls with the same credentials get the existing source.
 * The registry is per copy of this package: two copies in one process exchange separately.
 *
 * @param credentials - resolved credentials
 * @param options - exchange transport and clock, used only when the source is created
 */
export function sharedTokenSource(credentials: Credentials, options: TokenSourceOptions): TokenSource {
  const key = credentialKey(credentials);
  let source = sources.get(key);
  if (source === undefined) {
    source = createTokenSource(credentials, options);
    sources.set(key, source);
  }
  return source;
}

/** @internal Forgets every shared token source, so tests start from a clean process state. */
export function clearSharedTokenSources(): void {
  sources.clear();
}
