import { nonEmpty } from "../../engine/constraints";
import { defineResource } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { scheduleId, scheduleOperations, schedulesOfStack } from "./scheduleIds";

/**
 * ScheduledDeleteTask: the official SDK's name for `spacelift_scheduled_delete_stack` (v1.9.3 and
 * 8565261 agree): a stack's deletion at a Unix timestamp, destroying its resources first unless
 * `deleteResources` is false. `stackScheduledDelete*` and `stack { scheduledDelete(id) }`, ID
 * `<stackId>/<scheduleId>`.
 */
export const scheduledDeleteTask = defineResource({
  kind: "ScheduledDeleteTask",
  doc:
    "A **scheduled delete task** deletes a stack at a given time, destroying the resources it manages first unless " +
    "`deleteResources` is `false`. Its ID is `<stackId>/<scheduleId>`.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack to delete. Changing it replaces the scheduled deletion.",
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
    at: {
      type: t.int(),
      gql: "timestampSchedule",
      required: true,
      doc: "Unix timestamp at which the stack is deleted; it must be in the future.",
    },
    deleteResources: {
      type: t.boolean(),
      gql: "shouldDeleteResources",
      default: true,
      doc: "Whether the resources the stack manages are destroyed before it is deleted. Defaults to `true`.",
    },
  },
  id: scheduleId,
  existing: schedulesOfStack("ScheduledDeleteTaskList", "scheduledDeletes", "scheduled deletion"),
  operations: scheduleOperations("ScheduledDeleteTask", "scheduledDelete", "ScheduledDeleteInput!"),
});
