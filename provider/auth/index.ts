/**
 * Authentication for the Spacelift API: which credentials to use, how they become bearer tokens,
 * and how those tokens are shared and refreshed across the dynamic-provider process.
 *
 * The module depends on the client only for the error family (`provider/client/errors.ts`, which
 * imports nothing), so a credential problem fails with the same `SpaceliftError` types as a
 * failed request. HTTP itself is injected ({@link ExchangeTransport}) by the client.
 *
 * @packageDocumentation
 */
export { systemClock, type Clock } from "./clock";
export {
  describeCredentials,
  normalizeEndpoint,
  resolveCredentials,
  SETTINGS,
  type ApiKeyCredentials,
  type ApiTokenCredentials,
  type ConfigSource,
  type CredentialOrigin,
  type Credentials,
  type EndpointSource,
  type Environment,
  type GitHubTokenCredentials,
  type SettingSource,
} from "./credentials";
export {
  API_KEY_USER_DOCUMENT,
  exchangeFor,
  OAUTH_USER_DOCUMENT,
  type Exchange,
  type ExchangeOperationName,
  type ExchangeRequest,
  type ExchangeTransport,
  type IssuedToken,
} from "./exchange";
export { endpointFromAudience, readTokenClaims, type TokenClaims } from "./jwt";
export { clearSharedTokenSources, credentialKey, sharedTokenSource } from "./registry";
export { Secret } from "./secret";
export {
  createTokenSource,
  ExchangingTokenSource,
  refreshMargin,
  StaticTokenSource,
  type TokenSource,
  type TokenSourceOptions,
} from "./tokenSource";
