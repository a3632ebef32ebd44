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
  /** Aborted when the client goes away before it is answered; lets a held answer end early. */
  readonly signal?: AbortSignal;
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

/** Tells the transport to reset the connection and send nothing, as a lost answer looks. */
export interface ConnectionReset {
  /** Always true; tells a reset from an {@link EmulatorResponse}. */
  readonly reset: true;
}

/** What a handler decides: a response, or that the client gets none. */
export type EmulatorReply = EmulatorResponse | ConnectionReset;

/** The one {@link ConnectionReset}. */
export const CONNECTION_RESET: ConnectionReset = Object.freeze({ reset: true });

/** Whether `reply` asks for the connection to be reset. */
export function isConnectionReset(reply: EmulatorReply): reply is ConnectionReset {
  return "reset" in reply;
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
