/**
 * A source of the current time. Every expiry decision in auth and client goes through one, so tests
 * can move time without waiting and without patching globals.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
