// Data functions look up what a program does not manage (the account, the IPs to allow-list, a
// space by its path, the stack a run belongs to) and read back what it does. Each module below
// covers one part of Spacelift and exports what it found.
import * as catalog from "./catalog";
import * as integrations from "./integrations";
import * as spaces from "./spaces";
import * as stacks from "./stacks";

export const stackLookups = stacks.lookups;
export const spaceLookups = spaces.lookups;
export const integrationLookups = integrations.lookups;
export const catalogLookups = catalog.lookups;
