import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonValue, type Values } from "../../engine/values";
import { quoted, theObject } from "../existing";

/** The ids of runs `runDiscardAll` could not discard, from its answer. */
function notDiscarded(answer: JsonValue): string | undefined {
  const failed = isRecord(answer) ? answer["failedDiscarding"] : undefined;
  return Array.isArray(failed) && failed.length > 0
    ? `could not discard the stack's runs ${failed.join(", ")}`
    : undefined;
}

/**
 * StackDestructor: destroys a stack's resources and deletes the stack when the destructor is
 * destroyed, as Spacelift's Terraform provider's `spacelift_stack_destructor`: its create only
 * checks that the stack exists (`stack(id)`, nothing is sent), updates are only stored, and destroy
 * sends `stackDelete(id, destroyResources: true)` and waits until the stack is gone, failing when
 * the stack stops deleting (the destroy run failed). `deactivated` makes destroy forget the
 * destructor instead. `discardRuns` is the provider's later option (8565261): `runDiscardAll`
 * first. Unlike Terraform, which waits up to two hours, the wait is bounded by
 * `SPACELIFT_DELETE_TIMEOUT_SECONDS`, and after discarding the engine does not wait for the stack's
 * blocker to clear. The ID is Terraform's `destructor-<unix seconds>`.
 */
export const stackDestructor = defineResource({
  kind: "StackDestructor",
  doc:
    "A **stack destructor** destroys the resources a stack manages and then deletes the stack, when the destructor " +
    "itself is destroyed. Make it depend on what the stack's runs need (environment variables, integrations...) " +
    "so that those are still there when the destroy run executes. Set `deactivated` to destroy the destructor " +
    "without touching the stack. Destroy waits until the stack is gone, for at most " +
    "`SPACELIFT_DELETE_TIMEOUT_SECONDS` (default 300), and fails if the destroy run fails. Its ID is " +
    "`destructor-<unix seconds>`, as Spacelift's Terraform provider forms it.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      doc: "ID of the stack to destroy and delete when the destructor is destroyed.",
      validate: [nonEmpty()],
    },
    deactivated: {
      type: t.boolean(),
      gql: false,
      doc: "If `true`, destroying the destructor neither destroys the stack's resources nor deletes the stack.",
    },
    discardRuns: {
      type: t.boolean(),
      gql: false,
      doc: "If `true`, the stack's queued runs are discarded before it is destroyed, so that none delays the destroy run.",
    },
    createdAt: {
      type: t.int(),
      gql: false,
      computed: true,
      doc: "When the destructor was created, Unix seconds; the number in its ID.",
    },
  },
  id: {
    format: "destructor-<unix seconds>",
    compose: (v) => (typeof v["createdAt"] === "number" ? `destructor-${v["createdAt"]}` : undefined),
    parse: (id) => {
      const match = /^destructor-(\d{1,12})$/.exec(id);
      return match ? { createdAt: Number(match[1]) } : undefined;
    },
  },
  hooks: {
    localValues: (step): Values => (step === "create" ? { createdAt: Math.floor(Date.now() / 1000) } : {}),
  },
  createReadsOnly: true,
  localUpdate: true,
  forgetOnDelete: (v) => v["deactivated"] === true,
  asyncDelete: { failedWhen: (raw) => raw["deleting"] === false },
  // Nothing is created, so nothing can be made twice; the stack is what the messages name.
  existing: { candidates: theObject, describe: (v) => `stack ${quoted(v["stackId"])}` },
  operations: {
    read: query(
      "StackDestructorRead",
      "stack",
      { id: arg.field("stackId", "ID!") },
      { selection: ["id", "deleting"] },
    ),
    delete: mutation(
      "StackDestructorDelete",
      "stackDelete",
      { id: arg.field("stackId", "ID!"), destroyResources: arg.constant("Boolean", true) },
      { selection: ["id", "deleting"] },
    ),
    beforeDelete: [
      {
        when: (v) => v["discardRuns"] === true,
        op: mutation(
          "StackDestructorDiscardRuns",
          "runDiscardAll",
          { stack: arg.field("stackId", "ID!") },
          { selection: ["failedDiscarding"] },
        ),
        refusedWhen: notDiscarded,
      },
    ],
  },
});
