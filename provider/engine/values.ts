/**
 * Plain JSON values as they travel between Pulumi's dynamic-provider host and the engine, plus the
 * few Pulumi wire conventions (unknown sentinel, secret wrapper) the engine must recognise.
 *
 * @packageDocumentation
 */

/** A JSON value: the only kind of data the host can put into (or accept from) a protobuf `Struct`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A bag of property values keyed by Pulumi argument name: normalized inputs, outputs, or the
 * parts parsed from a composite id.
 */
export type Values = Record<string, JsonValue>;

/**
 * The string Pulumi sends during preview for a value that is not known yet (an Output of a resource
 * that has not been created). It can appear at any depth.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key the host reserves for the serialized provider; it must round-trip untouched. */
export const PROVIDER_KEY = "__provider";

/**
 * The input member in which the SDK passes the resource key: a short hash of the Pulumi project,
 * stack, parent, type and name of the resource, the same on every run. It ties the objects a
 * create makes to the resource that made them (see `createJournal.ts` and `marker.ts`). Like
 * `__provider`, it is Pulumi-side bookkeeping: never an argument, never sent as one.
 */
export const RESOURCE_KEY = "__spaceliftKey";

/**
 * The input member the SDK puts the `import` resource option in: the id of an existing object the
 * resource takes over instead of creating one. Pulumi's own import cannot read a dynamic resource
 * (its provider is not in state yet), so the SDK strips the option and the engine's create adopts
 * the object. Bookkeeping like {@link RESOURCE_KEY}: never an argument, never sent as one.
 */
export const IMPORT_KEY = "__spaceliftImport";

/**
 * The input member in which the SDK passes the resource's logical name when the program leaves an
 * auto-named argument unset (see `FieldSpec.autoName`): `check` needs it to build the name, and
 * Pulumi gives a dynamic provider's `check` no URN. `check` consumes it; it is never stored.
 */
export const AUTO_NAME_KEY = "__spaceliftAutoName";

// Pulumi marks a secret on the wire as { [SIG_KEY]: SECRET_SIG, value }. The host is told we do not
// accept secrets, so these should not reach us, but a wrapper that slipped through would break
// `Struct.fromJavaScript` on the way out and compare unequal in diffs, so we unwrap defensively.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when `value` is the preview-time unknown sentinel. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when `value` is, or contains at any depth, the preview-time unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Converts anything the host hands us into plain JSON: secret wrappers are unwrapped, `undefined`
 * object members are dropped, and values JSON cannot carry (functions, symbols, bigints, non-finite
 * numbers) become `null` so that nothing downstream has to defend against them again.
 */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (isRecord(value)) {
    if (value[SIG_KEY] === SECRET_SIG) return toJson(value["value"]);
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toJson(v);
    }
    return out;
  }
  return null;
}

/** {@link toJson} for a whole property bag; anything that is not an object becomes `{}`. */
export function toValues(value: unknown): Values {
  const json = toJson(value);
  return isRecord(json) ? (json as Values) : {};
}

/** A copy of `values` without `undefined`/`null` members (omitting keys is what the host wants). */
export function compact(values: Record<string, JsonValue | undefined>): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

/**
 * Walks `value` and returns the paths of members the host's `Struct.fromJavaScript` would reject
 * (undefined, functions, symbols, bigints, class instances such as Output or Date). Empty when the
 * value is plain JSON.
 */
export function nonJsonPaths(value: unknown, path = ""): string[] {
  if (value === null) return [];
  switch (typeof value) {
    case "string":
    case "boolean":
      return [];
    case "number":
      return Number.isFinite(value) ? [] : [path || "<root>"];
    case "object": {
      if (Array.isArray(value)) return value.flatMap((v, i) => nonJsonPaths(v, `${path}[${i}]`));
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return [path || "<root>"];
      return Object.entries(value).flatMap(([k, v]) => nonJsonPaths(v, path ? `${path}.${k}` : k));
    }
    default:
      return [path || "<root>"];
  }
}
