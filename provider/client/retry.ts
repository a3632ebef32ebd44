import { SpaceliftError } from "./errors";

/** How a retryable call is retried. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** Backoff before the first retry, before jitter, ms; doubles for each further retry. */
  readonly baseDelayMs: number;
  /**
   * Cap on a single wait, ms. When the server's `Retry-After` asks for more, the call fails at
   * once with the server's delay in {@link SpaceliftError.retryAfterMs} rather than holding a
   * Pulumi operation for minutes.
   */
  readonly maxDelayMs: number;
}

/**
 * Defaults: six attempts, 0.5 s → 1 s → 2 s → 4 s → 8 s before jitter, no single wait above 30 s
 * (about the Terraform provider's retryablehttp: five attempts, 1 s → 30 s). Fewer are not enough
 * for an API that refuses or fails one call in five (rate limits during a large deployment): with
 * four attempts 0.16 % of calls still fail, which is one deployment in five at 150 calls; with six,
 * 0.006 %. A server that is really down holds each operation for about 15 s before it fails.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Waits `ms` milliseconds; injectable so tests assert the waits instead of sitting through them. */
export type Sleep = (ms: number) => Promise<void>;

/** A real `setTimeout` wait. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, half random, so
 * parallel callers spread out but none retries immediately.
 *
 * @param retry - 1 for the first retry, 2 for the second, ...
 * @param policy - base and cap
 * @param random - a number in [0, 1)
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * Whether a failure may go away on its own: transport failures (network, timeout, 5xx other than
 * 501, the server saying it lacks the feature, which will not change) and rate limiting.
 * Everything else is an answer that a repeat would only reproduce.
 *
 * @param error - what an attempt failed with
 */
export function isTransient(error: unknown): boolean {
  if (!SpaceliftError.isInstance(error)) return false;
  if (error.code === "rate_limited") return true;
  return error.code === "transport" && error.httpStatus !== 501;
}

/**
 * Whether repeating the failed request is safe and may help. An idempotent operation may be
 * repeated after any transient failure. Any other (a create) only after a transient failure that
 * proves Spacelift did not run it: HTTP 429, or a network failure before the request left
 * (refused, name not resolved, TLS handshake failed). After a 5xx, a timeout or a connection
 * lost once the request was sent, the first attempt may have been applied, and a repeat could
 * create a duplicate.
 *
 * @param error - what the attempt failed with
 * @param idempotent - whether sending the operation twice has the effect of sending it once
 */
export function mayRepeat(error: unknown, idempotent: boolean): boolean {
  if (!isTransient(error) || !SpaceliftError.isInstance(error)) return false;
  if (idempotent || error.code === "rate_limited") return true;
  // A 5xx is never proof of anything, whatever `mayHaveApplied` says.
  return error.httpStatus === undefined && !error.mayHaveApplied;
}

/**
 * How long to wait before the next attempt, or undefined to give up now.
 *
 * @param error - what the last attempt failed with
 * @param attempt - number of attempts made so far
 * @param policy - the retry policy
 * @param random - jitter source
 * @param idempotent - whether the operation may be repeated after any transient failure (see
 *   {@link mayRepeat}); true when omitted
 */
export function delayBeforeRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  idempotent = true,
): number | undefined {
  if (attempt >= policy.maxAttempts || !mayRepeat(error, idempotent)) return undefined;
  const asked = SpaceliftError.isInstance(error) ? error.retryAfterMs : undefined;
  if (asked !== undefined) return asked <= policy.maxDelayMs ? asked : undefined;
  return backoffDelay(attempt, policy, random);
}
