/**
 * Errors the engine raises toward Pulumi, and the redaction that keeps secrets out of them.
 *
 * Both classes carry a brand and a static `isInstance`, because the engine runs deserialized in
 * Pulumi's provider process where several copies of this package can meet and `instanceof` lies.
 *
 * Neither carries a stack trace (see `dropStack`): what Pulumi shows of them is the message.
 *
 * @packageDocumentation
 */

import type { ApiErrorCode } from "./api";
import type { Values } from "./values";

/**
 * Empties an error's `stack`. Pulumi's dynamic-provider host prints a failed `check`, `diff`,
 * `read` or `delete` as `${err}: ${err.stack}` on its stderr, which Pulumi shows to the user, so a
 * stack trace would bury the message under frames of our internals that tell the user nothing.
 * With an empty stack the host prints `Name: message: `; `util.inspect` and the host's
 * uncaught-error handler fall back to the message.
 */
function dropStack(error: Error): void {
  Object.defineProperty(error, "stack", { value: "", writable: true, configurable: true, enumerable: false });
}

/** The lifecycle step that failed. */
export type LifecycleStep = "check" | "diff" | "create" | "read" | "update" | "delete";

/** Why a lifecycle step failed: an API error class, or `input` / `internal` for engine-side causes. */
export type FailureCode = ApiErrorCode | "input" | "internal" | "timeout";

/**
 * A lifecycle step of one resource kind failed. The message names the kind, the step and the
 * GraphQL operation, and never contains request variables, tokens or secret values.
 */
export class ResourceOperationError extends Error {
  /** Brand for {@link ResourceOperationError.isInstance}. */
  readonly __spaceliftResourceOperationError = true;

  /**
   * @param kind - the resource kind (`Context`).
   * @param step - the lifecycle step (`create`).
   * @param operation - the GraphQL operation name (`ContextCreate`), when one was involved.
   * @param code - the failure class.
   * @param detail - what went wrong, already free of secrets.
   */
  constructor(
    readonly kind: string,
    readonly step: LifecycleStep,
    readonly operation: string | undefined,
    readonly code: FailureCode,
    detail: string,
  ) {
    super(
      `Spacelift ${kind} ${step} failed${operation ? ` (${operation}, ${code})` : ` (${code})`}: ${detail}`,
    );
    this.name = "ResourceOperationError";
    dropStack(this);
  }

  /** True for a {@link ResourceOperationError}, even one from another copy of this package. */
  static isInstance(obj: unknown): obj is ResourceOperationError {
    return (
      typeof obj === "object" &&
      obj !== null &&
      (obj as ResourceOperationError).__spaceliftResourceOperationError === true
    );
  }
}

/**
 * The object exists in Spacelift but a later step failed (e.g. create succeeded and reading it
 * back did not). Pulumi's dynamic-provider host recognises the `id`, `properties` and `reasons`
 * members and reports `ErrorResourceInitFailed`, which records the object in state instead of
 * orphaning it; the next `pulumi up` retries from there.
 */
export class ResourceInitError extends Error {
  /** Brand for {@link ResourceInitError.isInstance}. */
  readonly __spaceliftResourceInitError = true;

  /**
   * @param message - summary, free of secrets.
   * @param id - the id of the object that exists.
   * @param properties - the outputs known so far, including `__provider` (the host does not add it
   *   on this path, and later deletes need it).
   * @param reasons - what failed, free of secrets.
   */
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Values,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitError";
    dropStack(this);
  }

  /** True for a {@link ResourceInitError}, even one from another copy of this package. */
  static isInstance(obj: unknown): obj is ResourceInitError {
    return (
      typeof obj === "object" &&
      obj !== null &&
      (obj as ResourceInitError).__spaceliftResourceInitError === true
    );
  }
}

const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * Removes every occurrence of each secret from `text`, and anything shaped like a JWT. Longer
 * secrets go first so that one secret containing another is not left half visible.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join("[redacted]");
  }
  return out.replace(JWT, "[redacted token]");
}

/** The message of anything thrown, without trusting its shape. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "object" && err !== null && typeof (err as { message?: unknown }).message === "string") {
    return (err as { message: string }).message;
  }
  return typeof err === "string" ? err : "unknown error";
}
