import type { BadInputCase } from "../badInputCase";

/** User: an e-mail, a username and at least one space policy with a known role. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "User",
    inputs: { invitationEmail: "not-an-email", username: "u", policies: [{ spaceId: "root", role: "READ" }] },
    property: "invitationEmail",
    reason: /must be an e-mail address/,
  },
  {
    kind: "User",
    inputs: {
      invitationEmail: "u@example.com",
      username: "u",
      policies: [{ spaceId: "root", role: "OWNER" }],
    },
    property: "policies[0].role",
    reason: /must be one of/,
  },
  {
    kind: "User",
    inputs: { invitationEmail: "u@example.com", username: "u", policies: [] },
    property: "policies",
    reason: /at least 1/,
  },
  {
    kind: "User",
    inputs: { invitationEmail: "u@example.com", policies: [{ spaceId: "root", role: "READ" }] },
    property: "username",
    reason: /is required/,
  },
];
