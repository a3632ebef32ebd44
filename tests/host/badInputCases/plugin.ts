import type { BadInputCase } from "../badInputCase";

/**
 * Plugin: a template and a stack label are required, and parameter values are strings. Checks that
 * need the template (unknown or missing parameters) come with the create, after it is read.
 */
export const badInputCases: BadInputCase[] = [
  { kind: "Plugin", inputs: { stackLabel: "cost" }, property: "pluginTemplateId", reason: /is required/ },
  {
    kind: "Plugin",
    inputs: { pluginTemplateId: "infracost" },
    property: "stackLabel",
    reason: /is required/,
  },
  {
    kind: "Plugin",
    inputs: { pluginTemplateId: " ", stackLabel: "cost" },
    property: "pluginTemplateId",
    reason: /must not be empty/,
  },
  {
    kind: "Plugin",
    inputs: { pluginTemplateId: "infracost", stackLabel: "cost", parameters: { infracost_api_key: 3 } },
    property: "parameters.infracost_api_key",
    reason: /string/,
  },
];
