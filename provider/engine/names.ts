/**
 * Argument names that are not simply the program's: names `check` generates for auto-named
 * arguments (`FieldSpec.autoName`), and arguments renamed since earlier versions of this
 * package (`FieldSpec.formerName`).
 *
 * @packageDocumentation
 */

import { createHash, randomBytes } from "node:crypto";
import type { AutoNameStyle, Fields } from "./descriptor";
import type { CheckFailure } from "./results";
import { isUnknown, type Values } from "./values";

/** Hex digits of the suffix, as in Pulumi's own auto-names. */
const SUFFIX_LENGTH = 7;

/**
 * Longest logical-name part of a `"dash"` name, in code points, so that the whole name stays
 * within the 255 characters `displayName` accepts.
 */
const MAX_BASE_LENGTH = 255 - SUFFIX_LENGTH - 1;

/**
 * Fills the auto-named fields the program left unset, in place in `news`: the old inputs' value
 * when the resource already exists (so an update, an alias or a changed logical name never
 * renames the object), otherwise a name built from `logicalName` (the SDK's hint) and `key` (the
 * resource key). Without a hint the field stays unset and `check` reports it as required.
 *
 * The suffix is derived from the resource key rather than drawn at random: Pulumi's dynamic
 * providers get no random seed, and preview and up run `check` in different processes, so a
 * random suffix would differ between the two. The key differs per Pulumi project, stack, parent
 * and logical name, which is what keeps names of one program deployed twice apart.
 */
export function fillAutoNames(
  fields: Fields,
  olds: Values,
  news: Values,
  logicalName: string | undefined,
  key: string | undefined,
): void {
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.autoName === undefined || (news[name] !== undefined && news[name] !== null)) continue;
    const old = olds[name];
    if (typeof old === "string" && old !== "" && !isUnknown(old)) {
      news[name] = old;
    } else if (logicalName !== undefined) {
      news[name] = autoName(spec.autoName, logicalName, key);
    }
  }
}

/** The name {@link fillAutoNames} gives a new resource named `logicalName` with resource key `key`. */
export function autoName(style: AutoNameStyle, logicalName: string, key: string | undefined): string {
  const suffix = (
    key === undefined
      ? randomBytes(4).toString("hex")
      : createHash("sha256").update(`autoName:${key}`).digest("hex")
  ).slice(0, SUFFIX_LENGTH);
  if (style === "identifier") {
    const base = logicalName.replace(/[^A-Za-z0-9_]/g, "_");
    // An environment variable name cannot start with a digit; the suffix ends it, so none is empty.
    return `${/^[0-9]/.test(base) || base === "" ? `_${base}` : base}_${suffix}`;
  }
  // Control characters and surrounding whitespace are refused in names (`displayName`).
  const cleaned = Array.from(logicalName, (ch) => (isControl(ch) ? "-" : ch))
    .join("")
    .trim();
  const base = Array.from(cleaned).slice(0, MAX_BASE_LENGTH).join("").trim();
  return base === "" ? suffix : `${base}-${suffix}`;
}

/**
 * Moves arguments the program set under a field's former name to the field, in place, and returns
 * which moved (current name → former name). Setting both is refused: the two would disagree
 * silently otherwise.
 */
export function takeFormerNames(fields: Fields, news: Values, failures: CheckFailure[]): Map<string, string> {
  const moved = new Map<string, string>();
  for (const [name, spec] of Object.entries(fields)) {
    const former = spec.formerName;
    if (former === undefined || news[former] === undefined) continue;
    const value = news[former];
    delete news[former];
    if (value === null) continue;
    if (news[name] !== undefined && news[name] !== null) {
      failures.push({ property: former, reason: `is the deprecated name of ${name}; set only ${name}` });
    } else {
      news[name] = value;
      moved.set(name, former);
    }
  }
  return moved;
}

/**
 * Failures about a field the program set under its former name, reported under that name (the
 * one the program shows), in place. `moved` maps current names to the former ones used.
 */
export function underFormerNames(failures: CheckFailure[], moved: ReadonlyMap<string, string>): void {
  failures.forEach((failure, index) => {
    for (const [name, former] of moved) {
      const rest = failure.property.slice(name.length);
      if (
        failure.property.startsWith(name) &&
        (rest === "" || rest.startsWith("[") || rest.startsWith("."))
      ) {
        failures[index] = { ...failure, property: `${former}${rest}` };
      }
    }
  });
}

/**
 * Stored inputs or outputs with members written under a former name moved to the current one, so
 * state written by an earlier version reads as if written now. Returns `values` itself when
 * nothing moves.
 */
export function withCurrentNames(fields: Fields, values: Values): Values {
  let out: Values | undefined;
  for (const [name, spec] of Object.entries(fields)) {
    const former = spec.formerName;
    if (former === undefined || values[former] === undefined) continue;
    out ??= { ...values };
    if (out[name] === undefined) out[name] = out[former];
    delete out[former];
  }
  return out ?? values;
}

/** C0 and C1 control characters and DEL, which `displayName` refuses. */
function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}
