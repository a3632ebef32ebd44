/**
 * Value constraints a field can carry in `validate` (pattern, length, range, cron, base64, env var
 * name, slug-able name, display name, label, file path, http(s) URL), with builders.
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

// C0 controls (newline, tab, NUL...), DEL and the C1 controls: none of them belongs in a one-line
// name, and a newline or tab in one is almost always a paste accident.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * The longest name or label {@link displayName} and {@link label} accept, in characters (code
 * points). Spacelift publishes no maximum and its Terraform provider checks none (it only refuses
 * empty strings), so this is our bound, not Spacelift's: far longer than any name or label seen in
 * practice, it catches text pasted by mistake (a file, a key) at preview instead of half-way
 * through an update. Raise it if Spacelift ever documents a longer limit.
 */
export const NAME_MAX_LENGTH = 255;

function characterCount(value: string): number {
  // Code points, not UTF-16 units: an emoji counts as one character, as users count it.
  return Array.from(value).length;
}

/** Why `value` is not a one-line identifier of at most `maxLength` characters, or undefined. */
function singleLineReason(value: string, maxLength: number): string | undefined {
  if (hasControlCharacter(value)) return "must not contain control characters such as newlines or tabs";
  // A blank value is nonEmpty()'s to report; reporting it twice would only add noise.
  if (value.trim() !== "" && value.trim() !== value) return "must not start or end with whitespace";
  if (characterCount(value) > maxLength) return `must be at most ${maxLength} characters long`;
  return undefined;
}

/**
 * A name shown in Spacelift's UI (a stack's, a context's, a worker pool's): one line, without
 * control characters, without surrounding whitespace, at most {@link NAME_MAX_LENGTH} characters.
 * Spacelift documents no rule on whitespace; surrounding whitespace is refused rather than sent
 * because it is invisible in Spacelift's UI and in Pulumi's diffs, so two names differing only by
 * it would look identical yet name different objects. Blank names are left to {@link nonEmpty}.
 */
export function displayName(maxLength = NAME_MAX_LENGTH): Constraint {
  return constraint(
    "displayName",
    `must be one line without control characters or surrounding whitespace, at most ${maxLength} characters`,
    (v) => (typeof v === "string" ? singleLineReason(v, maxLength) : undefined),
  );
}

/**
 * A label: the same rules as {@link displayName}. Labels are matched verbatim by policies and by
 * `autoattach:<label>`, so a label with a stray newline or trailing space silently matches nothing.
 * Commas are allowed: Spacelift's API takes labels as a list and documents no separator.
 */
export function label(maxLength = NAME_MAX_LENGTH): Constraint {
  return constraint(
    "label",
    `must be one line without control characters or surrounding whitespace, at most ${maxLength} characters`,
    (v) => (typeof v === "string" ? singleLineReason(v, maxLength) : undefined),
  );
}

// Linux's limits for a path on the runner, where Spacelift writes mounted files: NAME_MAX (255
// bytes per path component) and PATH_MAX (4096 bytes, including the terminating NUL), from
// <linux/limits.h>. Both count UTF-8 bytes, not characters.
const PATH_COMPONENT_MAX_BYTES = 255;
const PATH_MAX_BYTES = 4095;

/**
 * A file path Spacelift can create on a runner: no control characters (a newline in a file name
 * breaks every tool that lists files line by line), no component longer than 255 bytes and no
 * path longer than 4095 bytes (Linux's NAME_MAX and PATH_MAX; the workspace directory the path is
 * relative to takes some of the latter, so a path near it may still be refused by the runner).
 */
export function filePath(): Constraint {
  return constraint(
    "filePath",
    `must be a file path without control characters, at most ${PATH_MAX_BYTES} bytes with no part over ${PATH_COMPONENT_MAX_BYTES} bytes`,
    (v) => {
      if (typeof v !== "string") return undefined;
      if (hasControlCharacter(v)) return "must not contain control characters such as newlines or tabs";
      if (Buffer.byteLength(v, "utf8") > PATH_MAX_BYTES) {
        return `must be at most ${PATH_MAX_BYTES} bytes long (Linux's PATH_MAX)`;
      }
      if (v.split("/").some((part) => Buffer.byteLength(part, "utf8") > PATH_COMPONENT_MAX_BYTES)) {
        return `must not have a file or directory name over ${PATH_COMPONENT_MAX_BYTES} bytes (Linux's NAME_MAX)`;
      }
      return undefined;
    },
  );
}

/**
 * An absolute `http` or `https` URL with a host, as Spacelift posts webhooks to and clones raw Git
 * repositories from. Spacelift's Terraform provider refuses only empty strings, but describes these
 * fields as URLs of those schemes: "HTTPS URL of the Git repository" for raw Git, "endpoint to send
 * the POST request to" for webhooks. `http` is accepted for both: nothing rules it out, and
 * refusing a URL the API would take is worse than letting the API judge it. Whitespace and control
 * characters are refused outright, because the URL parser would silently drop some of them (a
 * newline inside the host) and so hide a typo.
 */
export function httpUrl(): Constraint {
  const what = "an absolute http or https URL";
  return constraint("httpUrl", `must be ${what}`, (v) => {
    if (typeof v !== "string") return undefined;
    if (/\s/.test(v) || hasControlCharacter(v)) {
      return `must be ${what}, without spaces or control characters`;
    }
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return `must be ${what}`;
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
      return `must be ${what}`;
    }
    return undefined;
  });
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
