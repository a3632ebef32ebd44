import { catalog } from "./catalog";
import type { LookupDomain } from "./domain";
import { integrations } from "./integrations";
import { spaces } from "./spaces";
import { stacks } from "./stacks";

/** Every part of `examples/lookups`, each with its expectations. */
export const lookupDomains: readonly LookupDomain[] = [stacks, spaces, integrations, catalog];
