import type { LifecycleCase } from "../lifecycleCase";

/**
 * ContextAttachment, to a module (the API takes stack and module ids alike in `stack`): no update,
 * so every change replaces it, detaching first since a context attaches to a target only once.
 * Nothing changes an attachment in place, not even outside Pulumi, so there is no drift step.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "ContextAttachment",
  parents: [
    { ref: "context", kind: "Context", inputs: { name: "lifecycle-attached-context-{run}" } },
    {
      ref: "module",
      kind: "Module",
      inputs: {
        name: "lifecycle-context-target-{run}",
        terraformProvider: "aws",
        repository: "terraform-aws-lifecycle",
        branch: "main",
      },
    },
  ],
  create: { contextId: "{parent.context.id}", moduleId: "{parent.module.id}", priority: 1 },
  replace: { inputs: { priority: 2 }, replaces: ["priority"], deleteBeforeReplace: true },
  unknown: [
    { property: "contextId", replaces: true },
    { property: "priority", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { contextDetach(id: $id) { id } }",
    variables: { id: "{outs.attachmentId}" },
  },
};
