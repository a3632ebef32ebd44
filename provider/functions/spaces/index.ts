import type { FunctionDescriptor } from "../descriptor";
import { getIPs } from "./ips";

/** Data functions about spaces, contexts and their configuration, the account. */
export const spaceFunctions: readonly FunctionDescriptor[] = [getIPs];
