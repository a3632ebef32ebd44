import type { BadInputCase } from "../badInputCase";

const VALID = {
  name: "azure-devops",
  organizationUrl: "https://dev.azure.com/example",
  personalAccessToken: "pat",
};

/** AzureDevopsIntegration: an http(s) organization URL, a token, project names. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AzureDevopsIntegration",
    inputs: Object.fromEntries(Object.entries(VALID).filter(([k]) => k !== "organizationUrl")),
    property: "organizationUrl",
    reason: /is required/,
  },
  {
    kind: "AzureDevopsIntegration",
    inputs: { ...VALID, userFacingHost: "dev.azure.com/example" },
    property: "userFacingHost",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "AzureDevopsIntegration",
    inputs: { ...VALID, personalAccessToken: 42 },
    property: "personalAccessToken",
    reason: /string/,
  },
  {
    kind: "AzureDevopsIntegration",
    inputs: { ...VALID, accessibleProjects: [""] },
    property: "accessibleProjects[0]",
    reason: /must not be empty/,
  },
];
