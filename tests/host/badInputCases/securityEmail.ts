import type { BadInputCase } from "../badInputCase";

/** SecurityEmail: one e-mail address. */
export const badInputCases: BadInputCase[] = [
  { kind: "SecurityEmail", inputs: {}, property: "email", reason: /is required/ },
  { kind: "SecurityEmail", inputs: { email: "" }, property: "email", reason: /must not be empty/ },
  {
    kind: "SecurityEmail",
    inputs: { email: "security at example.com" },
    property: "email",
    reason: /must be an e-mail address/,
  },
];
