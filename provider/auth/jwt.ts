import type { decodeJwt as DecodeJwt } from "jose";
import { AuthenticationError } from "../client/errors";

/** The claims of a Spacelift JWT that the provider relies on. */
export interface TokenClaims {
  /** `aud` as a list (Spacelift sends exactly one entry: the account URL). */
  readonly audiences: readonly string[];
  /** `exp`, epoch ms; undefined when the token has no expiry. */
  readonly expiresAt?: number;
  /** `iss`, e.g. `api-key` or `spacelift` (run tokens). */
  readonly issuer?: string;
}

const OPERATION = "Spacelift authentication";

/**
 * Reads the claims of a Spacelift JWT without verifying its signature.
 *
 * Verification needs Spacelift's signing key and is the server's job; the client only needs to
 * know where the token is for and when it stops working, as Spacelift's own clients do.
 *
 * @param token - the compact JWT
 * @param name - how to name the token's setting in an error, e.g. `SPACELIFT_API_TOKEN`
 * @throws AuthenticationError when the text is not a JWT (the token itself is never echoed)
 */
export function readTokenClaims(token: string, name: string): TokenClaims {
  let payload: ReturnType<typeof DecodeJwt>;
  try {
    payload = decodeJwtLazily(token);
  } catch {
    throw new AuthenticationError({
      operation: OPERATION,
      detail: `${name} is not a JWT; expected a Spacelift API token (three base64url parts separated by dots)`,
    });
  }
  const aud = payload.aud;
  const audiences = aud === undefined ? [] : typeof aud === "string" ? [aud] : aud;
  return {
    audiences,
    ...(typeof payload.exp === "number" ? { expiresAt: payload.exp * 1000 } : {}),
    ...(typeof payload.iss === "string" ? { issuer: payload.iss } : {}),
  };
}

/**
 * The endpoint a token was issued for, from its `aud` claim. Spacelift puts exactly one entry
 * there, the account URL; anything else means we cannot tell which account to call.
 *
 * @param claims - the token's claims
 * @param name - how to name the token's setting in an error
 * @throws AuthenticationError unless `aud` has exactly one entry
 */
export function endpointFromAudience(claims: TokenClaims, name: string): string {
  if (claims.audiences.length !== 1) {
    throw new AuthenticationError({
      operation: OPERATION,
      detail:
        `cannot tell the endpoint from ${name}: its "aud" claim has ${claims.audiences.length} entries ` +
        `where Spacelift tokens have exactly one`,
      hint: "set spacelift:apiKeyEndpoint (or SPACELIFT_API_KEY_ENDPOINT) to the account URL",
    });
  }
  return claims.audiences[0] as string;
}

/** jose's decoder, loaded at the first token read: a process that sends nothing never needs jose. */
function decodeJwtLazily(token: string): ReturnType<typeof DecodeJwt> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  const { decodeJwt } = require("jose") as typeof import("jose");
  return decodeJwt(token);
}
