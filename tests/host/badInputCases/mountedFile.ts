import type { BadInputCase } from "../badInputCase";

const file = (inputs: Record<string, string>): Record<string, string> => ({ contextId: "ctx", ...inputs });

/** MountedFile: content that is not Base64, paths that leave the workspace, missing content. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "a.txt", content: "plain text, not Base64!" }),
    property: "content",
    reason: /Base64/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "a.txt", content: "YQ" }),
    property: "content",
    reason: /padded Base64/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "a.txt" }),
    property: "content",
    reason: /is required/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "../etc/passwd", content: "YQ==" }),
    property: "relativePath",
    reason: /without \.\. segments/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "config/../../secrets", content: "YQ==" }),
    property: "relativePath",
    reason: /without \.\. segments/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "/etc/hosts", content: "YQ==" }),
    property: "relativePath",
    reason: /relative path \(not starting with \/\)/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "", content: "YQ==" }),
    property: "relativePath",
    reason: /must not be empty/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: "config/app\n.json", content: "YQ==" }),
    property: "relativePath",
    reason: /must not contain control characters/,
  },
  {
    kind: "MountedFile",
    inputs: file({ relativePath: `config/${"f".repeat(256)}`, content: "YQ==" }),
    property: "relativePath",
    reason: /over 255 bytes \(Linux's NAME_MAX\)/,
  },
];
