import { defineFunction, queryOp, type FunctionFields, type FunctionValues } from "../descriptor";
import { FunctionError } from "../invoke";
import {
  hookArguments,
  STACK_SELECTION,
  stackResult,
  stackResultFields,
  stackTypes,
  type StackNode,
} from "./stackFields";

const GET_STACK = queryOp(`query GetStack($id: ID!) { stack(id: $id) { ${STACK_SELECTION} } }`);

/** `getStack`: one stack by its ID. */
export const getStack = defineFunction({
  name: "getStack",
  dataSource: "spacelift_stack",
  doc:
    "Looks up one stack by its ID: its source, vendor settings, hooks and options, for stacks the " +
    "program does not manage or to read back one it does.",
  args: {
    stackId: { type: "string", doc: "ID (slug) of the stack to look up." },
    additionalProjectGlobs: {
      type: "string[]",
      optional: true,
      doc: "Accepted for compatibility and ignored: the result's `additionalProjectGlobs` holds the stack's own.",
    },
    ...hookArguments(),
  },
  result: {
    id: { type: "string", doc: "The stack's ID, as `stackId`." },
    ...stackResultFields("GetStack"),
  },
  types: stackTypes("GetStack"),
  async run(args, api) {
    const stackId = args["stackId"] as string;
    const data = await api.query<{ stack: StackNode | null }>(GET_STACK, { id: stackId });
    if (data.stack === null) throw new FunctionError("getStack", `no stack "${stackId}" (stackId)`);
    return { id: data.stack.id, ...stackResult(data.stack) };
  },
});

const SEARCH_STACKS = queryOp(
  `query GetStacks($input: SearchInput!) {
    searchStacks(input: $input) {
      edges { node { ${STACK_SELECTION} } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

/** A page size Spacelift accepts; its own clients ask for 50. */
const PAGE_SIZE = 50;

/** The filters: argument name, the search predicate field, and whether the API compares enums. */
const STRING_FILTERS = [
  ["branch", "branch", false, "is on one of the branches"],
  ["commit", "commit", false, "is on one of the commits (SHAs)"],
  ["name", "name", false, "has one of the names"],
  ["projectRoot", "projectRoot", false, "is in one of the project roots"],
  ["repository", "repository", false, "is in one of the repositories"],
  ["state", "state", true, "is in one of the states (`FINISHED`, `FAILED`, `NONE`, ...)"],
  ["vendor", "vendor", true, "uses one of the vendors (`Terraform`, `Pulumi`, ...)"],
  ["workerPool", "workerPool", false, "runs on one of the worker pools (by ID)"],
] as const;

const BOOLEAN_FILTERS = [
  ["administrative", "is administrative (or, with `equals: false`, is not)"],
  ["locked", "is locked (or, with `equals: false`, is not)"],
] as const;

const cap = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const anyOf = (what: string): FunctionFields => ({
  anyOfs: {
    type: "string[]",
    doc: `Values to match ${what}; a stack matches when one of them does. \`*\` matches anything.`,
  },
});
const equals: FunctionFields = {
  equals: { type: "boolean", optional: true, doc: "The value to require; `true` when unset." },
};

const filterTypes: Record<string, FunctionFields> = {
  GetStacksLabel: anyOf("the stack's labels against"),
  ...Object.fromEntries(
    STRING_FILTERS.map(([name]) => [`GetStacks${cap(name)}`, anyOf(`the stack's ${name} against`)]),
  ),
  ...Object.fromEntries(BOOLEAN_FILTERS.map(([name]) => [`GetStacks${cap(name)}`, equals])),
};

const filterArgs: FunctionFields = {
  labels: {
    type: "GetStacksLabel[]",
    optional: true,
    doc: "Keep stacks that, for each element, have one of its labels (elements combine with AND).",
  },
  ...Object.fromEntries(
    STRING_FILTERS.map(([name, , , what]) => [
      name,
      { type: `GetStacks${cap(name)}`, optional: true, doc: `Keep only stacks that ${what}.` },
    ]),
  ),
  ...Object.fromEntries(
    BOOLEAN_FILTERS.map(([name, what]) => [
      name,
      { type: `GetStacks${cap(name)}`, optional: true, doc: `Keep only stacks that ${what}.` },
    ]),
  ),
};

/** A `QueryPredicate` of `searchStacks`. */
interface Predicate {
  readonly field: string;
  readonly constraint: { booleanEquals?: boolean[]; enumEquals?: string[]; stringMatches?: string[] };
}

/** The search predicates the filter arguments ask for; all must hold. */
function predicates(args: FunctionValues): Predicate[] {
  const out: Predicate[] = [];
  for (const element of (args["labels"] as { anyOfs: string[] }[] | undefined) ?? []) {
    out.push({ field: "label", constraint: { stringMatches: [...element.anyOfs] } });
  }
  for (const [name, field, isEnum] of STRING_FILTERS) {
    const filter = args[name] as { anyOfs: string[] } | undefined;
    if (filter === undefined) continue;
    const values = [...filter.anyOfs];
    out.push({ field, constraint: isEnum ? { enumEquals: values } : { stringMatches: values } });
  }
  for (const [name] of BOOLEAN_FILTERS) {
    const filter = args[name] as { equals?: boolean } | undefined;
    if (filter === undefined) continue;
    out.push({ field: name, constraint: { booleanEquals: [filter.equals ?? true] } });
  }
  return out;
}

interface SearchPage {
  readonly searchStacks: {
    readonly edges: readonly { readonly node: StackNode }[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

/** `getStacks`: every stack matching the filters, all pages. */
export const getStacks = defineFunction({
  name: "getStacks",
  dataSource: "spacelift_stacks",
  doc:
    "Lists the stacks the caller can see, optionally filtered by labels, name, branch, repository, state, " +
    "vendor, worker pool and more. Filters combine with AND; the values of one filter with OR.",
  args: filterArgs,
  result: {
    id: { type: "string", doc: "An identifier of the look-up: `stacks`." },
    stacks: { type: "GetStacksStack[]", doc: "The matching stacks, ordered by name." },
    ...Object.fromEntries(
      Object.entries(filterArgs).map(([name, spec]) => [
        name,
        { ...spec, doc: `The \`${name}\` filter, as given.` },
      ]),
    ),
  },
  types: {
    ...filterTypes,
    GetStacksStack: stackResultFields("GetStacksStack"),
    ...stackTypes("GetStacksStack"),
  },
  checkArgs(args) {
    for (const name of ["labels", ...STRING_FILTERS.map(([n]) => n)]) {
      const value = args[name];
      for (const [index, element] of (Array.isArray(value)
        ? value
        : value === undefined
          ? []
          : [value]
      ).entries()) {
        if ((element as { anyOfs: unknown[] }).anyOfs.length === 0) {
          const where = Array.isArray(value) ? `${name}[${index}]` : name;
          return `"${where}.anyOfs" must hold at least one value`;
        }
      }
    }
    return undefined;
  },
  async run(args, api) {
    const stacks: FunctionValues[] = [];
    const input: { first: number; predicates: Predicate[]; after?: string } = {
      first: PAGE_SIZE,
      predicates: predicates(args),
    };
    for (;;) {
      const page = (await api.query<SearchPage>(SEARCH_STACKS, { input })).searchStacks;
      stacks.push(...page.edges.map((edge) => stackResult(edge.node)));
      if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) break;
      input.after = page.pageInfo.endCursor;
    }
    const echoed = Object.fromEntries(Object.keys(filterArgs).map((name) => [name, args[name]]));
    return { id: "stacks", stacks, ...echoed };
  },
});
