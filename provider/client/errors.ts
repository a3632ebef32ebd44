/**
 * The error family every call to Spacelift fails with, and the one classifier that decides which
 * member a failure is.
 *
 * This module is the only code that reads server error messages, HTTP statuses or GraphQL error
 * extensions. It imports nothing at runtime, so `provider/auth/` can throw the same family without
 * pulling in the client.
 *
 * Secrets: an error is built only from the operation name, our own wording, and the server's first
 * message after redaction. Request variables, tokens and the original library error are never
 * stored on it, so its message, stack, `util.inspect` and `JSON.stringify` stay clean.
 *
 * Stacks: an error's `stack` is empty (see `dropStack`); the message is the whole story.
 */

/** What kind of failure a {@link SpaceliftError} is; the engine switches on this, never on text. */
export type SpaceliftErrorCode =
  "authentication" | "permission" | "not_found" | "validation" | "rate_limited" | "transport" | "protocol";

/** Everything a {@link SpaceliftError} is built from. */
export interface SpaceliftErrorInit {
  /** The operation that failed, e.g. `ContextCreate`; also the message prefix. */
  readonly operation: string;
  /** What went wrong, in words that contain no variable, token or secret. */
  readonly detail: string;
  /** The server's first GraphQL error message, redacted, when there was one. */
  readonly serverMessage?: string;
  /** The `path` of the server's first GraphQL error, when given. */
  readonly graphqlPath?: readonly (string | number)[];
  /** HTTP status of the answer, when an answer arrived. */
  readonly httpStatus?: number;
  /** How long the server asked us to wait before trying again, milliseconds. */
  readonly retryAfterMs?: number;
  /** What the user can do about it. */
  readonly hint?: string;
  /**
   * True when the failed operation is a mutation that Spacelift may nevertheless have carried out:
   * the request may have reached it and no answer proves otherwise. False by default.
   */
  readonly mayHaveApplied?: boolean;
}

/**
 * Why these errors carry no stack trace. Pulumi's dynamic-provider host prints a failed `check`,
 * `diff`, `read` or `delete` as `${err}: ${err.stack}` on its stderr, which Pulumi shows to the
 * user; a stack trace there is noise from our internals, and the frames say nothing the message
 * does not. With an empty stack the host prints `Name: message: ` and nothing more. Tools that
 * fall back from an empty stack (`util.inspect`, mocha, the host's uncaught-error handler) show
 * the message.
 */
function dropStack(error: Error): void {
  Object.defineProperty(error, "stack", { value: "", writable: true, configurable: true, enumerable: false });
}

/** Property that marks an object as a {@link SpaceliftError} from any copy of this package. */
const BRAND = "__pulumiSpaceliftError";

/**
 * Base of every error raised while talking to Spacelift.
 *
 * Use {@link SpaceliftError.isInstance} (or a subclass's) instead of `instanceof`: Pulumi may load
 * two copies of this package into one process (the one a stub in state requires and the one the
 * program imports), and `instanceof` fails across copies while the brand check does not.
 */
export class SpaceliftError extends Error {
  /** @internal Brand read by {@link SpaceliftError.isInstance}. */
  readonly [BRAND] = true;
  /** The kind of failure. */
  readonly code: SpaceliftErrorCode;
  /** The operation that failed, e.g. `ContextCreate`. */
  readonly operation: string;
  /** The server's first GraphQL error message (redacted), when there was one. */
  readonly serverMessage?: string;
  /** The `path` of the server's first GraphQL error, when given. */
  readonly graphqlPath?: readonly (string | number)[];
  /** HTTP status of the answer, when an answer arrived. */
  readonly httpStatus?: number;
  /** How long the server asked us to wait, milliseconds (`Retry-After`). */
  readonly retryAfterMs?: number;
  /** What the user can do about it; already part of {@link Error.message}. */
  readonly hint?: string;
  /**
   * True exactly when the failed operation is a mutation, its request may have reached Spacelift,
   * and no answer proves it was not applied (HTTP 5xx, a timeout, a connection reset or dropped
   * after sending, an unreadable 2xx answer). False for HTTP 429, a connection refused, a name that
   * did not resolve, TLS failing before sending, GraphQL errors, 4xx, and for every query. The
   * engine reads it through `mayHaveApplied(err)` before deciding a create failed.
   */
  readonly mayHaveApplied: boolean;

