import { displayName, label, max, min, nonEmpty, pattern } from "../engine/constraints";
import { arg, defineResource, mutation, query, type ArgDef } from "../engine/descriptor";
import { markedInList } from "./existing";
import { t } from "../engine/fieldTypes";

/** AWS's bounds for an assumed role's session, in seconds (STS AssumeRole `DurationSeconds`). */
export const AWS_SESSION_SECONDS = { min: 900, max: 43200 } as const;

const ROLE_ARN = pattern(
  /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]+$/,
  "an IAM role ARN: arn:aws:iam::<12-digit account ID>:role/<name>",
);

// Create and update take the same scalar arguments (the API has no input object for them).
const settings: Readonly<Record<string, ArgDef>> = {
  name: arg.field("name", "String!"),
  roleArn: arg.field("roleArn", "String!"),
  generateCredentialsInWorker: arg.field("generateCredentialsInWorker", "Boolean!"),
  // Non-null in the API's update (Bruno's Update AWS Integration); Spacelift's Terraform provider
  // (8565261, resource_aws_integration.go) sends "" for "no custom external ID".
  externalID: arg.derived("String!", (values) => values["externalId"] ?? ""),
  durationSeconds: arg.field("durationSeconds", "Int!"),
  // The argument is a non-null list, so "no labels" travels as [].
  labels: arg.derived("[String!]!", (values) => values["labels"] ?? []),
  space: arg.field("spaceId", "ID"),
  region: arg.field("region", "String"),
  autoattachEnabled: arg.field("autoattachEnabled", "Boolean!"),
  tagAssumeRole: arg.field("tagAssumeRole", "Boolean!"),
};

/** AwsIntegration: an IAM role Spacelift assumes for the stacks and modules it is attached to. */
export const awsIntegration = defineResource({
  kind: "AwsIntegration",
  doc:
    "An **AWS integration**: an IAM role that Spacelift assumes (or lets private workers assume) to give runs " +
    "of the stacks and modules it is attached to temporary AWS credentials. Attach it with " +
    "`AwsIntegrationAttachment`. Every setting updates in place.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the integration.",
      validate: [nonEmpty(), displayName()],
    },
    roleArn: {
      type: t.string(),
      required: true,
      doc:
        "ARN of the IAM role to assume, `arn:aws:iam::<12-digit account ID>:role/<optional path/><name>` " +
        "(the `aws-cn` and `aws-us-gov` partitions are accepted too).",
      validate: [ROLE_ARN],
    },
    generateCredentialsInWorker: {
      type: t.boolean(),
      default: false,
      doc: "Whether private workers assume the role themselves instead of Spacelift. Defaults to `false`.",
    },
    externalId: {
      type: t.string(),
      doc: "Custom external ID to assume the role with (private workers only).",
    },
    durationSeconds: {
      type: t.int(),
      default: AWS_SESSION_SECONDS.min,
      doc:
        `Length of the assumed role's session in seconds, from ${AWS_SESSION_SECONDS.min} to ` +
        `${AWS_SESSION_SECONDS.max}: AWS's own bounds for AssumeRole (the role's maximum session duration ` +
        `may be lower). Defaults to \`${AWS_SESSION_SECONDS.min}\`.`,
      validate: [min(AWS_SESSION_SECONDS.min), max(AWS_SESSION_SECONDS.max)],
    },
    labels: {
      type: t.set(t.string()),
      doc: "Labels. With `autoattachEnabled`, a label `autoattach:<label>` attaches the integration to every stack with `<label>`. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the integration belongs to. When unset, Spacelift chooses it (`root`) and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    region: {
      type: t.string(),
      doc: "AWS region of the STS endpoint used to assume the role; the global endpoint when unset.",
    },
    autoattachEnabled: {
      type: t.boolean(),
      default: false,
      doc: "Whether `autoattach:` labels attach the integration automatically. Defaults to `false`.",
    },
    tagAssumeRole: {
      type: t.boolean(),
      default: false,
      doc: "Whether Spacelift tags the AssumeRole call with the run's details (session tags). Defaults to `false`.",
    },
  },
  // Integration ids are generated, so Spacelift accepts a second integration of one name: the first
  // create in a process lists them once and recognises its own by their marker.
  existing: markedInList({
    noun: "AWS integration",
    operation: "AwsIntegrationList",
    listField: "awsIntegrations",
    createdAt: true,
    duplicatesAccepted: true,
  }),
  operations: {
    create: mutation("AwsIntegrationCreate", "awsIntegrationCreate", settings),
    read: query("AwsIntegrationRead", "awsIntegration", { id: arg.id() }),
    update: mutation("AwsIntegrationUpdate", "awsIntegrationUpdate", { id: arg.id(), ...settings }),
    delete: mutation("AwsIntegrationDelete", "awsIntegrationDelete", { id: arg.id() }),
  },
});
