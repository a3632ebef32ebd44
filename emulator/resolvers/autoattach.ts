import type { Store } from "../store";
import { listModules } from "./moduleRecords";
import type { Project } from "./projects";
import { canUseEntitiesOf } from "./spaceRecords";
import { listStacks } from "./stackRecords";

/**
 * The label prefix by which a context or a policy attaches itself to stacks and modules: a context
 * labelled `autoattach:prod` is attached to every stack or module labelled `prod`, and
 * `autoattach:*` to every one, as long as the stack's space may use the context's space.
 */
export const AUTOATTACH_PREFIX = "autoattach:";

/** What auto-attaches: a context or a policy, by its labels and space. */
export interface AutoattachSource {
  readonly labels: readonly string[];
  readonly space: string;
}

/** Whether `source` attaches itself to `project` through an `autoattach:` label. */
export function autoattaches(store: Store, source: AutoattachSource, project: Project): boolean {
  const targets = source.labels
    .filter((label) => label.startsWith(AUTOATTACH_PREFIX))
    .map((label) => label.slice(AUTOATTACH_PREFIX.length));
  if (targets.length === 0) {
    return false;
  }
  const labels = project.record.labels;
  const wanted = targets.some((target) => target === "*" || labels.includes(target));
  return wanted && canUseEntitiesOf(store, project.record.space, source.space);
}

/** Every stack and module, stacks first, each by name: the candidates of auto-attachment. */
export function everyProject(store: Store, nowMs: number): Project[] {
  return [
    ...listStacks(store, nowMs).map((record): Project => ({ isModule: false, record })),
    ...listModules(store).map((record): Project => ({ isModule: true, record })),
  ];
}

/**
 * The id the API shows for an auto-attachment. It is no object of its own (removing the label is
 * the only way to detach it), so the id only has to be stable and distinct from real attachments,
 * whose ids are ULIDs.
 */
export function autoattachmentId(sourceId: string, projectId: string): string {
  return `${AUTOATTACH_PREFIX}${sourceId}:${projectId}`;
}
