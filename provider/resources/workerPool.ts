import { base64, displayName, label, min, nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { markedInList } from "./existing";
import { t } from "../engine/fieldTypes";
import type { Values } from "../engine/values";
import { generateWorkerPoolCredentials, WORKER_POOL_CSR_COMMON_NAME } from "./workerPoolCredentials";

/**
 * At create, a pool without a CSR gets a generated key pair; at update, a CSR the program now gives
 * in place of the previous one makes any generated private key useless, so it is dropped.
 */
async function localValues(step: "create" | "update", values: Values, old: Values): Promise<Values> {
  if (step === "create") {
    return values["csr"] === undefined ? { ...(await generateWorkerPoolCredentials()) } : {};
  }
  const csr = values["csr"];
  return typeof csr === "string" && csr !== old["csr"] ? { privateKey: null } : {};
}

/** WorkerPool: a pool of private workers, which stacks and modules can run on. */
export const workerPool = defineResource({
  kind: "WorkerPool",
  doc:
    "A **worker pool**: private workers that stacks and modules run on (their `workerPoolId`). Workers " +
    "authenticate with the pool's `config` token and the private key whose certificate signing request the " +
    "pool was given. Give a CSR in `csr`, or leave it out and a key pair is generated when the pool is created " +
    "(the key is the `privateKey` output). `config` and `privateKey` are secret outputs: Pulumi encrypts them " +
    "in state.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the worker pool.",
      validate: [nonEmpty(), displayName()],
    },
    csr: {
      type: t.string(),
      serverDefault: true,
      alwaysSet: true,
      secret: true,
      gql: false,
      doc:
        "Base64 of a PEM certificate signing request for the pool's workers. When unset at creation, an RSA-4096 " +
        `key and a CSR for \`CN=${WORKER_POOL_CSR_COMMON_NAME}\` are generated (see \`privateKey\`). Changing it ` +
        "resets the pool in place: Spacelift issues a new `config`, and running workers must be restarted with " +
        "it. Removing it keeps the current CSR.",
      validate: [base64()],
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: {
      type: t.set(t.string()),
      doc: "Labels describing the pool. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the pool belongs to. When unset, Spacelift chooses it (`root`) and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    driftDetectionRunLimit: {
      type: t.int(),
      // Spacelift's Terraform provider (8565261, resource_worker_pool.go `drift_detection_run_limit`)
      // always sends it, -1 when unset; sending it too keeps an update from clearing a limit.
      default: -1,
      doc: "How many drift detection runs may run at once on the pool; `-1` (the default) for no limit.",
      validate: [min(-1)],
    },
    config: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      secret: true,
      doc: "Base64 worker configuration (the pool's token), as the workers' `SPACELIFT_TOKEN` takes it. Secret.",
    },
    privateKey: {
      type: t.string(),
      computed: true,
      secret: true,
      gql: false,
      doc:
        "Base64 of the PEM private key generated for the pool when no `csr` was given, as the workers' " +
        "`SPACELIFT_POOL_PRIVATE_KEY` takes it; absent when the program supplies the CSR. Secret.",
    },
  },
  hooks: { localValues },
  // Pool ids are generated, so Spacelift accepts a second pool of one name: the first create in a
  // process lists the pools once and recognises its own by their marker.
  existing: markedInList({
    noun: "worker pool",
    operation: "WorkerPoolList",
    listField: "workerPools",
    createdAt: true,
    duplicatesAccepted: true,
  }),
  operations: {
    create: mutation("WorkerPoolCreate", "workerPoolCreate", {
      name: arg.field("name", "String!"),
      certificateSigningRequest: arg.field("csr", "String!"),
      description: arg.field("description", "String"),
      labels: arg.field("labels", "[String!]"),
      space: arg.field("spaceId", "ID"),
      driftDetectionRunLimit: arg.field("driftDetectionRunLimit", "Int"),
    }),
    read: query("WorkerPoolRead", "workerPool", { id: arg.id() }),
    update: mutation("WorkerPoolUpdate", "workerPoolUpdate", {
      id: arg.id(),
      name: arg.field("name", "String!"),
      description: arg.field("description", "String"),
      labels: arg.field("labels", "[String!]"),
      space: arg.field("spaceId", "ID"),
      driftDetectionRunLimit: arg.field("driftDetectionRunLimit", "Int"),
    }),
    delete: mutation("WorkerPoolDelete", "workerPoolDelete", { id: arg.id() }),
    afterUpdate: [
      {
        when: ["csr"],
        op: mutation("WorkerPoolReset", "workerPoolReset", {
          id: arg.id(),
          certificateSigningRequest: arg.field("csr", "String!"),
        }),
      },
    ],
  },
});
