import type { LifecycleCase } from "../lifecycleCase";

const moduleInputs = (name: string) => ({
  name,
  terraformProvider: "aws",
  repository: "terraform-aws-lifecycle",
  branch: "main",
});

/**
 * AwsIntegrationAttachment: `read`/`write` update in place (awsIntegrationAttachmentUpdate, by the
 * attachment's own id); moving to another module replaces it, new one first, since the new target
 * has no attachment yet. Modules stand in for stacks: the API attaches to either alike, and the
 * read tells them apart.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "AwsIntegrationAttachment",
  parents: [
    {
      ref: "integration",
      kind: "AwsIntegration",
      inputs: {
        name: "lifecycle-attached-aws-{run}",
        roleArn: "arn:aws:iam::123456789012:role/attached-{run}",
      },
    },
    { ref: "target", kind: "Module", inputs: moduleInputs("lifecycle-aws-target-{run}") },
    { ref: "other", kind: "Module", inputs: moduleInputs("lifecycle-aws-other-{run}") },
  ],
  create: { integrationId: "{parent.integration.id}", moduleId: "{parent.target.id}", write: false },
  expect: {
    integrationId: "{parent.integration.id}",
    moduleId: "{parent.target.id}",
    read: true,
    write: false,
  },
  update: { write: true },
  replace: { inputs: { moduleId: "{parent.other.id}" }, replaces: ["moduleId"], deleteBeforeReplace: false },
  unknown: [
    { property: "write" },
    { property: "integrationId", replaces: true },
    { property: "moduleId", replaces: true },
  ],
  drift: {
    call: {
      query:
        "mutation($id: ID!) { awsIntegrationAttachmentUpdate(id: $id, read: true, write: false) { id } }",
      variables: { id: "{outs.attachmentId}" },
    },
    expect: { read: true, write: false },
  },
  vanish: {
    query: "mutation($id: ID!) { awsIntegrationDetach(id: $id) { id } }",
    variables: { id: "{outs.attachmentId}" },
  },
};
