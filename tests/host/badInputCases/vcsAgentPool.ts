import type { BadInputCase } from "../badInputCase";

/** VcsAgentPool: a one-line name; the config is an output. */
export const badInputCases: BadInputCase[] = [
  { kind: "VcsAgentPool", inputs: {}, property: "name", reason: /is required/ },
  { kind: "VcsAgentPool", inputs: { name: " " }, property: "name", reason: /must not be empty/ },
  {
    kind: "VcsAgentPool",
    inputs: { name: "pool\n" },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "VcsAgentPool",
    inputs: { name: "pool", description: 3 },
    property: "description",
    reason: /string/,
  },
];
