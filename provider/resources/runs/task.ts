import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, type CompositeIdSpec } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonValue } from "../../engine/values";
import { quoted, recordsOf } from "../existing";
import { runWait } from "./runWait";

/** The stack's task runs (for exactly-once creates: one made after the lost create was sent). */
function taskRuns(result: JsonValue) {
  return recordsOf(result).filter((run) => run["type"] === "TASK");
}

/** `<stackId>/<runId>`, Terraform's ID for a task (stack ids are slugs, run ids ULIDs: no slash). */
const taskId: CompositeIdSpec = {
  format: "<stackId>/<runId>",
  compose: (v) =>
    typeof v["stackId"] === "string" && typeof v["runId"] === "string"
      ? `${v["stackId"]}/${v["runId"]}`
      : undefined,
  parse: (id) => {
    const slash = id.indexOf("/");
    if (slash <= 0 || slash === id.length - 1) return undefined;
    const runId = id.slice(slash + 1);
    return runId.includes("/") ? undefined : { stackId: id.slice(0, slash), runId };
  },
};

const WAIT_STATES =
  "applying, canceled, confirmed, destroying, discarded, failed, finished, initializing, pending_review, " +
  "performing, planning, preparing_apply, preparing_replan, preparing, queued, ready, replan_requested, " +
  "skipped, stopped, unconfirmed";

/**
 * Task: runs a command on a stack once, when the resource is created, as Spacelift's Terraform
 * provider's `spacelift_task` (terraform-provider-spacelift 8565261, resource_task.go): `taskCreate`
 * with `skipInitialization` the negation of `init`, every argument `wait` included forcing a new
 * resource, and no-op read and delete. Here the read looks the task's run up through its stack
 * (`stack { runResourceState(id) }`, the wait's read), so a task reads as gone only with its stack.
 * The ID is Terraform's `<stackId>/<runId>`.
 */
export const task = defineResource({
  kind: "Task",
  officialClass: false,
  doc:
    "A **task** is an action, not an object: creating the resource runs `command` on the stack once, as a task " +
    "run. Nothing else is ever sent to Spacelift: any change of its arguments (put values into `keepers` to " +
    "choose when) replaces the resource, which runs the command again, and destroying it only removes it from " +
    "state; the run stays in the stack's history. With `wait`, the create waits for the task to finish (at most " +
    "`SPACELIFT_RUN_TIMEOUT_SECONDS`, default 30 minutes) and fails when it ends in a state not listed in " +
    "`wait.continueOnStates`. Its ID is `<stackId>/<runId>`, as Spacelift's Terraform provider forms it.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack to run the command on.",
      validate: [nonEmpty()],
    },
    command: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "The command to run, in the stack's runner image and project root.",
      validate: [nonEmpty()],
    },
    init: {
      type: t.boolean(),
      gql: false,
      default: true,
      replaceOnChange: true,
      doc: "Whether the stack is initialized (e.g. `terraform init`) before the command runs. Defaults to `true`.",
    },
    keepers: {
      type: t.map(t.string()),
      gql: false,
      replaceOnChange: true,
      doc: "Arbitrary values; a change of any of them runs the command again.",
    },
    wait: {
      type: t.object({
        disabled: {
          type: t.boolean(),
          default: false,
          doc: "Whether waiting for the task is disabled. Defaults to `false`.",
        },
        continueOnStates: {
          type: t.set(t.string()),
          doc:
            'Final states of the task run that let the create succeed; `["finished"]` when unset. States: ' +
            `${WAIT_STATES}.`,
        },
        continueOnTimeout: {
          type: t.boolean(),
          default: false,
          doc: "Whether the create succeeds when the task did not end in time. Defaults to `false`.",
        },
      }),
      gql: false,
      replaceOnChange: true,
      doc: "Wait for the task to finish when it is created.",
    },
    runId: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gqlOutput: "id",
      doc: "ID of the task's run.",
    },
  },
  id: taskId,
  immutable: true,
  forgetOnDelete: true,
  waitAfterCreate: runWait("task", (raw) => raw["finished"] === true),
  // Runs have generated ids and a stack may run the same command any number of times: after a lost
  // answer, the stack's task runs made since the create was sent are the candidates.
  existing: {
    op: query(
      "TaskLookUp",
      "stack",
      { id: arg.field("stackId", "ID!") },
      { path: [{ field: "runs", args: {} }], selection: ["id", "type", "createdAt"] },
    ),
    candidates: taskRuns,
    createdAt: "createdAt",
    describe: (v) => `task on stack ${quoted(v["stackId"])}`,
  },
  operations: {
    create: mutation(
      "TaskCreate",
      "taskCreate",
      {
        stack: arg.field("stackId", "ID!"),
        command: arg.field("command", "String!"),
        skipInitialization: arg.derived("Boolean", (v) => v["init"] === false),
      },
      { selection: ["id", "state", "finished"] },
    ),
    read: query(
      "TaskRead",
      "stack",
      { id: arg.field("stackId", "ID!", "stackId") },
      {
        path: [{ field: "runResourceState", args: { id: arg.field("runId", "ID!", "runId") } }],
        selection: ["id", "state", "finished"],
      },
    ),
  },
});
