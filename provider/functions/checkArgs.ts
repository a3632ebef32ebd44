/**
 * Checks a data function's arguments against its descriptor before any request is sent: unknown
 * names, missing required arguments and wrong types are reported naming the argument.
 *
 * @packageDocumentation
 */

import type { FunctionDescriptor, FunctionFields, FunctionValues } from "./descriptor";

/**
 * Returns the arguments as a plain object, or throws the error `fail` builds from a message that
 * names the argument and what is wrong.
 *
 * @param descriptor - the function
 * @param args - what the program passed (resolved)
 * @param fail - builds the error to throw
 */
export function checkFunctionArgs(
  descriptor: FunctionDescriptor,
  args: unknown,
  fail: (detail: string) => Error,
): FunctionValues {
  if (args !== undefined && args !== null && (typeof args !== "object" || Array.isArray(args))) {
    throw fail("arguments must be an object");
  }
  const values: FunctionValues = {};
  for (const [key, value] of Object.entries((args ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) values[key] = value;
  }
  const problem = checkFields(descriptor, descriptor.args, values, "");
  if (problem !== undefined) throw fail(problem);
  const extra = descriptor.checkArgs?.(values);
  if (extra !== undefined) throw fail(extra);
  return values;
}

function checkFields(
  descriptor: FunctionDescriptor,
  fields: FunctionFields,
  values: FunctionValues,
  prefix: string,
): string | undefined {
  for (const key of Object.keys(values)) {
    if (!(key in fields)) {
      const known = Object.keys(fields);
      return (
        `unknown argument "${prefix}${key}"` +
        (known.length === 0 ? "; this function takes no arguments" : `; expected one of ${known.join(", ")}`)
      );
    }
  }
  for (const [key, spec] of Object.entries(fields)) {
    const value = values[key];
    const name = `${prefix}${key}`;
    if (value === undefined) {
      if (!spec.optional) return `"${name}" is required`;
      continue;
    }
    const problem = checkType(descriptor, spec.type, value, name);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkType(
  descriptor: FunctionDescriptor,
  type: string,
  value: unknown,
  name: string,
): string | undefined {
  if (type.endsWith("[]")) {
    if (!Array.isArray(value)) return `"${name}" must be a list`;
    for (const [index, element] of value.entries()) {
      const problem = checkType(descriptor, type.slice(0, -2), element, `${name}[${index}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  switch (type) {
    case "string":
      if (typeof value !== "string") return `"${name}" must be a string`;
      if (value.trim() === "") return `"${name}" must not be empty`;
      return undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : `"${name}" must be a number`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `"${name}" must be true or false`;
    default: {
      const nested = descriptor.types?.[type];
      if (nested === undefined) return undefined;
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return `"${name}" must be an object`;
      const inner: FunctionValues = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        if (v !== undefined && v !== null) inner[k] = v;
      return checkFields(descriptor, nested, inner, `${name}.`);
    }
  }
}
