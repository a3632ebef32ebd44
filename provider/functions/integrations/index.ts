import type { FunctionDescriptor } from "../descriptor";

/** Data functions about cloud and VCS integrations. */
export const integrationFunctions: readonly FunctionDescriptor[] = [];