  /**
   * @param code - the kind of failure
   * @param init - what the error is built from; must already be free of secrets
   */
  constructor(code: SpaceliftErrorCode, init: SpaceliftErrorInit) {
    super(`${init.operation} failed: ${init.detail}${init.hint === undefined ? "" : ` - ${init.hint}`}`);
    this.name = NAMES[code];
    this.code = code;
    this.operation = init.operation;
    this.mayHaveApplied = init.mayHaveApplied === true;
    dropStack(this);
    // Optional fields are assigned only when present, so `util.inspect` and JSON show no noise.
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.graphqlPath !== undefined) this.graphqlPath = init.graphqlPath;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.hint !== undefined) this.hint = init.hint;
  }

  /**
   * Whether `x` is a {@link SpaceliftError}, from this or any other copy of the package.
   *
   * @param x - anything that was thrown
   */
  static isInstance(x: unknown): x is SpaceliftError {
    return typeof x === "object" && x !== null && (x as Record<string, unknown>)[BRAND] === true;
  }

  /** A plain summary for structured logs; never includes the stack. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      operation: this.operation,
      message: this.message,
      serverMessage: this.serverMessage,
      graphqlPath: this.graphqlPath,
      httpStatus: this.httpStatus,
      retryAfterMs: this.retryAfterMs,
      hint: this.hint,
      mayHaveApplied: this.mayHaveApplied,
    };
  }
}

function hasCode(x: unknown, code: SpaceliftErrorCode): boolean {
  return SpaceliftError.isInstance(x) && x.code === code;
}

/** The credentials are missing, malformed, expired beyond refresh, or were refused outright. */
export class AuthenticationError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("authentication", init);
  }
  /** Whether `x` is an {@link AuthenticationError} from any copy of the package. */
  static override isInstance(x: unknown): x is AuthenticationError {
    return hasCode(x, "authentication");
  }
}

/** The caller is logged in but may not do this (Spacelift answers `unauthorized` for both cases). */
export class PermissionError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("permission", init);
  }
  /** Whether `x` is a {@link PermissionError} from any copy of the package. */
  static override isInstance(x: unknown): x is PermissionError {
    return hasCode(x, "permission");
  }
}

/** The server said the object does not exist; the engine decides whether that means "gone". */
export class NotFoundError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("not_found", init);
  }
  /** Whether `x` is a {@link NotFoundError} from any copy of the package. */
  static override isInstance(x: unknown): x is NotFoundError {
    return hasCode(x, "not_found");
  }
}

/** The server refused the request's content (`already exists`, `invalid`, `must ...`, schema errors). */
export class ValidationError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("validation", init);
  }
  /** Whether `x` is a {@link ValidationError} from any copy of the package. */
  static override isInstance(x: unknown): x is ValidationError {
    return hasCode(x, "validation");
  }
}

/** HTTP 429; {@link SpaceliftError.retryAfterMs} carries the server's `Retry-After` when sent. */
export class RateLimitedError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("rate_limited", init);
  }
  /** Whether `x` is a {@link RateLimitedError} from any copy of the package. */
  static override isInstance(x: unknown): x is RateLimitedError {
    return hasCode(x, "rate_limited");
  }
}

/** No usable answer arrived: network failure, timeout, or an HTTP 5xx. */
export class TransportError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("transport", init);
  }
  /** Whether `x` is a {@link TransportError} from any copy of the package. */
  static override isInstance(x: unknown): x is TransportError {
    return hasCode(x, "transport");
  }
}

/** An answer arrived but was not a GraphQL response we can read (not JSON, no `data` nor `errors`). */
export class ProtocolError extends SpaceliftError {
  /** @param init - see {@link SpaceliftErrorInit} */
  constructor(init: SpaceliftErrorInit) {
    super("protocol", init);
  }
  /** Whether `x` is a {@link ProtocolError} from any copy of the package. */
  static override isInstance(x: unknown): x is ProtocolError {
    return hasCode(x, "protocol");
  }
}

const NAMES: Record<SpaceliftErrorCode, string> = {
  authentication: "AuthenticationError",
  permission: "PermissionError",
  not_found: "NotFoundError",
  validation: "ValidationError",
  rate_limited: "RateLimitedError",
  transport: "TransportError",
  protocol: "ProtocolError",
};

const CONSTRUCTORS: Record<SpaceliftErrorCode, new (init: SpaceliftErrorInit) => SpaceliftError> = {
  authentication: AuthenticationError,
  permission: PermissionError,
  not_found: NotFoundError,
  validation: ValidationError,
  rate_limited: RateLimitedError,
  transport: TransportError,
  protocol: ProtocolError,
};

