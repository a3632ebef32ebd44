import { systemClock, type Clock } from "../auth/clock";
import {
  describeCredentials,
  resolveCredentials,
  type ConfigSource,
  type CredentialOrigin,
  type Credentials,
  type Environment,
} from "../auth/credentials";
import {
  API_KEY_USER_DOCUMENT,
  OAUTH_USER_DOCUMENT,
  type ExchangeOperationName,
  type ExchangeTransport,
} from "../auth/exchange";
import { credentialKey, sharedTokenSource } from "../auth/registry";
import { createTokenSource, type TokenSource } from "../auth/tokenSource";
import type { AnswerReceipt } from "../engine/api";
import { AnsweredBy, answeredByToken } from "./answeredBy";
import {
  AuthenticationError,
  classifyOutcome,
  isRefusal,
  type AuthContext,
  type ClassifyContext,
  type RequestOutcome,
  type SpaceliftError,
} from "./errors";
import { operationFor, type Operation, type OperationSpec, type Variables } from "./operation";
import { rateLimitFromEnv, TokenBucket, type RateLimit } from "./rateLimit";
import { DEFAULT_RETRY_POLICY, delayBeforeRetry, realSleep, type RetryPolicy, type Sleep } from "./retry";
import { roundTrip, type Fetch } from "./transport";

/** Default request timeout: Spacelift's own clients give a request one minute. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Everything about a {@link SpaceliftClient} that is not its credentials. All optional. */
export interface SpaceliftClientOptions {
  /** The `fetch` to send through; the global `fetch` (looked up per request) by default. */
  readonly fetch?: Fetch;
  /** Abort a request with no complete answer after this long, ms; 60 s by default. */
  readonly timeoutMs?: number;
  /** Overrides of {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: Partial<RetryPolicy>;
  /** How to wait between retries and for the rate limit; a real timer by default. */
  readonly sleep?: Sleep;
  /** Jitter source in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
  /** Time source for token expiry and `Retry-After` dates; the wall clock by default. */
  readonly clock?: Clock;
  /**
   * Client-side rate limit. By default it is read from `SPACELIFT_MAX_REQUESTS_PER_SECOND` and
   * `SPACELIFT_MAX_REQUESTS_BURST` in {@link SpaceliftClientOptions.env}; `null` turns it off.
   */
  readonly rateLimit?: RateLimit | null;
  /** Environment for the rate-limit variables; `process.env` when the client is created. */
  readonly env?: Environment;
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * When the client is built from credentials: use the process-wide token source for them (one
   * exchange shared with every other client for the same credentials) instead of a private one.
   * {@link getClient} sets this.
   */
  readonly shareTokenSource?: boolean;
}

/** Per-request options of {@link SpaceliftClient.request}. */
export interface RequestOptions {
  /**
   * Extra values to cut out of any error message, e.g. the plain value of a secret input the
   * server might echo. Values of variables whose key looks sensitive (`secret`, `token`,
   * `password`, `value`, ...) are cut out anyway.
   */
  readonly redact?: readonly string[];
  /**
   * Filled in once an answer arrives (success or not): `answeredBy` becomes an {@link AnsweredBy}
   * handle on the token that received the final answer, for {@link SpaceliftClient.confirmSignedIn}.
   */
  readonly receipt?: AnswerReceipt;
}

// Declared as data and validated like every other operation (at first use, so that a process
// that never signs in never loads the GraphQL parser; tests validate them all).
/** The token exchange operations, by name. */
export const EXCHANGE_OPERATIONS: Readonly<Record<ExchangeOperationName, OperationSpec>> = {
  ApiKeyUser: { name: "ApiKeyUser", kind: "mutation", document: API_KEY_USER_DOCUMENT, idempotent: true },
  OauthUser: { name: "OauthUser", kind: "mutation", document: OAUTH_USER_DOCUMENT, idempotent: true },
};

/**
 * What {@link SpaceliftClient.confirmSignedIn} found: the token asked about is accepted (`ok`), or it
 * was not and the one now current is (`refreshed`).
 */
export type SignInCheck = "ok" | "refreshed";

/** Who the caller is; `viewer` is null when Spacelift treats the caller as anonymous. */
const VIEWER_SPEC: OperationSpec = {
  name: "Viewer",
  kind: "query",
  document: "query Viewer { viewer { id } }",
};

/** The Viewer operation, validated at first use (see {@link EXCHANGE_OPERATIONS}). */
function viewerOperation(): Operation<{ viewer: { id: string } | null }> {
  return operationFor(VIEWER_SPEC) as Operation<{ viewer: { id: string } | null }>;
}

