import {
  defineFunction,
  queryOp,
  type FunctionApi,
  type FunctionFields,
  type FunctionValues,
} from "../descriptor";
import { FunctionError } from "../invoke";

/** The objects a config element can live on, with the argument naming each. */
const PARENTS = { context: "contextId", stack: "stackId", module: "moduleId" } as const;

type ParentKind = keyof typeof PARENTS;

interface ConfigElementNode {
  readonly id: string;
  readonly type: "ENVIRONMENT_VARIABLE" | "FILE_MOUNT";
  readonly checksum: string;
  readonly value: string | null;
  readonly writeOnly: boolean;
}

const ELEMENT_FIELDS = "id type checksum value writeOnly";

// One query per parent kind, as each kind is its own root field. The element's id (a variable's
// name, a file's path) is the `configElement` argument.
const READS: Record<ParentKind, ReturnType<typeof queryOp>> = {
  context: queryOp(
    `query GetContextConfigElement($parent: ID!, $id: ID!) { context(id: $parent) { configElement(id: $id) { ${ELEMENT_FIELDS} } } }`,
  ),
  stack: queryOp(
    `query GetStackConfigElement($parent: ID!, $id: ID!) { stack(id: $parent) { configElement(id: $id) { ${ELEMENT_FIELDS} } } }`,
  ),
  module: queryOp(
    `query GetModuleConfigElement($parent: ID!, $id: ID!) { module(id: $parent) { configElement(id: $id) { ${ELEMENT_FIELDS} } } }`,
  ),
};

/** The three parent arguments; `noun` is what the element is called. */
function parentArgs(noun: string): FunctionFields {
  const field = (kind: ParentKind) => ({
    type: "string",
    optional: true,
    doc: `The id of the ${kind} the ${noun} is defined on. Set exactly one of \`contextId\`, \`stackId\` and \`moduleId\`.`,
  });
  return { contextId: field("context"), stackId: field("stack"), moduleId: field("module") };
}

/** The parent arguments as results: the one that was asked for is set. */
function parentResults(noun: string): FunctionFields {
  const field = (kind: ParentKind) => ({
    type: "string",
    optional: true,
    doc: `The id of the ${kind} the ${noun} is defined on, when asked for on a ${kind}.`,
  });
  return { contextId: field("context"), stackId: field("stack"), moduleId: field("module") };
}

function exactlyOneParent(args: FunctionValues): string | undefined {
  const set = Object.values(PARENTS).filter((k) => args[k] !== undefined);
  return set.length === 1
    ? undefined
    : `set exactly one of "contextId", "stackId" and "moduleId" (got ${set.length === 0 ? "none" : set.map((k) => `"${k}"`).join(" and ")})`;
}

/**
 * Reads config element `elementId` of the parent the arguments name, of the given type. Throws a
 * {@link FunctionError} naming the argument when the parent or the element is missing.
 */
async function readElement(
  fn: string,
  args: FunctionValues,
  api: FunctionApi,
  element: { readonly key: string; readonly type: ConfigElementNode["type"]; readonly noun: string },
): Promise<{ kind: ParentKind; parentId: string; node: ConfigElementNode }> {
  const kind = (Object.keys(PARENTS) as ParentKind[]).find(
    (k) => args[PARENTS[k]] !== undefined,
  ) as ParentKind;
  const parentId = args[PARENTS[kind]] as string;
  const elementId = args[element.key] as string;
  const data = await api.query<
    Record<ParentKind, { configElement: ConfigElementNode | null } | null | undefined>
  >(READS[kind], { parent: parentId, id: elementId });
  const parent = data[kind];
  if (parent === null || parent === undefined) {
    throw new FunctionError(fn, `no ${kind} "${parentId}" (${PARENTS[kind]})`);
  }
  // A variable and a file share one namespace of ids on their parent: an element of the other type
  // is not the one asked for.
  const node = parent.configElement;
  if (node === null || node.type !== element.type) {
    throw new FunctionError(
      fn,
      `${kind} "${parentId}" has no ${element.noun} "${elementId}" (${element.key})`,
    );
  }
  return { kind, parentId, node };
}

/** `getEnvironmentVariable`: one environment variable of a context, stack or module. */
export const getEnvironmentVariable = defineFunction({
  name: "getEnvironmentVariable",
  dataSource: "spacelift_environment_variable",
  doc:
    "Looks up an environment variable of a context, a stack or a module: its checksum and, unless it is " +
    "write-only, its value.",
  args: {
    name: { type: "string", doc: "The variable's name." },
    ...parentArgs("variable"),
  },
  result: {
    id: { type: "string", doc: "`<context|stack|module>/<parent id>/<name>`, as the resource's id." },
    name: { type: "string", doc: "The variable's name, as asked for." },
    ...parentResults("variable"),
    checksum: { type: "string", doc: "Lowercase hex SHA-256 of the value." },
    value: {
      type: "string",
      secret: true,
      doc: "The value; empty when the variable is write-only, as Spacelift never returns those.",
    },
    writeOnly: { type: "boolean", doc: "Whether the value is write-only (secret)." },
  },
  checkArgs: exactlyOneParent,
  async run(args, api) {
    const { kind, parentId, node } = await readElement("getEnvironmentVariable", args, api, {
      key: "name",
      type: "ENVIRONMENT_VARIABLE",
      noun: "environment variable",
    });
    const name = args.name as string;
    return {
      id: `${kind}/${parentId}/${name}`,
      name,
      [PARENTS[kind]]: parentId,
      checksum: node.checksum,
      value: node.value ?? "",
      writeOnly: node.writeOnly,
    };
  },
});

/** `getMountedfile`: one mounted file of a context, stack or module. */
export const getMountedfile = defineFunction({
  name: "getMountedfile",
  dataSource: "spacelift_mounted_file",
  doc:
    "Looks up a file mounted in the runs of a context, a stack or a module: its checksum and, unless it " +
    "is write-only, its content.",
  args: {
    relativePath: { type: "string", doc: "The file's path relative to the run's workspace." },
    ...parentArgs("file"),
  },
  result: {
    id: {
      type: "string",
      doc: "`<context|stack|module>/<parent id>/<relative path>`, as the resource's id.",
    },
    relativePath: { type: "string", doc: "The file's path, as asked for." },
    ...parentResults("file"),
    checksum: { type: "string", doc: "Lowercase hex SHA-256 of the content." },
    content: {
      type: "string",
      secret: true,
      doc: "The content, base64-encoded; empty when the file is write-only, as Spacelift never returns those.",
    },
    writeOnly: { type: "boolean", doc: "Whether the content is write-only (secret)." },
  },
  checkArgs: exactlyOneParent,
  async run(args, api) {
    const { kind, parentId, node } = await readElement("getMountedfile", args, api, {
      key: "relativePath",
      type: "FILE_MOUNT",
      noun: "mounted file",
    });
    const relativePath = args.relativePath as string;
    return {
      id: `${kind}/${parentId}/${relativePath}`,
      relativePath,
      [PARENTS[kind]]: parentId,
      checksum: node.checksum,
      content: node.value ?? "",
      writeOnly: node.writeOnly,
    };
  },
});
