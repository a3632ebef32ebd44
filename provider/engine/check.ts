/**
 * `check`: validates user inputs against a descriptor before any API call and returns them
 * normalized (types confirmed, defaults applied, undeclared members rejected).
 *
 * @packageDocumentation
 */

import type { Constraint } from "./constraints";
import type { Fields, ResourceDescriptor } from "./descriptor";
import { describeType, GRAPHQL_INT, type EnumType, type FieldType } from "./fieldTypes";
import type { CheckFailure, CheckResult } from "./results";
import { fillAutoNames, takeFormerNames, underFormerNames, withCurrentNames } from "./names";
import { evaluateRule, type Rule } from "./rules";
import {
  AUTO_NAME_KEY,
  containsUnknown,
  isRecord,
  isUnknown,
  PROVIDER_KEY,
  RESOURCE_KEY,
  IMPORT_KEY,
  toValues,
  type JsonValue,
  type Values,
} from "./values";

/**
 * Top-level input members that are not arguments and that `check` passes through untouched:
 * Pulumi's serialized provider ({@link PROVIDER_KEY}) and the SDK's resource key ({@link RESOURCE_KEY}). Any other member
 * a descriptor does not declare, `__`-prefixed or not, fails check.
 */
export const RESERVED_INPUT_KEYS: readonly string[] = [PROVIDER_KEY, RESOURCE_KEY, IMPORT_KEY];

/**
 * Validates and normalizes `news` for `descriptor`.
 *
 * - The reserved members ({@link RESERVED_INPUT_KEYS}: Pulumi's `__provider`, the SDK's
 *   `__spaceliftKey`) pass through untouched. Any other member the descriptor does not declare
 *   fails, named, with the closest argument name when one is close (`spaceID`: did you mean
 *   `spaceId`?).
 * - Every integer must fit GraphQL's `Int` ({@link GRAPHQL_INT}), at any depth.
 * - The unknown sentinel (preview) is kept as is, at any depth, and never validated.
 * - `null` counts as unset, so defaults apply to it.
 * - Failures carry the property path and a reason that never quotes the value (it may be secret).
 *
 * - An argument set under its former name (`FieldSpec.formerName`) is moved to the current one.
 * - An auto-named argument the program left unset (`FieldSpec.autoName`) keeps the value of
 *   `olds` (the previous inputs) when the resource exists, and is otherwise generated from the
 *   logical name the SDK passes in {@link AUTO_NAME_KEY}, which is consumed here. Nothing else
 *   depends on `olds`: normalization follows the new program only.
 */
export function checkInputs(descriptor: ResourceDescriptor, olds: unknown, news: unknown): CheckResult {
  const raw = { ...toValues(news) };
  const failures: CheckFailure[] = [];
  const reserved: Values = {};
  for (const key of RESERVED_INPUT_KEYS) {
    const value = raw[key];
    if (value !== undefined) reserved[key] = value;
  }
  const hint = raw[AUTO_NAME_KEY];
  delete raw[AUTO_NAME_KEY];
  const moved = takeFormerNames(descriptor.fields, raw, failures);
  const key = raw[RESOURCE_KEY];
  fillAutoNames(
    descriptor.fields,
    withCurrentNames(descriptor.fields, toValues(olds)),
    raw,
    typeof hint === "string" ? hint : undefined,
    typeof key === "string" ? key : undefined,
  );
  const normalized = normalizeObject(descriptor.fields, descriptor.rules, raw, "", failures, descriptor.kind);
  underFormerNames(failures, moved);
  return { inputs: { ...normalized, ...reserved }, failures };
}

/**
 * Normalizes one value of `type` at `path`, appending failures; returns undefined when the value
 * is unusable. Exported for descriptor validation, which type-checks declared defaults with it.
 */
export function normalizeValue(
  type: FieldType,
  value: JsonValue,
  path: string,
  failures: CheckFailure[],
): JsonValue | undefined {
  if (isUnknown(value)) return value;
  const fail = (): undefined => {
    failures.push({ property: path, reason: `must be ${describeType(type)}, got ${describeValue(value)}` });
    return undefined;
  };
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? value : fail();
    case "boolean":
      return typeof value === "boolean" ? value : fail();
    case "int":
      if (typeof value !== "number" || !Number.isInteger(value)) return fail();
      if (value < GRAPHQL_INT.min || value > GRAPHQL_INT.max) {
        failures.push({
          property: path,
          reason:
            `must be a 32-bit integer, from ${GRAPHQL_INT.min} to ${GRAPHQL_INT.max} ` +
            "(the range of the API's GraphQL Int), got an integer outside it",
        });
        return undefined;
      }
      return value;
    case "number":
      return typeof value === "number" ? value : fail();
    case "enum":
      return typeof value === "string" && type.values.includes(value)
        ? currentEnumValue(type, value)
        : fail();
    case "list": {
      if (!Array.isArray(value)) return fail();
      const out: JsonValue[] = [];
      value.forEach((element, i) => {
        const p = `${path}[${i}]`;
        if (element === null) {
          failures.push({ property: p, reason: "must not be null" });
          return;
        }
        const n = normalizeValue(type.of, element, p, failures);
        if (n !== undefined) out.push(n);
      });
      return out;
    }
    case "map": {
      if (!isRecord(value)) return fail();
      const out: Values = {};
      for (const [key, element] of Object.entries(value as Values)) {
        const p = memberPath(path, key);
        if (element === null) {
          failures.push({ property: p, reason: "must not be null" });
          continue;
        }
        const n = normalizeValue(type.of, element, p, failures);
        if (n !== undefined) out[key] = n;
      }
      return out;
    }
    case "object":
      return isRecord(value)
        ? normalizeObject(type.fields, type.rules, value as Values, path, failures)
        : fail();
  }
}

