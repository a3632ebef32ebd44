import type { BadInputCase } from "../badInputCase";

/** Repo: a space is required; the name is one line; VCS checks are one of three values. */
export const badInputCases: BadInputCase[] = [
  { kind: "Repo", inputs: { name: "infra" }, property: "spaceId", reason: /is required/ },
  { kind: "Repo", inputs: { name: " ", spaceId: "root" }, property: "name", reason: /must not be empty/ },
  {
    kind: "Repo",
    inputs: { name: "infra\n", spaceId: "root" },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "Repo",
    inputs: { name: "infra", spaceId: "root", vcsChecks: "EVERY" },
    property: "vcsChecks",
    reason: /INDIVIDUAL/,
  },
  {
    kind: "Repo",
    inputs: { name: "infra", spaceId: "root", labels: ["ok", "two\nlines"] },
    property: "labels[1]",
    reason: /control characters/,
  },
];
