import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

/** A plugin manifest, in YAML's JSON form: one sensitive API key, one setting with a default. */
const COST_REPORT_MANIFEST = JSON.stringify({
  name: "cost-report",
  version: "1.0.0",
  parameters: [
    {
      id: "api_key",
      name: "API key",
      description: "Key of the cost service.",
      required: true,
      sensitive: true,
    },
    { id: "currency", name: "Currency", description: "Currency of the report.", default: "EUR" },
  ],
});

/**
 * A Spacelift repo holding a Terraform root module, and a cost-report plugin installed from the
 * organisation's own template on every stack labelled `cost-report`, keyed with the deploy token.
 */
export function declareRepos(prefix: string, deployToken: pulumi.Output<string>): void {
  const repo = new spacelift.Repo("repo", {
    name: `${prefix}-infra`,
    spaceId: "root",
    description: "Infrastructure code hosted by Spacelift.",
    labels: ["iac"],
  });
  // Each change to the file is a revision (commit) of the repo.
  new spacelift.RepoFile("main-tf", {
    repoId: repo.id,
    path: "network/main.tf",
    content: 'terraform {\n  required_version = ">= 1.5"\n}\n',
    commitMessage: "Network root module",
    authorName: "Platform team",
    authorEmail: "platform@example.com",
  });

  const template = new spacelift.PluginTemplate("cost-report", {
    name: `${prefix}-cost-report`,
    description: "Posts the cost of each change.",
    manifest: COST_REPORT_MANIFEST,
    labels: ["cost"],
  });
  new spacelift.Plugin("cost-report", {
    name: `${prefix}-cost-report`,
    pluginTemplateId: template.id,
    stackLabel: "cost-report",
    parameters: { api_key: deployToken, currency: "USD" },
  });
}
