import type { BadInputCase } from "../badInputCase";

/** ApiKey: a one-line name and non-empty groups; the secret is an output, never an input. */
export const badInputCases: BadInputCase[] = [
  { kind: "ApiKey", inputs: {}, property: "name", reason: /is required/ },
  {
    kind: "ApiKey",
    inputs: { name: "key\n" },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "ApiKey",
    inputs: { name: "key", idpGroups: ["ops", ""] },
    property: "idpGroups[1]",
    reason: /must not be empty/,
  },
  { kind: "ApiKey", inputs: { name: "key", idpGroups: "ops" }, property: "idpGroups", reason: /list|array/ },
];
