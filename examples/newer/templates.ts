import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

/**
 * Templates and scheduled runs: a template with a published version deployed into a space (one of
 * its inputs a secret), and a nightly run on a stack of its own.
 *
 * @param prefix - prefix of every name, so that several copies can live in one account
 * @param deployToken - a secret the deployment passes to the template's `token` input
 */
export function declareTemplates(prefix: string, deployToken: pulumi.Output<string>): void {
  const space = new spacelift.Space("templates", { name: `${prefix}-templates`, parentSpaceId: "root" });

  const template = new spacelift.Template("service", {
    name: `${prefix}-service`,
    space: space.id,
    description: "A service: one stack per environment.",
    labels: ["team:platform"],
  });

  // The body declares an input with a default, a secret one, and the stack it renders.
  const body = [
    "inputs:",
    "  - id: env",
    "    name: Environment",
    "    default: dev",
    "  - id: token",
    "    name: Deploy token",
    "    type: secret",
    "stacks:",
    `  - name: ${prefix}-service-\${{ inputs.env }}`,
    "    key: service",
    "    vcs:",
    "      repository: service",
    "      provider: GITHUB",
    "      reference:",
    "        type: branch",
    "        value: main",
    "",
  ].join("\n");

  const version = new spacelift.TemplateVersion("service-v1", {
    templateId: template.id,
    versionNumber: "1.0.0",
    state: "PUBLISHED",
    template: body,
    instructions: "Pick the environment; the token is kept secret.",
  });

  new spacelift.TemplateDeployment("service-prod", {
    templateVersionId: version.id,
    space: space.id,
    name: `${prefix}-service-prod`,
    description: "The production service.",
    inputs: [
      { id: "env", value: "prod" },
      { id: "token", value: deployToken },
    ],
  });

  const nightly = new spacelift.Stack("nightly", {
    name: `${prefix}-nightly`,
    spaceId: space.id,
    repository: "infra",
    branch: "main",
  });

  new spacelift.ScheduledRun("nightly-plan", {
    stackId: nightly.id,
    name: `${prefix}-nightly-plan`,
    everies: ["0 2 * * *"],
    timezone: "Europe/Berlin",
    runtimeConfig: { environment: [{ key: "TF_LOG", value: "info" }], beforePlan: ["echo nightly"] },
  });
}
