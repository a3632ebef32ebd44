import {
  defineFunction,
  queryOp,
  type FunctionApi,
  type FunctionFields,
  type FunctionValues,
} from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";

/** A space as the look-ups below request it. */
interface SpaceNode {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly inheritEntities: boolean;
  readonly parentSpace: string | null;
  readonly labels: readonly string[];
}

const SPACE_FIELDS = "id name description inheritEntities parentSpace labels";

const SPACE = queryOp(`query GetSpace($id: ID!) { space(id: $id) { ${SPACE_FIELDS} } }`);
const SPACES = queryOp(`query GetSpaces { spaces { ${SPACE_FIELDS} } }`);
// A run token names a stack or a module (both run); Spacelift answers null for the kind it is not.
const PROJECT_SPACE = queryOp(
  `query GetProjectSpace($id: ID!) { stack(id: $id) { spaceDetails { ${SPACE_FIELDS} } } ` +
    `module(id: $id) { spaceDetails { ${SPACE_FIELDS} } } }`,
);

const ROOT = "root";

/** What every space look-up returns about the space, besides its id. */
const SPACE_RESULT: FunctionFields = {
  name: { type: "string", doc: "The space's name." },
  description: { type: "string", doc: "Its free-form description; empty when it has none." },
  inheritEntities: {
    type: "boolean",
    doc: "Whether the space sees the contexts, policies and other entities of its parent space.",
  },
  labels: { type: "string[]", doc: "Its labels, sorted." },
  parentSpaceId: { type: "string", doc: "The id of the space it sits in; empty for the root space." },
};

function spaceValues(space: SpaceNode): FunctionValues {
  return {
    name: space.name,
    description: space.description,
    inheritEntities: space.inheritEntities,
    labels: visibleLabels(space.labels),
    parentSpaceId: space.parentSpace ?? "",
  };
}

/**
 * The stack (or module) a Spacelift run token belongs to: Spacelift issues run tokens with issuer
 * `spacelift` and subject `<stack>/<run>`. Anything else is not a run's token.
 *
 * @param api - the caller's API
 * @param fn - the function asking, for the error
 * @param why - what needs the run, for the error
 */
export function runProjectId(api: FunctionApi, fn: string, why: string): string {
  const claims = api.tokenClaims;
  const advice =
    "give the run's SPACELIFT_API_TOKEN as a provider's apiToken or use it with no API key set " +
    "(an API key, even one from the environment, takes precedence over a token)";
  if (claims === undefined) {
    throw new FunctionError(
      fn,
      `${why} needs the API token of a Spacelift run, and the caller is not one; ${advice}`,
    );
  }
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const slash = subject.lastIndexOf("/");
  if (claims.iss !== "spacelift" || slash <= 0) {
    throw new FunctionError(
      fn,
      `${why} needs the API token of a Spacelift run, and the caller's token was not issued to one; ${advice}`,
    );
  }
  return subject.slice(0, slash);
}

/** The space of the stack or module a run token belongs to. */
async function runSpace(api: FunctionApi, fn: string, why: string): Promise<SpaceNode> {
  const projectId = runProjectId(api, fn, why);
  const data = await api.query<{
    stack: { spaceDetails: SpaceNode } | null;
    module: { spaceDetails: SpaceNode } | null;
  }>(PROJECT_SPACE, { id: projectId });
  const space = data.stack?.spaceDetails ?? data.module?.spaceDetails;
  if (space === undefined) {
    throw new FunctionError(fn, `the run's stack or module "${projectId}" does not exist or is not visible`);
  }
  return space;
}

/** `getSpace`: one space by its id. */
export const getSpace = defineFunction({
  name: "getSpace",
  dataSource: "spacelift_space",
  doc: "Looks up a space by its id: its name, parent, labels and whether it inherits its parent's entities.",
  args: {
    spaceId: { type: "string", doc: "The id of the space, e.g. `root` or `team-a-01HX…`." },
  },
  result: {
    id: { type: "string", doc: "The space's id." },
    spaceId: { type: "string", doc: "The space's id, as asked for." },
    ...SPACE_RESULT,
  },
  async run(args, api) {
    const spaceId = args.spaceId as string;
    const data = await api.query<{ space: SpaceNode | null }>(SPACE, { id: spaceId });
    if (data.space === null) throw new FunctionError("getSpace", `no space "${spaceId}" (spaceId)`);
    return { id: data.space.id, spaceId, ...spaceValues(data.space) };
  },
});

