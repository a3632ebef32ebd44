import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";

const ID_PREFIX = "worker_pool_recycle_";

/**
 * WorkerPoolRecycle: cycles a private worker pool's workers (`workerPoolCycle`), once when the
 * resource is created, as Spacelift's Terraform provider's `spacelift_worker_pool_recycle`
 * (terraform-provider-spacelift 8565261, resource_worker_pool_recycle.go): every argument forces a
 * new resource, so a change of `keepers` cycles the pool again; its read and delete do nothing
 * there. Here the read looks the pool up, so that a recycle of a deleted pool reads as gone. The
 * ID is Terraform's `worker_pool_recycle_<workerPoolId>`. No look-up guards the create: cycling a
 * pool twice after a lost answer does no harm beyond a second restart of its workers.
 */
export const workerPoolRecycle = defineResource({
  kind: "WorkerPoolRecycle",
  officialClass: false,
  doc:
    "A **worker pool recycle** is an action, not an object: creating it asks Spacelift to cycle every worker of a " +
    "private worker pool (each worker is drained and replaced by a fresh one once its current run ends). Nothing " +
    "else is ever sent: a change of `workerPoolId` or `keepers` replaces the resource, which cycles the pool again, " +
    "and destroying it only removes it from state. Put values into `keepers` (a launch template version, an " +
    "image digest) to cycle the pool whenever they change. Refresh reports the recycle gone when its pool is. " +
    "Its ID is `worker_pool_recycle_<workerPoolId>`, as Spacelift's Terraform provider forms it.",
  fields: {
    workerPoolId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the worker pool whose workers to cycle.",
      validate: [nonEmpty()],
    },
    keepers: {
      type: t.map(t.string()),
      gql: false,
      replaceOnChange: true,
      doc: "Arbitrary values; a change of any of them cycles the pool again.",
    },
  },
  id: {
    format: `${ID_PREFIX}<workerPoolId>`,
    compose: (v) => (typeof v["workerPoolId"] === "string" ? `${ID_PREFIX}${v["workerPoolId"]}` : undefined),
    parse: (id) =>
      id.startsWith(ID_PREFIX) && id.length > ID_PREFIX.length
        ? { workerPoolId: id.slice(ID_PREFIX.length) }
        : undefined,
  },
  immutable: true,
  forgetOnDelete: true,
  operations: {
    create: mutation(
      "WorkerPoolRecycleCycle",
      "workerPoolCycle",
      { id: arg.field("workerPoolId", "ID!") },
      { scalar: "cycled" },
    ),
    read: query(
      "WorkerPoolRecycleRead",
      "workerPool",
      { id: arg.field("workerPoolId", "ID!") },
      { selection: ["id"] },
    ),
  },
});
