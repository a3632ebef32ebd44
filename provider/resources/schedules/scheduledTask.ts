import { nonEmpty } from "../../engine/constraints";
import { defineResource } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import {
  scheduleId,
  scheduleOperations,
  schedulesOfStack,
  scheduleTimeFields,
  scheduleTimeRules,
} from "./scheduleIds";

/**
 * ScheduledTask: a command run on a stack on cron expressions (`everies`, with a time zone) or once
 * (`at`), as `spacelift_scheduled_task` (v1.9.3 and 8565261 agree): `stackScheduledTask*` and
 * `stack { scheduledTask(id) }`, ID `<stackId>/<scheduleId>`. `everies` is the official SDK's
 * plural of Terraform's `every`. Bruno sends a time zone with a timestamp too, and the emulator
 * keeps it; as Terraform does, `timezone` may not be set together with `at`.
 */
export const scheduledTask = defineResource({
  kind: "ScheduledTask",
  doc:
    "A **scheduled task**: a command Spacelift runs on a stack on a schedule, either on cron expressions " +
    "(`everies`, in `timezone`) or once at a Unix timestamp (`at`). Its ID is `<stackId>/<scheduleId>`.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack for which to set up the scheduled task. Changing it replaces the task.",
      validate: [nonEmpty()],
    },
    scheduleId: {
      type: t.string(),
      gqlInput: false,
      gqlOutput: "id",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the schedule, chosen by Spacelift; leave it unset.",
    },
    command: {
      type: t.string(),
      required: true,
      doc: "Command that will be run.",
      validate: [nonEmpty()],
    },
    ...scheduleTimeFields("the task runs"),
  },
  rules: scheduleTimeRules,
  id: scheduleId,
  existing: schedulesOfStack("ScheduledTaskList", "scheduledTasks", "scheduled task"),
  operations: scheduleOperations("ScheduledTask", "scheduledTask", "ScheduledTaskInput!"),
});
