import { defineFunction, type FunctionValues } from "../descriptor";
import { FunctionError } from "../invoke";

/** `<stackId>/<scheduleId>` split, or undefined when the ID is not of that form. */
function scheduleParts(id: string): { stackId: string; scheduleId: string } | undefined {
  const parts = id.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  return { stackId: parts[0], scheduleId: parts[1] };
}

function scheduleIdRule(arg: string) {
  return (args: FunctionValues): string | undefined =>
    scheduleParts(args[arg] as string) === undefined
      ? `"${arg}" must be "<stackId>/<scheduleId>", got ${JSON.stringify(args[arg])}`
      : undefined;
}

/** `getDriftDetection`: the drift detection schedule of a stack. */
export const getDriftDetection = defineFunction({
  name: "getDriftDetection",
  dataSource: "spacelift_drift_detection",
  doc:
    "Looks up a stack's drift detection: when Spacelift checks the stack for drift and whether it reverts it. " +
    "Fails when the stack does not exist or has no drift detection.",
  args: {
    stackId: { type: "string", doc: "ID of the stack whose drift detection to look up." },
    ignoreState: {
      type: "boolean",
      optional: true,
      doc: "Accepted for compatibility and ignored: the result's `ignoreState` is the stack's setting.",
    },
  },
  result: {
    id: { type: "string", doc: "ID of the stack, as given." },
    stackId: { type: "string", doc: "ID of the stack." },
    schedules: { type: "string[]", doc: "Cron expressions on which drift is checked." },
    timezone: { type: "string", doc: "IANA time zone the expressions are read in." },
    reconcile: { type: "boolean", doc: "Whether a tracked run reverts drift when it is found." },
    ignoreState: {
      type: "boolean",
      optional: true,
      doc: "Whether drift is checked whatever the stack's state, not only when it is `FINISHED`.",
    },
  },
  async run(args, api) {
    const stackId = args["stackId"] as string;
    const read = await api.readResource("DriftDetection", stackId);
    if (read === undefined) {
      throw new FunctionError(
        "getDriftDetection",
        `no drift detection on stack "${stackId}" (stackId): the stack does not exist or has none`,
      );
    }
    return {
      id: stackId,
      stackId,
      schedules: read["schedules"],
      timezone: read["timezone"],
      reconcile: read["reconcile"] === true,
      ignoreState: read["ignoreState"] === true,
    };
  },
});

/** `getScheduledDeleteStack`: one scheduled deletion of a stack. */
export const getScheduledDeleteStack = defineFunction({
  name: "getScheduledDeleteStack",
  dataSource: "spacelift_scheduled_delete_stack",
  doc:
    "Looks up a stack's scheduled deletion (set with the `ScheduledDeleteTask` resource) by its " +
    "`<stackId>/<scheduleId>` ID: when the stack is deleted and whether its resources go first.",
  args: {
    scheduledDeleteStackId: {
      type: "string",
      doc: "ID of the scheduled deletion, `<stackId>/<scheduleId>`.",
    },
  },
  result: {
    id: { type: "string", doc: "The scheduled deletion's ID, as given." },
    scheduledDeleteStackId: { type: "string", doc: "The scheduled deletion's ID, `<stackId>/<scheduleId>`." },
    stackId: { type: "string", doc: "ID of the stack to be deleted." },
    scheduleId: { type: "string", doc: "ID of the schedule within the stack." },
    at: { type: "number", doc: "Unix timestamp at which the stack is deleted." },
    deleteResources: {
      type: "boolean",
      doc: "Whether the stack's resources are destroyed before it is deleted.",
    },
  },
  checkArgs: scheduleIdRule("scheduledDeleteStackId"),
  async run(args, api) {
    const id = args["scheduledDeleteStackId"] as string;
    const { stackId, scheduleId } = scheduleParts(id)!;
    const read = await api.readResource("ScheduledDeleteTask", id);
    if (read === undefined) {
      throw new FunctionError(
        "getScheduledDeleteStack",
        `no scheduled deletion "${id}" (scheduledDeleteStackId)`,
      );
    }
    return {
      id,
      scheduledDeleteStackId: id,
      stackId,
      scheduleId,
      at: read["at"],
      deleteResources: read["deleteResources"] === true,
    };
  },
});

/** `getScheduledTask`: one scheduled task of a stack. */
export const getScheduledTask = defineFunction({
  name: "getScheduledTask",
  dataSource: "spacelift_scheduled_task",
  doc:
    "Looks up a scheduled task (a command Spacelift runs on a stack once or on cron expressions) by its " +
    "`<stackId>/<scheduleId>` ID.",
  args: {
    scheduledTaskId: { type: "string", doc: "ID of the scheduled task, `<stackId>/<scheduleId>`." },
  },
  result: {
    id: { type: "string", doc: "The scheduled task's ID, as given." },
    scheduledTaskId: { type: "string", doc: "The scheduled task's ID, `<stackId>/<scheduleId>`." },
    stackId: { type: "string", doc: "ID of the stack the task runs on." },
    scheduleId: { type: "string", doc: "ID of the schedule within the stack." },
    command: { type: "string", doc: "The command that is run." },
    at: { type: "number", doc: "Unix timestamp of a one-off task; 0 for a task on cron expressions." },
    everies: { type: "string[]", doc: "Cron expressions of a recurring task; empty for a one-off task." },
    timezone: { type: "string", doc: "IANA time zone the cron expressions are read in." },
  },
  checkArgs: scheduleIdRule("scheduledTaskId"),
  async run(args, api) {
    const id = args["scheduledTaskId"] as string;
    const { stackId, scheduleId } = scheduleParts(id)!;
    const read = await api.readResource("ScheduledTask", id);
    if (read === undefined) {
      throw new FunctionError("getScheduledTask", `no scheduled task "${id}" (scheduledTaskId)`);
    }
    return {
      id,
      scheduledTaskId: id,
      stackId,
      scheduleId,
      command: read["command"],
      at: typeof read["at"] === "number" ? read["at"] : 0,
      everies: read["everies"] ?? [],
      timezone: typeof read["timezone"] === "string" ? read["timezone"] : "",
    };
  },
});
