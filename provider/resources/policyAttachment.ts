import { nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query, variants } from "../engine/descriptor";
import { t } from "../engine/fieldTypes";
import {
  attachmentExisting,
  attachmentId,
  attachmentIdField,
  attachmentTargetFields,
  attachmentTargetKindOf,
  attachmentTargetRules,
  selectAttachment,
} from "./attachment";

const attachedStacks = [{ field: "attachedStacks", args: {} }];

/** PolicyAttachment: a policy attached to a stack or a module. Every change replaces it. */
export const policyAttachment = defineResource({
  kind: "PolicyAttachment",
  doc:
    "Attaches a **policy** to a stack or a module, so that Spacelift evaluates it there. Login policies cannot " +
    "be attached: they apply to the whole account. Every change replaces the attachment. The ID is " +
    "`<policyId>/<attachmentId>`; to look an existing attachment up with `get`, `<policyId>/<stackOrModuleId>` " +
    "works too.",
  fields: {
    policyId: {
      type: t.string(),
      gql: false,
      required: true,
      doc: "ID of the policy to attach.",
      validate: [nonEmpty()],
    },
    ...attachmentTargetFields("policy"),
    attachmentId: attachmentIdField,
  },
  rules: attachmentTargetRules,
  id: attachmentId("policyId"),
  immutable: true,
  // A policy can be attached to a target only once: a replacement that keeps both must detach first.
  deleteBeforeReplace: true,
  hooks: { selectVariant: attachmentTargetKindOf, selectFromList: selectAttachment },
  existing: attachmentExisting("policy", "policyId"),
  operations: {
    create: variants({
      stack: mutation("StackPolicyAttach", "policyAttach", {
        id: arg.field("policyId", "ID!"),
        stack: arg.field("stackId", "ID!"),
      }),
      module: mutation("ModulePolicyAttach", "policyAttach", {
        id: arg.field("policyId", "ID!"),
        stack: arg.field("moduleId", "ID!"),
      }),
    }),
    read: query(
      "PolicyAttachmentRead",
      "policy",
      { id: arg.field("policyId", "ID!") },
      { path: attachedStacks },
    ),
    delete: mutation("PolicyDetach", "policyDetach", { id: arg.field("attachmentId", "ID!") }),
  },
});
