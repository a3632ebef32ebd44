import type { BadInputCase } from "../badInputCase";

/** Role: at least one action, each an action name; the API checks that it knows them. */
export const badInputCases: BadInputCase[] = [
  { kind: "Role", inputs: { name: "reader" }, property: "actions", reason: /is required/ },
  { kind: "Role", inputs: { name: "reader", actions: [] }, property: "actions", reason: /at least 1/ },
  {
    kind: "Role",
    inputs: { name: "reader", actions: ["space_read"] },
    property: "actions[0]",
    reason: /must be an action name in capitals/,
  },
  {
    kind: "Role",
    inputs: { name: "", actions: ["SPACE_READ"] },
    property: "name",
    reason: /must not be empty/,
  },
];
