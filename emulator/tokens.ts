import { randomBytes } from "node:crypto";
import { SignJWT, jwtVerify, type JWTPayload } from "jose";
import { ulid } from "ulid";
import type { Viewer } from "./context";

/**
 * Who a token was issued to. The value becomes the JWT `iss` claim, using the issuer names the
 * real API uses where they are known (`api-key` for API keys, `spacelift` for run tokens).
 */
export type TokenIssuerName = "api-key" | "github" | "spacelift";

/** The verified content of an emulator-issued JWT. */
export interface VerifiedToken {
  /** The JWT id (`jti`), used to revoke one token on `logout`. */
  readonly id: string;
  /** The caller the token stands for. */
  readonly viewer: Viewer;
  /** Expiry, Unix seconds. */
  readonly expiresAt: number;
}

/** A freshly issued JWT. */
export interface IssuedToken {
  /** The compact JWT. */
  readonly jwt: string;
  /** Expiry, Unix seconds (the `exp` claim), as the API returns it in `validUntil`. */
  readonly validUntil: number;
}

/** Options of a {@link TokenService}. */
export interface TokenServiceOptions {
  /** The emulator's base URL: the single `aud` entry clients read their endpoint from. */
  readonly audience: string;
  /** Lifetime of issued tokens, seconds. */
  readonly ttlSeconds: number;
  /** Clock, epoch milliseconds. */
  readonly now: () => number;
}

/** Name of the private claim carrying the token generation; see {@link TokenService.expireAll}. */
const GENERATION_CLAIM = "emu_gen";
/** Name of the claim carrying the display name of the caller. */
const NAME_CLAIM = "name";

/**
 * Issues and verifies the emulator's JWTs.
 *
 * Tokens are HS256-signed with a key generated per service instance, so a restarted emulator never
 * accepts tokens from a previous process: clients see them as anonymous, as with an expired token.
 */
export class TokenService {
  private key = newSigningKey();
  private generation = 0;
  private readonly revoked = new Set<string>();

  constructor(private readonly options: TokenServiceOptions) {}

  /** The base URL placed in `aud`. */
  get audience(): string {
    return this.options.audience;
  }

  /**
   * Issues a token for an API key or a GitHub login.
   *
   * @param issuer - `api-key` or `github`
   * @param subject - the API key id or the GitHub login (`sub`)
   * @param name - display name returned by `viewer { name }`
   */
  issue(issuer: Exclude<TokenIssuerName, "spacelift">, subject: string, name: string): Promise<IssuedToken> {
    return this.sign(issuer, subject, name);
  }

  /**
   * Mints a token shaped like the one Spacelift injects into a run as `SPACELIFT_API_TOKEN`
   * (`iss: "spacelift"`, `sub: "<stack>/<run>"`). Clients use it as a raw bearer token.
   *
   * @param stackId - the stack the run belongs to
   * @param runId - the run id; a ULID when omitted
   */
  issueRunToken(stackId: string, runId: string = ulid()): Promise<IssuedToken> {
    return this.sign("spacelift", `${stackId}/${runId}`, `run ${stackId}/${runId}`);
  }

  /**
   * Verifies a bearer token. Any failure (bad signature, wrong audience, expired, revoked, issued
   * before {@link TokenService.expireAll} or {@link TokenService.revokeAll}) yields null: the API
   * treats such callers as anonymous.
   */
  async verify(jwt: string): Promise<VerifiedToken | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, this.key, {
        algorithms: ["HS256"],
        audience: this.options.audience,
        issuer: ["api-key", "github", "spacelift"],
        currentDate: new Date(this.options.now()),
      }));
    } catch {
      return null;
    }
    const { jti, sub, iss, exp } = payload;
    if (typeof jti !== "string" || typeof sub !== "string" || typeof exp !== "number") {
      return null;
    }
    if (payload[GENERATION_CLAIM] !== this.generation || this.revoked.has(jti)) {
      return null;
    }
    const name = typeof payload[NAME_CLAIM] === "string" ? payload[NAME_CLAIM] : sub;
    return { id: jti, viewer: { id: sub, name, credential: credentialOf(iss, sub) }, expiresAt: exp };
  }

  /**
   * Invalidates every token issued so far. A generation counter is used instead of comparing
   * `iat`, because `iat` has one-second resolution and tokens issued in the same second before and
   * after the call must be told apart.
   */
  expireAll(): void {
    this.generation += 1;
    this.revoked.clear();
  }

  /**
   * Rejects every token issued so far, as a restarted emulator would: the signing key is replaced,
   * so their signatures no longer verify. Tokens issued afterwards are signed with the new key.
   */
  revokeAll(): void {
    this.key = newSigningKey();
    // Tokens revoked one by one are now rejected by their signature; their ids need no keeping.
    this.revoked.clear();
  }

  /** Invalidates one token (by `jti`), as `logout` does. */
  revoke(tokenId: string): void {
    this.revoked.add(tokenId);
  }

  private async sign(issuer: TokenIssuerName, subject: string, name: string): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.options.now() / 1000);
    const validUntil = issuedAt + this.options.ttlSeconds;
    const jwt = await new SignJWT({ [NAME_CLAIM]: name, [GENERATION_CLAIM]: this.generation })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience([this.options.audience])
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(validUntil)
      .setJti(ulid())
      .sign(this.key);
    return { jwt, validUntil };
  }
}

function newSigningKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/**
 * The credential label used in request counts and logs: the API key id for API-key tokens,
 * `oauth:<login>` for GitHub tokens and `run:<stack>/<run>` for run tokens.
 */
function credentialOf(issuer: string | undefined, subject: string): string {
  switch (issuer) {
    case "github":
      return `oauth:${subject}`;
    case "spacelift":
      return `run:${subject}`;
    default:
      return subject;
  }
}
