/**
 * Consistency checks run on every descriptor when it is defined, so mistakes in a descriptor fail
 * at module load (and in the unit test that loads the registry) rather than mid-deployment.
 *
 * @packageDocumentation
 */

import { normalizeValue } from "./check";
import type {
  ArgDef,
  Fields,
  FieldSpec,
  OperationDef,
  OperationSlot,
  ResourceDescriptor,
} from "./descriptor";
import { inputName, isVariants, operationsIn, outputName } from "./descriptorAccess";
import type { CheckFailure } from "./results";
import type { Rule } from "./rules";

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const GQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const GQL_PATH = /^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)*$/;
const GQL_TYPE = /^(\[[_A-Za-z][_0-9A-Za-z]*!?\]|[_A-Za-z][_0-9A-Za-z]*)!?$/;
// Pulumi gives every resource `id` and `urn` outputs; a field with either name would be shadowed.
const RESERVED = new Set(["id", "urn"]);

/** Returns every problem found in `d` (empty when the descriptor is consistent). */
export function validateDescriptor(d: ResourceDescriptor): string[] {
  const problems: string[] = [];
  const p = (msg: string): void => void problems.push(msg);

  if (!PASCAL.test(d.kind)) p(`kind "${d.kind}" must be PascalCase`);
  for (const alias of d.classAliases ?? []) {
    if (!PASCAL.test(alias) || alias === d.kind)
      p(`class alias "${alias}" must be PascalCase and differ from the kind`);
  }
  if (!d.doc?.trim()) p("doc must describe the resource");
  if (Object.keys(d.fields).length === 0) p("fields must not be empty");

  validateFields(d.fields, "fields", true, d, p);
  validateRules(d.rules, d.fields, "rules", p);
  validateOperations(d, p);
  validateId(d, p);

  if (d.forgetOnDelete === true && d.asyncDelete) p("asyncDelete: a forgetOnDelete resource deletes nothing");
  if (
    d.createReadsOnly &&
    (d.waitAfterCreate || d.existing?.lookFirst || d.operations.beforeCreate || d.operations.afterCreate)
  ) {
    p("createReadsOnly: a create that sends nothing has no wait, look-up first, or steps around it");
  }
  if (d.existing?.within && d.existing.lookFirst !== "always") {
    p('existing.within: only a kind that looks first "always" skips a look-up inside a parent made here');
  }
  const wait = d.waitAfterCreate;
  if (wait?.pollIntervalMs !== undefined && !(wait.pollIntervalMs > 0)) {
    p("waitAfterCreate.pollIntervalMs must be positive");
  }
  if (wait && !(wait.defaultTimeoutSeconds > 0)) p("waitAfterCreate.defaultTimeoutSeconds must be positive");
  if (wait && !/^[A-Z][A-Z0-9_]*$/.test(wait.timeoutEnv)) {
    p("waitAfterCreate.timeoutEnv must be an environment variable name");
  }
  if (d.asyncDelete?.pollIntervalMs !== undefined && !(d.asyncDelete.pollIntervalMs > 0)) {
    p("asyncDelete.pollIntervalMs must be positive");
  }
  // Deletions are polled in batches, each object's read under an alias; fields asked alongside
  // would be asked once per batch, not once per object.
  const read = d.operations.read;
  const reads = read === undefined ? [] : isVariants(read) ? Object.values(read.variants) : [read];
  if (d.asyncDelete && reads.some((op) => op.alongside !== undefined)) {
    p("asyncDelete: the read operation cannot ask fields alongside, since deletions are polled in batches");
  }
  return problems;
}

function validateFields(
  fields: Fields,
  where: string,
  topLevel: boolean,
  d: ResourceDescriptor,
  p: (msg: string) => void,
): void {
  const inputs = new Map<string, string>();
  const outputs = new Map<string, string>();
  for (const [name, spec] of Object.entries(fields)) {
    const at = `${where}.${name}`;
    if (!CAMEL.test(name)) p(`${at}: argument names must be camelCase`);
    if (topLevel && RESERVED.has(name)) p(`${at}: "${name}" is reserved by Pulumi`);
    validateField(spec, at, topLevel, d, p);
    const inName = inputName(spec, name);
    if (inName !== undefined) claimPath(inputs, inName, name, `${at}: GraphQL input`, p);
    const outName = outputName(spec, name);
    if (outName !== undefined) claimPath(outputs, outName, name, `${at}: GraphQL output`, p);
    if (spec.type.kind === "object") {
      validateFields(spec.type.fields, `${at}`, false, d, p);
      validateRules(spec.type.rules, spec.type.fields, `${at}.rules`, p);
    }
  }
}

