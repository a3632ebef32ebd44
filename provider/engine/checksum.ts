/**
 * The checksum Spacelift reports for write-only configuration values.
 *
 * @packageDocumentation
 */

import { createHash } from "node:crypto";

/** Lowercase hex SHA-256 of the exact UTF-8 text, as Spacelift computes it for config values. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
