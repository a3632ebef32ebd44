import type { BadInputCase } from "../badInputCase";

/** NamedWebhook: a name, a space and an http(s) endpoint. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "NamedWebhook",
    inputs: { name: "alerts", spaceId: "root", endpoint: "not a url" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "NamedWebhook",
    inputs: { name: "alerts", endpoint: "https://example.com" },
    property: "spaceId",
    reason: /is required/,
  },
  {
    kind: "NamedWebhook",
    inputs: { name: " ", spaceId: "root", endpoint: "https://example.com" },
    property: "name",
    reason: /must not be empty/,
  },
  {
    kind: "NamedWebhook",
    inputs: { name: "alerts", spaceId: "root", endpoint: "https://example.com", labels: ["ok", ""] },
    property: "labels[1]",
    reason: /must not be empty/,
  },
  {
    kind: "NamedWebhook",
    inputs: { name: "alerts", spaceId: "root", endpoint: "//hooks.example.com/x" },
    property: "endpoint",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "NamedWebhook",
    inputs: { name: "alerts\r\n", spaceId: "root", endpoint: "https://example.com" },
    property: "name",
    reason: /must not contain control characters/,
  },
];
