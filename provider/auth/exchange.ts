import { AuthenticationError, ProtocolError } from "../client/errors";
import type { Clock } from "./clock";
import type { ApiKeyCredentials, GitHubTokenCredentials } from "./credentials";
import { readTokenClaims } from "./jwt";

/** Exchanges an API key id and secret for a JWT. Sent without a bearer. */
export const API_KEY_USER_DOCUMENT = `mutation ApiKeyUser($id: ID!, $secret: String!) {
  apiKeyUser(id: $id, secret: $secret) {
    jwt
    validUntil
  }
}`;

/** Exchanges a GitHub token for a JWT (GitHub-SSO accounts). Sent without a bearer. */
export const OAUTH_USER_DOCUMENT = `mutation OauthUser($token: String!) {
  oauthUser(token: $token) {
    jwt
    validUntil
  }
}`;

/** Names of the exchange operations, as declared in their documents. */
export type ExchangeOperationName = "ApiKeyUser" | "OauthUser";

/** A JWT obtained from an exchange. */
export interface IssuedToken {
  /** The compact JWT, sent as `Authorization: Bearer`. */
  readonly jwt: string;
  /** When the server says it stops working, epoch ms (`validUntil`, else the JWT's `exp`). */
  readonly validUntil: number;
  /** Local time the exchange was started, epoch ms; the start of the token's lifetime. */
  readonly issuedAt: number;
}

/** One exchange call, as the transport must send it: anonymously, retried like a query. */
export interface ExchangeRequest {
  /** Account base URL. */
  readonly endpoint: string;
  /** Operation name, for the document, the header and messages. */
  readonly operation: ExchangeOperationName;
  /** The named GraphQL document. */
  readonly document: string;
  /** Variables; they hold the credential, so they must never reach a message or log. */
  readonly variables: Readonly<Record<string, string>>;
  /** Values to cut out of any server message: the credential itself. */
  readonly redact: readonly string[];
  /** What to tell the user if the server refuses the anonymous call. */
  readonly refusalHint: string;
}

/**
 * Sends an exchange request without a bearer and returns the answer's `data` object.
 *
 * @throws SpaceliftError for any failure, already classified
 */
export type ExchangeTransport = (request: ExchangeRequest) => Promise<Record<string, unknown>>;

/** Performs one exchange of a fixed credential for a fresh token. */
export type Exchange = () => Promise<IssuedToken>;

/**
 * Builds the exchange for a credential that can be exchanged (an API key or a GitHub token).
 *
 * @param credentials - the credential to exchange
 * @param transport - sends the request; supplied by the client, which owns HTTP, retries and
 *   classification
 * @param clock - for {@link IssuedToken.issuedAt}
 */
export function exchangeFor(
  credentials: ApiKeyCredentials | GitHubTokenCredentials,
  transport: ExchangeTransport,
  clock: Clock,
): Exchange {
  if (credentials.kind === "apiKey") {
    const keySetting = credentials.source === "config" ? "spacelift:apiKeyId" : "SPACELIFT_API_KEY_ID";
    const secretSetting =
      credentials.source === "config" ? "spacelift:apiKeySecret" : "SPACELIFT_API_KEY_SECRET";
    return async () => {
      const secret = credentials.keySecret.reveal();
      const issuedAt = clock.now();
      const data = await transport({
        endpoint: credentials.endpoint,
        operation: "ApiKeyUser",
        document: API_KEY_USER_DOCUMENT,
        variables: { id: credentials.keyId, secret },
        redact: [secret],
        refusalHint: `check the API key secret (${secretSetting})`,
      });
      return readIssuedToken("ApiKeyUser", data.apiKeyUser, issuedAt, () => {
        // The API answers null for a key id it does not know (Terraform provider behaviour).
        return new AuthenticationError({
          operation: "ApiKeyUser",
          detail: `no such API key "${credentials.keyId}"`,
          hint: `check the key id (${keySetting}) and that the key has not been deleted`,
        });
      });
    };
  }
  const tokenSetting =
    credentials.source === "config" ? "spacelift:githubToken" : "SPACELIFT_API_GITHUB_TOKEN";
  return async () => {
    const token = credentials.token.reveal();
    const issuedAt = clock.now();
    const data = await transport({
      endpoint: credentials.endpoint,
      operation: "OauthUser",
      document: OAUTH_USER_DOCUMENT,
      variables: { token },
      redact: [token],
      refusalHint: `check the GitHub token (${tokenSetting})`,
    });
    return readIssuedToken(
      "OauthUser",
      data.oauthUser,
      issuedAt,
      () =>
        new AuthenticationError({
          operation: "OauthUser",
          detail: "Spacelift did not accept the GitHub token",
          hint: `check ${tokenSetting}; GitHub tokens work only for accounts that log in through GitHub`,
        }),
    );
  };
}

function readIssuedToken(
  operation: ExchangeOperationName,
  user: unknown,
  issuedAt: number,
  whenNull: () => AuthenticationError,
): IssuedToken {
  if (user === null || user === undefined) throw whenNull();
  const record = typeof user === "object" ? (user as Record<string, unknown>) : {};
  const jwt = record.jwt;
  if (typeof jwt !== "string" || jwt === "") {
    throw new ProtocolError({ operation, detail: "the answer carries no token (`jwt`)" });
  }
  const validUntil = record.validUntil;
  if (typeof validUntil === "number" && Number.isFinite(validUntil)) {
    // Spacelift sends Unix seconds.
    return { jwt, validUntil: validUntil * 1000, issuedAt };
  }
  let expiresAt: number | undefined;
  try {
    expiresAt = readTokenClaims(jwt, "the issued token").expiresAt;
  } catch {
    expiresAt = undefined;
  }
  if (expiresAt === undefined) {
    throw new ProtocolError({
      operation,
      detail: "the answer says neither when the token expires (`validUntil`) nor carries an `exp` claim",
    });
  }
  return { jwt, validUntil: expiresAt, issuedAt };
}
