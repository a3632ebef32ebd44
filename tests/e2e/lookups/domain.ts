import type { EmulatorHandle } from "../../../emulator/assemble";

/** A stack config value the example reads. */
export interface ConfigEntry {
  readonly value: string;
  readonly secret?: boolean;
}

/**
 * One part of `examples/lookups` (a file of it) and what the end-to-end test expects of it.
 */
export interface LookupDomain {
  /** The example's export holding this part's results, e.g. `spaceLookups`. */
  readonly output: string;
  /**
   * Seeds what the part looks up but cannot create itself, and returns the stack config that tells
   * the example where it is. Runs once, before the first preview.
   */
  prepare?(emulator: EmulatorHandle, prefix: string): Promise<Record<string, ConfigEntry>>;
  /** Asserts what `up` found: `found` is the part's output value, secrets unwrapped. */
  check(found: Record<string, unknown>, emulator: EmulatorHandle, prefix: string): void;
  /** Secret values that must not appear in plaintext in the state. */
  secrets?(emulator: EmulatorHandle): string[];
}
