/**
 * The marker label: how an object in Spacelift says which Pulumi resource created it.
 *
 * For kinds whose labels Spacelift stores and returns (spaces, stacks, contexts, policies,
 * modules, worker pools, AWS integrations, named webhooks), the engine adds one label
 * `pulumi-spacelift:<resource key>` to every create and update. The label survives a killed
 * deployment, a lost answer and a new CI machine, so the next create recognises its own object
 * among those with the same name and adopts it instead of making a second one; an object without
 * it (made by hand, or by another resource) is never adopted silently. Reads strip it, so it
 * never shows in outputs or diffs, and a program cannot set it.
 *
 * @packageDocumentation
 */

import type { JsonValue, Values } from "./values";

/** Every marker label starts with this. */
export const MARKER_PREFIX = "pulumi-spacelift:";

/** The marker label of a resource key. */
export function markerLabel(key: string): string {
  return `${MARKER_PREFIX}${key}`;
}

/** True for a marker label (of any resource). */
export function isMarkerLabel(value: JsonValue | undefined): boolean {
  return typeof value === "string" && value.startsWith(MARKER_PREFIX);
}

/** `values` with the marker of `key` added to the list in `field` (replacing any other marker). */
export function withMarker(values: Values, field: string, key: string): Values {
  const current = values[field];
  const kept = Array.isArray(current) ? current.filter((v) => !isMarkerLabel(v)) : [];
  return { ...values, [field]: [...kept, markerLabel(key)] };
}

/** `values` without marker labels in `field`; an emptied list is removed. */
export function withoutMarker(values: Values, field: string): Values {
  const current = values[field];
  if (!Array.isArray(current) || !current.some(isMarkerLabel)) return values;
  return { ...values, [field]: current.filter((v) => !isMarkerLabel(v)) };
}

/** The resource key a raw object's marker names, if it carries one. */
export function markerKeyOf(list: JsonValue | undefined): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const label = list.find(isMarkerLabel);
  return typeof label === "string" ? label.slice(MARKER_PREFIX.length) : undefined;
}
