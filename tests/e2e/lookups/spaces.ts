import { strict as assert } from "node:assert";
import type { LookupDomain } from "./domain";

/** Spaces, contexts, the account and the IPs (`examples/lookups/spaces.ts`). */
export const spaces: LookupDomain = {
  output: "spaceLookups",
  check(found) {
    assert.ok(Array.isArray(found.ips), "getIPs returned a list");
  },
};
