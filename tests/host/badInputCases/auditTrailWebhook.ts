import type { BadInputCase } from "../badInputCase";

/** AuditTrailWebhook: enabled, an http(s) endpoint and a secret. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "AuditTrailWebhook",
    inputs: { enabled: true, endpoint: "not a url", secret: "s" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "AuditTrailWebhook",
    inputs: { enabled: true, endpoint: "https://example.com/audit" },
    property: "secret",
    reason: /is required/,
  },
  {
    kind: "AuditTrailWebhook",
    inputs: { endpoint: "https://example.com/audit", secret: "s" },
    property: "enabled",
    reason: /is required/,
  },
  {
    kind: "AuditTrailWebhook",
    inputs: { enabled: true, endpoint: "https://example.com/audit", secret: "" },
    property: "secret",
    reason: /must not be empty/,
  },
];
