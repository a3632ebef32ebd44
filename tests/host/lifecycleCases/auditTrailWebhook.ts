import type { LifecycleCase } from "../lifecycleCase";

/**
 * AuditTrailWebhook: the account's one webhook; everything updates in place, the secret included.
 * The secret is write-only: only its checksum is an output.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "AuditTrailWebhook",
  create: {
    enabled: true,
    endpoint: "https://example.com/audit/{run}",
    secret: "lifecycle-audit-secret-{run}",
  },
  expect: {
    enabled: true,
    endpoint: "https://example.com/audit/{run}",
    includeRuns: false,
    retryOnFailure: false,
  },
  hiddenInputs: ["secret"],
  update: {
    enabled: false,
    includeRuns: true,
    retryOnFailure: true,
    customHeaders: { "X-Team": "platform" },
    secret: "lifecycle-audit-rotated-{run}",
  },
  unknown: [{ property: "endpoint" }, { property: "secret" }],
  drift: {
    call: {
      query: "mutation($input: AuditTrailWebhookInput!) { auditTrailSetWebhook(input: $input) { endpoint } }",
      variables: {
        input: {
          enabled: true,
          endpoint: "https://example.com/changed-elsewhere",
          includeRuns: false,
          secret: "",
        },
      },
    },
    expect: { endpoint: "https://example.com/changed-elsewhere", enabled: true, includeRuns: false },
  },
  vanish: { query: "mutation { auditTrailDeleteWebhook { endpoint } }" },
};
