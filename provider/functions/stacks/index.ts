import type { FunctionDescriptor } from "../descriptor";

/** Data functions about stacks, their schedules, roles and outputs. */
export const stackFunctions: readonly FunctionDescriptor[] = [];
