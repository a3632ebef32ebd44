import { displayName, nonEmpty } from "../../engine/constraints";
import { defineResource } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue } from "../../engine/values";
import {
  scheduleId,
  scheduleOperations,
  schedulesOfStack,
  scheduleTimeFields,
  scheduleTimeRules,
} from "./scheduleIds";

/** One hook list of the run's runtime configuration (`afterApply`, `beforePlan`...). */
function hookList(phase: string) {
  return { type: t.list(t.string()), doc: `Commands run ${phase}, in order, for the scheduled runs only.` };
}

/**
 * The overrides of a stack's configuration a scheduled run carries, as terraform-provider-spacelift
 * 8565261 sends them (runtime_config.go, `RuntimeConfigInput`) and reads them back
 * (`customRuntimeConfig`). Environment values are plain strings to Spacelift, so the whole block is
 * a Pulumi secret rather than readable state.
 */
const runtimeConfigFields = {
  projectRoot: {
    type: t.string(),
    doc: "Directory, relative to the workspace root, that holds the entrypoint of the stack for these runs.",
  },
  runnerImage: { type: t.string(), doc: "Docker image the runs execute in." },
  environment: {
    type: t.set(
      t.object({
        key: {
          type: t.string(),
          required: true,
          doc: "Name of the environment variable.",
          validate: [nonEmpty()],
        },
        value: { type: t.string(), required: true, doc: "Value of the environment variable." },
      }),
    ),
    doc: "Environment variables the runs see, on top of the stack's own. Order does not matter.",
  },
  afterApply: hookList("after the apply phase"),
  afterDestroy: hookList("after the destroy phase"),
  afterInit: hookList("after the initialization phase"),
  afterPerform: hookList("after the perform phase of tasks"),
  afterPlan: hookList("after the planning phase"),
  afterRun: hookList("after every run, whatever its outcome"),
  beforeApply: hookList("before the apply phase"),
  beforeDestroy: hookList("before the destroy phase"),
  beforeInit: hookList("before the initialization phase"),
  beforePerform: hookList("before the perform phase of tasks"),
  beforePlan: hookList("before the planning phase"),
} as const;

/**
 * The runtime configuration as read, with the members Spacelift reports empty or null left out,
 * as Terraform's provider reads it (structs/runtime_config.go, ExportRuntimeConfigToMap), so that a
 * configuration that sets a few members reads back exactly as the program gives it. Terraform's
 * read-only `terraformVersion` and `terraformWorkflowTool` are not arguments here.
 */
function givenMembers(value: JsonValue): JsonValue | undefined {
  if (!isRecord(value)) return undefined;
  const out: JsonObject = {};
  for (const name of Object.keys(runtimeConfigFields)) {
    const member = (value as JsonObject)[name];
    if (member === null || member === undefined || member === "") continue;
    if (Array.isArray(member) && member.length === 0) continue;
    out[name] = member;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * ScheduledRun: a tracked run Spacelift triggers on a stack on cron expressions (`everies`, with a
 * time zone) or once (`at`), as `spacelift_scheduled_run` (terraform-provider-spacelift 8565261,
 * resource_scheduled_run.go): `stackScheduledRun*` and `stack { scheduledRun(id) }`, ID
 * `<stackId>/<scheduleId>`, the same arguments as ScheduledTask plus a name and a runtime
 * configuration. Bruno's Scheduled Runs requests agree on the operations. Terraform's `name` is
 * optional and always sent; here it is auto-named like other display names, so it is never empty.
 */
export const scheduledRun = defineResource({
  kind: "ScheduledRun",
  officialClass: false,
  doc:
    "A **scheduled run**: a tracked run Spacelift triggers on a stack on a schedule, either on cron expressions " +
    "(`everies`, in `timezone`) or once at a Unix timestamp (`at`), optionally with its own runtime configuration. " +
    "Its ID is `<stackId>/<scheduleId>`.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack on which to schedule runs.",
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
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the scheduled run, shown in Spacelift. Defaults to the resource name plus a suffix.",
      validate: [nonEmpty(), displayName()],
    },
    ...scheduleTimeFields("the run is triggered"),
    nextSchedule: {
      type: t.int(),
      computed: true,
      doc: "Unix timestamp of the next run Spacelift will trigger, when it reports one.",
    },
    runtimeConfig: {
      type: t.object(runtimeConfigFields),
      gqlOutput: "customRuntimeConfig",
      transform: { fromOutput: givenMembers },
      secret: true,
      doc:
        "Overrides of the stack's configuration for the scheduled runs only: project root, runner image, " +
        "environment variables and hook commands (environment values may be secrets).",
    },
  },
  rules: scheduleTimeRules,
  id: scheduleId,
  existing: schedulesOfStack("ScheduledRunList", "scheduledRuns", "scheduled run"),
  operations: scheduleOperations("ScheduledRun", "scheduledRun", "ScheduledRunInput!"),
});
