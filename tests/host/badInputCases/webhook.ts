import type { BadInputCase } from "../badInputCase";

/** Webhook: an http(s) endpoint, exactly one parent, and a secret that is text. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Webhook",
    inputs: { stackId: "infra", endpoint: "example.com/hook" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "Webhook",
    inputs: { stackId: "infra", endpoint: "ftp://example.com/hook" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "Webhook",
    inputs: { stackId: "infra", moduleId: "terraform-aws-vpc", endpoint: "https://example.com" },
    property: "moduleId",
    reason: /conflicts with stackId/,
  },
  {
    kind: "Webhook",
    inputs: { endpoint: "https://example.com" },
    property: "stackId",
    reason: /exactly one of stackId, moduleId must be set, but none is/,
  },
  { kind: "Webhook", inputs: { stackId: "infra" }, property: "endpoint", reason: /is required/ },
  {
    kind: "Webhook",
    inputs: { stackId: "infra", endpoint: "https://example.com", secret: 42 },
    property: "secret",
    reason: /must be a string, got an integer/,
  },
  {
    kind: "Webhook",
    inputs: { stackId: "infra", endpoint: "https://hooks.exa mple.com/x" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "Webhook",
    inputs: { stackId: "infra", endpoint: "mailto:ops@example.com" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
];