/** `getSpaces`: every space. */
export const getSpaces = defineFunction({
  name: "getSpaces",
  dataSource: "spacelift_spaces",
  doc: "Lists every space the caller can see, the root space included.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift-spaces`." },
    spaces: { type: "GetSpacesSpace[]", doc: "The spaces, sorted by id." },
  },
  types: {
    GetSpacesSpace: {
      spaceId: { type: "string", doc: "The space's id." },
      ...SPACE_RESULT,
    },
  },
  async run(_args, api) {
    const data = await api.query<{ spaces: SpaceNode[] }>(SPACES);
    const spaces = [...data.spaces]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((space) => ({ spaceId: space.id, ...spaceValues(space) }));
    return { id: "spacelift-spaces", spaces };
  },
});

/**
 * Walks `names` down from `start`, one child per name; a name two children share is ambiguous.
 * Returns the space reached, or a message saying where the walk stopped.
 */
function walk(spaces: readonly SpaceNode[], start: SpaceNode, names: readonly string[]): SpaceNode | string {
  let current = start;
  const walked = [start.name];
  for (const name of names) {
    walked.push(name);
    const matches = spaces.filter((s) => s.parentSpace === current.id && s.name === name);
    if (matches.length === 0) return `no space "${walked.join("/")}"`;
    if (matches.length > 1) {
      return `"${walked.join("/")}" is ambiguous: ${matches.length} spaces of that name sit in ${current.id}`;
    }
    current = matches[0] as SpaceNode;
  }
  return current;
}

/** `getSpaceByPath`: a space by the names of the spaces leading to it. */
export const getSpaceByPath = defineFunction({
  name: "getSpaceByPath",
  dataSource: "spacelift_space_by_path",
  doc:
    "Looks up a space by its path, the names of the spaces from the root down joined by `/` " +
    "(`root/platform/production`). A path that does not start with `root` is taken from the space of " +
    "the Spacelift run the caller's API token belongs to, so it works only with a run's token. Every " +
    "step must name exactly one child space.",
  args: {
    spacePath: {
      type: "string",
      doc: "The path: `root/<name>/<name>…`, or `<name>/<name>…` below the current run's space.",
    },
  },
  result: {
    id: { type: "string", doc: "The space's id." },
    spacePath: { type: "string", doc: "The path, as asked for." },
    ...SPACE_RESULT,
  },
  checkArgs(args) {
    const path = args.spacePath as string;
    if (path.startsWith("/"))
      return `"spacePath" must not start with "/": write root/… or a path below the run's space`;
    if (path.split("/").some((step) => step === ""))
      return `"spacePath" has an empty step: ${JSON.stringify(path)}`;
    return undefined;
  },
  async run(args, api) {
    const spacePath = args.spacePath as string;
    const steps = spacePath.split("/");
    const absolute = steps[0] === ROOT;
    // Checked before any request: a relative path cannot be resolved without a run token.
    if (!absolute) runProjectId(api, "getSpaceByPath", `the relative path "${spacePath}"`);
    const { spaces } = await api.query<{ spaces: SpaceNode[] }>(SPACES);
    let start: SpaceNode | undefined;
    if (absolute) {
      start = spaces.find((s) => s.id === ROOT);
      if (start === undefined)
        throw new FunctionError("getSpaceByPath", "the root space is not visible to the caller");
    } else {
      start = await runSpace(api, "getSpaceByPath", `the relative path "${spacePath}"`);
    }
    const found = walk(spaces, start, absolute ? steps.slice(1) : steps);
    if (typeof found === "string") throw new FunctionError("getSpaceByPath", `${found} (spacePath)`);
    return { id: found.id, spacePath, ...spaceValues(found) };
  },
});

/** `getCurrentSpace`: the space of the stack whose run the program runs in. */
export const getCurrentSpace = defineFunction({
  name: "getCurrentSpace",
  dataSource: "spacelift_current_space",
  doc:
    "The space of the stack (or module) whose Spacelift run the program runs in, found from the run's " +
    "API token (`SPACELIFT_API_TOKEN`, or a provider's `apiToken`). Fails with any other credentials.",
  args: {},
  result: {
    id: { type: "string", doc: "The space's id." },
  },
  async run(_args, api) {
    const space = await runSpace(api, "getCurrentSpace", "the current space");
    return { id: space.id };
  },
});
