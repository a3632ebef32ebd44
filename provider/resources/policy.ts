import { displayName, label, nonEmpty, slugName } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { markedInList } from "./existing";
import { t } from "../engine/fieldTypes";
import type { JsonObject } from "../engine/values";

/** Current policy types, then the deprecated names the API still accepts. */
const POLICY_TYPES = [
  "ACCESS",
  "APPROVAL",
  "GIT_PUSH",
  "INITIALIZATION",
  "INTENT",
  "LOGIN",
  "NOTIFICATION",
  "PLAN",
  "TASK",
  "TRIGGER",
  "STACK_ACCESS",
  "TASK_RUN",
  "TERRAFORM_PLAN",
] as const;

// The API stores and returns a deprecated type under its current name.
const DEPRECATED_TYPES = { STACK_ACCESS: "ACCESS", TASK_RUN: "TASK", TERRAFORM_PLAN: "PLAN" } as const;

// A policy's type is fixed at creation: PolicyUpdateInput has no `type`.
function withoutType(input: JsonObject): JsonObject {
  const rest = { ...input };
  delete rest["type"];
  return rest;
}

/** Policy: a Rego policy of one type, attachable to stacks and modules with `PolicyAttachment`. */
export const policy = defineResource({
  kind: "Policy",
  doc:
    "A Spacelift **policy**: a body of Rego code that Spacelift evaluates at one decision point, chosen by " +
    "`type` (who may access a stack, whether a run needs approval, which pushes trigger runs, ...). Attach it " +
    "to stacks and modules with `PolicyAttachment`; login policies apply to the whole account instead.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the policy, unique within the account. The policy's id is derived from it at creation and never changes.",
      validate: [nonEmpty(), slugName(), displayName()],
    },
    body: {
      type: t.string(),
      required: true,
      doc: "The Rego source of the policy.",
      validate: [nonEmpty()],
    },
    type: {
      type: t.enum(POLICY_TYPES, DEPRECATED_TYPES),
      required: true,
      replaceOnChange: true,
      doc:
        "The decision the policy takes part in. `STACK_ACCESS`, `TASK_RUN` and `TERRAFORM_PLAN` are deprecated " +
        "names of `ACCESS`, `TASK` and `PLAN`; they are accepted and stored under the current name, so switching " +
        "between a deprecated name and its current one changes nothing.",
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: {
      type: t.set(t.string()),
      // The API reports unset labels as empty; defaulting to empty keeps refreshes identical.
      default: [],
      doc: "Labels. A label `autoattach:<label>` attaches the policy to every stack with `<label>`. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the policy belongs to. When unset, Spacelift chooses it and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    engineType: {
      type: t.enum(["REGO_V0", "REGO_V1"]),
      serverDefault: true,
      doc: "Rego language version the body is written in. When unset, Spacelift chooses it (`REGO_V0` today) and the chosen value is kept.",
    },
  },
  // The id is a slug of the name, so Spacelift refuses a second policy of one name itself.
  existing: markedInList({ noun: "policy", operation: "PolicyList", listField: "policies", createdAt: true }),
  operations: {
    create: mutation("PolicyCreate", "policyCreatev2", { input: arg.input("PolicyCreateInput!") }),
    read: query("PolicyRead", "policy", { id: arg.id() }),
    update: mutation(
      "PolicyUpdate",
      "policyUpdatev2",
      { id: arg.id(), input: arg.input("PolicyUpdateInput!") },
      { shapeInput: withoutType },
    ),
    delete: mutation("PolicyDelete", "policyDelete", { id: arg.id() }),
  },
  // Policy names are unique per account, so a replacement must free the name first.
  deleteBeforeReplace: true,
});
