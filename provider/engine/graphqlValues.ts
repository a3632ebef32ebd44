/**
 * Converts between Pulumi values (keyed by argument name) and GraphQL values (keyed by GraphQL
 * names and paths): input objects and variables on the way out, result objects on the way back.
 *
 * @packageDocumentation
 */

import type { Fields, OperationDef } from "./descriptor";
import { inputName, outputName } from "./descriptorAccess";
import type { FieldType } from "./fieldTypes";
import { variableName } from "./operationDocument";
import { isRecord, type JsonObject, type JsonValue, type Values } from "./values";

/**
 * Builds the GraphQL input object from `values`. Every input field is sent, because Spacelift
 * updates replace the whole object: an unset field goes as `null` (an unset list as `[]`, which is
 * what the API's own clients send), so clearing a field in the program clears it remotely.
 */
export function buildInputObject(fields: Fields, values: Values): JsonObject {
  const out: JsonObject = {};
  for (const [name, spec] of Object.entries(fields)) {
    const path = inputName(spec, name);
    if (path === undefined) continue;
    const value = values[name];
    let converted: JsonValue;
    if (value === undefined || value === null) {
      converted = spec.type.kind === "list" ? [] : null;
    } else {
      converted = spec.transform?.toInput ? spec.transform.toInput(value) : toInputValue(spec.type, value);
    }
    setPath(out, path, converted);
  }
  return out;
}

function toInputValue(type: FieldType, value: JsonValue): JsonValue {
  if (type.kind === "object" && isRecord(value)) return buildInputObject(type.fields, value as Values);
  if (type.kind === "list" && Array.isArray(value)) return value.map((v) => toInputValue(type.of, v));
  if (type.kind === "map" && isRecord(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Values)) out[k] = toInputValue(type.of, v);
    return out;
  }
  return value;
}

/** What variables are built from: the resource id (when it exists) and the current values. */
export interface VariableContext {
  readonly id?: string;
  readonly values: Values;
  /** The descriptor's fields, for `input` arguments. */
  readonly fields: Fields;
  /** The descriptor's `hooks.shapeInput`, applied to every `input` argument. */
  readonly shapeInput?: (input: JsonObject, values: Values) => JsonObject;
}

/**
 * The variables of `op`. A `field` source that has no value is sent as `null`; an `id` source
 * without an id is a programming error in the caller and throws.
 */
export function buildVariables(op: OperationDef, ctx: VariableContext): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const step of [{ args: op.args }, ...(op.path ?? [])]) {
    for (const [argName, def] of Object.entries(step.args)) {
      const source = def.source;
      let value: JsonValue;
      switch (source.from) {
        case "id":
          if (ctx.id === undefined) throw new Error(`operation ${op.name} needs the resource id`);
          value = ctx.id;
          break;
        case "field":
          value = ctx.values[source.field] ?? null;
          break;
        case "input": {
          const built: JsonObject = { ...buildInputObject(ctx.fields, ctx.values), ...(source.extra ?? {}) };
          if (source.idMember !== undefined) {
            if (ctx.id === undefined) throw new Error(`operation ${op.name} needs the resource id`);
            built[source.idMember] = ctx.id;
          }
          const common = ctx.shapeInput ? ctx.shapeInput(built, ctx.values) : built;
          value = op.shapeInput ? op.shapeInput(common, ctx.values) : common;
          break;
        }
        case "const":
          value = source.value;
          break;
        case "derived":
          value = source.derive(ctx.values) ?? null;
          break;
      }
      out[variableName(argName, def)] = value;
    }
  }
  return out;
}

/**
 * The object an operation returned: `data[root]`, then down `op.path`. Null when any level is
 * null or missing (for reads: the object, or its parent, is gone).
 */
export function pickResult(op: OperationDef, data: unknown): JsonValue {
  if (!isRecord(data)) return null;
  if (op.alongside !== undefined && op.scalar !== undefined) return pickScalars(op, op.scalar, data);
  let current: unknown = data[op.field];
  for (const step of op.path ?? []) {
    if (!isRecord(current)) return null;
    current = current[step.field];
  }
  if (current === undefined || current === null) return null;
  if (op.scalar === undefined) return current as JsonValue;
  // A list of scalars (a webhook's header keys) becomes a list of such objects.
  const scalar = op.scalar;
  return Array.isArray(current)
    ? current.map((item) => nestAt(scalar, item as JsonValue))
    : nestAt(scalar, current as JsonValue);
}

/** The answer of an operation with `alongside` root fields: one object, null when all are null. */
function pickScalars(op: OperationDef, scalar: string, data: Record<string, unknown>): JsonValue {
  const picked = [[op.field, scalar], ...Object.entries(op.alongside ?? {})].flatMap(([field, path]) => {
    const value = data[field!];
    return value === undefined || value === null ? [] : [nestAt(path!, value as JsonValue)];
  });
  return picked.length === 0 ? null : (Object.assign({}, ...picked) as JsonObject);
}

/** `{ a: { b: value } }` for the path `a.b`. */
function nestAt(path: string, value: JsonValue): JsonObject {
  const parts = path.split(".");
  let out: JsonValue = value;
  for (const part of parts.reverse()) out = { [part]: out };
  return out as JsonObject;
}

/**
 * Maps a GraphQL result object to Pulumi values for `fields`. Members that are null or missing are
 * left out (absent), nested objects are mapped recursively, and `transform.fromOutput` applies.
 */
export function readObject(fields: Fields, obj: JsonObject): Values {
  const out: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.readFrom) {
      const read = spec.readFrom.read(obj);
      if (read !== undefined && read !== null) out[name] = read;
      continue;
    }
    const path = outputName(spec, name);
    if (path === undefined) continue;
    const raw = getPath(obj, path);
    if (raw === undefined || raw === null) continue;
    const value = spec.transform?.fromOutput
      ? spec.transform.fromOutput(raw)
      : fromOutputValue(spec.type, raw);
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

function fromOutputValue(type: FieldType, value: JsonValue): JsonValue {
  if (type.kind === "object" && isRecord(value)) return readObject(type.fields, value as JsonObject);
  if (type.kind === "list" && Array.isArray(value)) return value.map((v) => fromOutputValue(type.of, v));
  return value;
}

/**
 * The value at a dotted `path` in `obj`: undefined when a member along the way is missing (not
 * selected), null when one is null.
 */
export function getPath(obj: JsonValue, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = obj;
  for (const key of path.split(".")) {
    if (current === null) return null;
    if (!isRecord(current)) return undefined;
    current = (current as JsonObject)[key];
    if (current === undefined) return undefined;
  }
  return current;
}

function setPath(obj: JsonObject, path: string, value: JsonValue): void {
  const keys = path.split(".");
  let current = obj;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (isRecord(next)) {
      current = next as JsonObject;
    } else {
      const created: JsonObject = {};
      current[key] = created;
      current = created;
    }
  }
  current[keys[keys.length - 1]!] = value;
}
