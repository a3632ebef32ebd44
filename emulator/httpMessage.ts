/**
 * A request as the emulator's handlers see it, independent of `node:http`, so the same handlers
 * serve both the network server and the in-process `fetch` of the emulator handle.
 */
export interface EmulatorRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path without query string, e.g. `/graphql`. */
  readonly path: string;
  /** Headers with lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The whole body as text. */
  readonly body: string;
}

/** A complete response produced by the emulator's handlers. */
export interface EmulatorResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** Body text. */
  readonly body: string;
}

/** A JSON response. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): EmulatorResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}
