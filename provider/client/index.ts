/**
 * The Spacelift GraphQL client: operations declared as data, typed errors classified in one
 * place, retries only where repeating is safe, and authentication through `provider/auth/`.
 *
 * Typical engine use:
 * ```ts
 * const ContextCreate = defineOperation<{ contextCreateV2: { id: string } }, { input: ContextInput }>({
 *   name: "ContextCreate",
 *   kind: "mutation",
 *   document: "mutation ContextCreate($input: ContextInput!) { contextCreateV2(input: $input) { id } }",
 * });
 * const client = clientFromConfig(req.config);
 * const { contextCreateV2 } = await client.request(ContextCreate, { input });
 * ```
 *
 * @packageDocumentation
 */
export {
  AuthenticationError,
  classifyOutcome,
  isRefusal,
  NotFoundError,
  parseRetryAfter,
  PermissionError,
  ProtocolError,
  RateLimitedError,
  redact,
  SpaceliftError,
  spaceliftError,
  TransportError,
  ValidationError,
  type AuthContext,
  type ClassifyContext,
  type Classified,
  type RequestOutcome,
  type SpaceliftErrorCode,
  type SpaceliftErrorInit,
} from "./errors";
export { AnsweredBy } from "./answeredBy";
export {
  defineOperation,
  operationFor,
  type Operation,
  type OperationKind,
  type OperationSpec,
  type Variables,
} from "./operation";
export { rateLimitFromEnv, TokenBucket, type RateLimit } from "./rateLimit";
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  delayBeforeRetry,
  isTransient,
  mayRepeat,
  realSleep,
  type RetryPolicy,
  type Sleep,
} from "./retry";
export {
  clearSharedClients,
  clientFromConfig,
  DEFAULT_TIMEOUT_MS,
  getClient,
  SpaceliftClient,
  type RequestOptions,
  type SignInCheck,
  type SpaceliftClientOptions,
} from "./spaceliftClient";
export {
  CLIENT_TYPE,
  networkFailure,
  roundTrip,
  type Fetch,
  type RoundTrip,
  type TransportSettings,
} from "./transport";
