/**
 * What the generated data functions (`getStack`, `getSpaceByPath`, …) call. Functions run in the
 * program's own process, not in the dynamic provider: the provider code is loaded the first time
 * a function is called, and only then.
 *
 * @packageDocumentation
 */

import * as pulumi from "@pulumi/pulumi";
import { settingsOf } from "../provider";

/** The runtime side of a data function, as `pulumi-spacelift/provider` exports it. */
interface FunctionRuntime {
  invokeFunction(
    name: string,
    args: unknown,
    settings?: { get(key: string): string | undefined },
  ): Promise<Record<string, unknown>>;
  secretResultPaths(name: string): string[];
}

/** The settings keys a function reads from the program's stack config. */
const CONFIG_KEYS = [
  "spacelift:apiKeyEndpoint",
  "spacelift:apiKeyId",
  "spacelift:apiKeySecret",
  "spacelift:apiToken",
  "spacelift:githubToken",
] as const;

/**
 * Runs data function `name` and resolves to its result; secret fields come back as secret
 * outputs.
 *
 * @param name - the function's SDK name
 * @param args - its arguments (plain values)
 * @param opts - `provider` (a {@link Provider}) or `parent` choose the account; without either, the
 *   stack config and environment do, as for resources
 */
export async function invokePromise<R>(
  name: string,
  args: object | undefined,
  opts?: pulumi.InvokeOptions,
): Promise<R> {
  // Loaded here, never at import: programs that call no function never load provider code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first call, by name
  const runtime = require("pulumi-spacelift/provider") as FunctionRuntime;
  const settings = await settingsFor(opts);
  const result = await runtime.invokeFunction(name, args ?? {}, settings);
  return wrapSecrets(result, runtime.secretResultPaths(name)) as R;
}

/**
 * Runs data function `name` once its arguments are known; the result is an output (secret when any
 * field of it is).
 *
 * @param name - the function's SDK name
 * @param args - its arguments, plain values or outputs
 * @param opts - as for {@link invokePromise}
 */
export function invokeOutput<R>(
  name: string,
  args: object | undefined,
  opts?: pulumi.InvokeOptions,
): pulumi.Output<R> {
  return pulumi
    .output(args ?? {})
    .apply((resolved) =>
      pulumi.output(invokePromise<R>(name, resolved, opts)),
    ) as unknown as pulumi.Output<R>;
}

/** Settings from the explicit provider of `opts` (or of its parent), else the program's stack config. */
async function settingsFor(
  opts: pulumi.InvokeOptions | undefined,
): Promise<{ get(key: string): string | undefined }> {
  // A parent's providers are keyed by package: ours is `pulumi-nodejs`, the official SDK's `spacelift`.
  const provider =
    opts?.provider ??
    opts?.parent?.getProvider("pulumi-nodejs:dynamic/spacelift:Stack") ??
    opts?.parent?.getProvider("spacelift:index:Stack");
  const fromProvider = provider === undefined ? undefined : await settingsOf(provider);
  if (fromProvider !== undefined) return fromProvider;
  const values = new Map<string, string>();
  for (const key of CONFIG_KEYS) {
    const value = pulumi.runtime.getConfig(key);
    if (value !== undefined) values.set(key, value);
  }
  return { get: (key) => values.get(key) };
}

/** Replaces the values at `paths` (`config`, `workerPools[].privateKey`) with secret outputs. */
function wrapSecrets(result: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...result };
  for (const path of paths) wrapPath(copy, path.split("."));
  return copy;
}

function wrapPath(target: Record<string, unknown>, steps: readonly string[]): void {
  const [step, ...rest] = steps;
  if (step === undefined) return;
  const list = step.endsWith("[]");
  const key = list ? step.slice(0, -2) : step;
  const value = target[key];
  if (value === undefined || value === null) return;
  if (rest.length === 0) {
    target[key] = pulumi.secret(value);
    return;
  }
  if (list && Array.isArray(value)) {
    target[key] = value.map((element: unknown) => {
      if (typeof element !== "object" || element === null) return element;
      const inner = { ...(element as Record<string, unknown>) };
      wrapPath(inner, rest);
      return inner;
    });
  } else if (typeof value === "object") {
    const inner = { ...(value as Record<string, unknown>) };
    wrapPath(inner, rest);
    target[key] = inner;
  }
}