/**
 * Builds the family member for `code`.
 *
 * @param code - the kind of failure
 * @param init - what the error is built from; must already be free of secrets
 */
export function spaceliftError(code: SpaceliftErrorCode, init: SpaceliftErrorInit): SpaceliftError {
  return new CONSTRUCTORS[code](init);
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/**
 * What one HTTP round trip produced, before any judgement; built by the transport, read only by
 * {@link classifyOutcome}.
 */
export type RequestOutcome =
  | {
      readonly kind: "response";
      /** HTTP status. */
      readonly status: number;
      /** Response headers (for `Retry-After`). */
      readonly headers: Headers;
      /** The decoded GraphQL body, or undefined when the body was not a JSON object. */
      readonly body?: { readonly data?: unknown; readonly errors?: unknown };
    }
  | { readonly kind: "timeout"; readonly timeoutMs: number }
  | {
      readonly kind: "network";
      /** A system error code such as `ECONNREFUSED`, when known. */
      readonly reason?: string;
      /**
       * How far the request got: `no` when the failure proves no byte of it reached the server
       * (connection refused, name not resolved, TLS handshake failed), `yes` when the answer had
       * begun to arrive and the connection then broke, `maybe` otherwise (reset, closed, unknown).
       * Absent means `maybe`.
       */
      readonly sent?: "no" | "maybe" | "yes";
    };

/**
 * How the request that produced an outcome was authenticated, which decides what an
 * `unauthorized` answer means.
 *
 * - `anonymous`: no bearer was sent (the token exchange). A refusal is an authentication failure.
 * - `refreshed`: the first token was refused, a different token was obtained and was refused too.
 * - `unrefreshable`: the token was refused and the token source had no other one to offer (a raw
 *   API token).
 *
 * Spacelift answers HTTP 200 with the message `unauthorized` both when the caller is not logged in
 * (it treats an expired or unknown token as anonymous) and when a logged-in caller lacks access.
 * The two cannot be told apart from one answer, so the client invalidates the token and retries
 * once; a second refusal with a freshly issued token means the credentials themselves work, so it
 * is reported as a {@link PermissionError}. An explicit HTTP 401 is unambiguous and always
 * reported as an {@link AuthenticationError}.
 */
export type AuthContext = "anonymous" | "refreshed" | "unrefreshable";

/** What {@link classifyOutcome} needs besides the outcome. */
export interface ClassifyContext {
  /** Operation name, for the message. */
  readonly operation: string;
  /** How the request was authenticated; see {@link AuthContext}. */
  readonly auth: AuthContext;
  /** Current time, epoch ms, to turn an HTTP-date `Retry-After` into a delay. */
  readonly now: number;
  /** Values to cut out of any server message (tokens, secrets, sensitive variables). */
  readonly redact?: readonly string[];
  /** Hint for a refusal of an anonymous request, e.g. which secret to check. */
  readonly anonymousRefusalHint?: string;
  /**
   * Whether the request could change something in Spacelift: a mutation other than the token
   * exchange (whose repetition is harmless and whose failure means the caller's own operation was
   * never sent). Decides {@link SpaceliftError.mayHaveApplied}.
   */
  readonly mutation?: boolean;
  /**
   * The credential and the settings it came from, e.g. `the API token (SPACELIFT_API_TOKEN)`, for
   * the hints of refused requests. Never a value.
   */
  readonly credential?: string;
  /** Hint for a request that never got an answer (network failure, timeout), e.g. where the endpoint came from. */
  readonly unreachableHint?: string;
}

/** The result of classifying an outcome: the `data` object, or the error to throw. */
export type Classified =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly error: SpaceliftError };

type Verdict = SpaceliftErrorCode | "refused";

interface FirstGraphQLError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensionCode?: string;
}

/** Checked before the message text, for servers (like the emulator) that send a machine code. */
const EXTENSION_CODES: Readonly<Record<string, Verdict>> = {
  UNAUTHENTICATED: "refused",
  UNAUTHORIZED: "refused",
  FORBIDDEN: "permission",
  NOT_FOUND: "not_found",
  BAD_USER_INPUT: "validation",
  GRAPHQL_VALIDATION_FAILED: "validation",
  GRAPHQL_PARSE_FAILED: "validation",
  RATE_LIMITED: "rate_limited",
};

/**
 * Message rules, first match wins. Spacelift sends no machine-readable codes, so the text is all
 * there is; the phrases are the ones its clients match on (`unauthorized`, `not found`,
 * `could not find api key`, `denied`). Anything else the server refuses is a validation error.
 */
