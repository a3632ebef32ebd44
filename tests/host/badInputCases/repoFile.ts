import type { BadInputCase } from "../badInputCase";

/** RepoFile: a repo, a relative path and content are required; modes are four octal digits. */
export const badInputCases: BadInputCase[] = [
  { kind: "RepoFile", inputs: { repoId: "infra", content: "x" }, property: "path", reason: /is required/ },
  {
    kind: "RepoFile",
    inputs: { repoId: "infra", path: "main.tf" },
    property: "content",
    reason: /is required/,
  },
  {
    kind: "RepoFile",
    inputs: { repoId: "infra", path: "/main.tf", content: "x" },
    property: "path",
    reason: /without a leading or trailing/,
  },
  {
    kind: "RepoFile",
    inputs: { repoId: "infra", path: "main.tf", content: "x", fileMode: "644" },
    property: "fileMode",
    reason: /four octal digits/,
  },
  {
    kind: "RepoFile",
    inputs: { repoId: "infra/main.tf", path: "main.tf", content: "x" },
    property: "repoId",
    reason: /without `\/`/,
  },
  {
    kind: "RepoFile",
    inputs: { repoId: "infra", path: "main.tf", content: "x", commitMessage: " " },
    property: "commitMessage",
    reason: /must not be empty/,
  },
];
