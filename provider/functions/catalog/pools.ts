import { defineFunction, queryOp, type FunctionFields } from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";

// Worker pools and VCS agent pools are read with the plain queries the Terraform data sources send:
// the API returns every pool in one answer, without paging.
const WORKER_POOL = queryOp(`query GetWorkerPool($id: ID!) {
  workerPool(id: $id) { id name description labels space config }
}`);
const WORKER_POOLS = queryOp(`query GetWorkerPools {
  workerPools { id name description labels space config }
}`);
const VCS_AGENT_POOL = queryOp(`query GetVcsAgentPool($id: ID!) {
  vcsAgentPool(id: $id) { id name description }
}`);
const VCS_AGENT_POOLS = queryOp(`query GetVcsAgentPools {
  vcsAgentPools { id name description }
}`);

interface WorkerPoolNode {
  readonly id: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string | null;
  readonly config: string | null;
}

interface VcsAgentPoolNode {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
}

const CONFIG_DOC =
  "The Base64 configuration (token) the pool's workers start with. The private key that goes with the pool's certificate never leaves the machine that made it, so Spacelift cannot return it and no look-up has it.";

function byName<T extends { readonly id: string; readonly name: string | null }>(a: T, b: T): number {
  return (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id);
}

/** `getWorkerPool`: one private worker pool by id. */
export const getWorkerPool = defineFunction({
  name: "getWorkerPool",
  dataSource: "spacelift_worker_pool",
  doc: "Looks up a private worker pool by its id: its name, space, labels and the configuration its workers need.",
  args: {
    workerPoolId: { type: "string", doc: "The worker pool's id (a ULID)." },
  },
  result: {
    config: { type: "string", secret: true, doc: CONFIG_DOC },
    description: { type: "string", doc: "The pool's description; empty when it has none." },
    id: { type: "string", doc: "The worker pool's id." },
    labels: { type: "string[]", doc: "The pool's labels, sorted." },
    name: { type: "string", doc: "The pool's name." },
    spaceId: { type: "string", doc: "Id of the space the pool belongs to." },
    workerPoolId: { type: "string", doc: "The id that was looked up." },
  },
  async run(args, api) {
    const workerPoolId = args.workerPoolId as string;
    const data = await api.query<{ workerPool: WorkerPoolNode | null }>(WORKER_POOL, { id: workerPoolId });
    const pool = data.workerPool;
    if (pool === null) {
      throw new FunctionError("getWorkerPool", `no worker pool "${workerPoolId}" (workerPoolId)`);
    }
    return {
      config: pool.config ?? "",
      description: pool.description ?? "",
      id: workerPoolId,
      labels: visibleLabels(pool.labels),
      name: pool.name ?? "",
      spaceId: pool.space ?? "",
      workerPoolId,
    };
  },
});

const workerPoolSummary: FunctionFields = {
  config: { type: "string", secret: true, doc: CONFIG_DOC },
  description: { type: "string", doc: "The pool's description; empty when it has none." },
  name: { type: "string", doc: "The pool's name." },
  spaceId: { type: "string", doc: "Id of the space the pool belongs to." },
  workerPoolId: { type: "string", doc: "The worker pool's id." },
};

/** `getWorkerPools`: every private worker pool the caller can see. */
export const getWorkerPools = defineFunction({
  name: "getWorkerPools",
  dataSource: "spacelift_worker_pools",
  doc: "Lists the account's private worker pools the caller can see, with the configuration each pool's workers need.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift-worker-pools`." },
    workerPools: { type: "GetWorkerPoolsWorkerPool[]", doc: "The pools, by name." },
  },
  types: { GetWorkerPoolsWorkerPool: workerPoolSummary },
  async run(_args, api) {
    const data = await api.query<{ workerPools: WorkerPoolNode[] }>(WORKER_POOLS);
    return {
      id: "spacelift-worker-pools",
      workerPools: [...data.workerPools].sort(byName).map((pool) => ({
        config: pool.config ?? "",
        description: pool.description ?? "",
        name: pool.name ?? "",
        spaceId: pool.space ?? "",
        workerPoolId: pool.id,
      })),
    };
  },
});

/** `getVcsAgentPool`: one VCS agent pool by id. */
export const getVcsAgentPool = defineFunction({
  name: "getVcsAgentPool",
  dataSource: "spacelift_vcs_agent_pool",
  doc: "Looks up a VCS agent pool (the agents through which Spacelift reaches a VCS on a private network) by its id.",
  args: {
    vcsAgentPoolId: { type: "string", doc: "The VCS agent pool's id (a ULID)." },
  },
  result: {
    description: { type: "string", doc: "The pool's description; empty when it has none." },
    id: { type: "string", doc: "The VCS agent pool's id." },
    name: { type: "string", doc: "The pool's name." },
    vcsAgentPoolId: { type: "string", doc: "The id that was looked up." },
  },
  async run(args, api) {
    const vcsAgentPoolId = args.vcsAgentPoolId as string;
    const data = await api.query<{ vcsAgentPool: VcsAgentPoolNode | null }>(VCS_AGENT_POOL, {
      id: vcsAgentPoolId,
    });
    const pool = data.vcsAgentPool;
    if (pool === null) {
      throw new FunctionError("getVcsAgentPool", `no VCS agent pool "${vcsAgentPoolId}" (vcsAgentPoolId)`);
    }
    return { description: pool.description ?? "", id: pool.id, name: pool.name, vcsAgentPoolId };
  },
});

const vcsAgentPoolSummary: FunctionFields = {
  description: { type: "string", doc: "The pool's description; empty when it has none." },
  name: { type: "string", doc: "The pool's name." },
  vcsAgentPoolId: { type: "string", doc: "The VCS agent pool's id." },
};

/** `getVcsAgentPools`: every VCS agent pool of the account. */
export const getVcsAgentPools = defineFunction({
  name: "getVcsAgentPools",
  dataSource: "spacelift_vcs_agent_pools",
  doc: "Lists the account's VCS agent pools. Their agents' configuration is handed out only when a pool is created or reset, so no look-up returns it.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift-vcs-agent-pools`." },
    vcsAgentPools: { type: "GetVcsAgentPoolsVcsAgentPool[]", doc: "The pools, by name." },
  },
  types: { GetVcsAgentPoolsVcsAgentPool: vcsAgentPoolSummary },
  async run(_args, api) {
    const data = await api.query<{ vcsAgentPools: VcsAgentPoolNode[] }>(VCS_AGENT_POOLS);
    return {
      id: "spacelift-vcs-agent-pools",
      vcsAgentPools: [...data.vcsAgentPools].sort(byName).map((pool) => ({
        description: pool.description ?? "",
        name: pool.name,
        vcsAgentPoolId: pool.id,
      })),
    };
  },
});
