import type { BadInputCase } from "../badInputCase";

const VALID = {
  name: "gitlab",
  apiHost: "https://gitlab.example.com",
  userFacingHost: "https://gitlab.example.com",
  privateToken: "glpat-x",
};

/** GitlabIntegration: http(s) hosts, a token, a known checks mode, non-empty labels. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "GitlabIntegration",
    inputs: { ...VALID, apiHost: "gitlab.example.com" },
    property: "apiHost",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "GitlabIntegration",
    inputs: Object.fromEntries(Object.entries(VALID).filter(([k]) => k !== "privateToken")),
    property: "privateToken",
    reason: /is required/,
  },
  {
    kind: "GitlabIntegration",
    inputs: { ...VALID, privateToken: "" },
    property: "privateToken",
    reason: /must not be empty/,
  },
  {
    kind: "GitlabIntegration",
    inputs: { ...VALID, vcsChecks: "SOME" },
    property: "vcsChecks",
    reason: /INDIVIDUAL/,
  },
  {
    kind: "GitlabIntegration",
    inputs: { ...VALID, labels: ["ok", ""] },
    property: "labels[1]",
    reason: /must not be empty/,
  },
];
