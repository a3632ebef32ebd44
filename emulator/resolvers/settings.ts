import type { Store } from "../store";

/** Name of the store collection holding emulator settings, keyed by setting name. */
export const SETTINGS_COLLECTION = "settings";

const STACK_DELETION_DELAY_KEY = "stackDeletionDelayMs";

/** Delay used when no setting is stored (a reset or hand-written state file). */
export const DEFAULT_STACK_DELETION_DELAY_MS = 500;

/**
 * How long a deleted stack stays visible with `deleting: true`, in milliseconds. Kept in the store
 * (not in a resolver closure) so the server can set it from its options and tests can change it.
 */
export function stackDeletionDelayMs(store: Store): number {
  const value = store.collection<unknown>(SETTINGS_COLLECTION).get(STACK_DELETION_DELAY_KEY);
  return typeof value === "number" && Number.isFinite(value) && value >= 0
    ? value
    : DEFAULT_STACK_DELETION_DELAY_MS;
}

/** Sets the delay read by {@link stackDeletionDelayMs}; throws a RangeError for a negative or non-finite value. */
export function setStackDeletionDelayMs(store: Store, ms: number): void {
  if (!(Number.isFinite(ms) && ms >= 0)) {
    throw new RangeError("stackDeletionDelayMs must be a non-negative number");
  }
  store.collection<number>(SETTINGS_COLLECTION).set(STACK_DELETION_DELAY_KEY, ms);
}
