/**
 * Function descriptors: one per data function of the SDK (`getStack`, `getSpaceByPath`, …). A
 * descriptor is data (names, types, documentation) plus one `run` that turns validated arguments
 * into a result through the {@link FunctionApi}. `scripts/generate.ts` renders the SDK's typed
 * `getX`/`getXOutput` pair and `types.input`/`types.output` interfaces from the data, so the types a
 * program sees and what the runtime checks cannot drift apart.
 *
 * @packageDocumentation
 */

import type { OperationSpec } from "../engine/api";

/**
 * A field's type, written as TypeScript: `string`, `number`, `boolean`, `string[]`,
 * `{[key: string]: string}`, or the name of a nested type declared in {@link FunctionDescriptor.types}
 * (`GetStackAnsible`), optionally followed by `[]`. Nested types are emitted into `types.output`
 * (results) or `types.input` (arguments) under that name.
 */
export type FunctionFieldType = string;

/** One argument or result field. */
export interface FunctionField {
  /** Its type; see {@link FunctionFieldType}. */
  readonly type: FunctionFieldType;
  /** What it is, one or two sentences, for TSDoc and the reference. */
  readonly doc: string;
  /** True when it may be left out (arguments) or may be missing (results). */
  readonly optional?: boolean;
  /**
   * True for secrets (a worker pool's private key, a webhook's secret): the SDK hands them to the
   * program as Pulumi secrets and never in plaintext.
   */
  readonly secret?: boolean;
}

/** Fields by name, in the order the SDK declares them. */
export type FunctionFields = Readonly<Record<string, FunctionField>>;

/** Plain JSON-like values: arguments after Pulumi resolved them, and results before wrapping. */
export type FunctionValues = Record<string, unknown>;

/**
 * What a function's `run` may do: send read-only GraphQL queries with the caller's credentials,
 * and read an object the way the resource engine reads it (same document, same conversion).
 */
export interface FunctionApi {
  /** Runs a query and resolves to its `data`. */
  query<T = Record<string, unknown>>(op: OperationSpec, variables?: Record<string, unknown>): Promise<T>;
  /**
   * Reads one object of a managed resource kind (`Stack`, `Space`, …) by its resource id, as
   * refresh does, and resolves to the resource's outputs, or undefined when it does not exist.
   */
  readResource(kind: string, id: string): Promise<FunctionValues | undefined>;
  /** The environment the function runs in (the program's), for settings such as run tokens. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The claims of the caller's token when it is a raw API token (a Spacelift run's
   * `SPACELIFT_API_TOKEN`), for functions that describe "the current" stack or space; undefined
   * for API keys and GitHub tokens.
   */
  readonly tokenClaims?: Readonly<Record<string, unknown>>;
}

/** One data function. */
export interface FunctionDescriptor {
  /** The SDK name, as the official SDK spells it: `getStack`, `getIPs`, `getMountedfile`. */
  readonly name: string;
  /** The Terraform data source it corresponds to, e.g. `spacelift_stack`. */
  readonly dataSource: string;
  /** What it looks up, for TSDoc and the reference. */
  readonly doc: string;
  /** Its arguments (may be empty). */
  readonly args: FunctionFields;
  /** Its result fields. */
  readonly result: FunctionFields;
  /** Nested types its arguments and results use, by name (`GetStackAnsible`). */
  readonly types?: Readonly<Record<string, FunctionFields>>;
  /**
   * Further checks of the arguments, run after the generic type checks and before any request.
   * Returns a message naming the argument and what is wrong, or undefined when they are fine.
   */
  readonly checkArgs?: (args: FunctionValues) => string | undefined;
  /** Looks the thing up. Throws a clear error when it does not exist. */
  readonly run: (args: FunctionValues, api: FunctionApi) => Promise<FunctionValues>;
}

/**
 * Declares a function descriptor; an identity function that gives literals their type.
 *
 * @param descriptor - the function
 */
export function defineFunction(descriptor: FunctionDescriptor): FunctionDescriptor {
  return descriptor;
}

/**
 * Builds a read-only query {@link OperationSpec} from its document; the name is taken from the
 * document (`query GetStack(...)` → `GetStack`).
 *
 * @param document - a complete GraphQL query document with one named operation
 */
export function queryOp(document: string): OperationSpec {
  const name = /^\s*query\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[1];
  if (name === undefined) throw new Error(`a function's query must be named: ${document.slice(0, 60)}`);
  return { name, kind: "query", document, idempotent: true };
}
