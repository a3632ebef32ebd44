/**
 * Generates the named GraphQL document of an operation from its definition and the descriptor's
 * field metadata, so selections always match the fields the engine maps back.
 *
 * @packageDocumentation
 */

import type { OperationSpec } from "./api";
import type { ArgDef, Fields, OperationDef, ResourceDescriptor } from "./descriptor";
import { outputName } from "./descriptorAccess";

/** A selection set under construction: member name → its own sub-selection (or raw text, or leaf). */
type SelectionTree = Map<string, SelectionTree | string | null>;

// Keys of verbatim selection text (`readFrom.select`); keyed by the text itself, so a selection
// several readers share is written once.
const RAW = "\u0000";

const cache = new WeakMap<OperationDef, OperationSpec>();

/**
 * The {@link OperationSpec} for `op` of `descriptor`. `slot` decides the default idempotency:
 * queries, updates (full replacements) and deletes (a repeated delete finds nothing and counts as
 * done) may be retried.
 */
export function operationSpec(
  descriptor: ResourceDescriptor,
  op: OperationDef,
  slot: "create" | "read" | "update" | "delete",
): OperationSpec {
  const cached = cache.get(op);
  if (cached) return cached;
  const spec: OperationSpec = {
    name: op.name,
    kind: op.kind,
    document: buildDocument(descriptor, op, slot),
    // Spacelift updates replace the whole object and deletes of a gone object answer not-found, so
    // both may be repeated after an ambiguous failure; creates go through the exactly-once path.
    idempotent: op.idempotent ?? (op.kind === "query" || slot === "delete" || slot === "update"),
  };
  cache.set(op, spec);
  return spec;
}

/**
 * The full document text: `mutation Name($a: T!) { root(a: $a) { ... } }`. Without an explicit
 * selection, deletes select just `id` and other operations every mapped field.
 */
export function buildDocument(
  descriptor: ResourceDescriptor,
  op: OperationDef,
  slot: "create" | "read" | "update" | "delete",
): string {
  const roots = [rootField(descriptor, op, slot), ...Object.keys(op.alongside ?? {})];
  return renderOperation(op, declarations(op), roots);
}

/**
 * The root field Spacelift answers with the caller it took the request for: null for a token it
 * does not accept (it answers those as an anonymous caller, whose reads come back empty).
 */
export const SIGNED_IN_FIELD = "viewer";
const SIGNED_IN_SELECTION = `${SIGNED_IN_FIELD} { id }`;

const signedInCache = new WeakMap<OperationDef, OperationSpec>();

/**
 * The query `op` (a read or a look-up) with `viewer { id }` asked in the same document, so that
 * an empty answer carries its own proof that the token it was given to is accepted, and needs no
 * second request to be believed. Same name and idempotency as {@link operationSpec}'s.
 */
export function signedInSpec(descriptor: ResourceDescriptor, op: OperationDef): OperationSpec {
  const cached = signedInCache.get(op);
  if (cached) return cached;
  const plain = operationSpec(descriptor, op, "read");
  const roots = [rootField(descriptor, op, "read"), ...Object.keys(op.alongside ?? {}), SIGNED_IN_SELECTION];
  const spec: OperationSpec = { ...plain, document: renderOperation(op, declarations(op), roots) };
  signedInCache.set(op, spec);
  return spec;
}

/** Most objects one batched read asks about; keeps documents and answers small. */
export const MAX_BATCH = 50;

const batchCache = new WeakMap<OperationDef, Map<number, OperationSpec>>();

/**
 * The query `op` asked for `count` objects at once, plus `viewer { id }`: the root field of object
 * `i` is aliased {@link batchAlias}(i) and its variables are renamed {@link batchVariable}(name, i).
 * It keeps the read's name, so logs and request counts show it as the read it is. `op` must not
 * have `alongside` fields (descriptor validation refuses that for the kinds that batch).
 */
export function batchedSpec(descriptor: ResourceDescriptor, op: OperationDef, count: number): OperationSpec {
  let byCount = batchCache.get(op);
  if (!byCount) {
    byCount = new Map();
    batchCache.set(op, byCount);
  }
  const cached = byCount.get(count);
  if (cached) return cached;
  const plain = operationSpec(descriptor, op, "read");
  const decls: string[] = [];
  const roots: string[] = [];
  for (let i = 0; i < count; i++) {
    decls.push(...declarations(op, i));
    roots.push(rootField(descriptor, op, "read", i));
  }
  roots.push(SIGNED_IN_SELECTION);
  const spec: OperationSpec = { ...plain, document: renderOperation(op, decls, roots) };
  byCount.set(count, spec);
  return spec;
}

