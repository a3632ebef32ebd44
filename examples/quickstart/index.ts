import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "quickstart";
// `pulumi config set --secret deployToken <value>`; the fallback keeps the example runnable.
const deployToken = config.getSecret("deployToken") ?? pulumi.secret("example-deploy-token");

// A space of its own keeps the example's objects together and easy to clean up.
const space = new spacelift.Space("platform", {
  name: `${prefix}-platform`,
  description: "Everything the quickstart creates.",
  labels: ["quickstart"],
});

const stack = new spacelift.Stack("networking", {
  name: `${prefix}-networking`,
  spaceId: space.id,
  repository: "infrastructure",
  branch: "main",
  projectRoot: "networking",
  terraformVersion: "1.5.7",
  labels: ["networking"],
  description: "VPCs and subnets.",
});

// Shared settings for the stack: one plain variable, one secret that Spacelift never returns.
const awsDefaults = new spacelift.Context("aws-defaults", {
  name: `${prefix}-aws-defaults`,
  spaceId: space.id,
  description: "AWS settings shared by the platform stacks.",
});
new spacelift.EnvironmentVariable("aws-region", {
  contextId: awsDefaults.id,
  name: "AWS_REGION",
  value: "eu-west-1",
  writeOnly: false,
});
const token = new spacelift.EnvironmentVariable("deploy-token", {
  contextId: awsDefaults.id,
  name: "DEPLOY_TOKEN",
  value: deployToken,
});
new spacelift.ContextAttachment("aws-defaults-networking", {
  contextId: awsDefaults.id,
  stackId: stack.id,
  priority: 0,
});

// A plan policy that warns about resources being deleted.
const planPolicy = new spacelift.Policy("warn-on-delete", {
  name: `${prefix}-warn-on-delete`,
  type: "PLAN",
  spaceId: space.id,
  body: [
    "package spacelift",
    "",
    'warn[sprintf("%s is going to be deleted", [resource.address])] {',
    "  resource := input.terraform.resource_changes[_]",
    '  resource.change.actions[_] == "delete"',
    "}",
    "",
  ].join("\n"),
});
new spacelift.PolicyAttachment("warn-on-delete-networking", {
  policyId: planPolicy.id,
  stackId: stack.id,
});

export const spaceId = space.id;
export const stackId = stack.id;
export const contextId = awsDefaults.id;
export const policyId = planPolicy.id;
/** The secret's checksum: enough to see it changed, useless to anyone reading the state. */
export const deployTokenChecksum = token.checksum;
