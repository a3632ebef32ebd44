/**
 * A directory program for the kill -9 recovery test (tests/e2e/killRecovery.spec.ts): an
 * organisation space with a shared context and policy, and per team a space with a worker pool,
 * two stacks wired by a dependency, a context with variables and a file, policies, attachments,
 * drift detection and webhooks. `layout.ts` lists the counts. Config: `prefix` (names), `teams`
 * (how many teams) and `apiToken` (a secret, sent as a write-only variable).
 */
import * as pulumi from "@pulumi/pulumi";

import type * as Spacelift from "../../../../sdk";

// Loaded by name, as users do (the repository links the package to itself): the built `dist/`.
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "kr";
const teams = config.getNumber("teams") ?? 1;
const apiToken = config.requireSecret("apiToken");

const org = new spacelift.Space("org", {
  name: prefix,
  description: "the organisation",
  labels: ["kill-recovery"],
});
const shared = new spacelift.Context("shared", {
  name: `${prefix}-shared`,
  spaceId: org.id,
  description: "settings every stack needs",
  labels: ["shared"],
});
new spacelift.EnvironmentVariable("shared-owner", {
  contextId: shared.id,
  name: "TF_VAR_owner",
  value: prefix,
  writeOnly: false,
});
const approvals = new spacelift.Policy("approvals", {
  name: `${prefix}-approvals`,
  type: "APPROVAL",
  spaceId: org.id,
  body: "package spacelift\n\napprove { count(input.reviews.current.approvals) >= 1 }\n",
});

const stackIds: Record<string, pulumi.Output<string>> = {};
for (let t = 0; t < teams; t++) {
  const team = `team${t}`;
  const space = new spacelift.Space(team, {
    name: `${prefix}-${team}`,
    parentSpaceId: org.id,
    inheritEntities: true,
    labels: [`team:${team}`],
  });
  const pool = new spacelift.WorkerPool(`${team}-pool`, {
    name: `${prefix}-${team}-pool`,
    description: "private workers",
    spaceId: space.id,
  });
  const network = new spacelift.Stack(`${team}-network`, {
    name: `${prefix}-${team}-network`,
    spaceId: space.id,
    repository: "infrastructure",
    branch: "main",
    projectRoot: `${team}/network`,
    labels: [`team:${team}`],
  });
  const app = new spacelift.Stack(`${team}-app`, {
    name: `${prefix}-${team}-app`,
    spaceId: space.id,
    repository: "infrastructure",
    branch: "main",
    projectRoot: `${team}/app`,
    workerPoolId: pool.id,
    labels: [`team:${team}`],
    afterApplies: ["echo applied"],
  });
  stackIds[team] = app.id;

  const settings = new spacelift.Context(`${team}-settings`, {
    name: `${prefix}-${team}-settings`,
    spaceId: space.id,
    labels: [`team:${team}`],
  });
  new spacelift.EnvironmentVariable(`${team}-region`, {
    contextId: settings.id,
    name: "AWS_REGION",
    value: "eu-west-1",
    writeOnly: false,
  });
  new spacelift.EnvironmentVariable(`${team}-log-level`, {
    contextId: settings.id,
    name: "TF_LOG",
    value: "info",
    writeOnly: false,
  });
  new spacelift.EnvironmentVariable(`${team}-api-token`, {
    contextId: settings.id,
    name: "API_TOKEN",
    value: apiToken,
    description: "write-only",
  });
  new spacelift.EnvironmentVariable(`${team}-name`, {
    stackId: app.id,
    name: "TF_VAR_team",
    value: team,
    writeOnly: false,
  });
  new spacelift.MountedFile(`${team}-tfvars`, {
    contextId: settings.id,
    relativePath: "team.auto.tfvars.json",
    content: Buffer.from(JSON.stringify({ team })).toString("base64"),
    writeOnly: false,
  });
  new spacelift.ContextAttachment(`${team}-settings-on-app`, {
    contextId: settings.id,
    stackId: app.id,
    priority: 1,
  });
  new spacelift.ContextAttachment(`${team}-shared-on-network`, {
    contextId: shared.id,
    stackId: network.id,
  });

  const plan = new spacelift.Policy(`${team}-plan`, {
    name: `${prefix}-${team}-plan`,
    type: "PLAN",
    spaceId: space.id,
    body: `package spacelift\n\nwarn["${team}"] { true }\n`,
  });
  new spacelift.PolicyAttachment(`${team}-plan-on-app`, { policyId: plan.id, stackId: app.id });
  new spacelift.PolicyAttachment(`${team}-approvals-on-network`, {
    policyId: approvals.id,
    stackId: network.id,
  });

  new spacelift.Webhook(`${team}-app-hook`, {
    stackId: app.id,
    endpoint: `https://hooks.example.com/${prefix}/${team}`,
  });
  new spacelift.NamedWebhook(`${team}-alerts`, {
    name: `${prefix}-${team}-alerts`,
    endpoint: `https://alerts.example.com/${prefix}/${team}`,
    spaceId: space.id,
  });

  const dependency = new spacelift.StackDependency(`${team}-app-after-network`, {
    stackId: app.id,
    dependsOnStackId: network.id,
  });
  new spacelift.StackDependencyReference(`${team}-vpc-id`, {
    stackDependencyId: dependency.id,
    outputName: "vpc_id",
    inputName: "TF_VAR_vpc_id",
  });
  new spacelift.DriftDetection(`${team}-network-drift`, {
    stackId: network.id,
    schedule: ["0 3 * * *"],
    timezone: "UTC",
  });
}

export const organisationSpaceId = org.id;
export const appStackIds = stackIds;
