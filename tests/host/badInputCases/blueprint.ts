import type { BadInputCase } from "../badInputCase";

/** Blueprint: a name, a space and a state of DRAFT or PUBLISHED. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Blueprint",
    inputs: { name: "b", space: "root", state: "ARCHIVED" },
    property: "state",
    reason: /DRAFT|PUBLISHED/,
  },
  { kind: "Blueprint", inputs: { name: "b", state: "DRAFT" }, property: "space", reason: /is required/ },
  {
    kind: "Blueprint",
    inputs: { name: " ", space: "root", state: "DRAFT" },
    property: "name",
    reason: /must not be empty/,
  },
  { kind: "Blueprint", inputs: { name: "b", space: "root" }, property: "state", reason: /is required/ },
  {
    kind: "Blueprint",
    inputs: { name: "b", space: "root", state: "DRAFT", labels: [""] },
    property: "labels[0]",
    reason: /must not be empty/,
  },
];
