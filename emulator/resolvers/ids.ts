import { ulid } from "ulid";

/**
 * The slug Spacelift derives from a name: lower case, every run of characters other than ASCII
 * letters and digits turned into one `-`, leading and trailing `-` removed.
 */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Whether `value` already has the form {@link slugify} produces (and is not empty). */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}

/** A new ULID whose time part is `nowMs`, so ids sort by creation under an injected clock too. */
export function newUlid(nowMs: number): string {
  return ulid(nowMs);
}

/** Epoch milliseconds to the Unix seconds the API uses for timestamps. */
export function unixSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}
