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
 * The id given as Pulumi's `import` resource option, as the input that carries it. Pulumi cannot
 * import a dynamic resource (its read needs the serialized provider, which an object not yet in
 * state lacks), so the SDK takes the option out of the resource options and hands the id to the
 * provider as the `__spaceliftImport` input: the create then takes the existing object over instead
 * of making one (see `IMPORT_KEY` in the engine). Empty without the option, so that the resource
 * declares no property for it.
 */
export function importIdOf(opts: pulumi.CustomResourceOptions | undefined): {
  readonly __spaceliftImport?: pulumi.Input<pulumi.ID>;
} {
  return opts?.import === undefined ? {} : { __spaceliftImport: opts.import };
}

/**
 * The resource options a class registers with: `opts` with `secretOutputs` added to
 * `additionalSecretOutputs` (keeping whatever the user listed), without Pulumi's `import` (see
 * {@link importIdOf}), with a pulumi-spacelift provider given as `providers: { spacelift }` put
 * where Pulumi looks, and with the official provider's type token for the class as an alias, so
 * that state written by `@spacelift-io/pulumi-spacelift` is taken over in place instead of being
 * deleted while a second object is created.
 */
export function resourceOptions(
  opts: pulumi.CustomResourceOptions | undefined,
  secretOutputs: readonly string[],
  officialType?: string,
): pulumi.CustomResourceOptions {
  // A provider cannot return secret values itself (Pulumi rejects secret wrappers in dynamic
  // provider results), so the resource asks the engine to encrypt these outputs instead.
  const rest: pulumi.CustomResourceOptions = { ...opts };
  delete rest.import;
  if (officialType !== undefined) rest.aliases = [...(opts?.aliases ?? []), { type: officialType }];
  const resolved = withSpaceliftProvider(rest);
  if (secretOutputs.length === 0) {
    return resolved;
  }
  const merged = new Set([...(resolved.additionalSecretOutputs ?? []), ...secretOutputs]);
  return { ...resolved, additionalSecretOutputs: [...merged] };
}
