/**
 * Value constraints a field can carry in `validate` (pattern, length, range, cron, base64, env var
 * name, slug-able name), with builders.
 *
 * Reasons never quote the offending value: the same constraint may guard a secret, and check
 * failures are printed by Pulumi.
 *
 * @packageDocumentation
 */

import type { JsonValue } from "./values";

/**
 * A named test over an already type-checked value. `test` returns undefined when the value is
 * acceptable, otherwise a reason that completes the sentence "<property> ..." (e.g. "must not be
 * empty").
 */
export interface Constraint {
  /** Identifies the constraint in descriptor validation messages and generated docs. */
  readonly name: string;
  /** A human summary for generated reference docs ("must match ^[A-Z_]+$"). */
  readonly description: string;
  /** Returns a reason when `value` violates the constraint. */
  test(value: JsonValue): string | undefined;
}

function constraint(
  name: string,
  description: string,
  test: (value: JsonValue) => string | undefined,
): Constraint {
  return { name, description, test };
}

/** The string must match `re`; `what` says in words what is expected ("a lowercase slug"). */
export function pattern(re: RegExp, what: string): Constraint {
  return constraint("pattern", `must be ${what}`, (v) =>
    typeof v === "string" && !re.test(v) ? `must be ${what}` : undefined,
  );
}

/** The string (or list) must have at least `n` characters (or elements). */
export function minLength(n: number): Constraint {
  return constraint("minLength", `at least ${n} long`, (v) =>
    (typeof v === "string" || Array.isArray(v)) && v.length < n
      ? `must be at least ${n} ${Array.isArray(v) ? "elements" : "characters"} long`
      : undefined,
  );
}

/** The string (or list) must have at most `n` characters (or elements). */
export function maxLength(n: number): Constraint {
  return constraint("maxLength", `at most ${n} long`, (v) =>
    (typeof v === "string" || Array.isArray(v)) && v.length > n
      ? `must be at most ${n} ${Array.isArray(v) ? "elements" : "characters"} long`
      : undefined,
  );
}

/** The string must not be empty or only whitespace. */
export function nonEmpty(): Constraint {
  return constraint("nonEmpty", "must not be empty", (v) =>
    typeof v === "string" && v.trim() === "" ? "must not be empty" : undefined,
  );
}

/** The number must be at least `n`. */
export function min(n: number): Constraint {
  return constraint("min", `at least ${n}`, (v) =>
    typeof v === "number" && v < n ? `must be at least ${n}` : undefined,
  );
}

/** The number must be at most `n`. */
export function max(n: number): Constraint {
  return constraint("max", `at most ${n}`, (v) =>
    typeof v === "number" && v > n ? `must be at most ${n}` : undefined,
  );
}

const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A POSIX-style environment variable name: letters, digits and `_`, not starting with a digit. */
export function envVarName(): Constraint {
  const what = "a valid environment variable name (letters, digits and _, not starting with a digit)";
  return constraint("envVarName", `must be ${what}`, (v) =>
    typeof v === "string" && !ENV_VAR_NAME.test(v) ? `must be ${what}` : undefined,
  );
}

/**
 * A name Spacelift can derive an id (slug) from: it must contain at least one ASCII letter or
 * digit, otherwise the slug would be empty and the API rejects the create.
 */
export function slugName(): Constraint {
  return constraint("slugName", "must contain at least one letter or digit", (v) =>
    typeof v === "string" && !/[A-Za-z0-9]/.test(v) ? "must contain at least one letter or digit" : undefined,
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard (padded) Base64, as Spacelift expects for mounted file content. */
export function base64(): Constraint {
  return constraint("base64", "must be Base64-encoded", (v) =>
    typeof v === "string" && (v.length === 0 || !BASE64.test(v))
      ? "must be non-empty, padded Base64"
      : undefined,
  );
}

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week). Each field accepts
 * `*`, numbers, ranges, steps and lists, plus month/day names; ranges are checked per field.
 */
export function cron(): Constraint {
  return constraint("cron", "must be a five-field cron expression", (v) =>
    typeof v === "string" ? cronReason(v) : undefined,
  );
}

const CRON_FIELDS: readonly { name: string; min: number; max: number; names?: readonly string[] }[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  },
  { name: "day of week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

function cronReason(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `must be a five-field cron expression (minute hour day-of-month month day-of-week), found ${parts.length} fields`;
  }
  for (let i = 0; i < 5; i++) {
    const spec = CRON_FIELDS[i]!;
    if (!cronFieldValid(parts[i]!, spec)) {
      return `must be a valid cron expression: the ${spec.name} field is invalid (allowed ${spec.min}-${spec.max})`;
    }
  }
  return undefined;
}

function cronFieldValid(
  field: string,
  spec: { min: number; max: number; names?: readonly string[] },
): boolean {
  const atom = (s: string): number | undefined => {
    const named = spec.names?.indexOf(s.toUpperCase()) ?? -1;
    if (named >= 0) return named + (spec.min === 1 ? 1 : 0);
    if (!/^\d+$/.test(s)) return undefined;
    const n = Number(s);
    return n >= spec.min && n <= spec.max ? n : undefined;
  };
  return field.split(",").every((item) => {
    const [range, step, ...rest] = item.split("/");
    if (rest.length > 0 || range === undefined || range === "") return false;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
    if (range === "*") return true;
    const bounds = range.split("-");
    if (bounds.length > 2) return false;
    const lo = atom(bounds[0]!);
    const hi = bounds.length === 2 ? atom(bounds[1]!) : lo;
    return lo !== undefined && hi !== undefined && lo <= hi;
  });
}
