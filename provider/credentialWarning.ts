/**
 * The one warning a provider process prints when `check` runs without usable Spacelift
 * credentials.
 *
 * `check` never calls Spacelift, so a preview without credentials still validates every input; but
 * the first step that does call Spacelift (a refresh, an update) would then fail, which is a poor
 * moment to learn that nothing is configured. So the first `check` of a process looks the
 * credentials up and, when none are usable, prints one line naming the settings to set. It never
 * fails `check` and never prints a setting's value.
 *
 * The line goes to the provider process's stderr: the Pulumi CLI shows what a dynamic provider
 * writes with `console.log` or `console.error` since 3.146 (pulumi/pulumi#18253), while
 * `pulumi.log` has no engine to talk to in that process.
 *
 * @packageDocumentation
 */

import { resolveCredentials, SETTINGS, type ConfigSource, type Environment } from "./auth";
import { AuthenticationError } from "./client/errors";

/** Where the warning is written; `console.error` unless a test supplies its own. */
export type WarningSink = (line: string) => void;

// One provider process serves one Pulumi operation (a preview, an update), so once per process is
// once per operation. Set after the first look, whatever it found: the config does not change
// within a process, and resolving credentials again for every resource would be wasted work.
let looked = false;

/**
 * On the first call in this process, resolves credentials from `config` (the stack config given to
 * `configure`) and `env`, as every API call would, and writes one warning through `write` when none
 * are usable. Later calls do nothing. Never throws: a preview must not fail over this.
 *
 * @param config - the stack config, as `currentConfig()` returns it
 * @param env - environment variables; `process.env` by default
 * @param write - where the warning goes; `console.error` by default
 * @returns true when this call wrote the warning
 */
export function warnOnceWithoutCredentials(
  config: ConfigSource,
  env: Environment = process.env,
  write: WarningSink = (line) => console.error(line),
): boolean {
  if (looked) return false;
  looked = true;
  try {
    const problem = credentialProblem(config, env);
    if (problem === undefined) return false;
    write(redact(warningText(problem), settingValues(config, env)));
    return true;
  } catch {
    // Printing is best effort; a broken sink must not turn a warning into a failed preview.
    return false;
  }
}

/** @internal Forgets that the warning was considered, so a test can start from a fresh process. */
export function resetCredentialWarning(): void {
  looked = false;
}

/** What is wrong with the credentials, in words naming settings only; undefined when usable. */
function credentialProblem(config: ConfigSource, env: Environment): string | undefined {
  try {
    resolveCredentials(config, env);
    return undefined;
  } catch (error) {
    if (!AuthenticationError.isInstance(error)) return ALL_SETTINGS;
    // The message is "<operation> failed: <detail> - <hint>"; keep what follows the prefix.
    const prefix = `${error.operation} failed: `;
    return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  }
}

// Only for an error resolveCredentials is not meant to throw; its own messages are more precise.
const ALL_SETTINGS = (() => {
  const { endpoint, keyId, keySecret, apiToken } = SETTINGS;
  const key = [endpoint, keyId, keySecret];
  return (
    `set ${key.map((s) => s.config).join(", ")} (or ${key.map((s) => s.env).join(", ")}), ` +
    `or ${apiToken.config} (or ${apiToken.env})`
  );
})();

function warningText(problem: string): string {
  return (
    `warning: pulumi-spacelift: no usable Spacelift credentials: ${problem}. ` +
    "Inputs are still checked, but any step that calls Spacelift (refresh, create, update, delete) " +
    "will fail until they are set; set secrets with `pulumi config set --secret <key> <value>`."
  );
}

/** The values of every credential setting present, so that none can ever be printed. */
function settingValues(config: ConfigSource, env: Environment): string[] {
  const values: string[] = [];
  for (const setting of Object.values(SETTINGS)) {
    for (const value of [config.get(setting.config), env[setting.env]]) {
      const trimmed = value?.trim();
      // Very short values would match ordinary words of the message; they cannot be credentials.
      if (trimmed !== undefined && trimmed.length >= 4) values.push(trimmed);
    }
  }
  return values;
}

// The messages of resolveCredentials name settings and never echo values; this is the second lock.
function redact(text: string, values: readonly string[]): string {
  return values.reduce((out, value) => out.split(value).join("[redacted]"), text);
}