function currentEnumValue(type: EnumType, value: string): string {
  const aliases: Readonly<Record<string, string | undefined>> = type.aliases ?? {};
  return Object.prototype.hasOwnProperty.call(aliases, value) ? (aliases[value] ?? value) : value;
}

function normalizeObject(
  fields: Fields,
  rules: readonly Rule[] | undefined,
  raw: Values,
  prefix: string,
  failures: CheckFailure[],
  kind?: string,
): Values {
  const out: Values = {};
  // `kind` is given for the top level only, where the reserved members live.
  const topLevel = kind !== undefined;
  for (const key of Object.keys(raw)) {
    if (topLevel && RESERVED_INPUT_KEYS.includes(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(fields, key)) {
      failures.push({ property: memberPath(prefix, key), reason: unknownMemberReason(key, fields, kind) });
    }
  }
  for (const [name, spec] of Object.entries(fields)) {
    const path = memberPath(prefix, name);
    const value = raw[name];
    if (spec.computed) {
      if (value !== undefined && value !== null) {
        failures.push({ property: path, reason: "is an output computed by Spacelift and cannot be set" });
      }
      continue;
    }
    if (value === undefined || value === null) {
      if (spec.default !== undefined) out[name] = structuredClone(spec.default);
      else if (spec.required || spec.autoName !== undefined)
        failures.push({ property: path, reason: "is required" });
      continue;
    }
    if (isUnknown(value)) {
      out[name] = value;
      continue;
    }
    const before = failures.length;
    const normalized = normalizeValue(spec.type, value, path, failures);
    if (normalized === undefined) continue;
    if (failures.length === before) {
      applyConstraints(spec.validate, normalized, path, failures);
      if (spec.validateEach) {
        if (Array.isArray(normalized)) {
          normalized.forEach((e, i) => applyConstraints(spec.validateEach, e, `${path}[${i}]`, failures));
        } else if (isRecord(normalized)) {
          for (const [k, e] of Object.entries(normalized as Values)) {
            applyConstraints(spec.validateEach, e, memberPath(path, k), failures);
          }
        }
      }
    }
    out[name] = normalized;
  }
  for (const rule of rules ?? []) {
    const violations = evaluateRule(
      rule,
      (f) => {
        const v = out[f];
        if (v === undefined) return "unset";
        return isUnknown(v) ? "unknown" : "set";
      },
      (f) => out[f],
    );
    for (const v of violations) failures.push({ property: memberPath(prefix, v.field), reason: v.reason });
  }
  return out;
}

function applyConstraints(
  constraints: readonly Constraint[] | undefined,
  value: JsonValue,
  path: string,
  failures: CheckFailure[],
): void {
  // A value that is partly unknown cannot be judged yet; it is checked again at update time.
  if (!constraints || containsUnknown(value)) return;
  for (const c of constraints) {
    const reason = c.test(value);
    if (reason !== undefined) failures.push({ property: path, reason });
  }
}

/** Joins a property path and a member name: `a.b`, or `a["odd key"]` when the key is not an identifier. */
export function memberPath(prefix: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return prefix ? `${prefix}.${key}` : key;
  return `${prefix}[${JSON.stringify(key)}]`;
}

/**
 * Why `key` is refused: not an argument of these fields. Names the closest argument when one is
 * close enough to be a typo or a GraphQL spelling, else lists them all. `kind` is set at the top
 * level, where `id` and `urn` get their own explanation (Pulumi users reach for them to adopt an
 * existing object).
 */
function unknownMemberReason(key: string, fields: Fields, kind: string | undefined): string {
  const known = Object.entries(fields)
    .filter(([, f]) => !f.computed)
    .map(([n]) => n);
  if (kind !== undefined && key === "id") {
    return `is not an argument: Spacelift assigns the ID; to manage an existing ${kind}, look it up with ${kind}.get`;
  }
  if (kind !== undefined && key === "urn") {
    return "is not an argument: Pulumi assigns every resource's URN itself";
  }
  const close = closestName(key, known);
  if (close !== undefined) return `is not a known property; did you mean ${close}?`;
  const reservedNote = key.startsWith("__") ? "; names starting with __ are reserved" : "";
  return `is not a known property (known: ${known.join(", ")})${reservedNote}`;
}

/**
 * The candidate `key` most likely stands for, or undefined when none is close: the same name in
 * another case (`spaceID`), the GraphQL spelling of an id argument (`space` for `spaceId`), or a
 * typo of at most one edit per three characters (`labls`), counting a swap of neighbours as one.
 */
export function closestName(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const idSpelling = candidates.find((c) => c.toLowerCase() === `${lower}id`);
  if (idSpelling !== undefined) return idSpelling;
  const budget = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function describeValue(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "boolean":
      return "a boolean";
    default:
      return "an object";
  }
}
