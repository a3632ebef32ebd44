import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "acme";

const teams = ["platform", "payments"] as const;
const environments = ["staging", "production"] as const;

// One space for the organisation, one per team below it, and one per environment below each team.
// Child spaces inherit the organisation's shared contexts and policies.
const org = new spacelift.Space("org", {
  name: `${prefix}`,
  description: `Everything ${prefix} runs on Spacelift.`,
});

// Settings every stack of the organisation needs, defined once at the top.
const shared = new spacelift.Context("shared", {
  name: `${prefix}-shared`,
  spaceId: org.id,
  description: "Settings common to every stack.",
  labels: ["shared"],
});
new spacelift.EnvironmentVariable("shared-owner", {
  contextId: shared.id,
  name: "TF_VAR_owner",
  value: prefix,
  writeOnly: false,
});
new spacelift.MountedFile("shared-tags", {
  contextId: shared.id,
  relativePath: "tags.auto.tfvars.json",
  content: Buffer.from(JSON.stringify({ tags: { organisation: prefix } })).toString("base64"),
  writeOnly: false,
});

// Production changes need a second pair of eyes.
const twoApprovals = new spacelift.Policy("two-approvals", {
  name: `${prefix}-two-approvals`,
  type: "APPROVAL",
  spaceId: org.id,
  description: "Production runs need two approvals.",
  body: [
    "package spacelift",
    "",
    "approve { count(input.reviews.current.approvals) >= 2 }",
    "reject { count(input.reviews.current.rejections) > 0 }",
    "",
  ].join("\n"),
});

const stacks: Record<string, pulumi.Output<string>> = {};
for (const team of teams) {
  const teamSpace = new spacelift.Space(`${team}`, {
    name: `${prefix}-${team}`,
    parentSpaceId: org.id,
    inheritEntities: true,
    labels: [`team:${team}`],
  });
  for (const env of environments) {
    const envSpace = new spacelift.Space(`${team}-${env}`, {
      name: `${prefix}-${team}-${env}`,
      parentSpaceId: teamSpace.id,
      inheritEntities: true,
      labels: [`env:${env}`],
    });
    const stack = new spacelift.Stack(`${team}-${env}`, {
      name: `${prefix}-${team}-${env}`,
      spaceId: envSpace.id,
      repository: `${team}-infrastructure`,
      branch: env === "production" ? "main" : "develop",
      projectRoot: `environments/${env}`,
      terraformVersion: "1.5.7",
      autodeploy: env !== "production",
      protectFromDeletion: false,
      labels: [`team:${team}`, `env:${env}`],
    });
    new spacelift.ContextAttachment(`${team}-${env}-shared`, {
      contextId: shared.id,
      stackId: stack.id,
    });
    if (env === "production") {
      new spacelift.PolicyAttachment(`${team}-${env}-two-approvals`, {
        policyId: twoApprovals.id,
        stackId: stack.id,
      });
    }
    stacks[`${team}-${env}`] = stack.id;
  }
}

export const organisationSpaceId = org.id;
export const stackIds = stacks;
