import type { Store } from "../store";
import type { ResolverMap } from "./resolverMap";

/**
 * One domain of the emulated API (spaces, stacks, contexts, ...): its resolvers plus the hooks
 * through which the other domains learn about it without importing it. `resolvers/index.ts` lists
 * the modules; adding a domain is adding it to that list.
 */
export interface DomainModule {
  /** Resolvers of the domain's fields. No two modules may resolve the same field. */
  readonly resolvers: ResolverMap;
  /**
   * Drops the domain's data that hangs off a stack or module which is gone for good (after an
   * asynchronous stack deletion completes, or when a module is deleted).
   */
  readonly removeProjectData?: (store: Store, projectId: string) => void;
  /**
   * Why the stack or module cannot be deleted now (e.g. it still has dependencies), or null. The
   * reason becomes the deletion's error message.
   */
  readonly projectDeletionBlocker?: (store: Store, projectId: string, nowMs: number) => string | null;
  /**
   * What of this domain still lives in a space, e.g. `2 contexts`, or null when nothing does. A
   * space can only be deleted once every domain answers null.
   */
  readonly spaceOccupants?: (store: Store, spaceId: string, nowMs: number) => string | null;
}

let installed: readonly DomainModule[] = [];

/**
 * Makes the modules' hooks visible to {@link removeProjectData}, {@link projectDeletionBlocker} and
 * {@link spaceOccupants}. Called once by `resolvers/index.ts`; a registry rather than imports so
 * that a domain never has to import the domains that depend on it.
 */
export function installDomainModules(modules: readonly DomainModule[]): void {
  installed = [...modules];
}

/** Runs every domain's {@link DomainModule.removeProjectData} for a stack or module. */
export function removeProjectData(store: Store, projectId: string): void {
  for (const module of installed) {
    module.removeProjectData?.(store, projectId);
  }
}

/** The first reason a domain gives for keeping the stack or module, or null. */
export function projectDeletionBlocker(store: Store, projectId: string, nowMs: number): string | null {
  for (const module of installed) {
    const reason = module.projectDeletionBlocker?.(store, projectId, nowMs) ?? null;
    if (reason !== null) {
      return reason;
    }
  }
  return null;
}

/** Every domain's description of what still lives in the space (empty when it is empty). */
export function spaceOccupants(store: Store, spaceId: string, nowMs: number): string[] {
  const found: string[] = [];
  for (const module of installed) {
    const occupants = module.spaceOccupants?.(store, spaceId, nowMs) ?? null;
    if (occupants !== null) {
      found.push(occupants);
    }
  }
  return found;
}

/** `1 stack`, `3 stacks`: for occupant descriptions. */
export function countOf(count: number, singular: string, plural: string): string | null {
  if (count === 0) {
    return null;
  }
  return `${count} ${count === 1 ? singular : plural}`;
}