/** Fresh tokens that must all be refused before {@link SpaceliftClient.confirmSignedIn} blames the credentials. */
const FRESH_TOKEN_ATTEMPTS = 3;

/** Said by every refusal of {@link SpaceliftClient.confirmSignedIn}: why nothing is reported gone. */
const NOT_REPORTED_GONE =
  "pulumi-spacelift refuses to report objects as deleted on the strength of an anonymous answer";

const USE_AN_API_KEY =
  "configure an API key (spacelift:apiKeyEndpoint, spacelift:apiKeyId, spacelift:apiKeySecret), " +
  "whose tokens are refreshed automatically";

/**
 * A Spacelift GraphQL client for one endpoint and credential.
 *
 * Each {@link SpaceliftClient.request} sends `Authorization: Bearer <jwt>` from the token source,
 * and on an `unauthorized` answer drops the token and retries exactly once with a fresh one. It
 * repeats any operation after a failure that proves Spacelift did not run it (HTTP 429, a refused
 * connection, a name that did not resolve, TLS failing before sending), and idempotent ones after
 * any transient failure (5xx, timeouts, lost connections); see `mayRepeat` in `retry.ts`.
 * Failures are always one of the `SpaceliftError` classes, carry `mayHaveApplied`, and never carry
 * variables, tokens or secrets.
 *
 * The resource engine should use {@link getClient}, which shares one client per endpoint and
 * credential in the process; the constructor is for tests and special cases.
 */
export class SpaceliftClient {
  /** Account base URL. */
  readonly endpoint: string;
  readonly #tokens: TokenSource;
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #clock: Clock;
  readonly #bucket: TokenBucket | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  /** Which settings the credentials came from; unknown when a token source was handed in. */
  readonly #origin: CredentialOrigin | undefined;
  /** `viewer` checks in flight, by token: parallel reads that came back empty share one. */
  readonly #checks = new Map<string, Promise<boolean>>();

  /**
   * @param auth - a token source, or resolved credentials to build one from
   * @param options - transport, retry, clock and rate-limit settings
   */
  constructor(auth: TokenSource | Credentials, options: SpaceliftClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#clock = options.clock ?? systemClock;
    this.#headers = options.headers ?? {};
    const rateLimit =
      options.rateLimit === null
        ? undefined
        : (options.rateLimit ?? rateLimitFromEnv(options.env ?? process.env));
    this.#bucket = rateLimit === undefined ? undefined : new TokenBucket(rateLimit, this.#clock, this.#sleep);

    this.#origin = isTokenSource(auth) ? undefined : describeCredentials(auth);
    if (isTokenSource(auth)) {
      this.#tokens = auth;
    } else {
      const sourceOptions = { transport: this.exchangeTransport, clock: this.#clock };
      this.#tokens = options.shareTokenSource
        ? sharedTokenSource(auth, sourceOptions)
        : createTokenSource(auth, sourceOptions);
    }
    this.endpoint = this.#tokens.endpoint;
  }

  /**
   * Runs an operation and returns its `data`.
   *
   * @param operation - a validated operation (see `defineOperation`)
   * @param variables - its variables
   * @param options - extra values to redact from error messages
   * @throws SpaceliftError (one of its subclasses) for any failure
   */
  async request<TData, TVariables extends Variables>(
    operation: Operation<TData, TVariables>,
    variables: TVariables,
    options: RequestOptions = {},
  ): Promise<TData> {
    const redact = [...(options.redact ?? []), ...sensitiveValues(variables)];
    const token = await this.#tokens.token();
    let outcome = await this.#sendWithRetries(operation, variables, token, [...redact, token]);
    // Only read when the answer is a refusal; set below once we know whether a retry was possible.
    let auth: AuthContext = "refreshed";
    let lastToken = token;
    if (isRefusal(outcome)) {
      // Spacelift says `unauthorized` both for a token it no longer accepts and for a caller that
      // lacks access; a fresh token tells the two apart. A refused request did nothing on the
      // server, so repeating it is safe even for a create.
      this.#tokens.invalidate(token);
      const fresh = await this.#tokens.token();
      if (fresh === token) {
        auth = "unrefreshable";
      } else {
        lastToken = fresh;
        outcome = await this.#sendWithRetries(operation, variables, fresh, [...redact, fresh]);
      }
    }
    if (outcome.kind === "response" && options.receipt !== undefined) {
      options.receipt.answeredBy = AnsweredBy.for(lastToken);
    }
    const classified = classifyOutcome(outcome, {
      ...this.#context(operation),
      auth,
      redact: [...redact, token, lastToken],
    });
    if (classified.ok) return classified.data as TData;
    if (classified.error.code === "permission" && isRefusal(outcome)) {
      throw await this.#explainRefusal(classified.error, lastToken, auth);
    }
    throw classified.error;
  }

  /**
   * A refusal that survived the retry with a fresh token, or of a token that cannot be refreshed,
   * reads like missing access. It may instead be a token Spacelift does not take at all (one
   * issued for another account, revoked, or not valid at a configured endpoint), which it answers
   * as an anonymous caller; `viewer` tells the two apart, and only the second is worth a
   * different error: one that names the credential and its settings rather than sending the user
   * after role bindings.
   */
  async #explainRefusal(refusal: SpaceliftError, token: string, auth: AuthContext): Promise<SpaceliftError> {
    let signedIn: boolean;
    try {
      signedIn = await this.#signedIn(token);
    } catch {
      // The check failing says nothing about the refusal, which stays the better report.
      return refusal;
    }
    if (signedIn) return refusal;
    return auth === "unrefreshable"
      ? this.#unrefreshableNotAccepted(refusal.operation, false)
      : this.#anonymousWhenFresh(refusal.operation, false);
  }

