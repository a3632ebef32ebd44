import type { Store } from "../store";

/** A context attached to a stack or module. */
export interface ContextAttachmentRecord {
  readonly id: string;
  readonly contextId: string;
  readonly projectId: string;
  readonly isModule: boolean;
  readonly priority: number;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** A policy attached to a stack or module. */
export interface PolicyAttachmentRecord {
  readonly id: string;
  readonly policyId: string;
  readonly projectId: string;
  readonly isModule: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** Store collection of context attachments, keyed by attachment id. */
export function contextAttachments(store: Store): Map<string, ContextAttachmentRecord> {
  return store.collection<ContextAttachmentRecord>("contextAttachments");
}

/** Store collection of policy attachments, keyed by attachment id. */
export function policyAttachments(store: Store): Map<string, PolicyAttachmentRecord> {
  return store.collection<PolicyAttachmentRecord>("policyAttachments");
}

/** Context attachments matching `filter`, by priority then id (the order runs apply them in). */
export function listContextAttachments(
  store: Store,
  filter: (a: ContextAttachmentRecord) => boolean,
): ContextAttachmentRecord[] {
  return [...contextAttachments(store).values()]
    .filter(filter)
    .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
}

/** Policy attachments matching `filter`, by id (creation order). */
export function listPolicyAttachments(
  store: Store,
  filter: (a: PolicyAttachmentRecord) => boolean,
): PolicyAttachmentRecord[] {
  return [...policyAttachments(store).values()].filter(filter).sort((a, b) => a.id.localeCompare(b.id));
}

/** Removes every attachment (of either kind) matching the filters. */
export function removeAttachments(
  store: Store,
  filter: { readonly projectId?: string; readonly contextId?: string; readonly policyId?: string },
): void {
  for (const a of [...contextAttachments(store).values()]) {
    if (a.projectId === filter.projectId || a.contextId === filter.contextId) {
      contextAttachments(store).delete(a.id);
    }
  }
  for (const a of [...policyAttachments(store).values()]) {
    if (a.projectId === filter.projectId || a.policyId === filter.policyId) {
      policyAttachments(store).delete(a.id);
    }
  }
}
