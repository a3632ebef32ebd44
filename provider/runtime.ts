/**
 * Per-process runtime state of the provider: the stack config handed to `configure`, and the
 * {@link ApiPort} the engine uses, bound to the Spacelift client.
 *
 * Credentials are resolved at call time (config first, then environment), never captured, so a
 * rotated credential is picked up by the next operation, including `destroy` from old state.
 *
 * @packageDocumentation
 */

import { resolveCredentials } from "./auth/credentials";
import { getClient } from "./client/spaceliftClient";
import {
  effectiveCredentials,
  isRejectedCredential,
  replacementFor,
  resetRotation,
  staleCredentialsError,
} from "./rotation";
import type { AnswerReceipt, ApiPort, OperationSpec, SignInCheck } from "./engine/api";

/** Stack config as the dynamic-provider host exposes it: fully qualified keys, string values. */
export interface ConfigReader {
  /** The value of `key` (e.g. `spacelift:apiKeyId`), or undefined when unset. */
  get(key: string): string | undefined;
}

const EMPTY_CONFIG: ConfigReader = { get: () => undefined };

let config: ConfigReader = EMPTY_CONFIG;
let override: ApiPort | undefined;

/**
 * Stores the config from Pulumi's `ConfigureRequest`. Synchronous on purpose: the host may start
 * CRUD calls before the promise returned by `configure` settles, so the config must be in place
 * by the time this function returns. A request without a usable `config` leaves the environment
 * as the only source of settings.
 */
export function configureRuntime(request: unknown): void {
  const source = (request as { config?: unknown } | null | undefined)?.config;
  const get = (source as { get?: unknown } | null | undefined)?.get;
  if (typeof get !== "function") {
    config = EMPTY_CONFIG;
    return;
  }
  config = {
    get(key: string): string | undefined {
      const value: unknown = get.call(source, key);
      return typeof value === "string" ? value : undefined;
    },
  };
}

/** The config stored by the last {@link configureRuntime} call (empty before any). */
export function currentConfig(): ConfigReader {
  return config;
}

/**
 * Replaces the API binding, e.g. with a fake in tests or a custom transport when embedding the
 * engine; `undefined` restores the real client.
 */
export function setApiPort(port: ApiPort | undefined): void {
  override = port;
}

/** Forgets config and overrides (tests). */
export function resetRuntime(): void {
  resetRotation();
  config = EMPTY_CONFIG;
  override = undefined;
}

/**
 * The port the engine uses. It is one stable object; which client serves a call is decided when
 * the call is made, from the config and environment current at that moment. Clients are shared per
 * endpoint and credential by the client module, so parallel operations share one token.
 *
 * The receipt of `run` and the handle given back to `confirmSignedIn` pass through untouched, and
 * are passed on only when given, so an override sees exactly the arguments the engine used.
 */
export const runtimeApiPort: ApiPort = {
  async run<T>(op: OperationSpec, variables: Record<string, unknown>, receipt?: AnswerReceipt): Promise<T> {
    const send = (port: ApiPort) =>
      receipt === undefined ? port.run<T>(op, variables) : port.run<T>(op, variables, receipt);
    if (override) return send(override);
    return withRotation(send);
  },
  async confirmSignedIn(answeredBy?: unknown): Promise<SignInCheck> {
    if (override) {
      // An override without the check cannot tell an anonymous answer apart; its empty reads stand.
      if (!override.confirmSignedIn) return "ok";
      return answeredBy === undefined ? override.confirmSignedIn() : override.confirmSignedIn(answeredBy);
    }
    return withRotation((client) => client.confirmSignedIn(answeredBy));
  },
};

/**
 * Runs `call` with the client for the current credentials. When Spacelift rejects configured
 * credentials (a rotated key), retries once with the environment's for the same account, or fails
 * with the message naming the fix (see `rotation.ts`).
 */
async function withRotation<T>(call: (client: ReturnType<typeof getClient>) => Promise<T>): Promise<T> {
  // Throws AuthenticationError (naming what is missing, never a value) when no credentials are set.
  const primary = resolveCredentials(config, process.env);
  const credentials = effectiveCredentials(primary);
  try {
    return await call(getClient(credentials, { env: process.env }));
  } catch (error) {
    if (credentials !== primary || primary.source !== "config" || !isRejectedCredential(error)) throw error;
    const replacement = replacementFor(primary, process.env);
    if (replacement === undefined) throw staleCredentialsError(primary, error);
    return call(getClient(replacement, { env: process.env }));
  }
}
