/**
 * The value types a descriptor field can have, as plain data, plus {@link t}, the builders that
 * descriptors use to spell them.
 *
 * @packageDocumentation
 */

import type { FieldSpec } from "./descriptor";
import type { Rule } from "./rules";

/** A UTF-8 string. */
export interface StringType {
  readonly kind: "string";
}

/** `true` or `false`. */
export interface BooleanType {
  readonly kind: "boolean";
}

/**
 * A whole number (GraphQL `Int`). `check` refuses values outside {@link GRAPHQL_INT}, for every
 * int field, so no descriptor has to repeat the range.
 */
export interface IntType {
  readonly kind: "int";
}

/**
 * The range of GraphQL's `Int`: a signed 32-bit integer (GraphQL specification, "Int"). Every
 * integer the engine sends is an `Int` argument or input field, and a GraphQL server must refuse a
 * value outside this range, so `check` refuses it first, with the property path.
 */
export const GRAPHQL_INT = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;

/** Any finite number (GraphQL `Float`). */
export interface NumberType {
  readonly kind: "number";
}

/** One string out of a closed list (a GraphQL enum); values are spelled exactly as the API does. */
export interface EnumType<V extends string = string> {
  readonly kind: "enum";
  readonly values: readonly V[];
  /**
   * Deprecated spellings the API still accepts (listed in `values` too), each mapped to the current
   * value it stands for. `check` replaces an alias with its current value: the API answers with
   * the current name, and comparing the program's alias with it would be a change forever.
   */
  readonly aliases?: Readonly<Partial<Record<V, V>>>;
}

/**
 * A list. With `unordered`, it behaves as a set: diffs ignore order and duplicates (labels), which
 * keeps a server that re-sorts from producing phantom changes. Ordered lists (hook scripts) compare
 * element by element.
 */
export interface ListType<E extends FieldType = FieldType> {
  readonly kind: "list";
  readonly of: E;
  readonly unordered: boolean;
}

/** An object with arbitrary string keys and values of one type (e.g. a string map). */
export interface MapType<E extends FieldType = FieldType> {
  readonly kind: "map";
  readonly of: E;
}

/**
 * A nested object with its own fields (e.g. `vendorConfig.terraform`). Nested fields use the same
 * {@link FieldSpec} flags as top-level ones, except `secret` and `writeOnly`, which Pulumi can only
 * honour for top-level properties. `rules` constrain the nested fields (e.g. exactly one vendor).
 */
export interface ObjectType<
  F extends Readonly<Record<string, FieldSpec>> = Readonly<Record<string, FieldSpec>>,
> {
  readonly kind: "object";
  readonly fields: F;
  readonly rules?: readonly Rule[];
}

/** Every field type. */
export type FieldType =
  StringType | BooleanType | IntType | NumberType | EnumType | ListType | MapType | ObjectType;

/** The TypeScript type of a value of field type `T` (used to derive typed inputs from a descriptor). */
export type ValueOf<T> = T extends StringType
  ? string
  : T extends BooleanType
    ? boolean
    : T extends IntType | NumberType
      ? number
      : T extends EnumType<infer V>
        ? V
        : T extends ListType<infer E>
          ? ValueOf<E>[]
          : T extends MapType<infer E>
            ? Record<string, ValueOf<E>>
            : T extends ObjectType<infer F>
              ? InputsOfFields<F>
              : never;

type InputFieldKeys<F> = { [K in keyof F]: F[K] extends { readonly computed: true } ? never : K }[keyof F];
type RequiredKeys<F> = {
  [K in keyof F]: F[K] extends { readonly required: true } ? K : never;
}[keyof F];

/** The user-facing inputs of a set of fields: required fields required, computed fields left out. */
export type InputsOfFields<F> = {
  -readonly [K in Extract<InputFieldKeys<F>, RequiredKeys<F>>]: F[K] extends { readonly type: infer T }
    ? ValueOf<T>
    : never;
} & {
  -readonly [K in Exclude<InputFieldKeys<F>, RequiredKeys<F>>]?: F[K] extends { readonly type: infer T }
    ? ValueOf<T>
    : never;
};

/** Every property of a set of fields, all optional (what state may hold). */
export type OutputsOfFields<F> = {
  -readonly [K in keyof F]?: F[K] extends { readonly type: infer T } ? ValueOf<T> : never;
};

/**
 * Builders for {@link FieldType}s. They only save typing and keep literal types (enum values,
 * nested fields) so that `InputsOf<typeof descriptor>` stays precise.
 *
 * @example
 * ```ts
 * labels: { type: t.set(t.string()), doc: "Labels." }
 * engineType: { type: t.enum(["REGO_V0", "REGO_V1"]), doc: "Policy engine." }
 * ```
 */
export const t = {
  /** A string. */
  string: (): StringType => ({ kind: "string" }),
  /** A boolean. */
  boolean: (): BooleanType => ({ kind: "boolean" }),
  /** A whole number. */
  int: (): IntType => ({ kind: "int" }),
  /** A finite number. */
  number: (): NumberType => ({ kind: "number" }),
  /** One of `values`, spelled as the GraphQL enum spells them; `aliases` maps deprecated ones to current ones. */
  enum: <const V extends string>(
    values: readonly V[],
    aliases?: Readonly<Partial<Record<V, V>>>,
  ): EnumType<V> => (aliases ? { kind: "enum", values, aliases } : { kind: "enum", values }),
  /** An ordered list of `of`. */
  list: <const E extends FieldType>(of: E): ListType<E> => ({ kind: "list", of, unordered: false }),
  /** An unordered list of `of`: order and duplicates do not count as changes. */
  set: <const E extends FieldType>(of: E): ListType<E> => ({ kind: "list", of, unordered: true }),
  /** A map from string keys to `of`. */
  map: <const E extends FieldType>(of: E): MapType<E> => ({ kind: "map", of }),
  /** A nested object with its own fields, optionally constrained by `rules`. */
  object: <const F extends Readonly<Record<string, FieldSpec>>>(
    fields: F,
    rules?: readonly Rule[],
  ): ObjectType<F> => (rules ? { kind: "object", fields, rules } : { kind: "object", fields }),
};

/** A short human description of a type, used in check failure reasons ("a list of strings"). */
export function describeType(type: FieldType): string {
  switch (type.kind) {
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "int":
      return "an integer";
    case "number":
      return "a number";
    case "enum":
      return `one of ${type.values.join(", ")}`;
    case "list":
      return `a list of ${plural(type.of)}`;
    case "map":
      return `a map of ${plural(type.of)}`;
    case "object":
      return "an object";
  }
}

function plural(type: FieldType): string {
  switch (type.kind) {
    case "string":
      return "strings";
    case "boolean":
      return "booleans";
    case "int":
      return "integers";
    case "number":
      return "numbers";
    case "enum":
      return `values (${type.values.join(", ")})`;
    case "list":
      return "lists";
    case "map":
      return "maps";
    case "object":
      return "objects";
  }
}
