import type { FunctionDescriptor } from "../descriptor";
import { getIdpGroupMapping, getUser } from "./access";
import { getAccount } from "./account";
import { getEnvironmentVariable, getMountedfile } from "./configElements";
import { getContext, getContextAttachment, getContexts } from "./contexts";
import { getIPs } from "./ips";
import { getCurrentSpace, getSpace, getSpaceByPath, getSpaces } from "./spaces";

/** Data functions about spaces, contexts and their configuration, the account and access to it. */
export const spaceFunctions: readonly FunctionDescriptor[] = [
  getSpace,
  getSpaces,
  getSpaceByPath,
  getCurrentSpace,
  getContext,
  getContexts,
  getContextAttachment,
  getEnvironmentVariable,
  getMountedfile,
  getAccount,
  getIPs,
  getUser,
  getIdpGroupMapping,
];