const MESSAGE_RULES: readonly { readonly pattern: RegExp; readonly verdict: Verdict }[] = [
  { pattern: /unauthori[sz]ed|unauthenticated/i, verdict: "refused" },
  { pattern: /\bnot found\b|\bcould not find\b/i, verdict: "not_found" },
  { pattern: /\bforbidden\b|\bdenied\b/i, verdict: "permission" },
];

const MAX_SERVER_MESSAGE = 1000;
const MIN_REDACTED_LENGTH = 4;

/**
 * Whether an outcome is Spacelift refusing the caller (HTTP 401, or a first GraphQL error saying
 * `unauthorized`). The client uses this to decide on its single invalidate-and-retry.
 *
 * @param outcome - what the round trip produced
 */
export function isRefusal(outcome: RequestOutcome): boolean {
  if (outcome.kind !== "response") return false;
  if (outcome.status === 401) return true;
  if (outcome.status === 429 || outcome.status >= 500) return false;
  const first = firstGraphQLError(outcome.body?.errors);
  return first !== undefined && verdictFor(first) === "refused";
}

/**
 * Decides what an outcome means: the `data` object on success, otherwise the one
 * {@link SpaceliftError} subclass that describes it.
 *
 * Rules, in order: timeout or network failure → transport; HTTP 429 → rate_limited (with
 * `Retry-After`); 5xx → transport; 401 → authentication; 403 → permission; a body that is not a
 * GraphQL response → protocol; GraphQL errors → by `extensions.code`, then by message
 * (`unauthorized` → authentication or permission, see {@link AuthContext}; `not found` →
 * not_found; `denied`/`forbidden` → permission; anything else → validation); no `data` → protocol.
 *
 * @param outcome - what the round trip produced
 * @param context - operation name, authentication context, clock and values to redact
 */
export function classifyOutcome(outcome: RequestOutcome, context: ClassifyContext): Classified {
  const fail = (code: SpaceliftErrorCode, init: Omit<SpaceliftErrorInit, "operation">): Classified => ({
    ok: false,
    error: spaceliftError(code, { operation: context.operation, ...init }),
  });

  const mutation = context.mutation === true;
  const unreachable = context.unreachableHint === undefined ? {} : { hint: context.unreachableHint };
  if (outcome.kind === "timeout") {
    return fail("transport", {
      detail: `no answer within ${formatDuration(outcome.timeoutMs)}`,
      mayHaveApplied: mutation,
      ...unreachable,
    });
  }
  if (outcome.kind === "network") {
    const reason = outcome.reason === undefined ? "" : ` (${outcome.reason})`;
    const sent = outcome.sent ?? "maybe";
    return fail("transport", {
      detail:
        sent === "no"
          ? `could not reach Spacelift${reason}`
          : sent === "yes"
            ? `the connection to Spacelift broke while its answer was arriving${reason}`
            : `the connection to Spacelift failed before an answer arrived${reason}`,
      mayHaveApplied: mutation && sent !== "no",
      ...unreachable,
    });
  }

  const { status, headers } = outcome;
  const first = firstGraphQLError(outcome.body?.errors);
  const serverMessage = first === undefined ? undefined : redact(first.message, context.redact);
  const fromServer = {
    httpStatus: status,
    ...(serverMessage === undefined ? {} : { serverMessage }),
    ...(first?.path === undefined ? {} : { graphqlPath: first.path }),
  };

  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), context.now);
    return fail("rate_limited", {
      ...fromServer,
      detail: "rate limited by Spacelift (HTTP 429)",
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) {
    // Honoured on 503 as well: a server in maintenance says when to come back.
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), context.now);
    return fail("transport", {
      ...fromServer,
      detail: `Spacelift answered HTTP ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      mayHaveApplied: mutation,
    });
  }
  if (status === 401) {
    return fail("authentication", {
      ...fromServer,
      detail: serverMessage ?? "HTTP 401 Unauthorized",
      hint:
        context.auth === "anonymous"
          ? context.anonymousRefusalHint
          : refusedTokenHint(context.auth, context.credential),
    });
  }
  if (status === 403 && first === undefined) {
    return fail("permission", { ...fromServer, detail: "HTTP 403 Forbidden" });
  }

  // An answer that arrived but cannot be read: a success status says the server ran the request.
  const unreadable = { mayHaveApplied: mutation && status >= 200 && status < 300 };
  if (outcome.body === undefined) {
    return fail("protocol", {
      ...unreadable,
      httpStatus: status,
      detail: `the answer (HTTP ${status}) is not a GraphQL JSON response`,
      hint:
        status === 404
          ? "check the endpoint: it should be the account URL, e.g. https://acme.app.spacelift.io"
          : undefined,
    });
  }

  if (first !== undefined) {
    const verdict = verdictFor(first);
    const detail = serverMessage ?? "";
    if (verdict === "refused") {
      if (context.auth === "anonymous") {
        return fail("authentication", { ...fromServer, detail, hint: context.anonymousRefusalHint });
      }
      return fail("permission", {
        ...fromServer,
        detail,
        hint: permissionHint(context.auth, context.credential),
      });
    }
    return fail(status === 403 ? "permission" : verdict, { ...fromServer, detail });
  }
  if (
    outcome.body.errors !== undefined &&
    outcome.body.errors !== null &&
    !Array.isArray(outcome.body.errors)
  ) {
    return fail("protocol", {
      ...unreadable,
      httpStatus: status,
      detail: "the answer's `errors` is not a list",
    });
  }

  const data = outcome.body.data;
  if (status < 200 || status >= 300 || typeof data !== "object" || data === null || Array.isArray(data)) {
    return fail("protocol", {
      ...unreadable,
      httpStatus: status,
      detail: `the answer (HTTP ${status}) carries neither \`data\` nor \`errors\``,
    });
  }
  return { ok: true, data: data as Record<string, unknown> };
}

