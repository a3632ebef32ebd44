import * as pulumi from "@pulumi/pulumi";

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
 * Returns `opts` with `names` added to `additionalSecretOutputs`, keeping whatever the user listed.
 * A provider cannot return secret values itself (Pulumi rejects secret wrappers in dynamic provider
 * results), so the resource asks the engine to encrypt these outputs instead.
 */
export function withSecretOutputs(
  opts: pulumi.CustomResourceOptions | undefined,
  names: readonly string[],
): pulumi.CustomResourceOptions {
  if (names.length === 0) {
    return { ...opts };
  }
  const merged = new Set([...(opts?.additionalSecretOutputs ?? []), ...names]);
  return { ...opts, additionalSecretOutputs: [...merged] };
}
