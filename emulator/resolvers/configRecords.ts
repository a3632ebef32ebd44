import { createHash } from "node:crypto";
import type { Store } from "../store";
import { rejected } from "./errors";
import { unixSeconds } from "./ids";

/** What a config element belongs to: a context, or a stack or module (one id space in the API). */
export type ConfigOwnerKind = "context" | "project";

/** `ConfigType` enum values. */
export type ConfigType = "ENVIRONMENT_VARIABLE" | "FILE_MOUNT";

/** `ConfigInput` as the resolvers receive it. */
export interface ConfigInput {
  readonly id: string;
  readonly type: ConfigType;
  readonly value: string;
  readonly writeOnly: boolean;
  readonly description?: string | null;
  readonly fileMode?: string | null;
}

/** A config element as stored; the value is kept even when write-only, for its checksum. */
export interface ConfigElementRecord {
  readonly ownerKind: ConfigOwnerKind;
  readonly ownerId: string;
  readonly id: string;
  readonly type: ConfigType;
  readonly value: string;
  readonly writeOnly: boolean;
  readonly description: string | null;
  readonly fileMode: string | null;
  /** Lowercase hex SHA-256 of `value` exactly as sent. */
  readonly checksum: string;
  /** Unix seconds. */
  readonly createdAt: number;
}

const COLLECTION = "configElements";

function collection(store: Store): Map<string, ConfigElementRecord> {
  return store.collection<ConfigElementRecord>(COLLECTION);
}

function key(ownerKind: ConfigOwnerKind, ownerId: string, id: string): string {
  return `${ownerKind}:${ownerId}:${id}`;
}

/** Lowercase hex SHA-256 of a value string (UTF-8), as the API reports in `checksum`. */
export function configChecksum(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** The owner's config elements, ordered by id. */
export function listConfig(store: Store, ownerKind: ConfigOwnerKind, ownerId: string): ConfigElementRecord[] {
  return [...collection(store).values()]
    .filter((e) => e.ownerKind === ownerKind && e.ownerId === ownerId)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** One element of the owner, or undefined. */
export function findConfig(
  store: Store,
  ownerKind: ConfigOwnerKind,
  ownerId: string,
  id: string,
): ConfigElementRecord | undefined {
  return collection(store).get(key(ownerKind, ownerId, id));
}

/**
 * Adds or replaces the element with the input's id. A replaced element keeps its creation time,
 * because the element is the same one from the owner's point of view.
 */
export function upsertConfig(
  store: Store,
  ownerKind: ConfigOwnerKind,
  ownerId: string,
  input: ConfigInput,
  nowMs: number,
): ConfigElementRecord {
  validateConfigInput(input);
  const existing = findConfig(store, ownerKind, ownerId, input.id);
  const element: ConfigElementRecord = {
    ownerKind,
    ownerId,
    id: input.id,
    type: input.type,
    value: input.value,
    writeOnly: input.writeOnly,
    description: input.description ?? null,
    fileMode: input.fileMode ?? null,
    checksum: configChecksum(input.value),
    createdAt: existing?.createdAt ?? unixSeconds(nowMs),
  };
  collection(store).set(key(ownerKind, ownerId, input.id), element);
  return element;
}

/** Makes the owner's elements exactly `inputs` (elements not listed are deleted). */
export function replaceConfig(
  store: Store,
  ownerKind: ConfigOwnerKind,
  ownerId: string,
  inputs: readonly ConfigInput[],
  nowMs: number,
): void {
  const ids = new Set<string>();
  for (const input of inputs) {
    validateConfigInput(input);
    if (ids.has(input.id)) {
      throw rejected(`config element ${input.id} is given more than once`);
    }
    ids.add(input.id);
  }
  for (const element of listConfig(store, ownerKind, ownerId)) {
    if (!ids.has(element.id)) {
      removeConfig(store, ownerKind, ownerId, element.id);
    }
  }
  for (const input of inputs) {
    upsertConfig(store, ownerKind, ownerId, input, nowMs);
  }
}

/** Removes one element; returns it, or undefined when there was none. */
export function removeConfig(
  store: Store,
  ownerKind: ConfigOwnerKind,
  ownerId: string,
  id: string,
): ConfigElementRecord | undefined {
  const k = key(ownerKind, ownerId, id);
  const element = collection(store).get(k);
  collection(store).delete(k);
  return element;
}

/** Removes every element of the owner. */
export function removeAllConfig(store: Store, ownerKind: ConfigOwnerKind, ownerId: string): void {
  for (const element of listConfig(store, ownerKind, ownerId)) {
    removeConfig(store, ownerKind, ownerId, element.id);
  }
}

function validateConfigInput(input: ConfigInput): void {
  if (input.id.trim() === "") {
    throw rejected("config element id must not be empty");
  }
  if (input.type === "ENVIRONMENT_VARIABLE" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(input.id)) {
    throw rejected(
      `invalid environment variable name ${JSON.stringify(input.id)}: use letters, digits and underscores, not starting with a digit`,
    );
  }
  // Mounted files travel as Base64 so that binary content survives JSON.
  if (
    input.type === "FILE_MOUNT" &&
    !(input.value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(input.value))
  ) {
    throw rejected(`mounted file ${input.id}: content must be Base64-encoded`);
  }
  if (input.fileMode != null && !/^[0-7]{3,4}$/.test(input.fileMode)) {
    throw rejected(`mounted file ${input.id}: file mode must be octal, e.g. 0644`);
  }
}
