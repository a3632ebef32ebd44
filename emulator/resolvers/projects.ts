import type { Store } from "../store";
import { orNotFound } from "./errors";
import { findModule, type ModuleRecord } from "./moduleRecords";
import { findStack, type StackRecord } from "./stackRecords";

/**
 * A stack or a module. The API treats both as "stacks" wherever something is attached to one or
 * configured on one (the same `stack` argument takes either id), and their ids share one namespace.
 */
export type Project =
  | { readonly isModule: false; readonly record: StackRecord }
  | { readonly isModule: true; readonly record: ModuleRecord };

/** The stack or module with this id, or undefined. */
export function findProject(store: Store, nowMs: number, id: string): Project | undefined {
  const stack = findStack(store, nowMs, id);
  if (stack) {
    return { isModule: false, record: stack };
  }
  const module = findModule(store, id);
  return module ? { isModule: true, record: module } : undefined;
}

/** The stack or module with this id; throws the API's `not found` error otherwise. */
export function existingProject(store: Store, nowMs: number, id: string): Project {
  return orNotFound(findProject(store, nowMs, id), "stack", id);
}