function validateField(
  spec: FieldSpec,
  at: string,
  topLevel: boolean,
  d: ResourceDescriptor,
  p: (m: string) => void,
) {
  if (!spec.doc?.trim()) p(`${at}: doc must describe the field`);
  if (spec.required && spec.default !== undefined) p(`${at}: a required field cannot have a default`);
  if (spec.serverDefault && (spec.required || spec.default !== undefined)) {
    p(`${at}: serverDefault excludes required and default`);
  }
  if (spec.computed) {
    const bad = (
      ["required", "default", "serverDefault", "replaceOnChange", "writeOnly", "validate"] as const
    ).filter((k) => spec[k] !== undefined && spec[k] !== false);
    if (bad.length > 0) p(`${at}: a computed field cannot also be ${bad.join(", ")}`);
  }
  if (spec.issuedOnce && !spec.computed) p(`${at}: issuedOnce applies to computed fields only`);
  if (spec.alwaysSet && !spec.computed && !spec.serverDefault) {
    p(`${at}: alwaysSet applies to computed and serverDefault fields only`);
  }
  if (spec.autoName !== undefined) {
    if (!topLevel || spec.type.kind !== "string") p(`${at}: autoName applies to top-level strings only`);
    // The generated name stands in for the program's value, so nothing else may supply one.
    const bad = (
      ["required", "default", "serverDefault", "computed", "secret", "writeOnly", "createOnly"] as const
    ).filter((k) => spec[k] !== undefined && spec[k] !== false);
    if (bad.length > 0) p(`${at}: an autoName field cannot also be ${bad.join(", ")}`);
  }
  if (spec.formerName !== undefined) {
    if (!topLevel) p(`${at}: formerName applies to top-level fields only`);
    if (spec.computed || spec.secret || spec.writeOnly) {
      p(`${at}: formerName applies to plain arguments (not computed, secret or writeOnly)`);
    }
    if (Object.prototype.hasOwnProperty.call(d.fields, spec.formerName)) {
      p(`${at}: formerName "${spec.formerName}" is still a field`);
    }
  }
  if (!topLevel && (spec.secret || spec.writeOnly || spec.createOnly))
    p(`${at}: secret, writeOnly and createOnly apply to top-level fields only`);
  if (spec.createOnly && (spec.computed || spec.writeOnly || spec.serverDefault || spec.replaceOnChange))
    p(`${at}: a createOnly field cannot also be computed, writeOnly, serverDefault or replaceOnChange`);
  if (spec.type.kind === "enum") {
    if (spec.type.values.length === 0) p(`${at}: enum needs values`);
    if (new Set(spec.type.values).size !== spec.type.values.length) p(`${at}: enum values repeat`);
    const values: readonly string[] = spec.type.values;
    for (const [alias, current] of Object.entries(spec.type.aliases ?? {})) {
      if (
        !values.includes(alias) ||
        typeof current !== "string" ||
        !values.includes(current) ||
        alias === current
      ) {
        p(`${at}: enum alias ${alias} must map a listed value to another listed value`);
      } else if (Object.prototype.hasOwnProperty.call(spec.type.aliases, current)) {
        p(`${at}: enum alias ${alias} maps to ${current}, which is an alias itself`);
      }
    }
  }
  if (spec.validateEach && spec.type.kind !== "list" && spec.type.kind !== "map") {
    p(`${at}: validateEach applies to lists and maps only`);
  }
  for (const key of ["gql", "gqlInput", "gqlOutput"] as const) {
    const v = spec[key];
    if (typeof v === "string" && !GQL_PATH.test(v)) p(`${at}: ${key} "${v}" is not a GraphQL field path`);
  }
  if (spec.default !== undefined) {
    const failures: CheckFailure[] = [];
    normalizeValue(spec.type, spec.default, at, failures);
    for (const f of failures) p(`${at}: default ${f.reason}`);
  }
  if (spec.writeOnly) {
    if (spec.type.kind !== "string")
      p(`${at}: writeOnly fields must be strings (the checksum hashes the text)`);
    const sum = d.fields[spec.writeOnly.checksumField];
    if (!sum || !sum.computed || sum.type.kind !== "string") {
      p(`${at}: writeOnly.checksumField "${spec.writeOnly.checksumField}" must name a computed string field`);
    }
  }
}

// Two fields writing the same GraphQL member would silently overwrite each other; a path that is
// both a leaf and a prefix (`hooks` and `hooks.afterApply`) cannot be built either.
function claimPath(
  claimed: Map<string, string>,
  path: string,
  owner: string,
  what: string,
  p: (m: string) => void,
) {
  for (const [other, otherOwner] of claimed) {
    if (other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
      p(`${what} "${path}" collides with "${other}" of ${otherOwner}`);
    }
  }
  claimed.set(path, owner);
}

