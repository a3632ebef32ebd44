import assert from "node:assert/strict";

import {
  OPERATIONS,
  formatCpuTable,
  formatTable,
  median,
  summarize,
  type DeploymentSample,
} from "../../../bench/report";

/** A deployment sample whose every operation took `seconds` and made `requests` requests. */
function sample(
  seconds: number,
  requests: number,
  checkpointBytes: number,
  providerCpuSeconds?: number,
): DeploymentSample {
  const operation = {
    seconds,
    requests,
    providerPeakRss: 100e6,
    cpuSeconds: { self: 1, children: 4 },
    providerCpuSeconds,
  };
  return {
    operations: Object.fromEntries(OPERATIONS.map((op) => [op, operation])) as DeploymentSample["operations"],
    checkpointBytes,
  };
}

describe("bench report", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even one", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it("summarizes medians per resource and prints one row per operation and one for state", () => {
    const ours = summarize([sample(3, 100, 380_000), sample(1, 100, 380_000), sample(2, 100, 380_000)], 100);
    const floor = summarize([sample(1, 100, 340_000)], 100);
    assert.equal(ours.seconds.up, 2);
    assert.equal(ours.requestsPerResource.destroy, 1);
    assert.equal(ours.checkpointBytesPerResource, 3800);
    const table = formatTable(100, 50, 3, ours, floor).split("\n");
    assert.equal(table.length, 2 + OPERATIONS.length + 1);
    assert.equal(table[2], "| `up` from empty | 2.00 s | 1.00 s | 2.00 | 1.00, 1.00 | 100 MB, 100 MB |");
    assert.equal(table.at(-1), "| checkpoint bytes / resource | 3800 | 3400 | 1.12 | | |");
  });

  it("prints the provider processes' CPU beside the engine's, n/a where it was not seen", () => {
    const ours = summarize([sample(1, 1, 1, 1.5), sample(1, 1, 1, 2.5), sample(1, 1, 1, 0.5)], 1);
    const floor = summarize([sample(1, 1, 1)], 1);
    const table = formatCpuTable(1, ours, floor).split("\n");
    assert.equal(table.length, 2 + OPERATIONS.length);
    assert.equal(table[2], "| `up` from empty | 1.0, 1.0 | 4.0, 4.0 | 1.5, n/a |");
  });
});
