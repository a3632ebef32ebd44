import { inspect } from "node:util";

const REDACTED = "[redacted]";

/**
 * A credential value that refuses to be printed.
 *
 * Credentials travel through objects that may end up in a debug log, an error report or
 * `JSON.stringify`; wrapping the value means none of those can reveal it by accident. Only
 * {@link Secret.reveal} returns the plain text, so every use is visible in review.
 */
export class Secret {
  readonly #value: string;

  /** @param value - the plain credential text */
  constructor(value: string) {
    this.#value = value;
  }

  /** The plain text, for the one place that has to send it over the wire. */
  reveal(): string {
    return this.#value;
  }

  /** Always `[redacted]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `"[redacted]"`. */
  toJSON(): string {
    return REDACTED;
  }

  /** Always `[redacted]`, so `console.log` and `util.inspect` stay safe too. */
  [inspect.custom](): string {
    return REDACTED;
  }
}
