import { max, min, nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, type ArgDef } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { exactlyOneOf } from "../../engine/rules";
import { AWS_SESSION_SECONDS } from "../awsIntegration";
import { quoted, theObject } from "../existing";
import {
  activated,
  PROJECT_ID,
  PROJECT_ID_SPEC,
  projectId,
  projectRead,
  projectTarget,
  stackOrModule,
} from "./projectIntegration";

const ROLE_ARN = pattern(
  /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]+$/,
  "an IAM role ARN: arn:aws:iam::<12-digit account ID>:role/<name>",
);

const isActivated = activated("aws");

// Setting the role and changing it are the same upsert (resource_aws_role.go).
const set: Readonly<Record<string, ArgDef>> = {
  id: PROJECT_ID,
  roleArn: arg.field("roleArn", "String!"),
  generateCredentialsInWorker: arg.field("generateCredentialsInWorker", "Boolean!"),
  externalID: arg.field("externalId", "String"),
  durationSeconds: arg.field("durationSeconds", "Int"),
  region: arg.field("region", "String"),
};

const AWS_ROLE_DOC =
  "The **legacy per-stack AWS role**: an IAM role that Spacelift assumes (or lets private workers assume) for " +
  "the runs of one stack or module, putting its temporary credentials in their environment. On public workers " +
  "Spacelift uses `<account>@<stackOrModuleId>` as the external ID. `AwsIntegration` with " +
  "`AwsIntegrationAttachment` replaces it: one integration serves many stacks, with separate read and write " +
  "roles. The ID is the stack's or module's; `get` also takes `stack/<id>` and `module/<id>`, the form " +
  "Spacelift's Terraform provider imports it by. Changing the stack or module replaces it; everything else " +
  "updates in place.";

/** The descriptor of the legacy role under one of its two names. */
function awsRoleKind(kind: "AwsRole" | "StackAwsRole", doc: string, deprecated: string) {
  return defineResource({
    kind,
    doc,
    deprecated,
    fields: {
      stackId: projectTarget("stack", "that assumes the role"),
      moduleId: projectTarget("module", "that assumes the role"),
      roleArn: {
        type: t.string(),
        required: true,
        gql: "integrations.aws.assumedRoleArn",
        doc: "ARN of the IAM role to assume, `arn:aws:iam::<12-digit account ID>:role/<optional path/><name>`.",
        validate: [ROLE_ARN],
      },
      generateCredentialsInWorker: {
        type: t.boolean(),
        default: false,
        gql: "integrations.aws.generateCredentialsInWorker",
        doc: "Whether private workers assume the role themselves, with their own AWS credentials. Defaults to `false`.",
      },
      externalId: {
        type: t.string(),
        gql: "integrations.aws.externalID",
        doc: "Custom external ID to assume the role with (private workers only).",
        validate: [nonEmpty()],
      },
      durationSeconds: {
        type: t.int(),
        serverDefault: true,
        alwaysSet: true,
        gql: "integrations.aws.durationSeconds",
        doc:
          `Length of the assumed role's session in seconds, from ${AWS_SESSION_SECONDS.min} to ` +
          `${AWS_SESSION_SECONDS.max}. When unset, Spacelift chooses it (${AWS_SESSION_SECONDS.min}) and the chosen value is kept.`,
        validate: [min(AWS_SESSION_SECONDS.min), max(AWS_SESSION_SECONDS.max)],
      },
      region: {
        type: t.string(),
        gql: "integrations.aws.region",
        doc: "AWS region of the STS endpoint used to assume the role; the global endpoint when unset.",
        validate: [nonEmpty()],
      },
    },
    rules: [exactlyOneOf("stackId", "moduleId")],
    id: PROJECT_ID_SPEC,
    hooks: {
      selectVariant: stackOrModule,
      // Without a role, the stack reads `activated: false`.
      isGone: (raw) => !isActivated(raw),
    },
    // The mutation is an upsert that would overwrite a role set by anyone else, so the engine looks
    // first and refuses a role it did not set.
    existing: {
      candidates: (result) => theObject(result).filter(isActivated),
      lookFirst: "always",
      describe: (v) => `the AWS role of ${quoted(projectId(v))}`,
    },
    operations: {
      create: mutation(`${kind}Set`, "stackIntegrationAwsCreate", set, {
        selection: ["activated"],
        // Until AWS has propagated the role's trust policy, Spacelift refuses the role; the Terraform
        // provider waits it out, five attempts ten seconds apart (resource_aws_role.go).
        retryWhile: { message: /trust relationship/i, attempts: 5, delayMs: 10_000 },
      }),
      read: projectRead(kind, "aws"),
      update: mutation(`${kind}Update`, "stackIntegrationAwsCreate", set, { selection: ["activated"] }),
      delete: mutation(
        `${kind}Delete`,
        "stackIntegrationAwsDelete",
        { id: PROJECT_ID },
        { selection: ["activated"] },
      ),
    },
  });
}

/** AwsRole: the legacy AWS role of one stack or module. */
export const awsRole = awsRoleKind(
  "AwsRole",
  AWS_ROLE_DOC,
  "Spacelift replaced per-stack roles with `AwsIntegration` and `AwsIntegrationAttachment`; this kind is kept for programs migrating from the official provider.",
);

/** StackAwsRole: the official provider's older name of {@link awsRole}. */
export const stackAwsRole = awsRoleKind(
  "StackAwsRole",
  `\`StackAwsRole\` is the older name of \`AwsRole\`, and works identically.\n\n${AWS_ROLE_DOC}`,
  "Use `AwsRole`, which is identical (and better, `AwsIntegration` with `AwsIntegrationAttachment`); this name is kept for programs migrating from the official provider.",
);
