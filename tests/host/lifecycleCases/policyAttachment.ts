import type { LifecycleCase } from "../lifecycleCase";

const target = {
  name: "lifecycle-policy-target-{run}",
  terraformProvider: "aws",
  repository: "terraform-aws-lifecycle",
  branch: "main",
};

/**
 * PolicyAttachment, to a module: no update, so attaching another policy replaces it, detaching
 * first. Nothing changes an attachment in place, not even outside Pulumi, so there is no drift step.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "PolicyAttachment",
  parents: [
    {
      ref: "policy",
      kind: "Policy",
      inputs: { name: "lifecycle-attached-policy-{run}", type: "PLAN", body: "package spacelift" },
    },
    {
      ref: "other",
      kind: "Policy",
      inputs: { name: "lifecycle-other-policy-{run}", type: "TRIGGER", body: "package spacelift" },
    },
    { ref: "module", kind: "Module", inputs: target },
  ],
  create: { policyId: "{parent.policy.id}", moduleId: "{parent.module.id}" },
  replace: { inputs: { policyId: "{parent.other.id}" }, replaces: ["policyId"], deleteBeforeReplace: true },
  unknown: [
    { property: "policyId", replaces: true },
    { property: "moduleId", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { policyDetach(id: $id) { id } }",
    variables: { id: "{outs.attachmentId}" },
  },
};
