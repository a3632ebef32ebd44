/**
 * Counting what a deployment left behind: every object the emulator holds, keyed by the Pulumi id
 * its resource would have, compared with the ids in a stack's exported state. This is how the
 * end-to-end tests prove that a run made each object exactly once (no duplicates, no orphans, no
 * resource left half-done), whatever faults it went through.
 *
 * @packageDocumentation
 */

import { strict as assert } from "node:assert";

import type { Stack } from "@pulumi/pulumi/automation";

import type { EmulatorHandle } from "../../../emulator/assemble";
import { exchangeApiKey, postGraphQL } from "../../helpers/emulator";
import { EVERY_KIND, type ResourceKind } from "../programs/everyKind";

/** Pulumi ids by resource kind; an id may appear more than once (that is a duplicate). */
export type Inventory = Record<ResourceKind, string[]>;

/** What a stack's exported state holds, as far as the audit is concerned. */
export interface StateInventory {
  /** Ids of the managed (not `.get`-read) Spacelift resources, by kind. */
  readonly byKind: Inventory;
  /** Operations the engine started and never saw finish (`pending_operations`). */
  readonly pendingOperations: number;
}

/** The outcome of comparing a run's objects in the emulator with its stack's state. */
export interface AuditReport {
  /** Per kind: the count the program declares, and what the state and the emulator hold. */
  readonly counts: Record<ResourceKind, { expected: number; inState: number; inEmulator: number }>;
  /** `Kind id` of every id the state holds more than once, or the emulator holds more than once. */
  readonly duplicates: string[];
  /** `Kind id` of every object of the run the emulator holds and the state does not. */
  readonly orphans: string[];
  /** `Kind id` of every state resource whose object the emulator does not hold. */
  readonly missing: string[];
  /** Operations the engine left pending (resources stuck half-way). */
  readonly pendingOperations: number;
}

const TYPE_PREFIX = "pulumi-nodejs:dynamic/spacelift:";

/** Store collections that hold no Spacelift objects a program manages. */
const NOT_OBJECTS = new Set(["settings"]);

type StoreRecord = Record<string, unknown>;

/** A new {@link Inventory} with every kind present and empty. */
export function emptyInventory(): Inventory {
  return Object.fromEntries(EVERY_KIND.map((kind) => [kind, [] as string[]])) as Inventory;
}

/**
 * Every object the emulator holds, by kind, under the id its Pulumi resource has (composite ids
 * such as `context/<contextId>/<name>` or `<policyId>/<attachmentId>` are rebuilt from the
 * records). Stacks whose deletion is due are purged first, through a list query with the
 * emulator's API key, so that neither they nor their config count; the same query makes the root
 * space appear, so that a baseline taken before any other call holds it. Fails on a non-empty
 * store collection it does not know, so that a new kind of object cannot slip past the audit.
 *
 * Call it with the fault rules cleared: the list query is an ordinary API call.
 *
 * @param emulator - the running emulator
 */
export async function emulatorInventory(emulator: EmulatorHandle): Promise<Inventory> {
  const settled = await postGraphQL(emulator, "query AuditListing { spaces { id } stacks { id } }", {
    token: await exchangeApiKey(emulator),
  });
  assert.equal(settled.errors, undefined, `listing failed: ${JSON.stringify(settled.errors)}`);

  const snapshot = emulator.store.toJSON();
  const records = (collection: string): StoreRecord[] =>
    Object.values(snapshot[collection] ?? {}) as StoreRecord[];
  const inventory = emptyInventory();
  const mapped = new Set<string>(NOT_OBJECTS);
  const take = (collection: string, kind: ResourceKind, idOf: (r: StoreRecord) => string): void => {
    mapped.add(collection);
    for (const record of records(collection)) inventory[kind].push(idOf(record));
  };
  const field = (r: StoreRecord, name: string): string => String(r[name]);

  take("spaces", "Space", (r) => field(r, "id"));
  take("stacks", "Stack", (r) => field(r, "id"));
  take("contexts", "Context", (r) => field(r, "id"));
  take("policies", "Policy", (r) => field(r, "id"));
  take("modules", "Module", (r) => field(r, "id"));
  take("namedWebhooks", "NamedWebhook", (r) => field(r, "id"));
  take("workerPools", "WorkerPool", (r) => field(r, "id"));
  take("awsIntegrations", "AwsIntegration", (r) => field(r, "id"));
  take("webhooks", "Webhook", (r) => field(r, "id"));
  take("driftDetections", "DriftDetection", (r) => field(r, "projectId"));
  take("contextAttachments", "ContextAttachment", (r) => `${field(r, "contextId")}/${field(r, "id")}`);
  take("policyAttachments", "PolicyAttachment", (r) => `${field(r, "policyId")}/${field(r, "id")}`);
  take("stackDependencies", "StackDependency", (r) => `${field(r, "stackId")}/${field(r, "id")}`);
  take(
    "awsIntegrationAttachments",
    "AwsIntegrationAttachment",
    (r) => `${field(r, "integrationId")}/${field(r, "projectId")}`,
  );
  const dependencies = snapshot.stackDependencies ?? {};
  take("stackDependencyReferences", "StackDependencyReference", (r) => {
    const dependency = dependencies[field(r, "dependencyId")] as StoreRecord | undefined;
    const stackId = dependency === undefined ? "(no dependency)" : field(dependency, "stackId");
    return `${stackId}/${field(r, "dependencyId")}/${field(r, "id")}`;
  });
  mapped.add("configElements");
  const modules = snapshot.modules ?? {};
  for (const r of records("configElements")) {
    const owner = field(r, "ownerKind");
    const ownerId = field(r, "ownerId");
    // Stacks and modules are both "projects" to the API; the Pulumi id says which.
    const parent = owner !== "project" ? owner : ownerId in modules ? "module" : "stack";
    const kind: ResourceKind = r.type === "FILE_MOUNT" ? "MountedFile" : "EnvironmentVariable";
    inventory[kind].push(`${parent}/${ownerId}/${field(r, "id")}`);
  }

  const unknown = Object.entries(snapshot)
    .filter(([name, content]) => !mapped.has(name) && Object.keys(content).length > 0)
    .map(([name]) => name);
  assert.deepEqual(unknown, [], "the emulator holds objects the audit does not know how to count");
  return inventory;
}

