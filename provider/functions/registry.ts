/**
 * Every data function, by SDK name. Functions are grouped by Spacelift domain, one folder each;
 * adding a function is adding its descriptor to its domain's list.
 *
 * @packageDocumentation
 */

import type { FunctionDescriptor } from "./descriptor";
import { catalogFunctions } from "./catalog";
import { integrationFunctions } from "./integrations";
import { spaceFunctions } from "./spaces";
import { stackFunctions } from "./stacks";

const all: readonly FunctionDescriptor[] = [
  ...stackFunctions,
  ...spaceFunctions,
  ...integrationFunctions,
  ...catalogFunctions,
];

const byName = new Map<string, FunctionDescriptor>();
for (const descriptor of all) {
  if (byName.has(descriptor.name)) throw new Error(`two data functions are named ${descriptor.name}`);
  byName.set(descriptor.name, descriptor);
}

/** Every data function, sorted by name. */
export function functionDescriptors(): FunctionDescriptor[] {
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The data function named `name`, or undefined.
 *
 * @param name - the SDK name, e.g. `getStack`
 */
export function functionDescriptor(name: string): FunctionDescriptor | undefined {
  return byName.get(name);
}
