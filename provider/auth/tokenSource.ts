import { AuthenticationError } from "../client/errors";
import { systemClock, type Clock } from "./clock";
import type { ApiTokenCredentials, Credentials } from "./credentials";
import { exchangeFor, type Exchange, type ExchangeTransport, type IssuedToken } from "./exchange";

/**
 * Where the client gets the bearer token for an endpoint.
 *
 * One instance per endpoint and credential is shared by every request in the process (see
 * {@link sharedTokenSource}), so a refresh done for one resource serves all of them.
 */
export interface TokenSource {
  /** Account base URL the tokens are valid for. */
  readonly endpoint: string;
  /**
   * A token that is valid now, exchanging or refreshing first when needed. Concurrent callers
   * share one exchange.
   *
   * @throws SpaceliftError when no token can be obtained (for example an expired API token)
   */
  token(): Promise<string>;
  /**
   * Tells the source that Spacelift refused `rejected`. The source drops it only if it is still
   * the current token, so a refresh another caller completed meanwhile is kept. A source that
   * cannot refresh ignores the call; its next {@link TokenSource.token} returns the same token,
   * which is how the client knows a retry would be pointless.
   *
   * @param rejected - the token the refused request carried
   */
  invalidate(rejected: string): void;
}

/** Upper bound of the refresh margin, ms. */
const MAX_MARGIN_MS = 60_000;
/** Share of a token's lifetime kept as refresh margin when that is below {@link MAX_MARGIN_MS}. */
const MARGIN_FRACTION = 0.1;

/**
 * How long before a token's expiry it is refreshed: `min(60 s, 10 % of its lifetime)`.
 *
 * A fixed margin cannot serve both lifetimes we meet. Spacelift issues one-hour tokens, where a
 * minute of margin (more than spacectl's 30 s) covers a slow mutation still in flight and some
 * clock skew at negligible cost. But the emulator, and any short-lived token, may live three
 * seconds: a 60 s margin would make every such token stale on arrival and force an exchange per
 * request. Scaling the margin with the lifetime keeps a short token usable for 90 % of its life
 * while still refreshing before it can expire mid-request (0.3 s of a three-second token covers a
 * request on a local network). The share is kept small because a busy deployment refreshes once per
 * `lifetime - margin`: at 10 % it makes at most about 1.1 exchanges per token lifetime.
 *
 * @param lifetimeMs - `validUntil - issuedAt`
 */
export function refreshMargin(lifetimeMs: number): number {
  return Math.max(0, Math.min(MAX_MARGIN_MS, lifetimeMs * MARGIN_FRACTION));
}

/**
 * Tokens from an exchange (API key or GitHub token): obtained on first use, refreshed ahead of
 * expiry, and after a refusal.
 */
export class ExchangingTokenSource implements TokenSource {
  /** Account base URL. */
  readonly endpoint: string;
  readonly #exchange: Exchange;
  readonly #clock: Clock;
  #current: { readonly token: IssuedToken; readonly refreshAt: number } | undefined;
  #inflight: Promise<IssuedToken> | undefined;

  /**
   * @param endpoint - account base URL
   * @param exchange - performs one exchange
   * @param clock - decides when the token is due for refresh
   */
  constructor(endpoint: string, exchange: Exchange, clock: Clock = systemClock) {
    this.endpoint = endpoint;
    this.#exchange = exchange;
    this.#clock = clock;
  }

  /** {@inheritDoc TokenSource.token} */
  async token(): Promise<string> {
    const current = this.#current;
    if (current !== undefined && this.#clock.now() < current.refreshAt) return current.token.jwt;
    try {
      return (await this.#refresh()).jwt;
    } catch (error) {
      // A refresh ahead of expiry failed (after the transport's own retries) while the old token
      // still works: keep serving it, and try again on the next call rather than failing now.
      const still = this.#current;
      if (still !== undefined && this.#clock.now() < still.token.validUntil) return still.token.jwt;
      throw error;
    }
  }

  /** {@inheritDoc TokenSource.invalidate} */
  invalidate(rejected: string): void {
    if (this.#current?.token.jwt === rejected) this.#current = undefined;
  }

  #refresh(): Promise<IssuedToken> {
    // Pulumi runs resource operations in parallel; without this, every caller that sees a stale
    // token would start its own exchange.
    this.#inflight ??= this.#exchange()
      .then((token) => {
        const lifetime = token.validUntil - token.issuedAt;
        this.#current = { token, refreshAt: token.validUntil - refreshMargin(lifetime) };
        return token;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }
}

/**
 * A raw API token (`SPACELIFT_API_TOKEN`). It cannot be refreshed, so once its `exp` has passed
 * every call fails with an error that says so and what to do instead.
 */
export class StaticTokenSource implements TokenSource {
  /** Account base URL. */
  readonly endpoint: string;
  readonly #credentials: ApiTokenCredentials;
  readonly #clock: Clock;

  /**
   * @param credentials - the resolved API token
   * @param clock - decides whether the token has expired
   */
  constructor(credentials: ApiTokenCredentials, clock: Clock = systemClock) {
    this.endpoint = credentials.endpoint;
    this.#credentials = credentials;
    this.#clock = clock;
  }

  /** {@inheritDoc TokenSource.token} */
  async token(): Promise<string> {
    const { expiresAt, source } = this.#credentials;
    if (expiresAt !== undefined && this.#clock.now() >= expiresAt) {
      const setting = source === "config" ? "spacelift:apiToken" : "SPACELIFT_API_TOKEN";
      throw new AuthenticationError({
        operation: "Spacelift authentication",
        detail: `the API token (${setting}) expired at ${new Date(expiresAt).toISOString()} and cannot be refreshed`,
        hint:
          "supply a new token, or configure an API key (spacelift:apiKeyEndpoint, spacelift:apiKeyId, " +
          "spacelift:apiKeySecret), whose tokens are refreshed automatically",
      });
    }
    return this.#credentials.token.reveal();
  }

  /** Nothing to refresh: the next {@link StaticTokenSource.token} returns the same token. */
  invalidate(_rejected: string): void {}
}

/** What {@link createTokenSource} needs besides the credentials. */
export interface TokenSourceOptions {
  /** Sends exchange requests; supplied by the client. */
  readonly transport: ExchangeTransport;
  /** Clock for expiry decisions; the wall clock by default. */
  readonly clock?: Clock;
}

/**
 * A new, unshared token source for the credentials. Most callers want {@link sharedTokenSource}.
 *
 * @param credentials - resolved credentials
 * @param options - exchange transport and clock
 */
export function createTokenSource(credentials: Credentials, options: TokenSourceOptions): TokenSource {
  const clock = options.clock ?? systemClock;
  if (credentials.kind === "apiToken") return new StaticTokenSource(credentials, clock);
  return new ExchangingTokenSource(
    credentials.endpoint,
    exchangeFor(credentials, options.transport, clock),
    clock,
  );
}
