/**
 * A Pulumi program that declares every resource kind the SDK exports, for end-to-end tests that
 * must cover all of them at once (refresh idempotence, large deployments, state audits).
 *
 * @packageDocumentation
 */

import type { PulumiFn } from "@pulumi/pulumi/automation";

import type * as Spacelift from "../../../sdk";

// The program loads the package by name, as users do: that is the built `dist/`.
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/** The 17 resource kinds the SDK exports; {@link everyKindProgram} declares each of them. */
export const EVERY_KIND = [
  "Space",
  "Stack",
  "Context",
  "ContextAttachment",
  "EnvironmentVariable",
  "MountedFile",
  "Policy",
  "PolicyAttachment",
  "Module",
  "StackDependency",
  "StackDependencyReference",
  "DriftDetection",
  "Webhook",
  "NamedWebhook",
  "WorkerPool",
  "AwsIntegration",
  "AwsIntegrationAttachment",
] as const;

/** One of {@link EVERY_KIND}. */
export type ResourceKind = (typeof EVERY_KIND)[number];

/**
 * How many resources of each kind one copy declares. Two stacks are needed for a dependency, and
 * there are two variables so that both a write-only and a readable value are covered.
 */
export const RESOURCES_PER_COPY: Readonly<Record<ResourceKind, number>> = {
  Space: 1,
  Stack: 2,
  Context: 1,
  ContextAttachment: 1,
  EnvironmentVariable: 2,
  MountedFile: 1,
  Policy: 1,
  PolicyAttachment: 1,
  Module: 1,
  StackDependency: 1,
  StackDependencyReference: 1,
  DriftDetection: 1,
  Webhook: 1,
  NamedWebhook: 1,
  WorkerPool: 1,
  AwsIntegration: 1,
  AwsIntegrationAttachment: 1,
};

/** Options of {@link everyKindProgram}. */
export interface EveryKindOptions {
  /**
   * Makes every Spacelift name unique, so several stacks (or test runs) can share one emulator.
   * Letters, digits and `-` only, as it ends up in slugs.
   */
  readonly run: string;
  /** How many full sets of resources to declare; defaults to 1. */
  readonly copies?: number;
  /**
   * Embedded in every secret and write-only value (which no name contains), so a test can scan
   * state and logs for them; defaults to `run`.
   */
  readonly secret?: string;
}

/** The number of resources {@link everyKindProgram} declares, not counting the Pulumi stack itself. */
export function everyKindResourceCount(options: EveryKindOptions): number {
  const perCopy = Object.values(RESOURCES_PER_COPY).reduce((a, b) => a + b, 0);
  return perCopy * copiesOf(options);
}

/**
 * Every secret value the program sends: a mounted file's content both as sent (Base64) and the
 * secret inside its clear text. None of them may appear in state or engine output.
 */
export function everyKindSecrets(options: EveryKindOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < copiesOf(options); i++) {
    const s = secretsOf(options, i);
    out.push(s.variable, s.fileSecret, s.fileContent, s.webhook, s.namedWebhook);
  }
  return out;
}

/**
 * A program declaring `copies` full sets of every resource kind the SDK exports, each set in its
 * own space, with labels, write-only values (a variable, a file, two webhook secrets) passed in
 * plain text (the SDK must keep them secret on its own) and references between the resources.
 * Its outputs, one entry per copy: `spaceIds`, and `checksums` (those of the write-only values).
 */
export function everyKindProgram(options: EveryKindOptions): PulumiFn {
  return async () => {
    const spaceIds = [];
    const checksums = [];
    for (let i = 0; i < copiesOf(options); i++) {
      const copy = declareCopy(options, i);
      spaceIds.push(copy.spaceId);
      checksums.push(copy.checksums);
    }
    return { spaceIds, checksums };
  };
}

function copiesOf(options: EveryKindOptions): number {
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1) throw new Error("copies must be a positive integer");
  return copies;
}

function secretsOf(options: EveryKindOptions, copy: number) {
  const token = `${options.secret ?? options.run}-${copy}`;
  const fileSecret = `file-secret-${token}`;
  const fileText = JSON.stringify({ apiToken: fileSecret });
  return {
    variable: `variable-secret-${token}`,
    fileSecret,
    fileContent: Buffer.from(fileText, "utf8").toString("base64"),
    webhook: `webhook-secret-${token}`,
    namedWebhook: `named-webhook-secret-${token}`,
  };
}

