import type { LifecycleCase } from "../lifecycleCase";

/**
 * WorkerPoolRecycle: the create cycles the pool; a change of keepers replaces the resource, which
 * cycles it again, and destroying it sends nothing. Nothing updates in place and nothing can drift;
 * deleting the pool makes the recycle read as gone.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "WorkerPoolRecycle",
  parents: [{ ref: "pool", kind: "WorkerPool", inputs: { name: "lifecycle-recycle-pool-{run}" } }],
  create: { workerPoolId: "{parent.pool.id}", keepers: { image: "v1" } },
  replace: {
    inputs: { keepers: { image: "v2" } },
    replaces: ["keepers"],
    deleteBeforeReplace: false,
  },
  unknown: [
    { property: "keepers", replaces: true },
    { property: "workerPoolId", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { workerPoolDelete(id: $id) { id } }",
    variables: { id: "{parent.pool.id}" },
  },
};
