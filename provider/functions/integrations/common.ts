/**
 * Helpers shared by the integration look-ups: argument rules the generic checks cannot express,
 * and the conversions every result needs.
 *
 * @packageDocumentation
 */

import type { FunctionValues } from "../descriptor";

/**
 * A `checkArgs` rule: exactly one of `names` must be given.
 *
 * @param names - the arguments, e.g. `["stackId", "moduleId"]`
 */
export function exactlyOneOf(...names: string[]): (args: FunctionValues) => string | undefined {
  return (args) => {
    const given = names.filter((n) => args[n] !== undefined);
    if (given.length === 1) return undefined;
    return given.length === 0
      ? `one of ${names.map((n) => `"${n}"`).join(" or ")} is required`
      : `give only one of ${given.map((n) => `"${n}"`).join(" and ")}`;
  };
}

/**
 * Runs each rule in turn and returns the first problem.
 *
 * @param rules - `checkArgs` rules
 */
export function allOf(
  ...rules: ((args: FunctionValues) => string | undefined)[]
): (args: FunctionValues) => string | undefined {
  return (args) => {
    for (const rule of rules) {
      const problem = rule(args);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

/**
 * The stack or module an attachment look-up is about: its id and which argument named it.
 *
 * @param args - arguments that passed {@link exactlyOneOf}`("stackId", "moduleId")`
 */
export function projectOf(args: FunctionValues): { id: string; argument: "stackId" | "moduleId" } {
  return typeof args.moduleId === "string"
    ? { id: args.moduleId, argument: "moduleId" }
    : { id: String(args.stackId), argument: "stackId" };
}
