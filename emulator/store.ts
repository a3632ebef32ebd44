/**
 * The emulator's in-memory data: named collections of JSON records keyed by id.
 *
 * Each domain (spaces, stacks, contexts, ...) owns its collection names and record types in its
 * own module and reaches them through {@link Store.collection}; the store itself stays generic so
 * that persistence (`--state-file`) and test controls (reset, seeding) work for every domain alike.
 * Records must be plain JSON values: they are written to the state file as they are.
 */
export class Store {
  private readonly collections = new Map<string, Map<string, unknown>>();

  /** Returns the collection with this name, creating it empty on first use. */
  collection<T>(name: string): Map<string, T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new Map<string, unknown>();
      this.collections.set(name, c);
    }
    return c as Map<string, T>;
  }

  /** Removes every record of every collection. */
  clear(): void {
    this.collections.clear();
  }

  /** A JSON-serializable copy of all collections, for the state file. */
  toJSON(): StoreSnapshot {
    const out: StoreSnapshot = {};
    for (const [name, records] of this.collections) {
      out[name] = Object.fromEntries(records);
    }
    return out;
  }

  /** Replaces the store's content with a snapshot produced by {@link Store.toJSON}. */
  load(snapshot: StoreSnapshot): void {
    this.collections.clear();
    for (const [name, records] of Object.entries(snapshot)) {
      this.collections.set(name, new Map(Object.entries(records)));
    }
  }
}

/** The persisted form of a {@link Store}: collection name → record id → record. */
export type StoreSnapshot = Record<string, Record<string, unknown>>;
