import type { BadInputCase } from "../badInputCase";

const source = { repository: "terraform-aws-vpc", branch: "main" };

/** Module: names the registry refuses, provider addresses, VCS blocks, nested paths. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "Module",
    inputs: { ...source, name: "My_Module" },
    property: "name",
    reason: /must be a module name/,
  },
  { kind: "Module", inputs: { ...source, name: "vpc-" }, property: "name", reason: /must be a module name/ },
  { kind: "Module", inputs: { ...source, name: "9vpc" }, property: "name", reason: /must be a module name/ },
  { kind: "Module", inputs: { repository: "terraform-aws-vpc" }, property: "branch", reason: /is required/ },
  {
    kind: "Module",
    inputs: { ...source, terraformProvider: "hashicorp/aws" },
    property: "terraformProvider",
    reason: /not a registry address/,
  },
  {
    kind: "Module",
    inputs: { ...source, workflowTool: "TERRAGRUNT" },
    property: "workflowTool",
    reason: /must be one of TERRAFORM_FOSS, OPEN_TOFU, CUSTOM/,
  },
  {
    kind: "Module",
    inputs: {
      ...source,
      gitlab: { namespace: "infra" },
      rawGit: { namespace: "infra", url: "https://git.example.com/vpc.git" },
    },
    property: "rawGit",
    reason: /conflicts with gitlab/,
  },
  { kind: "Module", inputs: { ...source, gitlab: {} }, property: "gitlab.namespace", reason: /is required/ },
  {
    kind: "Module",
    inputs: { ...source, rawGit: { namespace: "infra" } },
    property: "rawGit.url",
    reason: /is required/,
  },
  {
    kind: "Module",
    inputs: { ...source, azureDevops: { project: "infra", organization: "x" } },
    property: "azureDevops.organization",
    reason: /is not a known property/,
  },
  {
    kind: "Module",
    inputs: { ...source, sharedAccounts: ["partner", 5] },
    property: "sharedAccounts[1]",
    reason: /must be a string, got an integer/,
  },
  {
    kind: "Module",
    inputs: { ...source, enableLocalPreview: "false" },
    property: "enableLocalPreview",
    reason: /must be a boolean, got a string/,
  },
  {
    kind: "Module",
    inputs: { ...source, rawGit: { namespace: "infra", url: "ssh://git.example.com/vpc.git" } },
    property: "rawGit.url",
    reason: /must be an absolute http or https URL/,
  },
  {
    kind: "Module",
    inputs: { ...source, labels: ["network\nvpc"] },
    property: "labels[0]",
    reason: /must not contain control characters/,
  },
];
