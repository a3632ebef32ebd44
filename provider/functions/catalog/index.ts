import type { FunctionDescriptor } from "../descriptor";

/** Data functions about policies, modules, webhooks and pools. */
export const catalogFunctions: readonly FunctionDescriptor[] = [];
