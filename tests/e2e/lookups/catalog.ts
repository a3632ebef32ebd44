import type { LookupDomain } from "./domain";

/** `examples/lookups/catalog.ts`. */
export const catalog: LookupDomain = {
  output: "catalogLookups",
  check() {
    // Filled in as functions of this part are added.
  },
};
