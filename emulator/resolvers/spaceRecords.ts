import type { Store } from "../store";
import { byName } from "./search";

/** A space as stored. */
export interface SpaceRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly inheritEntities: boolean;
  /** Null only for the root space. */
  readonly parentSpace: string | null;
  readonly labels: readonly string[];
  /** Unix seconds. */
  readonly createdAt: number;
}

/** Id of the space every account has, and the default space of everything. */
export const ROOT_SPACE_ID = "root";

const COLLECTION = "spaces";

function collection(store: Store): Map<string, SpaceRecord> {
  const spaces = store.collection<SpaceRecord>(COLLECTION);
  // Created on first access rather than at start-up, so a reset or empty state file still has it.
  if (!spaces.has(ROOT_SPACE_ID)) {
    spaces.set(ROOT_SPACE_ID, {
      id: ROOT_SPACE_ID,
      name: ROOT_SPACE_ID,
      description: "",
      inheritEntities: false,
      parentSpace: null,
      labels: [],
      createdAt: 0,
    });
  }
  return spaces;
}

/** The space with this id, or undefined. */
export function findSpace(store: Store, id: string): SpaceRecord | undefined {
  return collection(store).get(id);
}

/** Every space: root first, then by name. */
export function listSpaces(store: Store): SpaceRecord[] {
  return [...collection(store).values()].sort((a, b) => {
    if (a.id === ROOT_SPACE_ID || b.id === ROOT_SPACE_ID) {
      return a.id === ROOT_SPACE_ID ? -1 : 1;
    }
    return byName(a, b);
  });
}

/** Inserts or replaces a space. */
export function saveSpace(store: Store, space: SpaceRecord): void {
  collection(store).set(space.id, space);
}

/** Removes a space. */
export function removeSpace(store: Store, id: string): void {
  collection(store).delete(id);
}

/** Whether `ancestorId` is `spaceId` itself or one of its ancestors. */
export function isSameOrAncestor(store: Store, ancestorId: string, spaceId: string): boolean {
  for (let current = findSpace(store, spaceId); current; current = parentOf(store, current)) {
    if (current.id === ancestorId) {
      return true;
    }
  }
  return false;
}

/**
 * Whether something in space `readerId` may use an entity (context, policy, ...) of space `ownerId`:
 * the same space, or an ancestor reached through spaces that all inherit entities.
 */
export function canUseEntitiesOf(store: Store, readerId: string, ownerId: string): boolean {
  let current = findSpace(store, readerId);
  while (current) {
    if (current.id === ownerId) {
      return true;
    }
    if (!current.inheritEntities) {
      return false;
    }
    current = parentOf(store, current);
  }
  return false;
}

function parentOf(store: Store, space: SpaceRecord): SpaceRecord | undefined {
  return space.parentSpace === null ? undefined : findSpace(store, space.parentSpace);
}