  /**
   * Runs an operation described by plain data, validating it once per process (see
   * {@link operationFor}). This is the shape of the engine's `ApiPort.run`, so a client can serve
   * as the engine's port directly.
   *
   * @param spec - name, kind, document and idempotency of the operation
   * @param variables - its variables
   * @param receipt - filled with an {@link AnsweredBy} handle on the token the answer was given to
   * @throws Error when the spec's document does not match its name and kind (a programming error)
   * @throws SpaceliftError (one of its subclasses) for any failure of the call
   */
  async run<T = unknown>(
    spec: OperationSpec,
    variables: Record<string, unknown>,
    receipt?: AnswerReceipt,
  ): Promise<T> {
    return this.request(
      operationFor(spec) as Operation<T, Record<string, unknown>>,
      variables,
      receipt === undefined ? {} : { receipt },
    );
  }

  /**
   * Confirms that Spacelift takes the token an answer was given to for a signed-in caller. Call it
   * before concluding from an empty answer that an object is gone.
   *
   * Spacelift answers a request whose token it no longer accepts (revoked, expired early, issued
   * before a server restart) as it answers an anonymous caller: HTTP 200, `viewer` null, and
   * objects or lists that look missing, with no error to retry on. This runs
   * `query Viewer { viewer { id } }` with the token in question:
   *
   * - accepted: `"ok"`, the empty answer stands;
   * - not accepted: the token is dropped from the token source (only if still current, so a
   *   replacement another call already made is kept, not exchanged again), and the current token
   *   is asked. Accepted: `"refreshed"`, the read must be repeated. A current token that was not
   *   freshly obtained for this check and is anonymous too is replaced once more; a freshly
   *   obtained one that is anonymous, or a token that cannot be replaced, fails the check.
   *
   * @param answeredBy - the {@link AnsweredBy} handle from the receipt of the call whose answer was
   *   empty. Without one (or with one this client did not make) the current token is asked, which a
   *   parallel refresh may already have replaced: its acceptance says nothing about the token the
   *   empty answer was given to.
   * @returns `"ok"` or `"refreshed"`, as above
   * @throws AuthenticationError when no accepted token can be had: a raw API token Spacelift does
   *   not accept (it cannot be refreshed), or credentials whose fresh token is anonymous too
   * @throws SpaceliftError (another subclass) when the check itself fails, e.g. a transport error
   */
  async confirmSignedIn(answeredBy?: unknown): Promise<SignInCheck> {
    const asked = answeredByToken(answeredBy) ?? (await this.#tokens.token());
    if (await this.#signedIn(asked)) return "ok";
    let anonymous = asked;
    const current = await this.#tokens.token();
    if (current !== asked) {
      // Replaced by another call since: untried, and possibly obtained before whatever made
      // Spacelift stop accepting `asked`, so it proves nothing until asked itself.
      if (await this.#signedIn(current)) return "refreshed";
      anonymous = current;
    }
    // A fresh token can itself be revoked before it is checked (every token is revoked at once when
    // Spacelift rotates its signing key), so one refusal of a fresh token proves little; only when
    // several fresh tokens in a row are refused are the credentials themselves taken as refused.
    for (let attempt = 1; ; attempt++) {
      this.#tokens.invalidate(anonymous);
      const fresh = await this.#tokens.token();
      if (fresh === anonymous) throw this.#unrefreshableNotAccepted(VIEWER_SPEC.name, true);
      if (await this.#signedIn(fresh)) return "refreshed";
      if (attempt >= FRESH_TOKEN_ATTEMPTS) throw this.#anonymousWhenFresh(VIEWER_SPEC.name, true);
      anonymous = fresh;
    }
  }

  /** Whether Spacelift takes `token` for a signed-in caller; one request per token at a time. */
  #signedIn(token: string): Promise<boolean> {
    let check = this.#checks.get(token);
    if (check === undefined) {
      check = this.#askViewer(token).finally(() => this.#checks.delete(token));
      this.#checks.set(token, check);
    }
    return check;
  }

  async #askViewer(token: string): Promise<boolean> {
    const outcome = await this.#sendWithRetries(viewerOperation(), {}, token, [token]);
    // A refusal of the token itself (HTTP 401) says the same as a null viewer.
    if (isRefusal(outcome)) return false;
    const classified = classifyOutcome(outcome, {
      ...this.#context(viewerOperation()),
      auth: "refreshed",
      redact: [token],
    });
    if (!classified.ok) throw classified.error;
    const viewer = classified.data.viewer;
    return typeof viewer === "object" && viewer !== null;
  }

  /** A token that cannot be replaced is answered as an anonymous caller. */
  #unrefreshableNotAccepted(operation: string, confirming: boolean): AuthenticationError {
    const origin = this.#origin;
    const prefix = confirming ? `${NOT_REPORTED_GONE}; ` : "";
    if (origin?.kind === "apiToken" && origin.endpointSetting !== undefined) {
      // A configured endpoint is the likeliest culprit: a token of another account is anonymous here.
      const elsewhere =
        origin.audience !== undefined && origin.audience !== origin.endpoint
          ? `the token was issued for ${origin.audience} (its aud claim), not for this endpoint; ` +
            `correct ${origin.endpointSetting}, or supply a token of the account at ${origin.endpoint}`
          : `check that the token belongs to this account and has not been revoked; supply a new token, ` +
            `or ${USE_AN_API_KEY}`;
      return new AuthenticationError({
        operation,
        detail:
          `Spacelift at ${origin.endpoint} (the endpoint set in ${origin.endpointSetting}) does not accept ` +
          `the API token from ${origin.settings}: it answers requests bearing it as an anonymous caller`,
        hint: prefix + elsewhere,
      });
    }
    const from = origin === undefined ? "" : ` from ${origin.settings}`;
    return new AuthenticationError({
      operation,
      detail:
        `the API token is no longer accepted: Spacelift answers requests bearing the token${from} as an ` +
        "anonymous caller, and an API token cannot be refreshed",
      hint: `${prefix}supply a new token, or ${USE_AN_API_KEY}`,
    });
  }

  /** Exchanged credentials whose freshly issued token is answered as an anonymous caller. */
  #anonymousWhenFresh(operation: string, confirming: boolean): AuthenticationError {
    const origin = this.#origin;
    const exchanged =
      origin === undefined
        ? ""
        : `: ${origin.credential} (${origin.settings}) was exchanged at ${origin.endpoint}` +
          `${origin.endpointSetting === undefined ? "" : ` (set in ${origin.endpointSetting})`}, ` +
          "but requests bearing the token it was issued are answered as an anonymous caller";
    const endpoint = origin?.endpointSetting ?? "the endpoint";
    return new AuthenticationError({
      operation,
      detail: `Spacelift treats these credentials as anonymous, even with a freshly issued token${exchanged}`,
      hint:
        `${confirming ? `${NOT_REPORTED_GONE}; ` : ""}the credentials are refused, not short of access: ` +
        `check that the credential is still enabled and that ${endpoint} is your account's URL`,
    });
  }

