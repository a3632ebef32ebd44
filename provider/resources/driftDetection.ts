import { cron, minLength, nonEmpty, type Constraint } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { quoted, theObject } from "./existing";
import { t } from "../engine/fieldTypes";

/** An IANA time zone name the runtime knows (`UTC`, `Europe/Berlin`). */
export function timezone(): Constraint {
  const reason = "must be an IANA time zone name such as UTC or Europe/Berlin";
  return {
    name: "timezone",
    description: reason,
    test(value) {
      if (typeof value !== "string") return undefined;
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: value });
        return undefined;
      } catch {
        return reason;
      }
    },
  };
}

// Drift detection settings hang off the stack: `stack(id) { integrations { driftDetection } }`.
const SETTINGS_PATH = [
  { field: "integrations", args: {} },
  { field: "driftDetection", args: {} },
];

/**
 * DriftDetection: a schedule of proposed runs that detect drift on one stack, at most one per
 * stack. Keyed by the stack's id; the API reports "none" as an empty schedule, never as null.
 */
export const driftDetection = defineResource({
  kind: "DriftDetection",
  doc:
    "**Drift detection** for a stack: on the given schedule Spacelift starts a proposed run that detects drift " +
    "(listen for it with run state webhooks), and, with `reconcile`, a tracked run that reverts it. A stack has " +
    "at most one; its ID is the stack's ID. `get` also takes `stack/<stackId>`, the ID Spacelift's Terraform " +
    "provider imports it by.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack to detect drift on. Changing it replaces the drift detection.",
      validate: [nonEmpty()],
    },
    schedules: {
      type: t.list(t.string()),
      required: true,
      gql: "schedule",
      // The official provider's name; 0.1.0 of this package called it `schedule`.
      formerName: "schedule",
      doc:
        "Cron expressions (five fields: minute hour day-of-month month day-of-week) saying when to check for drift. " +
        "`schedule`, its name in earlier versions, is still accepted.",
      validate: [minLength(1)],
      validateEach: [cron()],
    },
    timezone: {
      type: t.string(),
      default: "UTC",
      doc: "IANA time zone the schedule is expressed in. Defaults to `UTC`.",
      validate: [timezone()],
    },
    reconcile: {
      type: t.boolean(),
      default: false,
      doc: "Whether a tracked run is started to revert drift when some is detected. Defaults to `false`.",
    },
    ignoreState: {
      type: t.boolean(),
      default: false,
      doc: "Whether drift is checked whatever the stack's state, not only when it is `FINISHED`. Defaults to `false`.",
    },
  },
  id: {
    format: "<stackId>",
    compose: (values) => (typeof values["stackId"] === "string" ? values["stackId"] : undefined),
    // Spacelift's Terraform provider imports it as `stack/<stackId>` (8565261,
    // integration_importer.go); stack ids are slugs and never hold a slash, so both forms are told apart.
    parse(id) {
      const stackId = id.startsWith("stack/") ? id.slice("stack/".length) : id;
      return stackId === "" || stackId.includes("/") ? undefined : { stackId };
    },
  },
  // A stack has one drift detection, so a replacement on the same stack must free it first.
  deleteBeforeReplace: true,
  hooks: {
    // "No drift detection" comes back as an object with an empty schedule.
    isGone: (raw) => !Array.isArray(raw["schedule"]) || raw["schedule"].length === 0,
  },
  // A stack has at most one drift detection, read by the stack id the inputs give; Spacelift
  // refuses a second one.
  existing: {
    candidates: theObject,
    describe: (v) => `drift detection of stack ${quoted(v["stackId"])}`,
  },
  operations: {
    create: mutation("DriftDetectionCreate", "stackIntegrationDriftDetectionCreate", {
      stack: arg.field("stackId", "ID!"),
      input: arg.input("DriftDetectionIntegrationInput!"),
    }),
    read: query(
      "DriftDetectionRead",
      "stack",
      { id: arg.field("stackId", "ID!", "stack") },
      { path: SETTINGS_PATH },
    ),
    update: mutation("DriftDetectionUpdate", "stackIntegrationDriftDetectionUpdate", {
      stack: arg.field("stackId", "ID!"),
      input: arg.input("DriftDetectionIntegrationInput!"),
    }),
    delete: mutation(
      "DriftDetectionDelete",
      "stackIntegrationDriftDetectionDelete",
      { stack: arg.field("stackId", "ID!") },
      { selection: ["deleted"] },
    ),
  },
});
