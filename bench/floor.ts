/**
 * The floor: the least a dynamic provider can cost for the benchmark's program. Its resources
 * declare only the properties the program passes, and its provider makes one round trip to the
 * emulator per create, update, delete and read (a trivial GraphQL query, so the same injected
 * latency applies) and none for check and diff. Like pulumi-spacelift's stub, its provider object
 * holds two small functions, one for the methods that only look and one for those that change
 * something, which load the runtime (`./floorRuntime`, transpiled by {@link writeFloorRuntime})
 * from the path in the environment the benchmark gives the engine.
 *
 * @packageDocumentation
 */

import * as fs from "node:fs";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";

type Props = Record<string, unknown>;

/** The environment variable holding the path of the transpiled `./floorRuntime`. */
export const FLOOR_RUNTIME_ENV = "BENCH_FLOOR_RUNTIME";

/** What the stub calls in the provider process (`./floorRuntime`). */
interface FloorRuntime {
  observe(a: readonly unknown[]): Promise<unknown>;
  mutate(a: readonly unknown[]): Promise<unknown>;
}

// Pulumi serializes both functions into every resource's state, so, like pulumi-spacelift's stub,
// each is one expression that loads the runtime when it runs and hands it the arguments.
const observe = (...a: unknown[]): Promise<unknown> =>
  (require(process.env.BENCH_FLOOR_RUNTIME as string) as FloorRuntime).observe(a);
const mutate = (...a: unknown[]): Promise<unknown> =>
  (require(process.env.BENCH_FLOOR_RUNTIME as string) as FloorRuntime).mutate(a);

/** The floor's provider object, one for every floor resource so Pulumi serializes it once. */
const floorProvider = {
  configure: observe,
  check: observe,
  diff: observe,
  read: observe,
  create: mutate,
  update: mutate,
  delete: mutate,
} as unknown as pulumi.dynamic.ResourceProvider;

/** Base of the floor's resources: a dynamic resource of type `floor:<kind>`. */
abstract class FloorResource extends pulumi.dynamic.Resource {
  protected constructor(kind: string, name: string, props: Props, opts?: pulumi.CustomResourceOptions) {
    super(floorProvider, name, props, opts, "floor", kind);
  }
}

/** A space: only its name. */
export class FloorSpace extends FloorResource {
  declare readonly name: pulumi.Output<string>;
  constructor(name: string, args: { name: pulumi.Input<string> }) {
    super("Space", name, { ...args });
  }
}

/** A context: its name and space. */
export class FloorContext extends FloorResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly spaceId: pulumi.Output<string>;
  constructor(name: string, args: { name: pulumi.Input<string>; spaceId: pulumi.Input<string> }) {
    super("Context", name, { ...args });
  }
}

/** An environment variable on a context. */
export class FloorEnvironmentVariable extends FloorResource {
  declare readonly contextId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;
  constructor(
    name: string,
    args: { contextId: pulumi.Input<string>; name: pulumi.Input<string>; value: pulumi.Input<string> },
  ) {
    super("EnvironmentVariable", name, { ...args });
  }
}

/** A stack: name, repository, branch and space. */
export class FloorStack extends FloorResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly repository: pulumi.Output<string>;
  declare readonly branch: pulumi.Output<string>;
  declare readonly spaceId: pulumi.Output<string>;
  constructor(
    name: string,
    args: {
      name: pulumi.Input<string>;
      repository: pulumi.Input<string>;
      branch: pulumi.Input<string>;
      spaceId: pulumi.Input<string>;
    },
  ) {
    super("Stack", name, { ...args });
  }
}

/** A context attached to a stack. */
export class FloorContextAttachment extends FloorResource {
  declare readonly contextId: pulumi.Output<string>;
  declare readonly stackId: pulumi.Output<string>;
  constructor(name: string, args: { contextId: pulumi.Input<string>; stackId: pulumi.Input<string> }) {
    super("ContextAttachment", name, { ...args });
  }
}

/**
 * Transpiles `./floorRuntime.ts` to plain JavaScript in `dir` for the dynamic-provider process,
 * which runs without ts-node, and returns the environment that points the stub at it.
 */
export function writeFloorRuntime(dir: string): Record<string, string> {
  const source = fs.readFileSync(path.join(__dirname, "floorRuntime.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const file = path.join(dir, "floor-runtime.js");
  fs.writeFileSync(file, outputText);
  return { [FLOOR_RUNTIME_ENV]: file };
}
