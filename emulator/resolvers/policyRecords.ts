import type { Store } from "../store";
import { byName } from "./search";

/** `PolicyType` values as stored: deprecated names are stored under their current name. */
export type PolicyType =
  | "ACCESS"
  | "APPROVAL"
  | "GIT_PUSH"
  | "INITIALIZATION"
  | "INTENT"
  | "LOGIN"
  | "NOTIFICATION"
  | "PLAN"
  | "TASK"
  | "TRIGGER";

/** `PolicyType` values clients may send, deprecated ones included. */
export type PolicyTypeInput = PolicyType | "STACK_ACCESS" | "TASK_RUN" | "TERRAFORM_PLAN";

/** `PolicyEngineType` enum values. */
export type PolicyEngineType = "REGO_V0" | "REGO_V1";

/** A policy as stored. */
export interface PolicyRecord {
  /** The slug of the name at creation. */
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly type: PolicyType;
  readonly engineType: PolicyEngineType;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

const COLLECTION = "policies";

function collection(store: Store): Map<string, PolicyRecord> {
  return store.collection<PolicyRecord>(COLLECTION);
}

/** The policy with this id, or undefined. */
export function findPolicy(store: Store, id: string): PolicyRecord | undefined {
  return collection(store).get(id);
}

/** Every policy, by name then id. */
export function listPolicies(store: Store): PolicyRecord[] {
  return [...collection(store).values()].sort(byName);
}

/** Inserts or replaces a policy. */
export function savePolicy(store: Store, policy: PolicyRecord): void {
  collection(store).set(policy.id, policy);
}

/** Removes a policy record. */
export function removePolicyRecord(store: Store, id: string): void {
  collection(store).delete(id);
}

// The API answers with the current name when given a deprecated one (the Terraform provider
// suppresses exactly this difference).
const CURRENT_NAMES: Readonly<Record<string, PolicyType>> = {
  STACK_ACCESS: "ACCESS",
  TASK_RUN: "TASK",
  TERRAFORM_PLAN: "PLAN",
};

/** The current name of a policy type. */
export function currentPolicyType(type: PolicyTypeInput): PolicyType {
  return CURRENT_NAMES[type] ?? (type as PolicyType);
}
