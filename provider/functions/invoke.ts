/**
 * Runs data functions in the program's process: checks the arguments, resolves credentials exactly
 * as the provider does, and runs the function's look-up with the process's shared client for those
 * credentials (so every function call of a program shares one token source per credential).
 *
 * @packageDocumentation
 */

import type { ConfigSource, Environment } from "../auth/credentials";
import { resolveCredentials } from "../auth/credentials";
import { getClient, type SpaceliftClient } from "../client/spaceliftClient";
import { ResourceEngine } from "../engine/lifecycle";
import { descriptorFor } from "../resources";
import type { FunctionApi, FunctionDescriptor, FunctionFields, FunctionValues } from "./descriptor";
import { checkFunctionArgs } from "./checkArgs";
import { functionDescriptor } from "./registry";
import { FunctionError } from "./functionError";

export { FunctionError };

/**
 * Runs the data function `name` with plain (resolved) `args`.
 *
 * Credentials: `settings` when given (an explicit `spacelift.Provider`'s arguments, with keys as in
 * stack config: `spacelift:apiKeyId`, …), else the program's stack config; each setting falls back
 * to its environment variable, as in the provider (`SPACELIFT_API_TOKEN` included).
 *
 * @param name - the SDK name, e.g. `getStack`
 * @param args - resolved arguments
 * @param settings - where settings are looked up before the environment
 * @param env - the environment; `process.env` by default
 * @returns the result, plain; secret fields are listed by {@link secretResultPaths}
 * @throws FunctionError for unknown functions, bad arguments and missing objects (before any
 *   request when the arguments are bad); the client's errors for failed requests
 */
export async function invokeFunction(
  name: string,
  args: unknown,
  settings?: ConfigSource,
  env: Environment = process.env,
): Promise<FunctionValues> {
  const descriptor = functionDescriptor(name);
  if (descriptor === undefined)
    throw new FunctionError(name, "no such function in this version of pulumi-spacelift");
  const values = checkFunctionArgs(descriptor, args, (detail) => new FunctionError(name, detail));
  const credentials = resolveCredentials(settings, env);
  const client = getClient(credentials, { env });
  const api = functionApi(
    client,
    env,
    credentials.kind === "apiToken" ? credentials.token.reveal() : undefined,
  );
  const result = await descriptor.run(values, api);
  return withoutUndefined(result);
}

/**
 * Paths of the secret fields of a function's result, e.g. `config` or `workerPools[].privateKey`.
 *
 * @param name - the SDK name
 */
export function secretResultPaths(name: string): string[] {
  const descriptor = functionDescriptor(name);
  return descriptor === undefined ? [] : secretPaths(descriptor, descriptor.result, "", new Set());
}

function secretPaths(
  descriptor: FunctionDescriptor,
  fields: FunctionFields,
  prefix: string,
  seen: Set<string>,
): string[] {
  const paths: string[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    const path = `${prefix}${field}`;
    if (spec.secret) {
      paths.push(path);
      continue;
    }
    const nested = /^([A-Z]\w*)(\[\])?$/.exec(spec.type);
    const typeName = nested?.[1];
    if (typeName === undefined || seen.has(typeName)) continue;
    const inner = descriptor.types?.[typeName];
    if (inner === undefined) continue;
    paths.push(
      ...secretPaths(descriptor, inner, `${path}${nested?.[2] ?? ""}.`, new Set([...seen, typeName])),
    );
  }
  return paths;
}

const engines = new WeakMap<SpaceliftClient, Map<string, ResourceEngine>>();

function functionApi(client: SpaceliftClient, env: Environment, rawToken: string | undefined): FunctionApi {
  let claims: Record<string, unknown> | undefined;
  if (rawToken !== undefined) {
    try {
      // jose is loaded here, not with the module: the provider process loads this module too.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
      const { decodeJwt } = require("jose") as typeof import("jose");
      claims = { ...decodeJwt(rawToken) };
    } catch {
      claims = undefined;
    }
  }
  return {
    env,
    ...(claims === undefined ? {} : { tokenClaims: claims }),
    query: <T>(op: Parameters<FunctionApi["query"]>[0], variables: Record<string, unknown> = {}) =>
      client.run<T>(op, variables),
    async readResource(kind: string, id: string): Promise<FunctionValues | undefined> {
      const descriptor = descriptorFor(kind);
      if (descriptor === undefined) throw new Error(`pulumi-spacelift: no resource kind ${kind}`);
      let byKind = engines.get(client);
      if (byKind === undefined) {
        byKind = new Map();
        engines.set(client, byKind);
      }
      let engine = byKind.get(kind);
      if (engine === undefined) {
        engine = new ResourceEngine(descriptor, { api: client, env });
        byKind.set(kind, engine);
      }
      const read = await engine.read(id);
      return read.props === undefined ? undefined : { ...(read.props as FunctionValues) };
    },
  };
}

function withoutUndefined(values: FunctionValues): FunctionValues {
  return JSON.parse(JSON.stringify(values)) as FunctionValues;
}
