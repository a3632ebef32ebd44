/**
 * Every object an emulator holds and every resource a Pulumi state holds, named alike (resource
 * kind and Pulumi id), so that the end-to-end tests can prove that a run made each object exactly
 * once, whatever faults or kills it went through: no orphan (an object no resource owns), no
 * duplicate (two objects where the program declares one), nothing missing, nothing left pending.
 *
 * The emulator side is read from the store snapshot, without an API call, so that it can be
 * taken while fault rules are active or answers are held (a kill test polls it mid-run).
 *
 * @packageDocumentation
 */

import { strict as assert } from "node:assert";

import type { Stack } from "@pulumi/pulumi/automation";

import type { EmulatorHandle, StoreSnapshot } from "../../../emulator";
import { EVERY_KIND } from "../programs/everyKind";

/** The type token prefix of the SDK's resources in Pulumi state. */
export const TYPE_PREFIX = "pulumi-nodejs:dynamic/spacelift:";

/** Resource kinds the SDK exports, for checking that state holds no other. */
const KNOWN_KINDS: ReadonlySet<string> = new Set(EVERY_KIND);

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

/** A resource of a stack's state, with its URN. */
export interface StateItem extends Item {
  readonly urn: string;
}

type Rec = Record<string, unknown>;

/** A record read from the store: the item, and the stacks or modules whose deletion takes it along. */
interface Read {
  readonly item: StoredItem;
  readonly projects: readonly string[];
}

/**
 * Collections that hold no object of their own: settings, and AWS roles derived from attachments.
 * The root space is the emulator's own and is left out too (see `spaces` below).
 */
const NOT_OBJECTS = new Set(["settings", "stackAwsRoles"]);

const str = (r: Rec, field: string): string => String(r[field]);

/** A plain object of a kind, named by its `id`, that belongs to no stack. */
const plain =
  (kind: string, naturalKey: (r: Rec) => string) =>
  (r: Rec): Read => ({ item: { kind, id: str(r, "id"), naturalKey: naturalKey(r) }, projects: [] });

/**
 * How to name each collection's records: the SDK kind, the Pulumi id (see each descriptor's `id`
 * in `provider/resources/`), the natural key, and the projects it belongs to (the emulator removes
 * a project's data with it).
 */
