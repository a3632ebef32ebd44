import type { BadInputCase } from "../badInputCase";

/** ScheduledTask: exactly one of at and everies, cron expressions, a known time zone. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "ScheduledTask",
    inputs: { stackId: "infra", command: "echo" },
    property: "at",
    reason: /exactly one of at, everies must be set/,
  },
  {
    kind: "ScheduledTask",
    inputs: { stackId: "infra", command: "echo", at: 2000000000, timezone: "UTC" },
    property: "timezone",
    reason: /conflicts with at/,
  },
  {
    kind: "ScheduledTask",
    inputs: { stackId: "infra", command: "echo", everies: ["every monday"] },
    property: "everies[0]",
    reason: /cron/,
  },
  {
    kind: "ScheduledTask",
    inputs: { stackId: "infra", command: "echo", everies: ["* * * * *"], timezone: "Mars/Olympus" },
    property: "timezone",
    reason: /IANA time zone/,
  },
];
