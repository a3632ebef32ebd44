import type { Store } from "../store";
import { removeProjectData } from "./domainModule";
import type { HooksRecord } from "./hooks";
import { byName } from "./search";
import type { VendorConfigRecord } from "./vendorConfig";

/** `VCSProvider` enum values. */
export type VcsProvider =
  | "AZURE_DEVOPS"
  | "BITBUCKET_CLOUD"
  | "BITBUCKET_DATACENTER"
  | "GIT"
  | "GITHUB"
  | "GITHUB_ENTERPRISE"
  | "GITLAB"
  | "SHOWCASE"
  | "SPACELIFT";

/** Where a stack's or a module's code comes from, as stored. */
export interface VcsSourceRecord {
  readonly repository: string;
  readonly repositoryURL: string | null;
  readonly branch: string;
  readonly namespace: string;
  readonly provider: VcsProvider;
  readonly vcsIntegrationId: string | null;
  readonly projectRoot: string | null;
}

/**
 * The names a `repository` search predicate matches: the bare repository name and, when the
 * source has a namespace, `namespace/name` (the form spacectl sends).
 */
export function repositoryNames(source: VcsSourceRecord): string[] {
  return source.namespace === ""
    ? [source.repository]
    : [source.repository, `${source.namespace}/${source.repository}`];
}

/** A stack as stored. */
export interface StackRecord extends VcsSourceRecord {
  /** The slug chosen at creation. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly space: string;
  readonly labels: readonly string[];
  readonly additionalProjectGlobs: readonly string[];
  readonly gitSparseCheckoutPaths: readonly string[];
  readonly administrative: boolean;
  readonly autodeploy: boolean;
  readonly autoretry: boolean;
  readonly githubActionDeploy: boolean;
  readonly localPreviewEnabled: boolean;
  readonly enableWellKnownSecretMasking: boolean;
  readonly enableSensitiveOutputUpload: boolean;
  readonly protectFromDeletion: boolean;
  readonly managesStateFile: boolean;
  readonly isDisabled: boolean;
  readonly runnerImage: string | null;
  readonly workerPool: string | null;
  readonly vendorConfig: VendorConfigRecord;
  readonly hooks: HooksRecord;
  readonly state: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
  /** When a pending deletion completes, epoch milliseconds; null unless `stackDelete` was called. */
  readonly deleteAt: number | null;
  /**
   * The run destroying the stack's resources before its deletion (`destroyResources`) fails: at
   * `deleteAt` the stack stays, no longer deleting.
   */
  readonly destroyFails?: boolean;
}

const COLLECTION = "stacks";

/**
 * The stacks collection after completing every deletion that is due. Deletion is asynchronous in
 * the real API; finishing it lazily on access keeps the emulator free of timers and follows an
 * injected clock exactly.
 */
function collection(store: Store, nowMs: number): Map<string, StackRecord> {
  const stacks = store.collection<StackRecord>(COLLECTION);
  for (const stack of [...stacks.values()]) {
    if (stack.deleteAt !== null && stack.deleteAt <= nowMs) {
      if (stack.destroyFails === true) {
        stacks.set(stack.id, { ...stack, deleteAt: null, destroyFails: false });
        continue;
      }
      stacks.delete(stack.id);
      removeProjectData(store, stack.id);
    }
  }
  return stacks;
}

/** The stack with this id (including one being deleted), or undefined. */
export function findStack(store: Store, nowMs: number, id: string): StackRecord | undefined {
  return collection(store, nowMs).get(id);
}

/** Every stack, by name then id. */
export function listStacks(store: Store, nowMs: number): StackRecord[] {
  return [...collection(store, nowMs).values()].sort(byName);
}

/** Inserts or replaces a stack. */
export function saveStack(store: Store, stack: StackRecord): void {
  store.collection<StackRecord>(COLLECTION).set(stack.id, stack);
}
