import type { BadInputCase } from "../badInputCase";

const filter = { name: "mine", type: "stacks", data: "{}", isPublic: false };

/** SavedFilter: a known list type, JSON data, an explicit visibility. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "SavedFilter",
    inputs: { ...filter, type: "runs" },
    property: "type",
    reason: /must be one of stacks, modules/,
  },
  {
    kind: "SavedFilter",
    inputs: { ...filter, data: "{not json" },
    property: "data",
    reason: /must be JSON text/,
  },
  {
    kind: "SavedFilter",
    inputs: { name: "mine", type: "stacks", data: "{}" },
    property: "isPublic",
    reason: /is required/,
  },
  { kind: "SavedFilter", inputs: { ...filter, isPublic: "yes" }, property: "isPublic", reason: /boolean/ },
];
