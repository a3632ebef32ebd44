import type { LookupDomain } from "./domain";

/** `examples/lookups/stacks.ts`. */
export const stacks: LookupDomain = {
  output: "stackLookups",
  check() {
    // Filled in as functions of this part are added.
  },
};