/** The alias of object `index`'s root field in a {@link batchedSpec} document. */
export function batchAlias(index: number): string {
  return `d${index}`;
}

/**
 * The name of object `index`'s copy of the variable `name` in a {@link batchedSpec} document. The
 * index follows the last underscore, so no two (name, index) pairs give the same name.
 */
export function batchVariable(name: string, index: number): string {
  return `${name}_${index}`;
}

/** `kind Name($a: T, ...) { root ... }` from its declarations and root selections. */
function renderOperation(op: OperationDef, decls: readonly string[], roots: readonly string[]): string {
  const header = decls.length > 0 ? `${op.name}(${decls.join(", ")})` : op.name;
  return `${op.kind} ${header} { ${roots.join(" ")} }`;
}

/** The `$variable: Type` declarations of `op`, renamed for batch member `index` when given. */
function declarations(op: OperationDef, index?: number): string[] {
  const steps = [{ field: op.field, args: op.args }, ...(op.path ?? [])];
  return steps.flatMap((s) =>
    Object.entries(s.args).map(([name, def]) => `$${renamed(variableName(name, def), index)}: ${def.type}`),
  );
}

/**
 * The root field of `op` with its arguments, path and selection: `root(a: $a) { step { ... } }`,
 * aliased and with renamed variables for batch member `index` when given.
 */
function rootField(
  descriptor: ResourceDescriptor,
  op: OperationDef,
  slot: "create" | "read" | "update" | "delete",
  index?: number,
): string {
  const steps = [{ field: op.field, args: op.args }, ...(op.path ?? [])];
  // A scalar answer has no selection set.
  let text = op.scalar !== undefined ? "" : renderTree(selectionTree(descriptor, op, slot));
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    const args = Object.entries(step.args)
      .map(([name, def]) => `${name}: $${renamed(variableName(name, def), index)}`)
      .join(", ");
    const call = `${step.field}${args ? `(${args})` : ""}${text === "" ? "" : ` ${text}`}`;
    text = i > 0 ? `{ ${call} }` : index === undefined ? call : `${batchAlias(index)}: ${call}`;
  }
  return text;
}

function renamed(variable: string, index: number | undefined): string {
  return index === undefined ? variable : batchVariable(variable, index);
}

/** The `$variable` name of an argument. */
export function variableName(argName: string, def: ArgDef): string {
  return def.variable ?? argName;
}

function selectionTree(descriptor: ResourceDescriptor, op: OperationDef, slot: string): SelectionTree {
  const tree: SelectionTree = new Map();
  const selection = op.selection ?? (slot === "delete" ? "id" : "fields");
  if (selection === "id") {
    addPath(tree, "id", null);
  } else if (selection === "fields") {
    if ("fromResult" in descriptor.id) addPath(tree, descriptor.id.fromResult, null);
    addFields(tree, descriptor.fields);
  } else {
    for (const path of selection) addPath(tree, path, null);
  }
  for (const path of op.extraSelection ?? []) addPath(tree, path, null);
  return tree;
}

function addFields(tree: SelectionTree, fields: Fields): void {
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.readFrom) {
      tree.set(`${RAW}${spec.readFrom.select}`, spec.readFrom.select);
      continue;
    }
    const path = outputName(spec, name);
    if (path === undefined) continue;
    if (spec.selection !== undefined) {
      addPath(tree, path, spec.selection);
      continue;
    }
    const type = spec.type.kind === "list" || spec.type.kind === "map" ? spec.type.of : spec.type;
    if (type.kind === "object") {
      const sub: SelectionTree = new Map();
      addFields(sub, type.fields);
      addPath(tree, path, sub);
    } else {
      addPath(tree, path, null);
    }
  }
}

function addPath(tree: SelectionTree, path: string, leaf: SelectionTree | string | null): void {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = tree.get(head);
    if (existing instanceof Map && leaf instanceof Map) {
      for (const [k, v] of leaf) existing.set(k, v);
    } else if (!(existing instanceof Map) || leaf !== null) {
      tree.set(head, leaf);
    }
    return;
  }
  let child = tree.get(head);
  if (!(child instanceof Map)) {
    child = new Map();
    tree.set(head, child);
  }
  addPath(child, rest.join("."), leaf);
}

function renderTree(tree: SelectionTree): string {
  const parts: string[] = [];
  for (const [name, sub] of tree) {
    if (name.startsWith(RAW)) parts.push(name.slice(RAW.length));
    else if (sub === null) parts.push(name);
    else if (typeof sub === "string") parts.push(`${name} ${sub}`);
    else parts.push(`${name} ${renderTree(sub)}`);
  }
  return `{ ${parts.join(" ")} }`;
}
