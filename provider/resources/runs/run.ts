import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonValue, Values } from "../../engine/values";
import { quoted, recordsOf } from "../existing";
import { runWait } from "./runWait";

export { RUN_TIMEOUT_ENV } from "./runWait";

/** The run type a program asks for. */
function runType(values: Values): "PROPOSED" | "TRACKED" {
  return values["proposed"] === true ? "PROPOSED" : "TRACKED";
}

/** A run of the same type and commit as the one the program triggers (for exactly-once creates). */
function sameRun(result: JsonValue, values: Values) {
  const commit = typeof values["commitSha"] === "string" ? values["commitSha"] : null;
  return recordsOf(result).filter(
    (run) => run["type"] === runType(values) && (run["commitSha"] ?? null) === commit,
  );
}

const WAIT_STATES =
  "applying, canceled, confirmed, destroying, discarded, failed, finished, initializing, pending_review, " +
  "performing, planning, preparing_apply, preparing_replan, preparing, queued, ready, replan_requested, " +
  "skipped, stopped, unconfirmed";

/**
 * Run: triggers a run on a stack, again whenever `keepers` (or any other argument) change, as
 * Spacelift's Terraform provider's `spacelift_run` does. The official SDK (v1.9.3) has `stackId`,
 * `commitSha`, `keepers` and `proposed`; `wait` is the Terraform provider's later block (8565261),
 * named as the Pulumi bridge names it (`continue_on_state`, a set, becomes `continueOnStates`).
 * The run is triggered with `runTrigger` (8565261, Bruno's "Trigger Run"); v1.9.3's
 * `runResourceCreate` returns a bare id and is kept in the emulator for older clients. The ID is
 * the run's ULID; the read is the wait's `stack { runResourceState }`, so a run reads as gone only
 * with its stack. Terraform cannot import runs, and neither does `get` without the `stackId`.
 */
export const run = defineResource({
  kind: "Run",
  doc:
    "A **run** triggered on a stack when this resource is created, and again whenever its arguments change: put " +
    "values into `keepers` to trigger a new run when they change. With `wait`, the create waits for the run to " +
    "finish (at most `SPACELIFT_RUN_TIMEOUT_SECONDS`, default 30 minutes) and fails when the run ends in a state " +
    "not listed in `wait.continueOnStates`. Destroying the resource only removes it from state. Its ID is the run's ID.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack on which the run is to be triggered.",
      validate: [nonEmpty()],
    },
    commitSha: {
      type: t.string(),
      gql: false,
      replaceOnChange: true,
      doc: "The commit SHA for which to trigger a run; the stack's tracked commit when unset.",
      validate: [nonEmpty()],
    },
    keepers: {
      type: t.map(t.string()),
      gql: false,
      replaceOnChange: true,
      doc: "Arbitrary map of values that, when changed, will trigger recreation of the resource (a new run).",
    },
    proposed: {
      type: t.boolean(),
      gql: false,
      default: false,
      replaceOnChange: true,
      doc: "Whether the run is a proposed run (plans only). Defaults to `false`.",
    },
    wait: {
      type: t.object({
        disabled: {
          type: t.boolean(),
          default: false,
          doc: "Whether waiting for the run is disabled. Defaults to `false`.",
        },
        continueOnStates: {
          type: t.set(t.string()),
          doc:
            'Final states of the run that let the create succeed; `["finished"]` when unset. A run waiting for ' +
            `confirmation (\`unconfirmed\`) ends the wait too. States: ${WAIT_STATES}.`,
        },
        continueOnTimeout: {
          type: t.boolean(),
          default: false,
          doc: "Whether the create succeeds when the run did not end in time. Defaults to `false`.",
        },
      }),
      gql: false,
      createOnly: true,
      doc:
        "Wait for the run to finish when it is triggered. Changing it later has no effect, as in Spacelift's " +
        "Terraform provider.",
    },
  },
  immutable: true,
  forgetOnDelete: true,
  waitAfterCreate: runWait("run", (raw) => raw["finished"] === true || raw["state"] === "UNCONFIRMED"),
  // Runs have generated ids and any number may exist: after a lost answer the stack's runs of the
  // same type and commit made since the trigger was sent are the candidates.
  existing: {
    op: query(
      "RunLookUp",
      "stack",
      { id: arg.field("stackId", "ID!") },
      {
        path: [{ field: "runs", args: {} }],
        selection: ["id", "type", "commitSha", "createdAt"],
      },
    ),
    candidates: sameRun,
    createdAt: "createdAt",
    describe: (v) => `run on stack ${quoted(v["stackId"])}`,
  },
  operations: {
    create: mutation(
      "RunTrigger",
      "runTrigger",
      {
        stack: arg.field("stackId", "ID!"),
        commitSha: arg.field("commitSha", "String"),
        runType: arg.derived("RunType", runType),
      },
      { selection: ["id", "state", "finished"] },
    ),
    read: query(
      "RunRead",
      "stack",
      { id: arg.field("stackId", "ID!", "stackId") },
      {
        path: [{ field: "runResourceState", args: { id: arg.id("ID!", "runId") } }],
        selection: ["id", "state", "finished"],
      },
    ),
  },
});