function verdictFor(first: FirstGraphQLError): Verdict {
  const byExtension = first.extensionCode === undefined ? undefined : EXTENSION_CODES[first.extensionCode];
  if (byExtension !== undefined) return byExtension;
  return MESSAGE_RULES.find((rule) => rule.pattern.test(first.message))?.verdict ?? "validation";
}

function firstGraphQLError(errors: unknown): FirstGraphQLError | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first: unknown = errors[0];
  if (typeof first !== "object" || first === null) return { message: "(no message)" };
  const record = first as Record<string, unknown>;
  const message = typeof record.message === "string" ? record.message : "(no message)";
  const path =
    Array.isArray(record.path) &&
    record.path.every((part) => typeof part === "string" || typeof part === "number")
      ? (record.path as (string | number)[])
      : undefined;
  const extensions = record.extensions;
  const code =
    typeof extensions === "object" && extensions !== null
      ? (extensions as Record<string, unknown>).code
      : undefined;
  return {
    message,
    ...(path === undefined ? {} : { path }),
    ...(typeof code === "string" ? { extensionCode: code.toUpperCase() } : {}),
  };
}

function refusedTokenHint(auth: AuthContext, credential: string | undefined): string {
  return auth === "refreshed"
    ? `Spacelift refused a freshly issued token; check that ${credential ?? "the API key"} still exists and is enabled`
    : `${credential ?? "the API token"} was refused and cannot be refreshed; provide a new token or use an API key`;
}

function permissionHint(auth: AuthContext, credential: string | undefined): string {
  // Same advice the Terraform provider appends, plus what our retry has ruled out.
  return auth === "refreshed"
    ? "the credentials are valid (a fresh token was refused too), so " +
        `${credential ?? "the API key"} may lack access to this space or resource; ` +
        "check its role bindings and that a space ID, not a space name, was given"
    : `${credential ?? "the API token"} cannot be refreshed; it may lack access to this space or resource, ` +
        "or it may have been revoked; check that a space ID, not a space name, was given";
}

/**
 * Parses a `Retry-After` header: delay seconds or an HTTP date.
 *
 * @param value - the header value, or null when absent
 * @param now - current time, epoch ms, for the HTTP-date form
 * @returns the delay in ms (never negative), or undefined when absent or unreadable
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its month; without this, Date.parse reads "-1" as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Cuts every occurrence of the given values out of a text, and bounds its length.
 *
 * Values shorter than four characters are left alone: replacing them would shred ordinary words
 * while protecting nothing worth protecting.
 *
 * @param text - e.g. a server message that may echo request input
 * @param values - secrets, tokens or sensitive variable values
 */
export function redact(text: string, values: readonly string[] = []): string {
  let result = text;
  for (const value of values) {
    if (value.length >= MIN_REDACTED_LENGTH) result = result.split(value).join("[redacted]");
  }
  return result.length > MAX_SERVER_MESSAGE ? `${result.slice(0, MAX_SERVER_MESSAGE)}...` : result;
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
