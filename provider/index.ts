/**
 * The provider runtime's one stable entry point. Every resource's `__provider` text loads this
 * module: the SDK writes `require("pulumi-spacelift/provider").handler(kind)`, and state written by
 * earlier versions holds serialized stubs that call `dispatch(kind, method, args)`. Both must keep
 * working for as long as such state may exist.
 *
 * @packageDocumentation
 */

import { ResourceEngine } from "./engine/lifecycle";
import { MadeHere } from "./engine/madeHere";
import { knownKinds, loadDescriptor } from "./resources/loaders";
import { warnOnceWithoutCredentials } from "./credentialWarning";
import { configureRuntime, currentConfig, runtimeApiPort } from "./runtime";
import { asLifecycleMethod } from "./rotation";

export { ResourceInitError, ResourceOperationError } from "./engine/errors";

/** The lifecycle methods of a Pulumi dynamic provider. */
export type LifecycleMethod = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/**
 * The two method families a serialized stub of an earlier SDK version forwards as a whole (its
 * closure serializer charged about 190 bytes per function, so the stub had two functions, not
 * seven). The runtime tells the methods of a family apart by the arguments Pulumi passes:
 *
 * | family    | method      | arguments Pulumi passes      |
 * |-----------|-------------|------------------------------|
 * | `observe` | `configure` | `[ConfigureRequest]`         |
 * | `observe` | `check`     | `[olds, news]` (objects)     |
 * | `observe` | `read`      | `[id, oldOutputs]` (string first) |
 * | `observe` | `diff`      | `[id, oldOutputs, news]`     |
 * | `mutate`  | `create`    | `[inputs]`                   |
 * | `mutate`  | `delete`    | `[id, oldOutputs]`           |
 * | `mutate`  | `update`    | `[id, oldOutputs, news]`     |
 *
 * Within a family no two methods take the same number of arguments except `check` and `read`,
 * whose first argument (an object or an id) differs.
 */
export type MethodFamily = "observe" | "mutate";

/** What a stub can ask {@link dispatch} for: a lifecycle method, or a family to resolve. */
export type DispatchMethod = LifecycleMethod | MethodFamily;

/** Resolves a method family to the lifecycle method Pulumi called, from its arguments. */
export function resolveMethod(method: DispatchMethod, args: readonly unknown[]): LifecycleMethod {
  if (method === "observe") {
    if (args.length <= 1) return "configure";
    if (args.length >= 3) return "diff";
    return typeof args[0] === "string" ? "read" : "check";
  }
  if (method === "mutate") {
    if (args.length <= 1) return "create";
    return args.length === 2 ? "delete" : "update";
  }
  return method;
}

const engines = new Map<string, ResourceEngine>();

/** What this process made, shared by every kind's engine (see `engine/madeHere.ts`). */
const madeHere = new MadeHere();

/**
 * Runs `method` of resource `kind` with the arguments Pulumi's dynamic-provider host passed to
 * the provider's method, in the same order. {@link handler} sends the lifecycle method's name; the
 * serialized two-function stubs that earlier versions of the SDK wrote into state (still there
 * until each resource is next updated) send a {@link MethodFamily}, resolved with
 * {@link resolveMethod}:
 *
 * | method      | args                        | resolves to                 |
 * |-------------|-----------------------------|-----------------------------|
 * | `configure` | `[ConfigureRequest]`        | `undefined`                 |
 * | `check`     | `[olds, news]`              | `{ inputs, failures }`      |
 * | `diff`      | `[id, oldOutputs, news]`    | `{ changes, replaces, ... }`|
 * | `create`    | `[inputs]`                  | `{ id, outs }`              |
 * | `read`      | `[id, oldOutputs?]`         | `{ id, props, inputs }`/`{}`|
 * | `update`    | `[id, oldOutputs, news]`    | `{ outs }`                  |
 * | `delete`    | `[id, oldOutputs]`          | `undefined`                 |
 *
 * `configure` stores the config before returning its promise (the host may issue CRUD calls
 * before awaiting it) and applies to every kind: there is one runtime per provider process.
 *
 * @throws when `kind` is not known to this version (e.g. state written by a newer version), when
 *   `method` is unknown, or when the lifecycle step fails.
 */
