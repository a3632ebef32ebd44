import type { BadInputCase } from "../badInputCase";

/** WorkerPool: a name, and a CSR (when given) that is Base64, not PEM text. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "WorkerPool",
    inputs: {
      name: "pool",
      csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
    },
    property: "csr",
    reason: /must be non-empty, padded Base64/,
  },
  { kind: "WorkerPool", inputs: { name: "pool", csr: "abc" }, property: "csr", reason: /Base64/ },
  { kind: "WorkerPool", inputs: { name: "pool", csr: "" }, property: "csr", reason: /Base64/ },
  { kind: "WorkerPool", inputs: { description: "no name" }, property: "name", reason: /is required/ },
  {
    kind: "WorkerPool",
    inputs: { name: "pool", config: "c2VjcmV0" },
    property: "config",
    reason: /is an output computed by Spacelift and cannot be set/,
  },
  {
    kind: "WorkerPool",
    inputs: { name: "p".repeat(300) },
    property: "name",
    reason: /must be at most 255 characters long/,
  },
  {
    kind: "WorkerPool",
    inputs: { name: "pool", __private: "x" },
    property: "__private",
    reason: /is not a known property .*reserved/,
  },
];
