/**
 * `diff`: compares the new (checked) inputs with the old **outputs** (Pulumi passes outputs, which
 * is why outputs always carry the normalized inputs) and decides change and replacement.
 *
 * @packageDocumentation
 */

import { sha256Hex } from "./checksum";
import type { FieldSpec, ResourceDescriptor } from "./descriptor";
import type { FieldType } from "./fieldTypes";
import type { DiffResult } from "./results";
import { containsUnknown, isRecord, type JsonValue, type Values } from "./values";

/**
 * Diffs `news` against `olds` (old outputs) for `descriptor`.
 *
 * - Computed fields never count.
 * - An unset `serverDefault` field keeps the API's value: no change.
 * - Write-only fields compare `sha256(new value)` with the stored checksum output. Inputs rebuilt by
 *   `read` cannot hold the value (a refresh sees old outputs only), so they carry its checksum
 *   instead, which is compared as it is.
 * - A value that is (or contains) preview's unknown sentinel is a change, and a replacement when
 *   the field, or any field nested in it, is `replaceOnChange`.
 * - Absent, `null`, `[]` and `{}` are the same thing, and unordered lists compare as sets, so a
 *   server that normalizes these never produces phantom changes.
 * - In an immutable resource every changed field is a replacement.
 *
 * `changes` is always a boolean: `undefined` would make the host diff inputs itself, including
 * the serialized provider text.
 */
export function diffResource(descriptor: ResourceDescriptor, olds: Values, news: Values): DiffResult {
  let changes = false;
  const replaces: string[] = [];
  for (const [name, spec] of Object.entries(descriptor.fields)) {
    // A create-only value (state to import) is used once; changing it later changes nothing.
    if (spec.computed || spec.createOnly) continue;
    const result = spec.writeOnly
      ? compareWriteOnly(
          spec,
          olds[spec.writeOnly.checksumField],
          news[name],
          news[spec.writeOnly.checksumField],
        )
      : compareField(spec, olds[name], news[name]);
    if (!result.changed) continue;
    changes = true;
    if (descriptor.immutable || result.replace) replaces.push(name);
  }
  return { changes, replaces, deleteBeforeReplace: descriptor.deleteBeforeReplace === true };
}

interface FieldComparison {
  readonly changed: boolean;
  readonly replace: boolean;
}

const SAME: FieldComparison = { changed: false, replace: false };
const EMPTY_SHA256 = sha256Hex("");

function compareWriteOnly(
  spec: FieldSpec,
  oldChecksum: JsonValue | undefined,
  next: JsonValue | undefined,
  nextChecksum: JsonValue | undefined,
) {
  if (containsUnknown(next)) return { changed: true, replace: spec.replaceOnChange === true };
  // Checked inputs never hold a checksum (it is computed), so one found here stands for the value.
  const carried = next === undefined && typeof nextChecksum === "string";
  const nextSum =
    typeof next === "string" ? sha256Hex(next) : carried ? nextChecksum.toLowerCase() : undefined;
  const oldSum = typeof oldChecksum === "string" ? oldChecksum.toLowerCase() : undefined;
  if (nextSum === oldSum) return SAME;
  // Clearing a value the API keeps when sent empty can only be done by a new object.
  const cleared = !carried && (next === undefined || next === null || next === "") && oldSum !== EMPTY_SHA256;
  const replace = spec.replaceOnChange === true || (spec.writeOnly?.replaceOnClear === true && cleared);
  return { changed: true, replace };
}

function compareField(
  spec: FieldSpec,
  old: JsonValue | undefined,
  next: JsonValue | undefined,
): FieldComparison {
  if (spec.serverDefault && (next === undefined || next === null)) return SAME;
  if (containsUnknown(next)) {
    return { changed: true, replace: spec.replaceOnChange === true || hasNestedReplace(spec.type) };
  }
  if (valuesEqual(spec.type, old, next)) return SAME;
  return {
    changed: true,
    replace: spec.replaceOnChange === true || nestedReplaceChanged(spec.type, old, next),
  };
}

function hasNestedReplace(type: FieldType): boolean {
  if (type.kind === "list" || type.kind === "map") return hasNestedReplace(type.of);
  if (type.kind !== "object") return false;
  return Object.values(type.fields).some((f) => f.replaceOnChange === true || hasNestedReplace(f.type));
}

function nestedReplaceChanged(
  type: FieldType,
  old: JsonValue | undefined,
  next: JsonValue | undefined,
): boolean {
  if (type.kind === "list" || type.kind === "map") {
    // Elements have no stable identity to pair old with new, so any change to a collection whose
    // elements carry a replace-on-change field is treated as touching it.
    return hasNestedReplace(type.of);
  }
  // A nested field replaces only when it changes inside an object present before and after:
  // adding or removing the enclosing object (a stack switching vendor) is the enclosing field's
  // own change, as Spacelift's Terraform provider decides for Terragrunt's `use_state_management`.
  if (type.kind !== "object" || !isRecord(old) || !isRecord(next)) return false;
  const o = old as Values;
  const n = next as Values;
  return Object.entries(type.fields).some(
    ([name, f]) => !f.computed && compareField(f, o[name], n[name]).replace,
  );
}

/** Semantic equality of two values of `type` (absent ≡ null ≡ empty; sets ignore order). */
export function valuesEqual(type: FieldType, a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const aAbsent = isAbsent(type, a);
  const bAbsent = isAbsent(type, b);
  if (aAbsent || bAbsent) return aAbsent && bAbsent;
  switch (type.kind) {
    case "list": {
      if (!Array.isArray(a) || !Array.isArray(b)) return false;
      if (type.unordered) {
        const as = new Set(a.map(canonical));
        const bs = new Set(b.map(canonical));
        return as.size === bs.size && [...as].every((x) => bs.has(x));
      }
      return a.length === b.length && a.every((x, i) => valuesEqual(type.of, x, b[i]));
    }
    case "map": {
      if (!isRecord(a) || !isRecord(b)) return false;
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      return [...keys].every((k) => valuesEqual(type.of, (a as Values)[k], (b as Values)[k]));
    }
    case "object": {
      if (!isRecord(a) || !isRecord(b)) return false;
      return Object.entries(type.fields).every(
        ([name, f]) => f.computed || compareField(f, (a as Values)[name], (b as Values)[name]) === SAME,
      );
    }
    default:
      return a === b;
  }
}

function isAbsent(type: FieldType, value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (type.kind === "list") return Array.isArray(value) && value.length === 0;
  if (type.kind === "map") return isRecord(value) && Object.keys(value).length === 0;
  if (type.kind === "object") {
    // An object with no members (Spacelift repo source, `spaceliftRepo: {}`) is there when given.
    if (Object.keys(type.fields).length === 0) return !isRecord(value);
    return (
      isRecord(value) &&
      Object.entries(type.fields).every(
        ([name, f]) => f.computed || isAbsent(f.type, (value as Values)[name]),
      )
    );
  }
  return false;
}

/** JSON text with object keys sorted, so equal values give equal strings. */
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Values)[k]!)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}