const COLLECTIONS: Readonly<Record<string, (r: Rec, all: StoreSnapshot) => Read | undefined>> = {
  spaces: (r) =>
    r.id === "root" ? undefined : plain("Space", (s) => `${str(s, "parentSpace")}/${str(s, "name")}`)(r),
  stacks: (r) => ({
    item: { kind: "Stack", id: str(r, "id"), naturalKey: str(r, "name") },
    projects: [str(r, "id")],
  }),
  contexts: plain("Context", (r) => str(r, "name")),
  policies: plain("Policy", (r) => str(r, "name")),
  modules: plain("Module", (r) => `${str(r, "terraformProvider")}/${str(r, "name")}`),
  workerPools: plain("WorkerPool", (r) => str(r, "name")),
  namedWebhooks: plain("NamedWebhook", (r) => str(r, "name")),
  awsIntegrations: plain("AwsIntegration", (r) => str(r, "name")),
  webhooks: (r) => ({
    item: {
      kind: "Webhook",
      id: str(r, "id"),
      naturalKey: `${str(r, "projectId")} -> ${str(r, "endpoint")}`,
    },
    projects: [str(r, "projectId")],
  }),
  configElements: (r, all) => {
    // The emulator files stacks' and modules' elements alike under "project"; Pulumi ids name which.
    // An element of a project that exists no more keeps "project": it then shows as an orphan.
    const ownerId = str(r, "ownerId");
    const owner = str(r, "ownerKind") === "context" ? "context" : projectKindOf(ownerId, all);
    const id = `${owner}/${ownerId}/${str(r, "id")}`;
    return {
      item: { kind: r.type === "FILE_MOUNT" ? "MountedFile" : "EnvironmentVariable", id, naturalKey: id },
      projects: owner === "context" ? [] : [ownerId],
    };
  },
  contextAttachments: (r) => ({
    item: {
      kind: "ContextAttachment",
      id: `${str(r, "contextId")}/${str(r, "id")}`,
      naturalKey: `${str(r, "contextId")} -> ${str(r, "projectId")}`,
    },
    projects: [str(r, "projectId")],
  }),
  policyAttachments: (r) => ({
    item: {
      kind: "PolicyAttachment",
      id: `${str(r, "policyId")}/${str(r, "id")}`,
      naturalKey: `${str(r, "policyId")} -> ${str(r, "projectId")}`,
    },
    projects: [str(r, "projectId")],
  }),
  awsIntegrationAttachments: (r) => ({
    item: {
      kind: "AwsIntegrationAttachment",
      id: `${str(r, "integrationId")}/${str(r, "projectId")}`,
      naturalKey: `${str(r, "integrationId")} -> ${str(r, "projectId")}`,
    },
    projects: [str(r, "projectId")],
  }),
  driftDetections: (r) => ({
    item: { kind: "DriftDetection", id: str(r, "projectId"), naturalKey: str(r, "projectId") },
    projects: [str(r, "projectId")],
  }),
  stackDependencies: (r) => ({
    item: {
      kind: "StackDependency",
      id: `${str(r, "stackId")}/${str(r, "id")}`,
      naturalKey: `${str(r, "stackId")} -> ${str(r, "dependsOnStackId")}`,
    },
    projects: [str(r, "stackId"), str(r, "dependsOnStackId")],
  }),
  stackDependencyReferences: (r, all) => {
    const dependency = all.stackDependencies?.[str(r, "dependencyId")] as Rec | undefined;
    return {
      item: {
        kind: "StackDependencyReference",
        id: `${dependency ? str(dependency, "stackId") : "(no dependency)"}/${str(r, "dependencyId")}/${str(r, "id")}`,
        naturalKey: `${str(r, "dependencyId")}: ${str(r, "outputName")} -> ${str(r, "inputName")}`,
      },
      projects: dependency ? [str(dependency, "stackId"), str(dependency, "dependsOnStackId")] : [],
    };
  },
};

function projectKindOf(projectId: string, all: StoreSnapshot): string {
  if (all.stacks?.[projectId] !== undefined) return "stack";
  if (all.modules?.[projectId] !== undefined) return "module";
  return "project";
}

/**
 * Every object the emulator holds, under the id its Pulumi resource would have (composite ids
 * such as `context/<contextId>/<name>` or `<policyId>/<attachmentId>` are rebuilt from the
 * records). The root space is left out, and so is every stack whose deletion was accepted, with
 * everything the emulator removes along with it: the emulator only drops them from its store on
 * the next access after their delay, but for Pulumi (and the API's `deleting`) they are gone.
 * Fails on a non-empty store collection it does not know, so that a new kind of object cannot
 * slip past the tests.
 *
 * @param emulator - the running emulator
 */
export function storeInventory(emulator: EmulatorHandle): StoredItem[] {
  const snapshot = emulator.store.toJSON();
  const deleting = new Set(
    Object.values(snapshot.stacks ?? {})
      .map((s) => s as Rec)
      .filter((s) => s.deleteAt !== null && s.deleteAt !== undefined)
      .map((s) => str(s, "id")),
  );
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
      const found = read(record as Rec, snapshot);
      if (found && !found.projects.some((p) => deleting.has(p))) items.push(found.item);
    }
  }
  assert.deepEqual(unknownCollections, [], "the emulator holds objects the tests do not know how to count");
  return items;
}

/** The parts of a `pulumi stack export` deployment this module reads. */
export interface Deployment {
  readonly resources?: readonly {
    readonly urn: string;
    readonly type: string;
    readonly id?: string;
    readonly external?: boolean;
  }[];
  readonly pending_operations?: readonly {
    readonly type: string;
    readonly resource: { readonly urn: string; readonly type: string };
  }[];
}

