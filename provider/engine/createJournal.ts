/**
 * A local record of creates that were sent but whose outcome Pulumi may never have stored.
 *
 * Before the engine sends a create for a resource whose program gave it a resource key (see
 * `RESOURCE_KEY`), it writes an entry for that key; when the answer arrives it adds the new
 * object's id. If the Pulumi CLI is killed in between, or the answer is lost, the next `pulumi up`
 * calls create again for the same resource and the entry is the evidence that an object found in
 * Spacelift was made by this very resource, for kinds that carry no marker of their own
 * (environment variables, mounted files, attachments, dependencies, webhooks).
 *
 * Entries live as one small JSON file per key, written with write-then-rename so a kill never
 * leaves half an entry. A journal that cannot be written (a read-only home) degrades to in-memory:
 * recovery then works only within one process, and the engine says so in the errors it gives.
 *
 * @packageDocumentation
 */

import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Environment variable naming the journal directory. */
export const JOURNAL_DIR_ENV = "SPACELIFT_CREATE_JOURNAL_DIR";

/** Entries older than this are removed: no interrupted deployment is recovered a month later. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** One create this machine sent for a resource. */
export interface JournalEntry {
  /** The resource key the program gave the resource. */
  readonly key: string;
  /** The resource kind (`Space`). */
  readonly kind: string;
  /** When the create was first sent, epoch ms. */
  readonly startedAt: number;
  /** When its answer arrived, epoch ms; absent while the outcome is unknown. */
  readonly finishedAt?: number;
  /** The id of the object it made, once known. */
  readonly id?: string;
}

/** Where creates are recorded; {@link fileJournal} in the provider, an in-memory one in tests. */
export interface CreateJournal {
  /** The entry for `key`, if any. */
  get(key: string): JournalEntry | undefined;
  /** Records (replacing any earlier entry) that a create for `key` is about to be sent. */
  begin(key: string, kind: string, startedAt: number): void;
  /** Records the id the create of `key` produced. */
  finish(key: string, id: string, finishedAt: number): void;
}

/** A journal kept in memory only (tests, and the fallback when no directory is writable). */
export function memoryJournal(): CreateJournal {
  const entries = new Map<string, JournalEntry>();
  return {
    get: (key) => entries.get(key),
    begin: (key, kind, startedAt) => void entries.set(key, { key, kind, startedAt }),
    finish(key, id, finishedAt) {
      const entry = entries.get(key);
      if (entry) entries.set(key, { ...entry, id, finishedAt });
    },
  };
}

/**
 * The journal directory: `SPACELIFT_CREATE_JOURNAL_DIR`, else `pulumi-spacelift/creates` under
 * `PULUMI_HOME` (Pulumi's own per-user directory, `~/.pulumi` by default), so it lives wherever the
 * user keeps Pulumi's state of the machine and is cached with it in CI.
 */
export function journalDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env[JOURNAL_DIR_ENV];
  if (explicit) return explicit;
  return join(env.PULUMI_HOME || join(homedir(), ".pulumi"), "pulumi-spacelift", "creates");
}

/**
 * A journal of one file per key in `dir`. Every write falls back to memory when the file system
 * refuses it, so a journal problem never fails a deployment.
 */
export function fileJournal(dir: string, now: () => number = Date.now): CreateJournal {
  const memory = memoryJournal();
  let usable = true;
  // The directory is made, and old entries pruned, on the first write of the process only.
  let prepared = false;
  const path = (key: string) => join(dir, `${encodeURIComponent(key)}.json`);

  const write = (entry: JournalEntry) => {
    if (!usable) return;
    try {
      if (!prepared) {
        mkdirSync(dir, { recursive: true });
        prune(dir, now());
        prepared = true;
      }
      const target = path(entry.key);
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(entry));
      renameSync(temp, target);
    } catch {
      usable = false;
    }
  };

  return {
    get(key) {
      const known = memory.get(key);
      if (known || !usable) return known;
      try {
        return parseEntry(readFileSync(path(key), "utf8"), key);
      } catch {
        return undefined;
      }
    },
    begin(key, kind, startedAt) {
      memory.begin(key, kind, startedAt);
      write({ key, kind, startedAt });
    },
    finish(key, id, finishedAt) {
      memory.finish(key, id, finishedAt);
      const entry = memory.get(key);
      if (entry) write(entry);
    },
  };
}

function parseEntry(text: string, key: string): JournalEntry | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null) return undefined;
  const e = value as Record<string, unknown>;
  if (e.key !== key || typeof e.kind !== "string" || typeof e.startedAt !== "number") return undefined;
  return {
    key,
    kind: e.kind,
    startedAt: e.startedAt,
    ...(typeof e.finishedAt === "number" ? { finishedAt: e.finishedAt } : {}),
    ...(typeof e.id === "string" ? { id: e.id } : {}),
  };
}

function prune(dir: string, nowMs: number): void {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    try {
      if (nowMs - statSync(file).mtimeMs > MAX_AGE_MS) unlinkSync(file);
    } catch {
      // Another process pruned it first.
    }
  }
}
