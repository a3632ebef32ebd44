/**
 * Every object an emulator holds and every resource a Pulumi state holds, named alike (resource
 * kind and Pulumi id), so that a test can prove that they match one to one: no orphan (an object
 * no resource owns), no duplicate (two objects where the program declares one), nothing missing.
 *
 * @packageDocumentation
 */

import type { StoreSnapshot } from "../../../emulator";

/** The type token prefix of the SDK's resources in Pulumi state. */
export const TYPE_PREFIX = "pulumi-nodejs:dynamic/spacelift:";

/** One object or resource: its SDK kind (`Space`) and the id its Pulumi resource has. */
export interface Item {
  readonly kind: string;
  readonly id: string;
}

/** An emulator object, with the key that must be unique per kind for the program's objects. */
export interface StoredItem extends Item {
  /** What the object is, by its natural key (a name, what an attachment attaches...). */
  readonly naturalKey: string;
}

/** Everything an emulator holds, as {@link StoredItem}s. */
export interface StoreInventory {
  readonly items: readonly StoredItem[];
  /** Non-empty collections this inventory does not know how to read (a test must fail on them). */
  readonly unknownCollections: readonly string[];
}

type Rec = Record<string, unknown>;

/** Collections that hold no object of their own: settings, and AWS roles derived from attachments. */
const NOT_OBJECTS = new Set(["settings", "stackAwsRoles"]);

const str = (r: Rec, field: string): string => String(r[field]);

/**
 * How to name each collection's records: the SDK kind, the Pulumi id (see each descriptor's `id`
 * in `provider/resources/`) and the natural key.
 */
const COLLECTIONS: Readonly<Record<string, (r: Rec, all: StoreSnapshot) => StoredItem | undefined>> = {
  spaces: (r) =>
    r.id === "root"
      ? undefined
      : { kind: "Space", id: str(r, "id"), naturalKey: `${str(r, "parentSpace")}/${str(r, "name")}` },
  stacks: (r) => ({ kind: "Stack", id: str(r, "id"), naturalKey: str(r, "name") }),
  contexts: (r) => ({ kind: "Context", id: str(r, "id"), naturalKey: str(r, "name") }),
  policies: (r) => ({ kind: "Policy", id: str(r, "id"), naturalKey: str(r, "name") }),
  modules: (r) => ({
    kind: "Module",
    id: str(r, "id"),
    naturalKey: `${str(r, "terraformProvider")}/${str(r, "name")}`,
  }),
  workerPools: (r) => ({ kind: "WorkerPool", id: str(r, "id"), naturalKey: str(r, "name") }),
  namedWebhooks: (r) => ({ kind: "NamedWebhook", id: str(r, "id"), naturalKey: str(r, "name") }),
  awsIntegrations: (r) => ({ kind: "AwsIntegration", id: str(r, "id"), naturalKey: str(r, "name") }),
  webhooks: (r) => ({
    kind: "Webhook",
    id: str(r, "id"),
    naturalKey: `${str(r, "projectId")} -> ${str(r, "endpoint")}`,
  }),
  configElements: (r, all) => {
    // The emulator files stacks' and modules' elements alike under "project"; ids name which.
    const owner = str(r, "ownerKind") === "context" ? "context" : ownerKindOf(str(r, "ownerId"), all);
    const id = `${owner}/${str(r, "ownerId")}/${str(r, "id")}`;
    return { kind: r.type === "FILE_MOUNT" ? "MountedFile" : "EnvironmentVariable", id, naturalKey: id };
  },
  contextAttachments: (r) => ({
    kind: "ContextAttachment",
    id: `${str(r, "contextId")}/${str(r, "id")}`,
    naturalKey: `${str(r, "contextId")} -> ${str(r, "projectId")}`,
  }),
  policyAttachments: (r) => ({
    kind: "PolicyAttachment",
    id: `${str(r, "policyId")}/${str(r, "id")}`,
    naturalKey: `${str(r, "policyId")} -> ${str(r, "projectId")}`,
  }),
  awsIntegrationAttachments: (r) => ({
    kind: "AwsIntegrationAttachment",
    id: `${str(r, "integrationId")}/${str(r, "projectId")}`,
    naturalKey: `${str(r, "integrationId")} -> ${str(r, "projectId")}`,
  }),
  driftDetections: (r) => ({
    kind: "DriftDetection",
    id: str(r, "projectId"),
    naturalKey: str(r, "projectId"),
  }),
  stackDependencies: (r) => ({
    kind: "StackDependency",
    id: `${str(r, "stackId")}/${str(r, "id")}`,
    naturalKey: `${str(r, "stackId")} -> ${str(r, "dependsOnStackId")}`,
  }),
  stackDependencyReferences: (r, all) => {
    const dependency = all.stackDependencies?.[str(r, "dependencyId")] as Rec | undefined;
    return {
      kind: "StackDependencyReference",
      id: `${dependency ? str(dependency, "stackId") : "?"}/${str(r, "dependencyId")}/${str(r, "id")}`,
      naturalKey: `${str(r, "dependencyId")}: ${str(r, "outputName")} -> ${str(r, "inputName")}`,
    };
  },
};