  /** What every classification of this client's requests shares. */
  #context(operation: Operation<unknown, Variables>): Omit<ClassifyContext, "auth"> {
    const origin = this.#origin;
    return {
      operation: operation.name,
      now: this.#clock.now(),
      mutation: operation.kind === "mutation",
      ...(origin === undefined ? {} : { credential: `${origin.credential} (${origin.settings})` }),
      ...(origin?.endpointFromAudience === true
        ? {
            unreachableHint:
              `the endpoint ${origin.endpoint} was taken from the audience (aud claim) of the API token in ` +
              `${origin.settings}, because no endpoint is configured; if the token belongs to another ` +
              "account than the one you mean, use a token of that account or set spacelift:apiKeyEndpoint " +
              "(or SPACELIFT_API_KEY_ENDPOINT)",
          }
        : {}),
    };
  }

  /**
   * Sends token exchanges for this client's token source: anonymously, retried like a query, with
   * the credential redacted from any error.
   *
   * @internal
   */
  readonly exchangeTransport: ExchangeTransport = async (request) => {
    const operation = operationFor(EXCHANGE_OPERATIONS[request.operation]);
    const outcome = await this.#sendWithRetries(
      operation,
      request.variables,
      undefined,
      request.redact,
      request.endpoint,
    );
    const classified = classifyOutcome(outcome, {
      operation: operation.name,
      auth: "anonymous",
      now: this.#clock.now(),
      redact: request.redact,
      anonymousRefusalHint: request.refusalHint,
      // Issuing a token changes nothing the engine manages; a failed exchange means the caller's
      // own operation was never sent.
      mutation: false,
    });
    if (!classified.ok) throw classified.error;
    return classified.data;
  };

  async #sendWithRetries(
    operation: Operation<unknown, Variables>,
    variables: Variables,
    bearer: string | undefined,
    redact: readonly string[],
    endpoint: string = this.#tokens.endpoint,
  ): Promise<RequestOutcome> {
    for (let attempt = 1; ; attempt++) {
      await this.#bucket?.take();
      const outcome = await roundTrip(
        {
          endpoint,
          name: operation.name,
          kind: operation.kind,
          document: operation.document,
          variables,
          ...(bearer === undefined ? {} : { bearer }),
        },
        { fetch: this.#fetch, timeoutMs: this.#timeoutMs, headers: this.#headers },
      );
      // A refusal is handled by the caller.
      if (isRefusal(outcome)) return outcome;
      // Classified only to decide on a retry; the final classification happens in the caller,
      // which knows the authentication context. `mutation` must be right here: it is what keeps a
      // create that may have been applied from being sent twice.
      const verdict = classifyOutcome(outcome, {
        operation: operation.name,
        auth: "refreshed",
        now: this.#clock.now(),
        redact,
        mutation: operation.kind === "mutation",
      });
      if (verdict.ok) return outcome;
      const delay = delayBeforeRetry(verdict.error, attempt, this.#retry, this.#random, operation.idempotent);
      if (delay === undefined) return outcome;
      await this.#sleep(delay);
    }
  }
}

const clients = new Map<string, SpaceliftClient>();

/**
 * The process-wide client for an endpoint + credential, created on first use; what the resource
 * engine should call for every operation. All clients for the same credentials share one token
 * source, so the process performs one exchange and one refresh schedule however many resources
 * run in parallel. The options of the first call for a credential win.
 *
 * @param credentials - resolved credentials (see {@link resolveCredentials})
 * @param options - used only when the client is created
 */
export function getClient(credentials: Credentials, options: SpaceliftClientOptions = {}): SpaceliftClient {
  const key = credentialKey(credentials);
  let client = clients.get(key);
  if (client === undefined) {
    client = new SpaceliftClient(credentials, { ...options, shareTokenSource: true });
    clients.set(key, client);
  }
  return client;
}

/**
 * Resolves credentials from stack config and the environment, then returns the shared client for
 * them: `getClient(resolveCredentials(config, env), options)`.
 *
 * @param config - stack config from the dynamic provider's `configure(req)`, if any
 * @param env - environment variables; `process.env` by default, read at call time
 * @param options - client options, used only when the client is created
 * @throws AuthenticationError when no usable credentials are configured
 */
export function clientFromConfig(
  config?: ConfigSource,
  env: Environment = process.env,
  options: SpaceliftClientOptions = {},
): SpaceliftClient {
  return getClient(resolveCredentials(config, env), { env, ...options });
}

/** @internal Forgets every shared client, so tests start from a clean process state. */
export function clearSharedClients(): void {
  clients.clear();
}

function isTokenSource(auth: TokenSource | Credentials): auth is TokenSource {
  return typeof (auth as { token?: unknown }).token === "function";
}

/** Variable keys whose string values are treated as secrets in error messages. */
const SENSITIVE_KEY = /secret|token|password|passphrase|jwt|credential|private|value/i;

function sensitiveValues(variables: unknown, sensitive = false, found: string[] = []): string[] {
  if (typeof variables === "string") {
    if (sensitive) found.push(variables);
  } else if (Array.isArray(variables)) {
    for (const item of variables) sensitiveValues(item, sensitive, found);
  } else if (typeof variables === "object" && variables !== null) {
    for (const [key, value] of Object.entries(variables)) {
      sensitiveValues(value, sensitive || SENSITIVE_KEY.test(key), found);
    }
  }
  return found;
}
