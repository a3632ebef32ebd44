/**
 * The candidate pickers the descriptors' `existing` specs share (see `ExistingSpec` in the engine):
 * which of the objects a look-up returned sit where this resource's object would be.
 *
 * @packageDocumentation
 */

import { query, type ExistingSpec } from "../engine/descriptor";
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

/** What {@link markedInList} needs to know about a kind. */
export interface MarkedInListInit {
  /** The object in words, for messages (`worker pool`). */
  readonly noun: string;
  /** Name of the list query operation (`WorkerPoolList`). */
  readonly operation: string;
  /** The account-wide list field (`workerPools`). */
  readonly listField: string;
  /** The natural key: GraphQL member → argument; the name by default. */
  readonly key?: Readonly<Record<string, string>>;
  /** Whether the objects report `createdAt`. */
  readonly createdAt?: boolean;
  /**
   * Spacelift accepts a second object of the same key (its ids are generated, not slugs), so the
   * first create in a process lists the objects once to find one an interrupted run made.
   */
  readonly duplicatesAccepted?: boolean;
  /** Overrides the description for messages (by default, the noun and the name). */
  readonly describe?: (values: Values) => string;
}

/**
 * The `existing` spec of a kind whose labels Spacelift keeps, so that its objects carry the marker
 * label: the candidates are the objects of an account-wide list that match on the natural key.
 */
export function markedInList(init: MarkedInListInit): ExistingSpec {
  return {
    op: query(init.operation, init.listField, {}),
    candidates: matching(init.key ?? { name: "name" }),
    marker: "labels",
    ...(init.createdAt ? { createdAt: "createdAt" } : {}),
    ...(init.duplicatesAccepted ? { lookFirst: "listOnce" as const } : {}),
    describe: init.describe ?? ((values) => `${init.noun} ${quoted(values["name"])}`),
  };
}
