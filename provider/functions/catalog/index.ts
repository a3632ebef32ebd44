import type { FunctionDescriptor } from "../descriptor";
import { getModule, getModules } from "./modules";
import { getPolicies, getPolicy } from "./policies";
import { getVcsAgentPool, getVcsAgentPools, getWorkerPool, getWorkerPools } from "./pools";
import { getNamedWebhook, getWebhook } from "./webhooks";

/** Data functions about policies, modules, webhooks and pools. */
export const catalogFunctions: readonly FunctionDescriptor[] = [
  getPolicy,
  getPolicies,
  getModule,
  getModules,
  getNamedWebhook,
  getWebhook,
  getWorkerPool,
  getWorkerPools,
  getVcsAgentPool,
  getVcsAgentPools,
];
