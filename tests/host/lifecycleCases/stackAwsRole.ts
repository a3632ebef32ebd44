import type { LifecycleCase } from "../lifecycleCase";

const stackInputs = (name: string) => ({ name, repository: "infra", branch: "main" });

/** StackAwsRole (AwsRole's older name) on stacks: its ID is the stack's. */
export const lifecycleCase: LifecycleCase = {
  kind: "StackAwsRole",
  parents: [
    { ref: "target", kind: "Stack", inputs: stackInputs("lifecycle-stack-role-{run}") },
    { ref: "other", kind: "Stack", inputs: stackInputs("lifecycle-stack-role-other-{run}") },
  ],
  create: {
    stackId: "{parent.target.id}",
    roleArn: "arn:aws:iam::123456789012:role/legacy-{run}",
    durationSeconds: 1200,
  },
  expect: {
    stackId: "{parent.target.id}",
    roleArn: "arn:aws:iam::123456789012:role/legacy-{run}",
    generateCredentialsInWorker: false,
    durationSeconds: 1200,
  },
  update: { externalId: "legacy-external-{run}", generateCredentialsInWorker: true },
  replace: { inputs: { stackId: "{parent.other.id}" }, replaces: ["stackId"], deleteBeforeReplace: false },
  unknown: [{ property: "externalId" }, { property: "stackId", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!) { stackIntegrationAwsCreate(id: $id, roleArn: "arn:aws:iam::123456789012:role/changed", generateCredentialsInWorker: true, externalID: "legacy-external-{run}", durationSeconds: 1200) { activated } }',
      variables: { id: "{id}" },
    },
    expect: { roleArn: "arn:aws:iam::123456789012:role/changed" },
  },
  vanish: {
    query: "mutation($id: ID!) { stackIntegrationAwsDelete(id: $id) { activated } }",
    variables: { id: "{id}" },
  },
};
