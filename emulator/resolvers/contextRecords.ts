import type { Store } from "../store";
import type { HooksRecord } from "./hooks";
import { byName } from "./search";

/** A context as stored; its config elements live in the config collection. */
export interface ContextRecord {
  /** The slug of the name at creation. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string;
  readonly hooks: HooksRecord;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

const COLLECTION = "contexts";

function collection(store: Store): Map<string, ContextRecord> {
  return store.collection<ContextRecord>(COLLECTION);
}

/** The context with this id, or undefined. */
export function findContext(store: Store, id: string): ContextRecord | undefined {
  return collection(store).get(id);
}

/** Every context, by name then id. */
export function listContexts(store: Store): ContextRecord[] {
  return [...collection(store).values()].sort(byName);
}

/** Inserts or replaces a context. */
export function saveContext(store: Store, context: ContextRecord): void {
  collection(store).set(context.id, context);
}

/** Removes a context record. */
export function removeContextRecord(store: Store, id: string): void {
  collection(store).delete(id);
}
