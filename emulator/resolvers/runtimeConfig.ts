import type { Store } from "../store";
import { contextsAttachedTo, type ContextAttachmentView } from "./attachments";
import { listConfig, type ConfigElementRecord } from "./configRecords";

/** One element of `Stack.runtimeConfig`: where it comes from, and the element. */
export interface RuntimeConfigEntry {
  /** The attachment of the context the element comes from; null for the stack's own element. */
  readonly context: ContextAttachmentView | null;
  readonly element: ConfigElementRecord;
}

/**
 * The configuration a run of the stack sees, one element per name: the stack's own elements win,
 * then those of the contexts attached by hand, the lowest priority number first (ties in the
 * order of attachment). Contexts attached through an `autoattach:` label are left out, as the real
 * API does: spacectl adds them itself from `attachedContexts { config }`. The emulator runs
 * nothing, so no element comes from a `.spacelift/config.yml` (`runtime` is always false).
 */
export function runtimeConfigOf(store: Store, nowMs: number, stackId: string): RuntimeConfigEntry[] {
  const entries: RuntimeConfigEntry[] = listConfig(store, "project", stackId).map((element) => ({
    context: null,
    element,
  }));
  const seen = new Set(entries.map((e) => e.element.id));
  for (const attachment of contextsAttachedTo(store, nowMs, stackId)) {
    if (attachment.isAutoattached) {
      continue;
    }
    for (const element of listConfig(store, "context", attachment.contextId)) {
      if (!seen.has(element.id)) {
        seen.add(element.id);
        entries.push({ context: attachment, element });
      }
    }
  }
  return entries;
}
