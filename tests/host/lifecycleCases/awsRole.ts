import type { LifecycleCase } from "../lifecycleCase";

const moduleInputs = (name: string) => ({
  name,
  terraformProvider: "aws",
  repository: "terraform-aws-role",
  branch: "main",
});

/**
 * AwsRole on modules (StackAwsRole's case covers stacks): the role's settings update in place
 * through the same upsert that sets it; moving to another module replaces it, new one first. Its
 * ID is the module's.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "AwsRole",
  parents: [
    { ref: "target", kind: "Module", inputs: moduleInputs("lifecycle-role-target-{run}") },
    { ref: "other", kind: "Module", inputs: moduleInputs("lifecycle-role-other-{run}") },
  ],
  create: { moduleId: "{parent.target.id}", roleArn: "arn:aws:iam::123456789012:role/legacy-{run}" },
  expect: {
    moduleId: "{parent.target.id}",
    roleArn: "arn:aws:iam::123456789012:role/legacy-{run}",
    generateCredentialsInWorker: false,
    durationSeconds: 900,
  },
  update: {
    roleArn: "arn:aws:iam::210987654321:role/path/legacy-{run}",
    generateCredentialsInWorker: true,
    externalId: "legacy-external-{run}",
    durationSeconds: 3600,
    region: "eu-central-1",
  },
  replace: { inputs: { moduleId: "{parent.other.id}" }, replaces: ["moduleId"], deleteBeforeReplace: false },
  unknown: [{ property: "roleArn" }, { property: "moduleId", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!) { stackIntegrationAwsCreate(id: $id, roleArn: "arn:aws:iam::123456789012:role/changed", generateCredentialsInWorker: false, durationSeconds: 1800) { activated } }',
      variables: { id: "{id}" },
    },
    expect: {
      roleArn: "arn:aws:iam::123456789012:role/changed",
      generateCredentialsInWorker: false,
      durationSeconds: 1800,
    },
  },
  vanish: {
    query: "mutation($id: ID!) { stackIntegrationAwsDelete(id: $id) { activated } }",
    variables: { id: "{id}" },
  },
};
