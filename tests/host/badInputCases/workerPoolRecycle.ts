import type { BadInputCase } from "../badInputCase";

/** WorkerPoolRecycle: a pool ID and string keepers. */
export const badInputCases: BadInputCase[] = [
  { kind: "WorkerPoolRecycle", inputs: {}, property: "workerPoolId", reason: /is required/ },
  {
    kind: "WorkerPoolRecycle",
    inputs: { workerPoolId: "" },
    property: "workerPoolId",
    reason: /must not be empty/,
  },
  {
    kind: "WorkerPoolRecycle",
    inputs: { workerPoolId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", keepers: ["v1"] },
    property: "keepers",
    reason: /map/,
  },
];