/**
 * The ids of the Spacelift resources a stack manages, by kind, and its pending operations, from
 * `pulumi stack export`. Resources read with `.get` are left out: they belong to someone else.
 *
 * @param stack - the stack to export
 */
export async function stateInventory(stack: Stack): Promise<StateInventory> {
  const exported = await stack.exportStack();
  const deployment = exported.deployment as {
    resources?: { type: string; id?: string; external?: boolean }[];
    pending_operations?: unknown[];
  };
  const byKind = emptyInventory();
  for (const resource of deployment.resources ?? []) {
    if (!resource.type.startsWith(TYPE_PREFIX) || resource.external) continue;
    const kind = resource.type.slice(TYPE_PREFIX.length) as ResourceKind;
    assert.ok(kind in byKind, `unexpected resource type ${resource.type}`);
    byKind[kind].push(String(resource.id));
  }
  return { byKind, pendingOperations: deployment.pending_operations?.length ?? 0 };
}

/** `after` without the ids `before` already held: the objects a run added since `before`. */
export function addedSince(after: Inventory, before: Inventory): Inventory {
  const out = emptyInventory();
  for (const kind of EVERY_KIND) {
    const old = new Set(before[kind]);
    out[kind] = after[kind].filter((id) => !old.has(id));
  }
  return out;
}

/**
 * Compares the objects a run made (`emulator`, usually {@link addedSince} a baseline) with its
 * stack's state.
 *
 * @param emulator - the run's objects in the emulator, by kind
 * @param state - the stack's state
 * @param expected - the number of resources of each kind the program declares
 */
export function audit(
  emulator: Inventory,
  state: StateInventory,
  expected: Readonly<Record<ResourceKind, number>>,
): AuditReport {
  const duplicates: string[] = [];
  const orphans: string[] = [];
  const missing: string[] = [];
  const counts = {} as AuditReport["counts"];
  for (const kind of EVERY_KIND) {
    const inState = state.byKind[kind];
    const inEmulator = emulator[kind];
    counts[kind] = { expected: expected[kind], inState: inState.length, inEmulator: inEmulator.length };
    for (const ids of [inState, inEmulator]) {
      duplicates.push(...repeated(ids).map((id) => `${kind} ${id}`));
    }
    const held = new Set(inEmulator);
    const managed = new Set(inState);
    orphans.push(...[...held].filter((id) => !managed.has(id)).map((id) => `${kind} ${id}`));
    missing.push(...[...managed].filter((id) => !held.has(id)).map((id) => `${kind} ${id}`));
  }
  return { counts, duplicates, orphans, missing, pendingOperations: state.pendingOperations };
}

/**
 * Fails unless the report shows every object made exactly once: no duplicate, no orphan, nothing
 * missing, nothing pending, and per kind exactly the declared number in both the state and the
 * emulator.
 *
 * @param report - from {@link audit}
 * @param label - what was audited, for the failure message
 */
export function assertExactlyOnce(report: AuditReport, label: string): void {
  const wrongCounts = Object.entries(report.counts).filter(
    ([, c]) => c.inState !== c.expected || c.inEmulator !== c.expected,
  );
  assert.deepEqual(
    {
      duplicates: report.duplicates,
      orphans: report.orphans,
      missing: report.missing,
      pendingOperations: report.pendingOperations,
      wrongCounts: Object.fromEntries(wrongCounts),
    },
    { duplicates: [], orphans: [], missing: [], pendingOperations: 0, wrongCounts: {} },
    `${label}: the run did not make each object exactly once`,
  );
}

/** The number of ids in an inventory, over every kind. */
export function inventorySize(inventory: Inventory): number {
  return EVERY_KIND.reduce((sum, kind) => sum + inventory[kind].length, 0);
}

function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}
