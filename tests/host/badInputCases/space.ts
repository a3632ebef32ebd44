import type { BadInputCase } from "../badInputCase";

/** Space: a missing or unusable name, wrong types, list element paths, unknown arguments. */
export const badInputCases: BadInputCase[] = [
  { kind: "Space", inputs: { description: "no name" }, property: "name", reason: /is required/ },
  { kind: "Space", inputs: { name: 42 }, property: "name", reason: /must be a string, got an integer/ },
  { kind: "Space", inputs: { name: "---" }, property: "name", reason: /at least one letter or digit/ },
  {
    kind: "Space",
    inputs: { name: "team", inheritEntities: "yes" },
    property: "inheritEntities",
    reason: /must be a boolean, got a string/,
  },
  {
    kind: "Space",
    inputs: { name: "team", labels: "prod" },
    property: "labels",
    reason: /must be a list of strings, got a string/,
  },
  {
    kind: "Space",
    inputs: { name: "team", labels: ["ok", " "] },
    property: "labels[1]",
    reason: /must not be empty/,
  },
  {
    kind: "Space",
    inputs: { name: "team", colour: "red" },
    property: "colour",
    reason: /is not a known property/,
  },
];