/** A stack's exported deployment (`pulumi stack export`). */
export async function exportDeployment(stack: Stack): Promise<Deployment> {
  return (await stack.exportStack()).deployment as Deployment;
}

/**
 * The Spacelift resources a deployment manages (the Pulumi stack and providers left out, and so
 * are resources read with `.get`: they belong to someone else), with their URNs. Fails on a type
 * of the SDK's that is not a known kind.
 */
export function stateInventory(deployment: Deployment): StateItem[] {
  return (deployment.resources ?? [])
    .filter((r) => r.type.startsWith(TYPE_PREFIX) && !r.external)
    .map((r) => {
      const kind = r.type.slice(TYPE_PREFIX.length);
      assert.ok(KNOWN_KINDS.has(kind), `unexpected resource type ${r.type}`);
      return { kind, id: String(r.id), urn: r.urn };
    });
}

/** `Kind id`: how an item is named in comparisons and failure messages. */
export const itemName = (i: Item): string => `${i.kind} ${i.id}`;

/** The items of `after` whose `Kind id` `before` did not hold: the objects a run added since. */
export function addedSince<T extends Item>(after: readonly T[], before: readonly Item[]): T[] {
  const old = new Set(before.map(itemName));
  return after.filter((i) => !old.has(itemName(i)));
}

/** How state and emulator differ; all empty when they match one to one. */
export interface InventoryDiff {
  /** Emulator objects no resource in state owns. */
  readonly orphans: readonly string[];
  /** Resources in state whose object the emulator does not hold. */
  readonly missing: readonly string[];
  /** Ids or natural keys held by more than one emulator object, with how many. */
  readonly duplicates: readonly string[];
  /** Resources that appear twice in state. */
  readonly duplicatedInState: readonly string[];
}

/** Compares a state's resources with an emulator's objects. */
export function compareInventories(state: readonly Item[], stored: readonly StoredItem[]): InventoryDiff {
  const inState = countBy(state.map(itemName));
  const inStore = countBy(stored.map(itemName));
  const naturalKeys = countBy(stored.map((i) => `${i.kind} ${i.naturalKey}`));
  const repeated = (counts: Map<string, number>) =>
    [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} (x${n})`);
  return {
    orphans: [...inStore.keys()].filter((n) => !inState.has(n)),
    missing: [...inState.keys()].filter((n) => !inStore.has(n)),
    duplicates: [...repeated(inStore), ...repeated(naturalKeys)],
    duplicatedInState: [...inState].filter(([, n]) => n > 1).map(([k]) => k),
  };
}

/** How many items of each kind, sorted by kind. */
export function countKinds(items: readonly Item[]): Record<string, number> {
  return sortedCounts(Object.fromEntries(countBy(items.map((i) => i.kind))));
}

/**
 * Fails unless state and emulator match one to one ({@link compareInventories} finds nothing),
 * the deployment has no pending operation, and both hold, per kind, exactly the declared number.
 *
 * @param deployment - the stack's exported deployment
 * @param stored - the run's objects in the emulator (usually {@link addedSince} a baseline)
 * @param declared - how many resources of each kind the program declares (zero counts are ignored)
 * @param label - what was checked, for the failure message
 */
export function assertExactlyOnce(
  deployment: Deployment,
  stored: readonly StoredItem[],
  declared: Readonly<Record<string, number>>,
  label: string,
): void {
  const state = stateInventory(deployment);
  const expected = sortedCounts(Object.fromEntries(Object.entries(declared).filter(([, n]) => n > 0)));
  assert.deepEqual(
    {
      ...compareInventories(state, stored),
      pendingOperations: (deployment.pending_operations ?? []).map((op) => `${op.type} ${op.resource.urn}`),
      inState: countKinds(state),
      inEmulator: countKinds(stored),
    },
    {
      orphans: [],
      missing: [],
      duplicates: [],
      duplicatedInState: [],
      pendingOperations: [],
      inState: expected,
      inEmulator: expected,
    },
    `${label}: the run did not make each object exactly once`,
  );
}

function sortedCounts(counts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function countBy(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}
