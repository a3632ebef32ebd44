/**
 * Taking over state that Spacelift's official Pulumi provider (`@spacelift-io/pulumi-spacelift`, a
 * Terraform bridge) wrote for the same objects.
 *
 * Every SDK class aliases the official type token of its class (`spacelift:index/stack:Stack`), so
 * once a program changes its import, Pulumi matches each official resource in state with the
 * pulumi-spacelift resource of the same name and asks this provider for an update: never a create
 * followed by a delete. The state it hands over is the official provider's: outputs named after
 * the official schema, Terraform's id, write-only values (a variable's value) kept as secrets,
 * bridge bookkeeping (`__meta`, `__defaults`), and no serialized provider.
 *
 * That is how such state is recognised: the bridge keeps Terraform's id as an output named `id`,
 * which Pulumi reserves for itself and this package never writes, and the dynamic-provider host
 * stores the serialized provider (`__provider`) in every output this package writes, which the
 * bridge never does. Rather than translating the official outputs field by field, the engine reads
 * the object from Spacelift by its id (the official ids are Terraform's import ids, which this
 * package's ids follow) and takes it over as the `import` resource option does: what is written
 * afterwards is this package's own state, with checksums in place of write-only values. Only
 * computed values Spacelift never returns again (a worker pool's generated private key) are
 * carried over. tests/fixtures/official-state holds such state, as the official provider wrote it.
 *
 * @packageDocumentation
 */

import { sha256Hex } from "./checksum";
import type { Fields } from "./descriptor";
import { isRecord, PROVIDER_KEY, type Values } from "./values";

/**
 * Whether old outputs were written by the official provider rather than by this package: they
 * carry Terraform's id as an `id` output and no serialized provider.
 */
export function writtenByOfficialProvider(outputs: unknown): boolean {
  return isRecord(outputs) && !(PROVIDER_KEY in outputs) && typeof outputs["id"] === "string";
}

/**
 * The computed values of `old` (outputs in the official provider's shape, already under this
 * package's names) that the takeover keeps: scalars only, since only they can be trusted to mean
 * the same under both schemas, and the engine prefers whatever Spacelift reports over them.
 */
export function carriedOver(fields: Fields, old: Values): Values {
  const kept: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    const value = old[name];
    if (!spec.computed || value === undefined || value === null) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      kept[name] = value;
  }
  return kept;
}

/**
 * Checksums of the write-only values `old` holds (the official provider keeps a variable's value or
 * a webhook's secret in its outputs, as a secret), keyed by this package's checksum fields. They
 * stand in where Spacelift reports no checksum (a webhook's secret), so a secret the program passes
 * unchanged is not sent again by the takeover. A value missing from the outputs of a field that
 * defaults to the empty string was never set (the bridge drops empty values); an empty value may
 * also be one Terraform could not read back, which then differs from the program's and is sent.
 */
export function formerChecksums(fields: Fields, old: Values): Values {
  const sums: Values = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (!spec.writeOnly) continue;
    const value = old[name] ?? (spec.default === "" ? "" : undefined);
    if (typeof value === "string") sums[spec.writeOnly.checksumField] = sha256Hex(value);
  }
  return sums;
}
