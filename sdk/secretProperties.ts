import * as pulumi from "@pulumi/pulumi";
import { withSpaceliftProvider } from "./provider";

/**
 * Marks a sensitive argument as secret before it reaches the engine. Pulumi stores a dynamic
 * resource's inputs in state next to its outputs; `additionalSecretOutputs` only protects the
 * outputs, so a plain-text argument would otherwise sit unencrypted in the inputs. Returns
 * `undefined` untouched so that unset arguments stay unset.
 */
export function secretInput<T>(
  value: pulumi.Input<T> | undefined,
): pulumi.Output<pulumi.Unwrap<T>> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}

/**
 * Returns `opts` with `names` added to `additionalSecretOutputs`, keeping whatever the user listed,
 * and with a pulumi-spacelift provider given as `providers: { spacelift }` put where Pulumi looks.
 * A provider cannot return secret values itself (Pulumi rejects secret wrappers in dynamic provider
 * results), so the resource asks the engine to encrypt these outputs instead.
 */
export function withSecretOutputs(
  opts: pulumi.CustomResourceOptions | undefined,
  names: readonly string[],
): pulumi.CustomResourceOptions {
  const resolved = withSpaceliftProvider(opts);
  if (names.length === 0) {
    return resolved;
  }
  const merged = new Set([...(resolved.additionalSecretOutputs ?? []), ...names]);
  return { ...resolved, additionalSecretOutputs: [...merged] };
}
