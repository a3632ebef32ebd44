import { defineFunction, queryOp, type FunctionFields, type FunctionValues } from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";

/** The hook lists of a context, in the order Spacelift runs the phases. */
const HOOKS = {
  beforeInits: "beforeInit",
  afterInits: "afterInit",
  beforePlans: "beforePlan",
  afterPlans: "afterPlan",
  beforeApplies: "beforeApply",
  afterApplies: "afterApply",
  beforeDestroys: "beforeDestroy",
  afterDestroys: "afterDestroy",
  beforePerforms: "beforePerform",
  afterPerforms: "afterPerform",
  afterRuns: "afterRun",
} as const;

type HookName = (typeof HOOKS)[keyof typeof HOOKS];

interface ContextNode {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string;
}

const CONTEXT = queryOp(
  "query GetContext($id: ID!) { context(id: $id) { id name description labels space " +
    `hooks { ${Object.values(HOOKS).join(" ")} } } }`,
);
const SEARCH_CONTEXTS = queryOp(
  "query GetContexts($input: SearchInput!) { searchContexts(input: $input) { " +
    "edges { node { id name description labels space } } pageInfo { hasNextPage endCursor } } }",
);
const ATTACHMENT = queryOp(
  "query GetContextAttachment($context: ID!, $id: ID!) { context(id: $context) { id " +
    "attachedStack(id: $id) { id priority } } }",
);

/** Contexts asked for per page; the most Spacelift's own clients ask for. */
const PAGE_SIZE = 50;

/** `beforeInits` → `before the init phase`; `afterRuns` → `after the whole run`. */
function phase(field: string): string {
  const [, when = "", stage = ""] = /^(before|after)(\w+?)(?:ies|s)$/.exec(field) ?? [];
  const name = field.endsWith("ies") ? `${stage}y` : stage;
  return name === "Run" ? `${when} the whole run` : `${when} the ${name.toLowerCase()} phase`;
}

// The official signature takes the hook lists as arguments too (they are optional and computed in
// the Terraform data source); they only ever come back as the context has them.
const hookArgs: FunctionFields = Object.fromEntries(
  Object.keys(HOOKS).map((field) => [
    field,
    {
      type: "string[]",
      optional: true,
      doc: `Accepted for compatibility and ignored: the result holds the commands the context runs ${phase(field)}.`,
    },
  ]),
);

const hookResults: FunctionFields = Object.fromEntries(
  Object.keys(HOOKS).map((field) => [
    field,
    {
      type: "string[]",
      // Only `afterRuns` may be missing in the official signature.
      ...(field === "afterRuns" ? { optional: true } : {}),
      doc: `Commands the context runs ${phase(field)}, in order, in the stacks and modules it is attached to.`,
    },
  ]),
);

/** `getContext`: one context by its id. */
export const getContext = defineFunction({
  name: "getContext",
  dataSource: "spacelift_context",
  doc: "Looks up a context by its id: its name, space, labels and the hook commands it adds to runs.",
  args: {
    contextId: { type: "string", doc: "The id of the context." },
    ...hookArgs,
  },
  result: {
    id: { type: "string", doc: "The context's id." },
    contextId: { type: "string", doc: "The context's id, as asked for." },
    name: { type: "string", doc: "The context's name." },
    description: { type: "string", doc: "Its free-form description; empty when it has none." },
    labels: { type: "string[]", doc: "Its labels, sorted." },
    spaceId: { type: "string", doc: "The id of the space it lives in." },
    ...hookResults,
  },
  async run(args, api) {
    const contextId = args.contextId as string;
    const data = await api.query<{
      context: (ContextNode & { hooks: Record<HookName, string[]> }) | null;
    }>(CONTEXT, { id: contextId });
    const context = data.context;
    if (context === null) throw new FunctionError("getContext", `no context "${contextId}" (contextId)`);
    const hooks: FunctionValues = {};
    for (const [field, gql] of Object.entries(HOOKS)) hooks[field] = [...context.hooks[gql]];
    return {
      id: context.id,
      contextId,
      name: context.name,
      description: context.description ?? "",
      labels: visibleLabels(context.labels),
      spaceId: context.space,
      ...hooks,
    };
  },
});

const LABEL_FILTER: FunctionFields = {
  anyOfs: { type: "string[]", doc: "A context matches when it has at least one of these labels." },
};

