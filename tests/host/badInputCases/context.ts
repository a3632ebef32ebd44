import type { BadInputCase } from "../badInputCase";

/** Context: hook lists and labels checked element by element, an empty space id. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Context",
    inputs: { name: "ctx", afterApplies: ["echo ok", 3] },
    property: "afterApplies[1]",
    reason: /must be a string, got an integer/,
  },
  {
    kind: "Context",
    inputs: { name: "ctx", labels: ["a", null] },
    property: "labels[1]",
    reason: /must not be null/,
  },
  { kind: "Context", inputs: { name: "ctx", spaceId: "" }, property: "spaceId", reason: /must not be empty/ },
  { kind: "Context", inputs: { name: "" }, property: "name", reason: /must not be empty/ },
];
