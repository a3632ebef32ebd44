import type { BadInputCase } from "../badInputCase";

/** PluginTemplate: a manifest is required; the name is one line; labels are not empty. */
export const badInputCases: BadInputCase[] = [
  { kind: "PluginTemplate", inputs: { name: "t" }, property: "manifest", reason: /is required/ },
  {
    kind: "PluginTemplate",
    inputs: { name: "t", manifest: " " },
    property: "manifest",
    reason: /must not be empty/,
  },
  {
    kind: "PluginTemplate",
    inputs: { name: "t\n", manifest: "{}" },
    property: "name",
    reason: /must not contain control characters/,
  },
  {
    kind: "PluginTemplate",
    inputs: { name: "t", manifest: "{}", labels: ["ok", ""] },
    property: "labels[1]",
    reason: /must not be empty/,
  },
];
