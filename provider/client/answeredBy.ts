import { inspect } from "node:util";

const SHOWN = "[bearer token]";

// Set once by the class's static block: the only way to read a handle's token, and it never
// leaves this module.
let tokenOf: (handle: AnsweredBy) => string;
let isHandle: (value: object) => value is AnsweredBy;

/**
 * An opaque handle on the bearer token that an answer was given to, filled into an
 * `AnswerReceipt` by `SpaceliftClient.run` and handed back to `SpaceliftClient.confirmSignedIn`.
 *
 * The token sits in a private field: enumeration, `JSON.stringify`, `util.inspect` and `String()`
 * all show a fixed placeholder, so a handle that ends up in a log or an error reveals nothing.
 * Handles are recognised only by the copy of this package that made them; another copy's handle
 * counts as none.
 */
export class AnsweredBy {
  readonly #token: string;

  static {
    tokenOf = (handle) => handle.#token;
    isHandle = (value): value is AnsweredBy => #token in value;
  }

  private constructor(token: string) {
    this.#token = token;
  }

  /** @internal A handle on `token`; only the client makes them. */
  static for(token: string): AnsweredBy {
    return new AnsweredBy(token);
  }

  /** Always `[bearer token]`. */
  toString(): string {
    return SHOWN;
  }

  /** Always `"[bearer token]"`. */
  toJSON(): string {
    return SHOWN;
  }

  /** Always `AnsweredBy [bearer token]`, so `console.log` and `util.inspect` stay safe too. */
  [inspect.custom](): string {
    return `AnsweredBy ${SHOWN}`;
  }
}

/**
 * The token behind a handle made by {@link AnsweredBy.for}, or undefined for anything else
 * (nothing, another copy's handle, a value of the wrong shape).
 *
 * @param handle - what the engine handed back
 * @internal
 */
export function answeredByToken(handle: unknown): string | undefined {
  return typeof handle === "object" && handle !== null && isHandle(handle) ? tokenOf(handle) : undefined;
}
