/**
 * `check`: validates user inputs against a descriptor before any API call and returns them
 * normalized (types confirmed, defaults applied, undeclared members rejected).
 *
 * @packageDocumentation
 */

import type { Constraint } from "./constraints";
import type { Fields, ResourceDescriptor } from "./descriptor";
import { describeType, type EnumType, type FieldType } from "./fieldTypes";
import type { CheckFailure, CheckResult } from "./results";
import { evaluateRule, type Rule } from "./rules";
import { containsUnknown, isRecord, isUnknown, toValues, type JsonValue, type Values } from "./values";

/**
 * Validates and normalizes `news` for `descriptor`.
 *
 * - Members whose name starts with `__` (Pulumi's `__provider`) pass through untouched.
 * - The unknown sentinel (preview) is kept as is, at any depth, and never validated.
 * - `null` counts as unset, so defaults apply to it.
 * - Failures carry the property path and a reason that never quotes the value (it may be secret).
 *
 * `olds` (the previous inputs) are accepted for signature parity with Pulumi and ignored:
 * normalization depends on the new program only.
 */
export function checkInputs(descriptor: ResourceDescriptor, _olds: unknown, news: unknown): CheckResult {
  const raw = toValues(news);
  const failures: CheckFailure[] = [];
  const inputs: Values = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("__")) inputs[key] = value;
  }
  const normalized = normalizeObject(descriptor.fields, descriptor.rules, raw, "", failures, true);
  return { inputs: { ...normalized, ...inputs }, failures };
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
      return typeof value === "number" && Number.isInteger(value) ? value : fail();
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
        ? normalizeObject(type.fields, type.rules, value as Values, path, failures, false)
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
  topLevel: boolean,
): Values {
  const out: Values = {};
  for (const key of Object.keys(raw)) {
    if (topLevel && key.startsWith("__")) continue;
    if (!(key in fields)) {
      failures.push({
        property: memberPath(prefix, key),
        reason: `is not a known property (known: ${knownList(fields)})`,
      });
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
      else if (spec.required) failures.push({ property: path, reason: "is required" });
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

function knownList(fields: Fields): string {
  return Object.entries(fields)
    .filter(([, f]) => !f.computed)
    .map(([n]) => n)
    .join(", ");
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
