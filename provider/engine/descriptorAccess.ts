/**
 * Read-only questions the engine asks of a descriptor: which operations a slot holds, and what a
 * field is called on the GraphQL side.
 *
 * @packageDocumentation
 */

import type { FieldSpec, OperationDef, OperationSlot, OperationVariants } from "./descriptor";

/** True when the slot holds {@link OperationVariants}. */
export function isVariants(slot: OperationSlot): slot is OperationVariants {
  return "variants" in slot;
}

/** Every operation in a slot, with its variant key (undefined for a plain operation). */
export function operationsIn(slot: OperationSlot): { key: string | undefined; op: OperationDef }[] {
  return isVariants(slot)
    ? Object.entries(slot.variants).map(([key, op]) => ({ key, op }))
    : [{ key: undefined, op: slot }];
}

/** The GraphQL input path of a field, or undefined when it is not sent in the input object. */
export function inputName(spec: FieldSpec, argName: string): string | undefined {
  if (spec.computed) return undefined;
  const name = spec.gqlInput !== undefined ? spec.gqlInput : spec.gql !== undefined ? spec.gql : argName;
  return name === false ? undefined : name;
}

/**
 * The GraphQL output path of a field, or undefined when it is not read from one member (it cannot
 * be read back, or its `readFrom` reads the whole object).
 */
export function outputName(spec: FieldSpec, argName: string): string | undefined {
  if (spec.readFrom) return undefined;
  const name = spec.gqlOutput !== undefined ? spec.gqlOutput : spec.gql !== undefined ? spec.gql : argName;
  return name === false ? undefined : name;
}

/** True when reads report the field: it has an output path or a `readFrom`. */
export function isReadable(spec: FieldSpec, argName: string): boolean {
  return spec.readFrom !== undefined || outputName(spec, argName) !== undefined;
}