function declareCopy(options: EveryKindOptions, copy: number) {
  const tag = `${options.run}-${copy}`;
  // Logical names must be unique in the program, Spacelift names in the account.
  const n = (name: string) => `${name}-${copy}`;
  const secrets = secretsOf(options, copy);
  const labels = ["e2e", `copy:${copy}`];

  const space = new spacelift.Space(n("space"), {
    name: `every-kind-${tag}`,
    description: "every resource kind",
    labels,
  });
  new spacelift.WorkerPool(n("pool"), {
    name: `pool-${tag}`,
    description: "a private worker pool",
    spaceId: space.id,
    labels,
  });
  const stack = new spacelift.Stack(n("app"), {
    name: `app-${tag}`,
    repository: "infra",
    branch: "main",
    projectRoot: "app",
    spaceId: space.id,
    labels,
    afterApplies: ["echo applied"],
  });
  const upstream = new spacelift.Stack(n("network"), {
    name: `network-${tag}`,
    repository: "infra",
    branch: "main",
    projectRoot: "network",
    spaceId: space.id,
    labels,
  });

  const context = new spacelift.Context(n("context"), {
    name: `context-${tag}`,
    description: "shared settings",
    spaceId: space.id,
    labels,
  });
  new spacelift.ContextAttachment(n("context-on-app"), {
    contextId: context.id,
    stackId: stack.id,
    priority: 1,
  });
  const variable = new spacelift.EnvironmentVariable(n("token"), {
    contextId: context.id,
    name: "API_TOKEN",
    value: secrets.variable,
    description: "write-only",
  });
  new spacelift.EnvironmentVariable(n("region"), {
    stackId: stack.id,
    name: "AWS_REGION",
    value: "eu-west-1",
    writeOnly: false,
  });
  const file = new spacelift.MountedFile(n("settings"), {
    contextId: context.id,
    relativePath: "config/settings.json",
    content: secrets.fileContent,
    description: "write-only",
  });

  const policy = new spacelift.Policy(n("policy"), {
    name: `policy-${tag}`,
    type: "PLAN",
    body: 'package spacelift\n\nwarn["every kind"] { true }\n',
    spaceId: space.id,
    labels,
  });
  new spacelift.PolicyAttachment(n("policy-on-app"), { policyId: policy.id, stackId: stack.id });

  const module = new spacelift.Module(n("module"), {
    name: `module-${tag}`,
    terraformProvider: "aws",
    repository: "terraform-aws-every-kind",
    branch: "main",
    spaceId: space.id,
    labels,
  });

  const dependency = new spacelift.StackDependency(n("app-after-network"), {
    stackId: stack.id,
    dependsOnStackId: upstream.id,
  });
  new spacelift.StackDependencyReference(n("vpc-id"), {
    stackDependencyId: dependency.id,
    outputName: "vpc_id",
    inputName: "TF_VAR_vpc_id",
  });
  new spacelift.DriftDetection(n("drift"), {
    stackId: stack.id,
    schedules: ["0 3 * * *"],
    timezone: "Europe/Berlin",
  });

  const webhook = new spacelift.Webhook(n("webhook"), {
    moduleId: module.id,
    endpoint: `https://hooks.example.com/${tag}`,
    secret: secrets.webhook,
  });
  const namedWebhook = new spacelift.NamedWebhook(n("named-webhook"), {
    name: `named-webhook-${tag}`,
    endpoint: `https://hooks.example.com/named/${tag}`,
    spaceId: space.id,
    labels,
    secret: secrets.namedWebhook,
  });

  const integration = new spacelift.AwsIntegration(n("aws"), {
    name: `aws-${tag}`,
    roleArn: `arn:aws:iam::123456789012:role/every-kind-${tag}`,
    spaceId: space.id,
    labels,
  });
  new spacelift.AwsIntegrationAttachment(n("aws-on-app"), {
    integrationId: integration.id,
    stackId: stack.id,
    write: false,
  });

  return {
    spaceId: space.id,
    checksums: {
      variable: variable.checksum,
      file: file.checksum,
      webhook: webhook.secretChecksum,
      namedWebhook: namedWebhook.secretChecksum,
    },
  };
}
