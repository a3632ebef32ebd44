import type { BadInputCase } from "../badInputCase";

/**
 * Context: hook lists and labels checked element by element, an empty space id, an over-long name,
 * a misspelt argument.
 */
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
  {
    kind: "Context",
    inputs: { name: "c".repeat(256) },
    property: "name",
    reason: /must be at most 255 characters long/,
  },
  {
    kind: "Context",
    inputs: { name: "ctx", spaceID: "root" },
    property: "spaceID",
    reason: /is not a known property; did you mean spaceId\?/,
  },
  {
    kind: "Context",
    inputs: { name: "ctx", labels: ["autoattach:prod "] },
    property: "labels[0]",
    reason: /must not start or end with whitespace/,
  },
];