function ownerKindOf(projectId: string, all: StoreSnapshot): string {
  if (all.stacks?.[projectId] !== undefined) return "stack";
  if (all.modules?.[projectId] !== undefined) return "module";
  return "project";
}

/** Reads every object of an emulator's store snapshot (`emulator.store.toJSON()`). */
export function storeInventory(snapshot: StoreSnapshot): StoreInventory {
  const items: StoredItem[] = [];
  const unknownCollections: string[] = [];
  for (const [name, records] of Object.entries(snapshot)) {
    const values = Object.values(records);
    if (NOT_OBJECTS.has(name) || values.length === 0) continue;
    const read = COLLECTIONS[name];
    if (!read) {
      unknownCollections.push(name);
      continue;
    }
    for (const record of values) {
      const item = read(record as Rec, snapshot);
      if (item) items.push(item);
    }
  }
  return { items, unknownCollections };
}

/** The parts of a `pulumi stack export` deployment this module reads. */
export interface Deployment {
  readonly resources?: readonly { readonly urn: string; readonly type: string; readonly id?: string }[];
  readonly pending_operations?: readonly {
    readonly type: string;
    readonly resource: { readonly urn: string; readonly type: string };
  }[];
}

/** The SDK's resources in a deployment (the Pulumi stack and providers left out), with their URNs. */
export function stateInventory(deployment: Deployment): (Item & { readonly urn: string })[] {
  return (deployment.resources ?? [])
    .filter((r) => r.type.startsWith(TYPE_PREFIX))
    .map((r) => ({ kind: r.type.slice(TYPE_PREFIX.length), id: String(r.id), urn: r.urn }));
}

/** How state and emulator differ; all empty when they match one to one. */
export interface InventoryDiff {
  /** Emulator objects no resource in state owns. */
  readonly orphans: readonly string[];
  /** Resources in state whose object the emulator does not hold. */
  readonly missing: readonly string[];
  /** Natural keys held by more than one emulator object, with how many. */
  readonly duplicates: readonly string[];
  /** Resources that appear twice in state. */
  readonly duplicatedInState: readonly string[];
}

/** Compares a state's resources with an emulator's objects. */
export function compareInventories(state: readonly Item[], stored: readonly StoredItem[]): InventoryDiff {
  const name = (i: Item) => `${i.kind} ${i.id}`;
  const inState = countBy(state.map(name));
  const inStore = new Set(stored.map(name));
  const naturalKeys = countBy(stored.map((i) => `${i.kind} ${i.naturalKey}`));
  return {
    orphans: stored.map(name).filter((n) => !inState.has(n)),
    missing: [...inState.keys()].filter((n) => !inStore.has(n)),
    duplicates: [...naturalKeys].filter(([, n]) => n > 1).map(([k, n]) => `${k} (x${n})`),
    duplicatedInState: [...inState].filter(([, n]) => n > 1).map(([k]) => k),
  };
}

/** How many items of each kind. */
export function countKinds(items: readonly Item[]): Record<string, number> {
  return Object.fromEntries([...countBy(items.map((i) => i.kind))].sort(([a], [b]) => a.localeCompare(b)));
}

function countBy(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}
