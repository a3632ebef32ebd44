import type { BadInputCase } from "../badInputCase";

const base = { name: "infra", repository: "infra", branch: "main" };

/**
 * Stack, DriftDetection, StackDependency and StackDependencyReference: exclusive vendor and VCS
 * blocks, Terraform settings on another vendor, slugs, cron schedules, time zones and ids.
 */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Stack",
    inputs: {
      ...base,
      pulumi: { loginUrl: "s3://state", stackName: "dev" },
      ansible: { playbook: "site.yml" },
    },
    property: "pulumi",
    reason:
      /conflicts with ansible: set at most one of ansible, cloudformation, kubernetes, opentofu, pulumi, terragrunt/,
  },
  {
    kind: "Stack",
    inputs: { ...base, terraformVersion: "1.5.7", opentofu: {} },
    property: "opentofu",
    reason: /conflicts with terraformVersion: they cannot be set together/,
  },
  {
    kind: "Stack",
    inputs: { ...base, gitlab: { namespace: "a" }, githubEnterprise: { namespace: "b" } },
    property: "gitlab",
    reason: /conflicts with githubEnterprise/,
  },
  {
    kind: "Stack",
    inputs: {
      ...base,
      showcase: { namespace: "a" },
      rawGit: { namespace: "b", url: "https://git.example.com/b" },
    },
    property: "rawGit",
    reason: /conflicts with showcase: they cannot be set together/,
  },
  {
    kind: "Stack",
    inputs: { ...base, terraformWorkflowTool: "TERRAFORM" },
    property: "terraformWorkflowTool",
    reason: /must be one of TERRAFORM_FOSS, OPEN_TOFU, CUSTOM, got a string/,
  },
  {
    kind: "Stack",
    inputs: { ...base, name: "!!!" },
    property: "name",
    reason: /at least one letter or digit/,
  },
  { kind: "Stack", inputs: { ...base, slug: "Infra_1" }, property: "slug", reason: /must be a slug/ },
  {
    kind: "Stack",
    inputs: {
      ...base,
      cloudformation: { entryTemplateFile: "main.yaml", stackName: "s", templateBucket: "b" },
    },
    property: "cloudformation.region",
    reason: /is required/,
  },
  {
    kind: "Stack",
    inputs: { ...base, autodeploy: "yes" },
    property: "autodeploy",
    reason: /must be a boolean/,
  },
  {
    kind: "Stack",
    inputs: { ...base, beforeInits: ["terraform fmt", ""] },
    property: "beforeInits[1]",
    reason: /must not be empty/,
  },
  { kind: "Stack", inputs: { name: "infra", branch: "main" }, property: "repository", reason: /is required/ },
  {
    kind: "Stack",
    inputs: { ...base, kubernetes: { kubernetesWorkflowTool: "HELM" } },
    property: "kubernetes.kubernetesWorkflowTool",
    reason: /must be one of KUBERNETES, CUSTOM/,
  },
  {
    kind: "DriftDetection",
    inputs: { stackId: "infra", schedules: ["every hour"] },
    property: "schedules[0]",
    reason: /five-field cron expression/,
  },
  {
    kind: "DriftDetection",
    inputs: { stackId: "infra", schedules: ["0 25 * * *"] },
    property: "schedules[0]",
    reason: /the hour field is invalid \(allowed 0-23\)/,
  },
  {
    kind: "DriftDetection",
    inputs: { stackId: "infra", schedule: [] },
    property: "schedule",
    reason: /at least 1 elements long/,
  },
  // `schedule`, the former name, is still taken, and its failures are reported under it.
  {
    kind: "DriftDetection",
    inputs: { stackId: "infra", schedule: ["0 * * * *"], schedules: ["0 1 * * *"] },
    property: "schedule",
    reason: /is the deprecated name of schedules; set only schedules/,
  },
  { kind: "DriftDetection", inputs: { stackId: "infra" }, property: "schedules", reason: /is required/ },
  {
    kind: "DriftDetection",
    inputs: { stackId: "infra", schedule: ["0 * * * *"], timezone: "Mars/Olympus" },
    property: "timezone",
    reason: /IANA time zone/,
  },
  { kind: "DriftDetection", inputs: { schedule: ["0 * * * *"] }, property: "stackId", reason: /is required/ },
  {
    kind: "StackDependency",
    inputs: { stackId: "app", dependsOnStackId: "app" },
    property: "dependsOnStackId",
    reason: /must differ from stackId/,
  },
  {
    kind: "StackDependency",
    inputs: { stackId: "app", dependsOnStackId: 42 },
    property: "dependsOnStackId",
    reason: /must be a string, got an integer/,
  },
  {
    kind: "StackDependency",
    inputs: { stackId: "app" },
    property: "dependsOnStackId",
    reason: /is required/,
  },
  {
    kind: "StackDependencyReference",
    inputs: { stackDependencyId: "app", outputName: "vpc_id", inputName: "TF_VAR_vpc_id" },
    property: "stackDependencyId",
    reason: /<stackId>\/<dependencyId>/,
  },
  {
    kind: "StackDependencyReference",
    inputs: { stackDependencyId: "app/01J0", outputName: " ", inputName: "TF_VAR_vpc_id", triggerAlways: 1 },
    property: "triggerAlways",
    reason: /must be a boolean, got an integer/,
  },
  {
    kind: "Stack",
    inputs: { ...base, name: "infra " },
    property: "name",
    reason: /must not start or end with whitespace/,
  },
  {
    kind: "Stack",
    inputs: { ...base, labels: ["team:platform", "a".repeat(256)] },
    property: "labels[1]",
    reason: /must be at most 255 characters long/,
  },
  {
    kind: "Stack",
    inputs: { ...base, rawGit: { namespace: "infra", url: "git@github.com:acme/infra.git" } },
    property: "rawGit.url",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "Stack",
    inputs: { ...base, urn: "urn:pulumi:dev::infra::Stack::infra" },
    property: "urn",
    reason: /is not an argument: Pulumi assigns/,
  },
  {
    kind: "Stack",
    inputs: { ...base, autoDeploy: true },
    property: "autoDeploy",
    reason: /did you mean autodeploy\?/,
  },
  {
    kind: "DriftDetection",
    inputs: { stackId: "infra", schedule: ["0 * * * *"], timeZone: "UTC" },
    property: "timeZone",
    reason: /did you mean timezone\?/,
  },
  {
    kind: "StackDependencyReference",
    inputs: { stackDependencyId: "app/01J0", outputName: "vpc_id", inputName: "TF_VAR_vpc_id\n" },
    property: "inputName",
    reason: /must not contain control characters/,
  },
];
