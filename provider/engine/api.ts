/**
 * The port through which the engine talks to Spacelift. The engine knows nothing about HTTP,
 * tokens or retries; `provider/runtime.ts` binds this port to the real GraphQL client and tests
 * bind it to sinon stubs.
 *
 * @packageDocumentation
 */

/**
 * One named GraphQL operation, ready to send.
 *
 * `name` is the document's operation name (PascalCase, e.g. `ContextCreate`); clients send it in
 * the `Spacelift-GraphQL-Query`/`-Mutation` header so server logs show what ran.
 */
export interface OperationSpec {
  /** Operation name as written in the document, e.g. `ContextCreate`. */
  readonly name: string;
  /** Whether the document is a query or a mutation. */
  readonly kind: "query" | "mutation";
  /** The complete GraphQL document text. */
  readonly document: string;
  /**
   * True when sending the operation twice has the same effect as sending it once. Only such
   * operations may be retried after a transport failure; mutations that create are never retried
   * blindly because the first attempt may have been applied.
   */
  readonly idempotent?: boolean;
}

/** Sends GraphQL operations to Spacelift. */
export interface ApiPort {
  /**
   * Runs `op` with `variables` and resolves to the response's `data` object (root field name →
   * value). Rejects with an error carrying an {@link ApiErrorCode} in `code` (the client's
   * `SpaceliftError`) when the call fails; the engine treats any other rejection as `transport`.
   */
  run<T = unknown>(
    op: OperationSpec,
    variables: Record<string, unknown>,
    receipt?: AnswerReceipt,
  ): Promise<T>;
  /**
   * Confirms that Spacelift takes the caller for a signed-in user. The engine calls it only before
   * reporting an object gone: Spacelift answers a token it no longer accepts as an anonymous caller,
   * whose reads come back empty rather than failing. Resolves `"ok"` when the caller is signed in
   * (the empty answer stands) and `"refreshed"` when it was not but now is with a fresh token (the
   * read must be repeated); rejects when no signed-in caller can be had. A port without it makes
   * every empty read final.
   */
  confirmSignedIn?(answeredBy?: unknown): Promise<SignInCheck>;
}

/**
 * Filled in by {@link ApiPort.run} when the call returns: `answeredBy` is an opaque handle on the
 * credential (the bearer token) that the final answer was given to. The engine hands it back to
 * {@link ApiPort.confirmSignedIn}, so that an empty answer is judged by the very token that received
 * it, not by whichever token is current by then (a parallel call may have replaced it). Never log it.
 */
export interface AnswerReceipt {
  answeredBy?: unknown;
}

/** What {@link ApiPort.confirmSignedIn} found. */
export type SignInCheck = "ok" | "refreshed";

/** The error classes the client distinguishes; the engine only branches on `not_found`. */
export type ApiErrorCode =
  "authentication" | "permission" | "not_found" | "validation" | "rate_limited" | "transport" | "protocol";

const CODES: readonly ApiErrorCode[] = [
  "authentication",
  "permission",
  "not_found",
  "validation",
  "rate_limited",
  "transport",
  "protocol",
];

/**
 * The {@link ApiErrorCode} of an error thrown through the port, or undefined when the error does
 * not carry one. Duck-typed on `code` on purpose: the client's error classes may come from another
 * copy of the package, so `instanceof` would be unreliable.
 */
export function apiErrorCode(err: unknown): ApiErrorCode | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code: unknown = (err as { code?: unknown }).code;
  return typeof code === "string" && (CODES as readonly string[]).includes(code)
    ? (code as ApiErrorCode)
    : undefined;
}

/**
 * True when a failed mutation may nevertheless have been applied by Spacelift: the request was
 * sent and no answer saying otherwise came back (HTTP 5xx, a timeout, a connection reset or dropped
 * after sending, an unreadable answer). False for failures that prove the server did not run it
 * (HTTP 429, a connection refused or a name that did not resolve before sending, a GraphQL error).
 * Duck-typed on `mayHaveApplied`, like {@link apiErrorCode}.
 */
export function mayHaveApplied(err: unknown): boolean {
  return (
    typeof err === "object" && err !== null && (err as { mayHaveApplied?: unknown }).mayHaveApplied === true
  );
}

/** True when the API said the object does not exist. */
export function isNotFound(err: unknown): boolean {
  return apiErrorCode(err) === "not_found";
}
