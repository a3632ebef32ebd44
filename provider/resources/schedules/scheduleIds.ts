import {
  arg,
  mutation,
  query,
  type CompositeIdSpec,
  type ExistingSpec,
  type Operations,
} from "../../engine/descriptor";
import { cron, minLength } from "../../engine/constraints";
import type { FieldSpec } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { atMostOneOf, exactlyOneOf, type Rule } from "../../engine/rules";
import type { JsonValue } from "../../engine/values";
import { timezone } from "../driftDetection";
import { quoted, recordsOf } from "../existing";

/**
 * `<stackId>/<scheduleId>`, the ID Spacelift's Terraform provider gives its scheduled tasks, runs
 * and deletions (stack ids are slugs and never hold a slash).
 */
export const scheduleId: CompositeIdSpec = {
  format: "<stackId>/<scheduleId>",
  compose: (v) =>
    typeof v["stackId"] === "string" && typeof v["scheduleId"] === "string"
      ? `${v["stackId"]}/${v["scheduleId"]}`
      : undefined,
  parse: (id) => {
    const slash = id.indexOf("/");
    if (slash <= 0 || slash === id.length - 1) return undefined;
    const scheduleId = id.slice(slash + 1);
    return scheduleId.includes("/") ? undefined : { stackId: id.slice(0, slash), scheduleId };
  },
};

/**
 * The `existing` spec of a schedule kind: Spacelift accepts any number of equal schedules on a
 * stack and they carry no marker, so each create lists the stack's schedules of the kind first
 * and only one that appears after the create was sent, equal to the program's, can be its own.
 */
export function schedulesOfStack(operation: string, listField: string, noun: string): ExistingSpec {
  return {
    op: query(
      operation,
      "stack",
      { id: arg.field("stackId", "ID!") },
      { path: [{ field: listField, args: {} }], extraSelection: ["createdAt"] },
    ),
    candidates: (result: JsonValue) => recordsOf(result),
    createdAt: "createdAt",
    lookFirst: "exclude",
    describe: (v) => `${noun} on stack ${quoted(v["stackId"])}`,
  };
}

/**
 * The operations of a schedule kind, which Spacelift names alike (`stackScheduledTaskCreate`,
 * `stack { scheduledTask(id) }`, `stackScheduledTaskUpdate(stack, scheduledTask, input)`, ...):
 * `kind` names the operations, `member` is the schedule's field on a stack and the name of its id
 * argument (`scheduledTask`), `input` the input type.
 */
export function scheduleOperations(kind: string, member: string, input: string): Operations {
  const stack = arg.field("stackId", "ID!");
  const schedule = arg.field("scheduleId", "ID!");
  const root = `stack${member.charAt(0).toUpperCase()}${member.slice(1)}`;
  return {
    create: mutation(`${kind}Create`, `${root}Create`, { stack, input: arg.input(input) }),
    read: query(
      `${kind}Read`,
      "stack",
      { id: arg.field("stackId", "ID!", "stack") },
      { path: [{ field: member, args: { id: arg.field("scheduleId", "ID!", "id") } }] },
    ),
    update: mutation(`${kind}Update`, `${root}Update`, {
      stack,
      [member]: schedule,
      input: arg.input(input),
    }),
    delete: mutation(`${kind}Delete`, `${root}Delete`, { stack, [member]: schedule }),
  };
}

/**
 * When a recurring or one-off schedule fires (`at`, `everies`, `timezone`), as scheduled tasks and
 * scheduled runs share them; `fires` completes "Unix timestamp at which ..." ("the task runs").
 */
export function scheduleTimeFields(fires: string): Record<"at" | "everies" | "timezone", FieldSpec> {
  return {
    at: {
      type: t.int(),
      gql: "timestampSchedule",
      doc: `Unix timestamp at which ${fires} once. Conflicts with \`everies\` and \`timezone\`.`,
    },
    everies: {
      type: t.list(t.string()),
      gql: "cronSchedule",
      doc: `Cron expressions (minute hour day-of-month month day-of-week) on which ${fires}. Conflicts with \`at\`.`,
      validate: [minLength(1)],
      validateEach: [cron()],
    },
    timezone: {
      type: t.string(),
      serverDefault: true,
      doc: "IANA time zone in which the schedule is expressed. Defaults to `UTC`. Conflicts with `at`.",
      validate: [timezone()],
    },
  };
}

/** The rules of {@link scheduleTimeFields}: one of `at` and `everies`, and no time zone with `at`. */
export const scheduleTimeRules: readonly Rule[] = [
  exactlyOneOf("at", "everies"),
  atMostOneOf("at", "timezone"),
];
