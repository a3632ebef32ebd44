import type { FunctionDescriptor } from "../descriptor";
import { getCurrentStack } from "./current";
import { getStackOutputs, getToolVersions } from "./newer";
import { getAwsRole, getGcpServiceAccount, getStackAwsRole, getStackGcpServiceAccount } from "./roles";
import { getDriftDetection, getScheduledDeleteStack, getScheduledTask } from "./schedules";
import { getStack, getStacks } from "./stack";

/** Data functions about stacks, their schedules, roles and outputs. */
export const stackFunctions: readonly FunctionDescriptor[] = [
  getStack,
  getStacks,
  getCurrentStack,
  getAwsRole,
  getStackAwsRole,
  getGcpServiceAccount,
  getStackGcpServiceAccount,
  getDriftDetection,
  getScheduledDeleteStack,
  getScheduledTask,
  // Newer than the official SDK: Terraform data sources of kinds this package manages.
  getStackOutputs,
  getToolVersions,
];
