import type { LifecycleCase } from "../lifecycleCase";

// Spacelift only parses a CSR when a worker connects; until then any Base64 PEM text will do.
const PROGRAM_CSR = Buffer.from(
  "-----BEGIN CERTIFICATE REQUEST-----\nlifecycle\n-----END CERTIFICATE REQUEST-----\n",
  "utf8",
).toString("base64");

/**
 * WorkerPool: created without a CSR (the provider generates the key pair), then given one of the
 * program's, which resets the pool in place (workerPoolReset) together with the settings update.
 * Nothing forces a replacement.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "WorkerPool",
  create: { name: "lifecycle-pool-{run}", description: "first", labels: ["one"] },
  expect: { name: "lifecycle-pool-{run}", description: "first", labels: ["one"], spaceId: "root" },
  update: { description: "second", labels: ["one", "two"], csr: PROGRAM_CSR },
  unknown: [{ property: "description" }, { property: "csr" }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $name: String!) { workerPoolUpdate(id: $id, name: $name, description: "changed elsewhere") { id } }',
      variables: { id: "{id}", name: "{outs.name}" },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: { query: "mutation($id: ID!) { workerPoolDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
