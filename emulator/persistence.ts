import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { Store, StoreSnapshot } from "./store";

/** Thrown when a state file exists but cannot be used; the message names the file. */
export class StateFileError extends Error {}

/**
 * Loads a state file into the store. A missing file is not an error (the first run creates it);
 * an unreadable or malformed one is, because silently starting empty would lose the user's data
 * at the next write.
 *
 * @returns whether a file was loaded
 */
export async function loadStateFile(file: string, store: Store): Promise<boolean> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      return false;
    }
    throw new StateFileError(`cannot read state file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileError(`state file ${file} is not valid JSON; move it away or fix it`);
  }
  if (!isSnapshot(parsed)) {
    throw new StateFileError(
      `state file ${file} is not emulator state (expected an object of collections of records)`,
    );
  }
  store.load(parsed);
  return true;
}

function isSnapshot(value: unknown): value is StoreSnapshot {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  return isRecord(value) && Object.values(value).every(isRecord);
}

/**
 * Writes the store to a state file, atomically: the JSON goes to a temporary file in the same
 * directory (so the rename stays on one file system) and is then renamed over the target, so a
 * crash mid-write never leaves a truncated file.
 *
 * Concurrent {@link StateFileWriter.save} calls are coalesced: one write runs at a time, and a
 * request that arrives during a write triggers one more write of the then-current state.
 */
export class StateFileWriter {
  private running: Promise<void> | null = null;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly file: string,
    private readonly store: Store,
  ) {}

  /** Resolves once a write that started after this call has finished. */
  save(): Promise<void> {
    if (!this.running) {
      this.running = this.write().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.pending) {
      this.pending = this.running.then(
        () => this.startQueued(),
        () => this.startQueued(),
      );
    }
    return this.pending;
  }

  private startQueued(): Promise<void> {
    this.pending = null;
    return this.save();
  }

  private async write(): Promise<void> {
    const text = JSON.stringify(this.store.toJSON(), null, 2) + "\n";
    const dir = path.dirname(this.file);
    const temp = path.join(
      dir,
      `.${path.basename(this.file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
    );
    try {
      await fs.writeFile(temp, text, "utf8");
      await fs.rename(temp, this.file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw new StateFileError(`cannot write state file ${this.file}: ${(err as Error).message}`);
    }
  }
}
