/**
 * What this provider process itself made, for skipping look-ups that cannot find anything.
 *
 * A kind whose create is an upsert (a config element: `contextConfigAdd` overwrites a variable of
 * the same name without a word) reads before every create, so that it never takes over an object
 * it did not make. Inside a parent object that this very process made moments ago with a create
 * mutation, that read can only find what this process has created there since: Spacelift makes a
 * context or stack without config elements, and the parent's id was new. So the first create of
 * each child id in such a parent needs no read; a second create of the same id (two resources
 * naming one variable, a replacement) reads as before and is refused or recovered as before.
 *
 * An object the process adopted, imported or took over is never recorded: it may hold children
 * already (an interrupted earlier deployment may have created some).
 *
 * @packageDocumentation
 */

/** An object by kind and Spacelift id. */
export interface ObjectRef {
  /** The resource kind, e.g. `Context`. */
  readonly kind: string;
  /** The object's Spacelift id. */
  readonly id: string;
}

/** Objects made by this process's creates, each with the child ids created in it since. */
export class MadeHere {
  readonly #children = new Map<string, Set<string>>();

  /** Records that a create mutation of this process made `object`, which holds nothing yet. */
  made(object: ObjectRef): void {
    this.#children.set(keyOf(object), new Set());
  }

  /** Forgets `object` (deleted): an object made later under its id was not made here. */
  forget(object: ObjectRef): void {
    this.#children.delete(keyOf(object));
  }

  /**
   * Claims `child` in `parent`. True only when this process made `parent` and never claimed
   * `child` in it before: then nothing of that id can be there yet.
   */
  claimUnused(parent: ObjectRef, child: string): boolean {
    const children = this.#children.get(keyOf(parent));
    if (children === undefined || children.has(child)) return false;
    children.add(child);
    return true;
  }
}

function keyOf(object: ObjectRef): string {
  return `${object.kind}\u0000${object.id}`;
}
