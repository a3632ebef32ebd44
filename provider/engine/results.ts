/**
 * The engine's lifecycle results. They mirror the shapes Pulumi's dynamic-provider host expects
 * (`CheckResult`, `DiffResult`, ...) without importing `@pulumi/pulumi`, so the engine stays a
 * plain library that tests can drive directly.
 *
 * @packageDocumentation
 */

import type { Values } from "./values";

/** One input problem found by `check`. */
export interface CheckFailure {
  /** Property path: `name`, `labels[2]`, `vendorConfig.terraform.version`. */
  readonly property: string;
  /** What is wrong, without quoting the value. */
  readonly reason: string;
}

/** Result of `check`: normalized inputs (defaults applied, `__provider` kept) and failures. */
export interface CheckResult {
  readonly inputs: Values;
  readonly failures: CheckFailure[];
}

/** Result of `diff`. `changes` is always a boolean so the host never falls back to its own diff. */
export interface DiffResult {
  readonly changes: boolean;
  /** Top-level argument names whose change requires replacement. */
  readonly replaces: string[];
  /** Delete the old object before creating its replacement (unique names). */
  readonly deleteBeforeReplace: boolean;
}

/** Result of `create`. */
export interface CreateResult {
  readonly id: string;
  readonly outs: Values;
}

/**
 * Result of `read`: empty when the object is gone (refresh drops it from state); otherwise the id,
 * the refreshed outputs and the inputs reconstructed from them.
 */
export interface ReadResult {
  readonly id?: string;
  readonly props?: Values;
  readonly inputs?: Values;
}

/** Result of `update`: the complete new outputs (they replace state, they are not merged). */
export interface UpdateResult {
  readonly outs: Values;
}
