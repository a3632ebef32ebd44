import type { LifecycleCase } from "../lifecycleCase";

/** AwsIntegration: every setting updates in place; nothing forces a replacement. */
export const lifecycleCase: LifecycleCase = {
  kind: "AwsIntegration",
  create: {
    name: "lifecycle-aws-{run}",
    roleArn: "arn:aws:iam::123456789012:role/lifecycle-{run}",
    labels: ["one"],
  },
  expect: {
    name: "lifecycle-aws-{run}",
    roleArn: "arn:aws:iam::123456789012:role/lifecycle-{run}",
    labels: ["one"],
    durationSeconds: 900,
    generateCredentialsInWorker: false,
    autoattachEnabled: false,
    tagAssumeRole: false,
    spaceId: "root",
  },
  update: {
    roleArn: "arn:aws:iam::210987654321:role/path/lifecycle-{run}",
    durationSeconds: 3600,
    generateCredentialsInWorker: true,
    externalId: "lifecycle-external-{run}",
    region: "eu-west-1",
    autoattachEnabled: true,
    tagAssumeRole: true,
    labels: ["one", "two"],
  },
  unknown: [{ property: "roleArn" }, { property: "durationSeconds" }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $name: String!, $roleArn: String!) { awsIntegrationUpdate(id: $id, name: $name, roleArn: $roleArn, generateCredentialsInWorker: false, externalID: "", labels: [], durationSeconds: 1800) { id } }',
      variables: { id: "{id}", name: "{outs.name}", roleArn: "{outs.roleArn}" },
    },
    expect: { durationSeconds: 1800, generateCredentialsInWorker: false },
  },
  vanish: { query: "mutation($id: ID!) { awsIntegrationDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
