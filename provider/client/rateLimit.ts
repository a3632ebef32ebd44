import type { Clock } from "../auth/clock";
import type { Environment } from "../auth/credentials";
import type { Sleep } from "./retry";

/** A client-side request rate limit. */
export interface RateLimit {
  /** Sustained requests per second. */
  readonly requestsPerSecond: number;
  /** Requests allowed at once before the rate applies. */
  readonly burst: number;
}

/**
 * The rate limit configured through `SPACELIFT_MAX_REQUESTS_PER_SECOND` and
 * `SPACELIFT_MAX_REQUESTS_BURST`, with the Terraform provider's rule: on only when both are set to
 * positive integers, off otherwise.
 *
 * @param env - environment variables
 */
export function rateLimitFromEnv(env: Environment): RateLimit | undefined {
  const rps = positiveInteger(env.SPACELIFT_MAX_REQUESTS_PER_SECOND);
  const burst = positiveInteger(env.SPACELIFT_MAX_REQUESTS_BURST);
  return rps === undefined || burst === undefined ? undefined : { requestsPerSecond: rps, burst };
}

/**
 * A token bucket that hands out waits instead of refusals: each caller reserves a slot at once
 * (synchronously, so concurrent callers queue in arrival order) and then sleeps until its slot.
 */
export class TokenBucket {
  readonly #limit: RateLimit;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  #tokens: number;
  #updatedAt: number;

  /**
   * @param limit - rate and burst
   * @param clock - time source
   * @param sleep - how to wait
   */
  constructor(limit: RateLimit, clock: Clock, sleep: Sleep) {
    this.#limit = limit;
    this.#clock = clock;
    this.#sleep = sleep;
    this.#tokens = limit.burst;
    this.#updatedAt = clock.now();
  }

  /** Resolves when the caller may send one request. */
  async take(): Promise<void> {
    const now = this.#clock.now();
    const refill = ((now - this.#updatedAt) / 1000) * this.#limit.requestsPerSecond;
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + refill) - 1;
    this.#updatedAt = now;
    if (this.#tokens < 0) {
      await this.#sleep(Math.ceil((-this.#tokens * 1000) / this.#limit.requestsPerSecond));
    }
  }
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed > 0 ? parsed : undefined;
}
