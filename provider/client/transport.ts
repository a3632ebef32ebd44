import type { RequestOutcome } from "./errors";
import type { OperationKind, Variables } from "./operation";

// graphql-request 7 ships type declarations only for its ES module build, which TypeScript refuses
// to `import` from this CommonJS package; the package's `require` export is the CommonJS build
// with the same API. So the types come from the ES declarations and the code from `require`.
type GraphQLRequestModule = typeof import("graphql-request", { with: { "resolution-mode": "import" } });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const { ClientError, GraphQLClient } = require("graphql-request") as GraphQLRequestModule;

/** The `fetch` signature the client sends through; Node's global `fetch` by default. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What one request needs to know. */
export interface RoundTrip {
  /** Account base URL; `/graphql` is appended. */
  readonly endpoint: string;
  /** Operation name, sent in the `Spacelift-GraphQL-Query` or `-Mutation` header. */
  readonly name: string;
  /** Operation kind, choosing the header. */
  readonly kind: OperationKind;
  /** The named document. */
  readonly document: string;
  /** Variables, if any. */
  readonly variables?: Variables;
  /** Bearer token; omitted for the token exchange. */
  readonly bearer?: string;
}

/** How requests are sent. */
export interface TransportSettings {
  /** The `fetch` to use. */
  readonly fetch: Fetch;
  /** Abort a request with no complete answer after this long, ms. */
  readonly timeoutMs: number;
  /** Headers added to every request (before the per-request ones). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Value of the `Spacelift-Client-Type` header, as Spacelift's own clients identify themselves. */
export const CLIENT_TYPE = "pulumi-spacelift";

/**
 * Sends one GraphQL request through graphql-request and reports what happened, without judging it
 * and without throwing: classification belongs to `errors.ts`, retries to the client.
 *
 * graphql-request's own `ClientError` puts the request variables into its message, so it is only
 * read for status, headers and body here and never travels further.
 *
 * @param trip - endpoint, operation and credentials of this request
 * @param settings - fetch, timeout and common headers
 */
export async function roundTrip(trip: RoundTrip, settings: TransportSettings): Promise<RequestOutcome> {
  // Recorded by the fetch wrapper, so that a throw after an answer arrived (an unreadable body)
  // is told apart from a throw before (the network).
  let answer: Response | undefined;
  const recordingFetch: Fetch = async (input, init) => {
    const response = await settings.fetch(input, init);
    answer = response;
    return response;
  };

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);

  const headers: Record<string, string> = {
    ...settings.headers,
    "Spacelift-Client-Type": CLIENT_TYPE,
    [trip.kind === "mutation" ? "Spacelift-GraphQL-Mutation" : "Spacelift-GraphQL-Query"]: trip.name,
  };
  if (trip.bearer !== undefined) headers.Authorization = `Bearer ${trip.bearer}`;

  const client = new GraphQLClient(`${trip.endpoint}/graphql`, {
    fetch: recordingFetch,
    // Errors come back as data so that one classifier sees every answer the same way.
    errorPolicy: "all",
  });
  try {
    const result = await client.rawRequest<unknown>({
      query: trip.document,
      // Left out when empty, as Spacelift's own clients do.
      ...(trip.variables === undefined || Object.keys(trip.variables).length === 0
        ? {}
        : { variables: trip.variables }),
      requestHeaders: headers,
      signal: controller.signal,
    });
    return {
      kind: "response",
      status: result.status,
      headers: result.headers,
      body: { data: result.data, errors: result.errors },
    };
  } catch (error) {
    if (timedOut) return { kind: "timeout", timeoutMs: settings.timeoutMs };
    if (error instanceof ClientError) {
      const { status, headers: responseHeaders, body } = error.response;
      return { kind: "response", status, headers: responseHeaders, ...readBody(body) };
    }
    if (answer !== undefined) {
      return { kind: "response", status: answer.status, headers: answer.headers };
    }
    const reason = systemErrorCode(error);
    return { kind: "network", ...(reason === undefined ? {} : { reason }) };
  } finally {
    clearTimeout(timer);
  }
}

/** Decodes a non-2xx body ourselves rather than relying on the shape of the library's error. */
function readBody(text: unknown): { body?: { data?: unknown; errors?: unknown } } {
  if (typeof text !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const record = parsed as Record<string, unknown>;
    if (!("data" in record) && !("errors" in record)) return {};
    return { body: { data: record.data, errors: record.errors } };
  } catch {
    return {};
  }
}

/**
 * The system error code (`ECONNREFUSED`, `ENOTFOUND`, ...) behind a failed `fetch`. Only the code
 * is kept: the message of a network error can carry the full request URL and is not ours to vet.
 */
function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
