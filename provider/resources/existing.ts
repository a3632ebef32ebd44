/**
 * The candidate pickers the descriptors' `existing` specs share (see `ExistingSpec` in the engine):
 * which of the objects a look-up returned sit where this resource's object would be.
 *
 * @packageDocumentation
 */

import { isRecord, type JsonObject, type JsonValue, type Values } from "../engine/values";

/** The records of a list answer (an object or null gives none). */
export function recordsOf(result: JsonValue): JsonObject[] {
  return Array.isArray(result) ? (result.filter(isRecord) as JsonObject[]) : [];
}

/** The answer itself when it is one object (a read by natural key): it is the only candidate. */
export function theObject(result: JsonValue): JsonObject[] {
  return isRecord(result) ? [result as JsonObject] : [];
}

/**
 * Picks list items whose GraphQL members equal the given arguments' values, e.g.
 * `matching({ name: "name" })` keeps the items named as the program names the object.
 *
 * @param members - GraphQL member (a dotted path) → argument name
 */
export function matching(members: Readonly<Record<string, string>>) {
  return (result: JsonValue, values: Values): JsonObject[] =>
    recordsOf(result).filter((item) =>
      Object.entries(members).every(([path, argument]) => memberAt(item, path) === values[argument]),
    );
}

function memberAt(obj: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = obj;
  for (const part of path.split(".")) {
    if (!isRecord(current)) return undefined;
    current = (current as JsonObject)[part];
  }
  return current;
}

/** `"name"` in quotes for messages, or a placeholder when unknown. */
export function quoted(value: JsonValue | undefined): string {
  return typeof value === "string" ? JSON.stringify(value) : "(unnamed)";
}
