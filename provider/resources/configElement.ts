/**
 * What `EnvironmentVariable` and `MountedFile` share: both are config elements of a context, a
 * stack or a module, added with `*ConfigAdd` (an upsert keyed by the element's id), read with
 * `<parent>(id) { configElement(id) }` and removed with `*ConfigDelete`. Only the config type, the
 * Pulumi name of the element's id and the operation names differ.
 *
 * @packageDocumentation
 */

import { nonEmpty } from "../engine/constraints";
import {
  arg,
  mutation,
  query,
  variants,
  type CompositeIdSpec,
  type ExistingSpec,
  type FieldSpec,
  type Operations,
} from "../engine/descriptor";
import { t, type StringType } from "../engine/fieldTypes";
import { exactlyOneOf, type Rule } from "../engine/rules";
import type { Values } from "../engine/values";
import { quoted, theObject } from "./existing";

/** The kinds of object a config element can live on, in id order, with their Pulumi argument. */
const PARENTS = { context: "contextId", stack: "stackId", module: "moduleId" } as const;

/** A kind of parent: `context`, `stack` or `module`. */
export type ConfigParentKind = keyof typeof PARENTS;

const PARENT_KINDS = Object.keys(PARENTS) as ConfigParentKind[];

/** The resource kind of each parent, whose creates make it without config elements. */
const PARENT_RESOURCE_KINDS: Readonly<Record<ConfigParentKind, string>> = {
  context: "Context",
  stack: "Stack",
  module: "Module",
};

/**
 * The three parent arguments (`contextId`, `stackId`, `moduleId`) of a config element; `noun` is
 * what the element is called in their docs ("variable", "file").
 */
export function configParentFields(
  noun: string,
): Record<(typeof PARENTS)[ConfigParentKind], FieldSpec<StringType>> {
  const field = (kind: ConfigParentKind): FieldSpec<StringType> => ({
    type: t.string(),
    gql: false,
    doc: `ID of the ${kind} the ${noun} is defined on. Set exactly one of \`contextId\`, \`stackId\` and \`moduleId\`.`,
    validate: [nonEmpty()],
  });
  return { contextId: field("context"), stackId: field("stack"), moduleId: field("module") };
}

/** Exactly one parent must be set. */
export const configParentRules: readonly Rule[] = [exactlyOneOf(...Object.values(PARENTS))];

/**
 * The parent kind the values point at; the operations differ by it (`contextConfigAdd` on a
 * context, `stackConfigAdd` on a stack or a module, which the API treats as a stack).
 */
export function configParentKindOf(values: Values): ConfigParentKind | undefined {
  return PARENT_KINDS.find((kind) => typeof values[PARENTS[kind]] === "string");
}

/**
 * The composite id `<kind>/<parentId>/<key>`, where `key` names the Pulumi argument holding the
 * element's id (a variable's name, a file's relative path). The key may itself contain `/`.
 */
export function configElementId(key: string): CompositeIdSpec {
  return {
    format: listInWords(PARENT_KINDS.map((kind) => `${kind}/<${PARENTS[kind]}>/<${key}>`)),
    compose(values) {
      const kind = configParentKindOf(values);
      const element = values[key];
      return kind && typeof element === "string" && element !== ""
        ? `${kind}/${String(values[PARENTS[kind]])}/${element}`
        : undefined;
    },
    parse(id) {
      const [kind, parent, ...rest] = id.split("/");
      const element = rest.join("/");
      if (!kind || !PARENT_KINDS.includes(kind as ConfigParentKind) || !parent || !element) return undefined;
      return { [PARENTS[kind as ConfigParentKind]]: parent, [key]: element };
    },
  };
}

function listInWords(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** What distinguishes one kind of config element from another. */
export interface ConfigElementKind {
  /** `ConfigType` value sent with every add. */
  readonly configType: "ENVIRONMENT_VARIABLE" | "FILE_MOUNT";
  /** The Pulumi argument holding the element's id. */
  readonly key: string;
  /** PascalCase noun in operation names: `EnvironmentVariable` gives `ContextEnvironmentVariableCreate`. */
  readonly operationNoun: string;
}

/**
 * The create, read and delete operations of a config element, one variant per parent kind. There
 * is no update: Spacelift cannot change a config element in place.
 */
export function configElementOperations(kind: ConfigElementKind): Operations {
  const { configType, key, operationNoun: noun } = kind;
  const config = arg.input("ConfigInput!", { type: configType });
  // `context(id:)` and `configElement(id:)` share the argument name, so the variables are renamed.
  const element = [{ field: "configElement", args: { id: arg.field(key, "ID!", key) } }];
  const parentArg = (kind: ConfigParentKind, variable?: string) => arg.field(PARENTS[kind], "ID!", variable);
  return {
    create: variants({
      context: mutation(`Context${noun}Create`, "contextConfigAdd", {
        context: parentArg("context"),
        config,
      }),
      stack: mutation(`Stack${noun}Create`, "stackConfigAdd", { stack: parentArg("stack"), config }),
      module: mutation(`Module${noun}Create`, "stackConfigAdd", { stack: parentArg("module"), config }),
    }),
    read: variants({
      context: query(
        `Context${noun}Read`,
        "context",
        { id: parentArg("context", "context") },
        { path: element },
      ),
      stack: query(`Stack${noun}Read`, "stack", { id: parentArg("stack", "stack") }, { path: element }),
      module: query(`Module${noun}Read`, "module", { id: parentArg("module", "module") }, { path: element }),
    }),
    delete: variants({
      context: mutation(`Context${noun}Delete`, "contextConfigDelete", {
        context: parentArg("context"),
        id: arg.field(key, "ID!"),
      }),
      stack: mutation(`Stack${noun}Delete`, "stackConfigDelete", {
        stack: parentArg("stack"),
        id: arg.field(key, "ID!"),
      }),
      module: mutation(`Module${noun}Delete`, "stackConfigDelete", {
        stack: parentArg("module"),
        id: arg.field(key, "ID!"),
      }),
    }),
  };
}

/**
 * How the engine finds a config element that already exists: `*ConfigAdd` is an upsert that would
 * overwrite it without a word, so every create reads the element first (by parent and name, with
 * the read operation) and refuses one it has no evidence of having made; Spacelift reports each
 * element's creation time, which the evidence rules compare with the create journal.
 */
export function configElementExisting(kind: ConfigElementKind, noun: string): ExistingSpec {
  return {
    candidates: theObject,
    createdAt: "createdAt",
    lookFirst: "always",
    within: (values) => {
      const parent = configParentKindOf(values);
      return parent === undefined
        ? undefined
        : { kind: PARENT_RESOURCE_KINDS[parent], id: String(values[PARENTS[parent]]) };
    },
    describe: (values) => {
      const parent = configParentKindOf(values);
      const where = parent === undefined ? "" : ` on ${parent} ${quoted(values[PARENTS[parent]])}`;
      return `${noun} ${quoted(values[kind.key])}${where}`;
    },
  };
}
