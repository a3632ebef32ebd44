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
  const steps = [{ field: op.field, args: op.args }, ...(op.path ?? [])];
  const declarations = steps.flatMap((s) =>
    Object.entries(s.args).map(([name, def]) => `$${variableName(name, def)}: ${def.type}`),
  );
  // A scalar answer has no selection set.
  let body = op.scalar !== undefined ? "" : renderTree(selectionTree(descriptor, op, slot));
  for (const step of [...steps].reverse()) {
    const args = Object.entries(step.args)
      .map(([name, def]) => `${name}: $${variableName(name, def)}`)
      .join(", ");
    body = `{ ${step.field}${args ? `(${args})` : ""}${body === "" ? "" : ` ${body}`} }`;
  }
  const alongside = Object.keys(op.alongside ?? {});
  if (alongside.length > 0) body = `${body.slice(0, -2)} ${alongside.join(" ")} }`;
  const header = declarations.length > 0 ? `${op.name}(${declarations.join(", ")})` : op.name;
  return `${op.kind} ${header} ${body}`;
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
