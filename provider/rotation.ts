/**
 * What the provider does when Spacelift rejects the credentials it was configured with, which is
 * what a rotated API key looks like from the provider's side.
 *
 * `pulumi refresh` and `pulumi destroy` do not run the program: the provider gets the stack config
 * Pulumi saved in the state with the default provider at the last update (or the arguments of an
 * explicit `spacelift.Provider` saved there). After `pulumi config set` of a new key, those still
 * hold the old one. So:
 *
 * 1. When the configured key or token is rejected and the environment holds other complete
 *    credentials for the same account (same endpoint), the provider uses the environment's for the
 *    rest of the process and says so once. This is the "new key exported in CI" case.
 * 2. Otherwise the operation fails with one message naming the command that fixes it:
 *    `pulumi refresh --run-program` or `pulumi destroy --run-program` (which run the program and so
 *    read the current config), or `pulumi config set` during an update, whose config is current.
 *
 * @packageDocumentation
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { credentialKey } from "./auth/registry";
import {
  describeCredentials,
  resolveCredentials,
  type Credentials,
  type Environment,
} from "./auth/credentials";
import { AuthenticationError } from "./client/errors";

/** The lifecycle method a call belongs to, so that a message can name the command that fixes it. */
const currentMethod = new AsyncLocalStorage<string>();

/**
 * Runs `body` as part of lifecycle `method` (`read`, `delete`, …), for {@link staleCredentialsError}.
 *
 * @param method - the lifecycle method
 * @param body - the work
 */
export function asLifecycleMethod<T>(method: string, body: () => Promise<T>): Promise<T> {
  return currentMethod.run(method, body);
}

/** Credentials that were rejected in this process, by key, with what replaced them (or nothing). */
const replaced = new Map<string, Credentials | null>();
let warned = false;

/**
 * The credentials to use instead of `primary` when they were rejected earlier in this process;
 * `primary` otherwise.
 *
 * @param primary - the credentials resolved from config and environment
 */
export function effectiveCredentials(primary: Credentials): Credentials {
  return replaced.get(credentialKey(primary)) ?? primary;
}

/**
 * True when `error` says Spacelift refused the credentials themselves: an API key or GitHub token
 * the exchange refused (unknown, deleted or with a wrong secret), or a raw token it no longer
 * accepts. Errors of other kinds (permissions, network) are not about rotation.
 *
 * @param error - what a call threw
 */
export function isRejectedCredential(error: unknown): boolean {
  return AuthenticationError.isInstance(error);
}

/**
 * Decides what replaces rejected configured credentials: the environment's, when complete, different
 * and for the same account; else nothing (the caller throws {@link staleCredentialsError}).
 *
 * @param primary - the rejected credentials
 * @param env - environment variables
 * @param warn - where the one notice goes
 * @returns the replacement, or undefined
 */
export function replacementFor(
  primary: Credentials,
  env: Environment,
  warn: (line: string) => void = (line) => console.error(line),
): Credentials | undefined {
  const key = credentialKey(primary);
  if (replaced.has(key)) return replaced.get(key) ?? undefined;
  let fromEnv: Credentials | undefined;
  if (primary.source === "config") {
    try {
      fromEnv = resolveCredentials(undefined, env);
    } catch {
      fromEnv = undefined;
    }
  }
  const usable =
    fromEnv !== undefined && fromEnv.endpoint === primary.endpoint && credentialKey(fromEnv) !== key
      ? fromEnv
      : undefined;
  replaced.set(key, usable ?? null);
  if (usable !== undefined && !warned) {
    warned = true;
    const was = describeCredentials(primary);
    const now = describeCredentials(usable);
    warn(
      `pulumi-spacelift: Spacelift rejected ${was.credential} from ${was.settings} (rotated or deleted?); ` +
        `using ${now.credential} from ${now.settings} instead. Update the stack config ` +
        "(pulumi config set, or pulumi config rm to rely on the environment) to stop seeing this.",
    );
  }
  return usable;
}

/**
 * The one error for configured credentials that Spacelift rejects with nothing to replace them,
 * naming the command that fixes it for the operation under way. Never contains a secret.
 *
 * @param primary - the rejected credentials
 * @param cause - what the call threw
 */
export function staleCredentialsError(primary: Credentials, cause: unknown): AuthenticationError {
  const origin = describeCredentials(primary);
  const reason = cause instanceof Error ? cause.message : String(cause);
  const method = currentMethod.getStore();
  const fromState =
    "which reads the current stack config; without it, Pulumi hands the provider the config saved in the state by the last update";
  const fix =
    primary.source !== "config"
      ? `set working credentials in ${origin.settings}`
      : method === "read"
        ? `run \`pulumi refresh --run-program\`, ${fromState}`
        : method === "delete"
          ? `run \`pulumi destroy --run-program\`, ${fromState}`
          : `set the new key with \`pulumi config set spacelift:apiKeyId <id>\` and \`pulumi config set --secret spacelift:apiKeySecret <secret>\``;
  const operation = AuthenticationError.isInstance(cause) ? cause.operation : "Spacelift authentication";
  return new AuthenticationError({
    operation,
    detail: `Spacelift rejected ${origin.credential} from ${origin.settings} (${reason})`,
    hint: `if the key was rotated, ${fix}`,
  });
}

/** @internal Forgets replacements and the notice, for tests. */
export function resetRotation(): void {
  replaced.clear();
  warned = false;
}