function validateRules(
  rules: readonly Rule[] | undefined,
  fields: Fields,
  at: string,
  p: (m: string) => void,
) {
  (rules ?? []).forEach((rule, i) => {
    if (rule.fields.length < 2) p(`${at}[${i}]: ${rule.kind} needs at least two fields`);
    for (const f of rule.fields) {
      if (!(f in fields)) p(`${at}[${i}]: unknown field "${f}"`);
      // `distinct` and `anyTrue` compare values, so they apply to required and defaulted fields too.
      else if (
        rule.kind !== "distinct" &&
        rule.kind !== "anyTrue" &&
        (fields[f]!.required || fields[f]!.default !== undefined)
      ) {
        p(`${at}[${i}]: "${f}" is required or defaulted, so the rule could never see it unset`);
      }
    }
  });
}

function validateOperations(d: ResourceDescriptor, p: (m: string) => void): void {
  const ops = d.operations;
  if (d.immutable && ops.update) p("operations.update: an immutable resource has no update");
  if (!d.immutable && !d.localUpdate && !ops.update) {
    p("operations.update is missing (or mark the resource immutable or localUpdate)");
  }
  if (d.localUpdate && (ops.update || d.immutable))
    p("localUpdate: such a resource has no update operation and is not immutable");

  const slots: [string, OperationSlot | undefined][] = [
    ["create", ops.create],
    ["read", ops.read],
    ["update", ops.update],
    ["delete", ops.delete],
  ];
  const names = new Set<string>();
  const createOps = new Set<OperationDef>();
  let variantKeys: string | undefined;
  for (const [slotName, slot] of slots) {
    if (!slot) {
      if (slotName === "delete" && d.forgetOnDelete === true) continue;
      if (slotName === "create" && d.createReadsOnly) continue;
      if (slotName !== "update") p(`operations.${slotName} is missing`);
      continue;
    }
    if (slotName === "delete" && d.forgetOnDelete === true)
      p("operations.delete: a forgetOnDelete resource has none");
    if (slotName === "delete" && d.forgetWarning !== undefined && !d.forgetOnDelete)
      p("forgetWarning: only a forgetOnDelete resource forgets instead of deleting");
    if (slotName === "create" && d.createReadsOnly)
      p("operations.create: a createReadsOnly resource has none");
    if (isVariants(slot)) {
      const keys = Object.keys(slot.variants).sort().join(",");
      if (keys === "") p(`operations.${slotName}: variants must not be empty`);
      if (variantKeys !== undefined && keys !== variantKeys) {
        p(`operations.${slotName}: variant keys ${keys} differ from ${variantKeys}`);
      }
      variantKeys = keys;
      if (!d.hooks?.selectVariant) p(`operations.${slotName}: variants need hooks.selectVariant`);
    }
    for (const { key, op } of operationsIn(slot)) {
      const at = `operations.${slotName}${key === undefined ? "" : `.${key}`}`;
      // One mutation may serve both the create and the update (`stackEnable` sets a stack's state
      // whether or not the resource existed before).
      const shared = slotName === "update" && createOps.has(op);
      if (names.has(op.name) && !shared) p(`${at}: operation name "${op.name}" is used twice`);
      if (slotName === "create") createOps.add(op);
      names.add(op.name);
      validateOperation(op, at, slotName, d, p);
    }
  }
  (ops.beforeUpdate ?? []).forEach((before, i) => {
    const at = `operations.beforeUpdate[${i}]`;
    if (!ops.update) p(`${at}: only a resource with an update operation can have preparations`);
    if (names.has(before.op.name)) p(`${at}: operation name "${before.op.name}" is used twice`);
    names.add(before.op.name);
    validateOperation(before.op, at, "update", d, p);
  });
  (ops.beforeDelete ?? []).forEach((before, i) => {
    const at = `operations.beforeDelete[${i}]`;
    if (!ops.delete) p(`${at}: only a resource with a delete operation can have preparations`);
    if (names.has(before.op.name)) p(`${at}: operation name "${before.op.name}" is used twice`);
    names.add(before.op.name);
    validateOperation(before.op, at, "delete", d, p);
  });
  const ownOps = new Set<OperationDef>();
  (ops.beforeCreate ?? []).forEach((prep, i) => {
    const at = `operations.beforeCreate[${i}]`;
    if (names.has(prep.op.name)) p(`${at}: operation name "${prep.op.name}" is used twice`);
    names.add(prep.op.name);
    validateOperation(prep.op, at, prep.op.kind === "query" ? "read" : "prepare", d, p);
  });
  (ops.afterCreate ?? []).forEach((follow, i) => {
    const at = `operations.afterCreate[${i}]`;
    if (names.has(follow.op.name)) p(`${at}: operation name "${follow.op.name}" is used twice`);
    names.add(follow.op.name);
    ownOps.add(follow.op);
    validateOperation(follow.op, at, "update", d, p);
  });
  (ops.afterUpdate ?? []).forEach((follow, i) => {
    const at = `operations.afterUpdate[${i}]`;
    if (!ops.update) p(`${at}: only a resource with an update operation can have follow-ups`);
    if (follow.when.length === 0) p(`${at}: when must name at least one field`);
    for (const f of follow.when) {
      if (!(f in d.fields) || d.fields[f]!.computed)
        p(`${at}: when names "${f}", which is not an input field`);
    }
    // One mutation may follow both the create and the update (`moduleShare`).
    if (names.has(follow.op.name) && !ownOps.has(follow.op))
      p(`${at}: operation name "${follow.op.name}" is used twice`);
    names.add(follow.op.name);
    validateOperation(follow.op, at, "update", d, p);
  });
}

