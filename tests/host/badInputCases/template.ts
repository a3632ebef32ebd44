import type { BadInputCase } from "../badInputCase";

/** Template: a space, a name Spacelift can derive an ID from, labels that are not empty. */
export const badInputCases: BadInputCase[] = [
  { kind: "Template", inputs: { name: "t" }, property: "space", reason: /is required/ },
  { kind: "Template", inputs: { name: "t", space: "" }, property: "space", reason: /must not be empty/ },
  { kind: "Template", inputs: { name: "---", space: "root" }, property: "name", reason: /letter or digit/ },
  {
    kind: "Template",
    inputs: { name: "t", space: "root", labels: ["ok", ""] },
    property: "labels[1]",
    reason: /must not be empty/,
  },
];
