import type { BadInputCase } from "../badInputCase";

/**
 * Space: a missing or unusable name (control characters, surrounding whitespace), wrong types, list
 * element paths, unknown arguments (`id` included).
 */
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
  {
    kind: "Space",
    inputs: { name: "team\nplatform" },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "Space",
    inputs: { name: " team" },
    property: "name",
    reason: /must not start or end with whitespace/,
  },
  {
    kind: "Space",
    inputs: { name: "team", id: "team-01HZX3V6Q4" },
    property: "id",
    reason: /is not an argument: Spacelift assigns the ID; .*Space\.get/,
  },
  {
    kind: "Space",
    inputs: { name: "team", labels: ["prod", "eu\t"] },
    property: "labels[1]",
    reason: /must not contain control characters/,
  },
];