/** `getContexts`: every context, optionally only those with some labels. */
export const getContexts = defineFunction({
  name: "getContexts",
  dataSource: "spacelift_contexts",
  doc:
    "Lists the contexts the caller can see. With `labels`, only the contexts that match every " +
    "filter, a filter matching a context that has any of its labels.",
  args: {
    labels: {
      type: "GetContextsLabel[]",
      optional: true,
      doc: "Label filters; a context must match all of them. None lists every context.",
    },
  },
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift-contexts`." },
    labels: { type: "GetContextsLabel[]", optional: true, doc: "The label filters, as given." },
    contexts: { type: "GetContextsContext[]", doc: "The matching contexts, sorted by name." },
  },
  types: {
    GetContextsLabel: LABEL_FILTER,
    GetContextsContext: {
      contextId: { type: "string", doc: "The context's id." },
      name: { type: "string", doc: "Its name." },
      description: { type: "string", doc: "Its free-form description; empty when it has none." },
      labels: { type: "string[]", doc: "Its labels, sorted." },
      spaceId: { type: "string", doc: "The id of the space it lives in." },
    },
  },
  async run(args, api) {
    const filters = ((args.labels ?? []) as { anyOfs: string[] }[]).map((f) => f.anyOfs);
    const found: ContextNode[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        searchContexts: {
          edges: { node: ContextNode }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await api.query(SEARCH_CONTEXTS, {
        input: { first: PAGE_SIZE, after, orderBy: { field: "name", direction: "ASC" } },
      });
      found.push(...data.searchContexts.edges.map((e) => e.node));
      const { hasNextPage, endCursor } = data.searchContexts.pageInfo;
      if (!hasNextPage || endCursor === null) break;
      after = endCursor;
    }
    // Filtered here rather than with search predicates, as the Terraform data source does: a
    // predicate's values are patterns, and a label may hold a pattern's special characters.
    const contexts = found
      .map((c) => ({
        contextId: c.id,
        name: c.name,
        description: c.description ?? "",
        labels: visibleLabels(c.labels),
        spaceId: c.space,
      }))
      .filter((c) => filters.every((anyOf) => anyOf.length === 0 || anyOf.some((l) => c.labels.includes(l))));
    return {
      id: "spacelift-contexts",
      ...(args.labels === undefined ? {} : { labels: args.labels }),
      contexts,
    };
  },
});

/** `getContextAttachment`: the attachment of a context to one stack or module. */
export const getContextAttachment = defineFunction({
  name: "getContextAttachment",
  dataSource: "spacelift_context_attachment",
  doc: "Looks up the attachment of a context to a stack or a module, for its priority.",
  args: {
    contextId: { type: "string", doc: "The id of the context." },
    stackId: { type: "string", optional: true, doc: "The id of the stack. Set this or `moduleId`." },
    moduleId: { type: "string", optional: true, doc: "The id of the module. Set this or `stackId`." },
  },
  result: {
    id: { type: "string", doc: "The attachment's id." },
    contextId: { type: "string", doc: "The context's id, as asked for." },
    stackId: { type: "string", optional: true, doc: "The stack's id, when asked by stack." },
    moduleId: { type: "string", optional: true, doc: "The module's id, when asked by module." },
    priority: {
      type: "number",
      doc: "Its priority: contexts with a lower number win when two set the same variable or file.",
    },
  },
  checkArgs(args) {
    const set = ["stackId", "moduleId"].filter((k) => args[k] !== undefined);
    return set.length === 1
      ? undefined
      : `set exactly one of "stackId" and "moduleId" (got ${set.length === 0 ? "neither" : "both"})`;
  },
  async run(args, api) {
    const contextId = args.contextId as string;
    const byModule = args.moduleId !== undefined;
    const projectId = (byModule ? args.moduleId : args.stackId) as string;
    const data = await api.query<{
      context: { attachedStack: { id: string; priority: number } | null } | null;
    }>(ATTACHMENT, { context: contextId, id: projectId });
    if (data.context === null) {
      throw new FunctionError("getContextAttachment", `no context "${contextId}" (contextId)`);
    }
    const attachment = data.context.attachedStack;
    const key = byModule ? "moduleId" : "stackId";
    if (attachment === null) {
      throw new FunctionError(
        "getContextAttachment",
        `context "${contextId}" is not attached to ${byModule ? "module" : "stack"} "${projectId}" (${key})`,
      );
    }
    return { id: attachment.id, contextId, [key]: projectId, priority: attachment.priority };
  },
});