export async function dispatch(kind: string, requested: DispatchMethod, args: unknown[]): Promise<unknown> {
  const a = Array.isArray(args) ? args : [];
  const method = resolveMethod(requested, a);
  // Nothing may be awaited before the config is stored; see the note above.
  if (method === "configure") {
    configureRuntime(a[0]);
    return undefined;
  }
  const engine = engineFor(kind);
  return asLifecycleMethod(method, () => run(engine, kind, method, a));
}

/** A dynamic provider as Pulumi's dynamic-provider host calls it: one function per lifecycle method. */
export type ResourceHandler = Readonly<Record<LifecycleMethod, (...args: unknown[]) => Promise<unknown>>>;

const handlers = new Map<string, ResourceHandler>();

/**
 * The provider for resource `kind`, as loaded by the `__provider` text the SDK writes
 * (`exports.handler = () => require("pulumi-spacelift/provider").handler(kind)`). Each method
 * runs {@link dispatch} with its own name, so nothing has to be told apart by its arguments.
 * Unknown kinds fail at the first call, with {@link dispatch}'s message.
 */
export function handler(kind: string): ResourceHandler {
  let found = handlers.get(kind);
  if (found === undefined) {
    const method =
      (name: LifecycleMethod) =>
      (...args: unknown[]): Promise<unknown> =>
        dispatch(kind, name, args);
    found = {
      configure: method("configure"),
      check: method("check"),
      diff: method("diff"),
      create: method("create"),
      read: method("read"),
      update: method("update"),
      delete: method("delete"),
    };
    handlers.set(kind, found);
  }
  return found;
}

function run(engine: ResourceEngine, kind: string, method: LifecycleMethod, a: unknown[]): Promise<unknown> {
  switch (method) {
    case "check":
      warnOnceWithoutCredentials(currentConfig());
      return engine.check(a[0], a[1]);
    case "diff":
      return engine.diff(idArg(kind, method, a[0]), a[1], a[2]);
    case "create":
      return engine.create(a[0]);
    case "read":
      return engine.read(idArg(kind, method, a[0]), a[1]);
    case "update":
      return engine.update(idArg(kind, method, a[0]), a[1], a[2]);
    case "delete":
      return engine.delete(idArg(kind, method, a[0]), a[1]);
    default:
      throw new Error(
        `pulumi-spacelift: unknown provider method "${String(method)}" for ${kind}; ` +
          "the stack state was probably written by a newer version of pulumi-spacelift",
      );
  }
}

function engineFor(kind: string): ResourceEngine {
  let engine = engines.get(kind);
  if (engine) return engine;
  const descriptor = loadDescriptor(kind);
  if (!descriptor) {
    throw new Error(
      `pulumi-spacelift: unknown resource kind "${kind}". This version knows ${knownKinds().join(", ")}; ` +
        "the stack state was probably written by a different version of pulumi-spacelift, so install one that supports it.",
    );
  }
  engine = new ResourceEngine(descriptor, { api: runtimeApiPort, madeHere });
  engines.set(kind, engine);
  return engine;
}

function idArg(kind: string, method: string, id: unknown): string {
  if (typeof id !== "string" || id === "") {
    throw new Error(`pulumi-spacelift: ${kind} ${method} needs a resource id`);
  }
  return id;
}

type FunctionsModule = typeof import("./functions/invoke");

/** The data functions' module, loaded at the first call: resource operations never need it. */
function functionsModule(): FunctionsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require("./functions/invoke") as FunctionsModule;
}

/** Runs data function `name` in the program's process; see `functions/invoke.ts`. */
export function invokeFunction(
  ...args: Parameters<FunctionsModule["invokeFunction"]>
): ReturnType<FunctionsModule["invokeFunction"]> {
  return functionsModule().invokeFunction(...args);
}

/** Paths of the secret fields in the result of data function `name`; see `functions/invoke.ts`. */
export function secretResultPaths(name: string): ReturnType<FunctionsModule["secretResultPaths"]> {
  return functionsModule().secretResultPaths(name);
}

export { FunctionError } from "./functions/functionError";
