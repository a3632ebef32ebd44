import type { LookupDomain } from "./domain";

/** `examples/lookups/integrations.ts`. */
export const integrations: LookupDomain = {
  output: "integrationLookups",
  check() {
    // Filled in as functions of this part are added.
  },
};
