import type { BadInputCase } from "../badInputCase";

/** Version: a module, and an optional commit SHA and version number. */
export const badInputCases: BadInputCase[] = [
  { kind: "Version", inputs: {}, property: "moduleId", reason: /is required/ },
  {
    kind: "Version",
    inputs: { moduleId: "terraform-aws-m", commitSha: "main" },
    property: "commitSha",
    reason: /must be a commit SHA/,
  },
  { kind: "Version", inputs: { moduleId: " " }, property: "moduleId", reason: /must not be empty/ },
  {
    kind: "Version",
    inputs: { moduleId: "terraform-aws-m", keepers: { a: 1 } },
    property: "keepers.a",
    reason: /string/,
  },
];
