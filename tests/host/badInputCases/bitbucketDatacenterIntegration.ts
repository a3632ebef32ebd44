import type { BadInputCase } from "../badInputCase";

const VALID = {
  name: "bitbucket-dc",
  apiHost: "https://bitbucket.example.com",
  userFacingHost: "https://bitbucket.example.com",
  username: "spacelift",
  accessToken: "token",
};

/** BitbucketDatacenterIntegration: http(s) hosts, a user and that user's token. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "BitbucketDatacenterIntegration",
    inputs: Object.fromEntries(Object.entries(VALID).filter(([k]) => k !== "username")),
    property: "username",
    reason: /is required/,
  },
  {
    kind: "BitbucketDatacenterIntegration",
    inputs: { ...VALID, userFacingHost: "ftp://bitbucket.example.com" },
    property: "userFacingHost",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "BitbucketDatacenterIntegration",
    inputs: { ...VALID, accessToken: "" },
    property: "accessToken",
    reason: /must not be empty/,
  },
  {
    kind: "BitbucketDatacenterIntegration",
    inputs: { ...VALID, isDefault: "yes" },
    property: "isDefault",
    reason: /boolean/,
  },
];
