import type { BadInputCase } from "../badInputCase";

/** ScheduledRun: exactly one of at and everies, cron expressions, a known time zone, a runtime configuration's shape. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "ScheduledRun",
    inputs: { stackId: "infra", name: "nightly" },
    property: "at",
    reason: /exactly one of at, everies must be set/,
  },
  {
    kind: "ScheduledRun",
    inputs: { stackId: "infra", at: 2000000000, timezone: "UTC" },
    property: "timezone",
    reason: /conflicts with at/,
  },
  {
    kind: "ScheduledRun",
    inputs: { stackId: "infra", everies: ["nightly"] },
    property: "everies[0]",
    reason: /cron/,
  },
  {
    kind: "ScheduledRun",
    inputs: { stackId: "infra", everies: ["0 2 * * *"], timezone: "Mars/Olympus" },
    property: "timezone",
    reason: /IANA time zone/,
  },
  {
    kind: "ScheduledRun",
    inputs: { stackId: "infra", everies: ["0 2 * * *"], runtimeConfig: { environment: [{ key: "K" }] } },
    property: "runtimeConfig.environment[0].value",
    reason: /required/,
  },
];
