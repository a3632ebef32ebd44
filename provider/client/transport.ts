import type { RequestOutcome } from "./errors";
import type { OperationKind, Variables } from "./operation";

// graphql-request 7 ships type declarations only for its ES module build, which TypeScript refuses
// to `import` from this CommonJS package; the package's `require` export is the CommonJS build
// with the same API. So the types come from the ES declarations and the code from `require`.
type GraphQLRequestModule = typeof import("graphql-request", { with: { "resolution-mode": "import" } });
let graphqlRequest: GraphQLRequestModule | undefined;

/** graphql-request, loaded at the first request: a provider process that sends nothing never needs it. */
function graphqlRequestModule(): GraphQLRequestModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return (graphqlRequest ??= require("graphql-request") as GraphQLRequestModule);
}

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

  const { GraphQLClient } = graphqlRequestModule();
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
    if (error instanceof graphqlRequestModule().ClientError) {
      const { status, headers: responseHeaders, body } = error.response;
      return { kind: "response", status, headers: responseHeaders, ...readBody(body) };
    }
    const failure = networkFailure(error);
    if (answer !== undefined) {
      // The answer had begun: a coded failure is the connection breaking mid-body, anything else
      // (a parse error) an answer we cannot read.
      if (failure.reason === undefined) {
        return { kind: "response", status: answer.status, headers: answer.headers };
      }
      return { kind: "network", reason: failure.reason, sent: "yes" };
    }
    return { kind: "network", ...failure };
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
 * Codes that prove the request never left: no connection was made (refused, no route, name not
 * resolved, connect timeout), or TLS failed while the connection was being secured, before
 * undici writes a byte of the request. Node's `fetch` (undici) rejects with
 * `TypeError("fetch failed")` whose `cause` carries the code: a system error (`ECONNREFUSED`,
 * `ENOTFOUND`, `EAI_AGAIN`), an undici error (`UND_ERR_CONNECT_TIMEOUT`), or an OpenSSL one
 * (`DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_SSL_WRONG_VERSION_NUMBER`).
 *
 * Deliberately absent: `ECONNRESET`, `EPIPE`, `UND_ERR_SOCKET` ("other side closed") and
 * `ETIMEDOUT` outside `connect`, which a pooled keep-alive connection raises after the request was
 * written; and TLS alerts that can arrive mid-stream (bad record MAC). Those may have reached the
 * server.
 */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NONAME",
  "EAI_NODATA",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  // Certificate verification: the client itself aborts the handshake.
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Certificate verification codes by family (`CERT_HAS_EXPIRED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, ...). */
const NEVER_SENT_CERTIFICATE = /^(CERT_|CRL_|UNABLE_TO_|ERROR_IN_CERT_|ERROR_IN_CRL_)/;

/** OpenSSL failures that only a handshake produces (version, cipher, certificate alerts). */
const NEVER_SENT_HANDSHAKE =
  /^ERR_SSL_.*(HANDSHAKE_FAILURE|WRONG_VERSION_NUMBER|PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|CERTIFICATE|UNKNOWN_CA|NO_SHARED_CIPHER|NO_CIPHERS_AVAILABLE|UNRECOGNIZED_NAME|INAPPROPRIATE_FALLBACK)/;

/** System calls whose failure means no connection existed to send on. */
const NEVER_SENT_SYSCALLS: ReadonlySet<string> = new Set(["connect", "getaddrinfo"]);

/**
 * What a rejected `fetch` tells about the request: the system error code (`ECONNREFUSED`, ...),
 * and whether it certainly never reached the server. Only the code is kept: the message of a
 * network error can carry the full request URL and is not ours to vet.
 *
 * @param error - what `fetch` (or reading its body) rejected with
 */
export function networkFailure(error: unknown): { reason?: string; sent: "no" | "maybe" } {
  const coded = firstCodedError(error);
  if (coded === undefined) return { sent: "maybe" };
  return { reason: coded.code, sent: coded.neverSent ? "no" : "maybe" };
}

/**
 * The first error along the `cause` chain that carries a string code, and whether it proves the
 * request never left. An `AggregateError` (Node trying each address of a host in turn) carries
 * the code of its first attempt; it proves so only when every attempt does.
 */
function firstCodedError(error: unknown): { code: string; neverSent: boolean } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const record = current as { code?: unknown; syscall?: unknown; errors?: unknown; cause?: unknown };
    if (typeof record.code === "string" && /^[A-Z][A-Z0-9_]+$/.test(record.code)) {
      const code = record.code;
      if (Array.isArray(record.errors) && record.errors.length > 0) {
        const attempts: unknown[] = record.errors;
        return { code, neverSent: attempts.every((attempt) => firstCodedError(attempt)?.neverSent === true) };
      }
      const syscall = typeof record.syscall === "string" ? record.syscall : undefined;
      return {
        code,
        neverSent:
          NEVER_SENT_CODES.has(code) ||
          NEVER_SENT_CERTIFICATE.test(code) ||
          NEVER_SENT_HANDSHAKE.test(code) ||
          (syscall !== undefined && NEVER_SENT_SYSCALLS.has(syscall)),
      };
    }
    current = record.cause;
  }
  return undefined;
}
