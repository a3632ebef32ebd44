/**
 * Cross-field rules (mutually exclusive or jointly required fields), as data, with the builders
 * descriptors use. `check` evaluates them after per-field validation.
 *
 * @packageDocumentation
 */

import { isDeepStrictEqual } from "node:util";

/**
 * A constraint over several sibling fields, named by their Pulumi argument names.
 *
 * - `exactlyOneOf`: one and only one must be set (EnvironmentVariable's `contextId`/`stackId`/`moduleId`).
 * - `atMostOneOf`: they exclude each other, but all may be unset.
 * - `requiredTogether`: either all are set or none is.
 * - `conflictsWith`: the first field excludes every other one (Terraform's ConflictsWith); the
 *   others may be set together.
 * - `distinct`: the fields must not have equal values (a stack cannot depend on itself).
 * - `atLeastOneOf`: at least one must be set (a default runner image for public or private pools).
 * - `anyTrue`: boolean fields of which at least one must be true (an AWS integration attached for
 *   neither reading nor writing).
 */
export interface Rule {
  readonly kind:
    | "exactlyOneOf"
    | "atMostOneOf"
    | "atLeastOneOf"
    | "requiredTogether"
    | "conflictsWith"
    | "distinct"
    | "anyTrue";
  readonly fields: readonly string[];
}

/** One and only one of `fields` must be set. */
export function exactlyOneOf(...fields: string[]): Rule {
  return { kind: "exactlyOneOf", fields };
}

/** At most one of `fields` may be set. */
export function atMostOneOf(...fields: string[]): Rule {
  return { kind: "atMostOneOf", fields };
}

/** At least one of `fields` must be set. */
export function atLeastOneOf(...fields: string[]): Rule {
  return { kind: "atLeastOneOf", fields };
}

/** Either every one of `fields` is set or none is. */
export function requiredTogether(...fields: string[]): Rule {
  return { kind: "requiredTogether", fields };
}

/** `field` must not be set together with any of `others` (which may be set together). */
export function conflictsWith(field: string, ...others: string[]): Rule {
  return { kind: "conflictsWith", fields: [field, ...others] };
}

/** No two of `fields` may have equal values (unset and unknown values are not compared). */
export function distinct(...fields: string[]): Rule {
  return { kind: "distinct", fields };
}

/** At least one of the boolean `fields` must be true (checked once all of them are known). */
export function anyTrue(...fields: string[]): Rule {
  return { kind: "anyTrue", fields };
}

/** The rule as a sentence, for generated documentation. */
export function describeRule(rule: Rule): string {
  const names = rule.fields.map((f) => `\`${f}\``).join(", ");
  switch (rule.kind) {
    case "exactlyOneOf":
      return `Exactly one of ${names} must be set.`;
    case "atMostOneOf":
      return `At most one of ${names} may be set.`;
    case "atLeastOneOf":
      return `At least one of ${names} must be set.`;
    case "requiredTogether":
      return `${names} must be set together or not at all.`;
    case "conflictsWith":
      return `\`${rule.fields[0]}\` cannot be set together with ${rule.fields
        .slice(1)
        .map((f) => `\`${f}\``)
        .join(", ")}.`;
    case "distinct":
      return `${names} must have different values.`;
    case "anyTrue":
      return `At least one of ${names} must be \`true\`.`;
  }
}

/** The outcome of evaluating a rule: which property to blame and why. */
export interface RuleViolation {
  readonly field: string;
  readonly reason: string;
}

/**
 * Evaluates `rule` given, per field, whether it is set, unset, or unknown (preview), and, for
 * `distinct`, its value. A rule whose outcome depends on an unknown value is not evaluated:
 * preview must not fail on data that does not exist yet.
 */
export function evaluateRule(
  rule: Rule,
  state: (field: string) => "set" | "unset" | "unknown",
  value: (field: string) => unknown = () => undefined,
): RuleViolation[] {
  const states = rule.fields.map((f) => ({ field: f, state: state(f) }));
  const set = states.filter((s) => s.state === "set").map((s) => s.field);
  const anyUnknown = states.some((s) => s.state === "unknown");
  const list = rule.fields.join(", ");
  switch (rule.kind) {
    case "exactlyOneOf":
      if (set.length > 1) {
        return set.slice(1).map((field) => ({
          field,
          reason: `conflicts with ${set[0]}: set exactly one of ${list}`,
        }));
      }
      if (set.length === 0 && !anyUnknown) {
        return [{ field: rule.fields[0] ?? "", reason: `exactly one of ${list} must be set, but none is` }];
      }
      return [];
    case "atMostOneOf":
      return set.length > 1
        ? set
            .slice(1)
            .map((field) => ({ field, reason: `conflicts with ${set[0]}: set at most one of ${list}` }))
        : [];
    case "atLeastOneOf":
      return set.length === 0 && !anyUnknown
        ? [{ field: rule.fields[0] ?? "", reason: `at least one of ${list} must be set, but none is` }]
        : [];
    case "requiredTogether": {
      if (set.length === 0 || set.length === rule.fields.length || anyUnknown) return [];
      return states
        .filter((s) => s.state === "unset")
        .map((s) => ({ field: s.field, reason: `must be set together with ${set.join(", ")}` }));
    }
    case "conflictsWith": {
      const [subject, ...others] = rule.fields;
      if (subject === undefined || !set.includes(subject)) return [];
      return others
        .filter((f) => set.includes(f))
        .map((field) => ({ field, reason: `conflicts with ${subject}: they cannot be set together` }));
    }
    case "anyTrue": {
      if (anyUnknown || set.length < rule.fields.length) return [];
      if (rule.fields.some((f) => value(f) === true)) return [];
      return [{ field: rule.fields[0] ?? "", reason: `at least one of ${list} must be true` }];
    }
    case "distinct": {
      const violations: RuleViolation[] = [];
      set.forEach((field, i) => {
        const earlier = set.slice(0, i).find((other) => isDeepStrictEqual(value(other), value(field)));
        if (earlier !== undefined) violations.push({ field, reason: `must differ from ${earlier}` });
      });
      return violations;
    }
  }
}
