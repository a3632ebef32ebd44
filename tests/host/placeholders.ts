import type { JsonValue, PropertyMap } from "../helpers/providerHost";

/** A created resource that placeholders can refer to. */
export interface CreatedResource {
  /** Its ID. */
  readonly id: string;
  /** Its current outputs. */
  readonly outs: PropertyMap;
}

/** What the placeholders of a lifecycle case resolve against (see `LifecycleCase`). */
export interface PlaceholderScope {
  /** Value of `{run}`. */
  readonly run: string;
  /** Parents by `ref`, for `{parent.<ref>.id}` and `{parent.<ref>.<key>}`. */
  readonly parents: Readonly<Record<string, CreatedResource>>;
  /** The resource under test, for `{id}` and `{outs.<key>}`; absent before it exists. */
  readonly self?: CreatedResource;
}

const TOKEN = /\{(run|id|parent\.[\w-]+\.\w+|outs\.\w+)\}/g;
// A string that is one token and nothing else keeps the token's type (a number stays a number).
const WHOLE_TOKEN = new RegExp(`^${TOKEN.source}$`);

/** Returns `value` with every placeholder in every string replaced; an unresolvable one throws. */
export function fillPlaceholders<T extends JsonValue>(value: T, scope: PlaceholderScope): T {
  return fill(value, scope) as T;
}

function fill(value: JsonValue, scope: PlaceholderScope): JsonValue {
  if (typeof value === "string") {
    const whole = WHOLE_TOKEN.exec(value);
    if (whole?.[1] !== undefined) {
      return resolve(whole[1], scope);
    }
    return value.replace(TOKEN, (_, token: string) => String(resolve(token, scope)));
  }
  if (Array.isArray(value)) {
    return value.map((item) => fill(item, scope));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, scope)]));
  }
  return value;
}

function resolve(token: string, scope: PlaceholderScope): JsonValue {
  const [head, first, second] = token.split(".");
  if (head === "run") {
    return scope.run;
  }
  if (head === "parent" && first !== undefined && second !== undefined) {
    const parent = scope.parents[first];
    if (parent === undefined) {
      throw new Error(`placeholder {${token}}: no parent with ref "${first}"`);
    }
    return second === "id" ? parent.id : present(parent.outs, second, token);
  }
  if (scope.self === undefined) {
    throw new Error(`placeholder {${token}} is only available once the resource exists`);
  }
  return head === "id" ? scope.self.id : present(scope.self.outs, first ?? "", token);
}

function present(outs: PropertyMap, key: string, token: string): JsonValue {
  const value = outs[key];
  if (value === undefined) {
    throw new Error(`placeholder {${token}}: no output "${key}"`);
  }
  return value;
}
