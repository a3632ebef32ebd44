import type { Store } from "../store";
import { byName } from "./search";
import type { VcsSourceRecord } from "./stackRecords";

/** `TerraformWorkflowTool` enum values. */
export type TerraformWorkflowTool = "CUSTOM" | "OPEN_TOFU" | "TERRAFORM_FOSS";

/** A module as stored. */
export interface ModuleRecord extends VcsSourceRecord {
  /** `terraform-<terraformProvider>-<name>`. */
  readonly id: string;
  readonly name: string;
  readonly terraformProvider: string;
  readonly description: string | null;
  readonly space: string;
  readonly labels: readonly string[];
  readonly gitSparseCheckoutPaths: readonly string[];
  readonly administrative: boolean;
  readonly localPreviewEnabled: boolean;
  readonly protectFromDeletion: boolean;
  readonly isDisabled: boolean;
  readonly public: boolean;
  readonly sharedAccounts: readonly string[];
  /** Spaces the module is shared with (`moduleShare`); absent in data stored before they existed. */
  readonly spaceShares?: readonly string[];
  readonly runnerImage: string | null;
  readonly workerPool: string | null;
  readonly workflowTool: TerraformWorkflowTool;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

const COLLECTION = "modules";

function collection(store: Store): Map<string, ModuleRecord> {
  return store.collection<ModuleRecord>(COLLECTION);
}

/** The module with this id, or undefined. */
export function findModule(store: Store, id: string): ModuleRecord | undefined {
  return collection(store).get(id);
}

/** Every module, by name then id. */
export function listModules(store: Store): ModuleRecord[] {
  return [...collection(store).values()].sort(byName);
}

/** Inserts or replaces a module. */
export function saveModule(store: Store, module: ModuleRecord): void {
  collection(store).set(module.id, module);
}

/** Removes a module record (its attached data is dropped through the domain hooks). */
export function removeModuleRecord(store: Store, id: string): void {
  collection(store).delete(id);
}