function validateOperation(
  op: OperationDef,
  at: string,
  slot: string,
  d: ResourceDescriptor,
  p: (m: string) => void,
) {
  if (!PASCAL.test(op.name)) p(`${at}: operation name "${op.name}" must be PascalCase`);
  if (slot === "read" && op.kind !== "query") p(`${at}: read must be a query`);
  if (slot !== "read" && op.kind !== "mutation") p(`${at}: ${slot} must be a mutation`);
  const variables = new Set<string>();
  const steps = [{ field: op.field, args: op.args }, ...(op.path ?? [])];
  for (const step of steps) {
    if (!GQL_NAME.test(step.field)) p(`${at}: "${step.field}" is not a GraphQL field name`);
    for (const [argName, def] of Object.entries(step.args)) {
      validateArg(argName, def, `${at}.${step.field}(${argName})`, d, variables, p);
    }
  }
  if (op.scalar !== undefined) {
    if (!GQL_PATH.test(op.scalar)) p(`${at}: scalar "${op.scalar}" is not a GraphQL field path`);
    if (op.selection !== undefined || op.extraSelection !== undefined)
      p(`${at}: a scalar answer has no selection`);
    if (slot === "create" && "fromResult" in d.id) p(`${at}: a scalar answer carries no id; compose it`);
  }
  if (op.alongside !== undefined) {
    if (op.scalar === undefined || op.path !== undefined)
      p(`${at}: fields alongside need a scalar root field without a path`);
    for (const [field, path] of Object.entries(op.alongside)) {
      if (!GQL_NAME.test(field)) p(`${at}: alongside "${field}" is not a GraphQL field name`);
      if (!GQL_PATH.test(path)) p(`${at}: alongside path "${path}" is not a GraphQL field path`);
    }
  }
  if (Array.isArray(op.selection)) {
    for (const s of op.selection as readonly string[])
      if (!GQL_PATH.test(s)) p(`${at}: bad selection path "${s}"`);
  }
  for (const s of op.extraSelection ?? []) if (!GQL_PATH.test(s)) p(`${at}: bad extraSelection path "${s}"`);
  const hasInput = steps.some((s) => Object.values(s.args).some((a) => a.source.from === "input"));
  if ((slot === "create" || slot === "update") && !hasInput && !Object.keys(op.args).length) {
    p(`${at}: ${slot} sends nothing`);
  }
  if (slot === "create" && "fromResult" in d.id && Array.isArray(op.selection)) {
    if (!(op.selection as readonly string[]).includes(d.id.fromResult)) {
      p(`${at}: the selection must include "${d.id.fromResult}", the id`);
    }
  }
}

function validateArg(
  argName: string,
  def: ArgDef,
  at: string,
  d: ResourceDescriptor,
  variables: Set<string>,
  p: (m: string) => void,
) {
  if (!GQL_NAME.test(argName)) p(`${at}: bad argument name`);
  if (!GQL_TYPE.test(def.type)) p(`${at}: "${def.type}" is not a GraphQL type reference`);
  const variable = def.variable ?? argName;
  if (!GQL_NAME.test(variable)) p(`${at}: bad variable name "${variable}"`);
  if (variables.has(variable))
    p(`${at}: variable $${variable} is declared twice; rename it with arg's variable`);
  variables.add(variable);
  if (def.source.from === "field" && !(def.source.field in d.fields)) {
    p(`${at}: unknown field "${def.source.field}"`);
  }
}

function validateId(d: ResourceDescriptor, p: (m: string) => void) {
  const id = d.id;
  if ("fromResult" in id) {
    if (!GQL_PATH.test(id.fromResult)) p(`id.fromResult "${id.fromResult}" is not a GraphQL field path`);
    return;
  }
  if (!id.format?.trim()) p("id.format must show the composite id's shape");
  if (typeof id.compose !== "function" || typeof id.parse !== "function") p("id needs compose and parse");
}
