import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

/**
 * Access as code: an API key for a deployment pipeline with a custom role bound to it in the root
 * space, and a stack filter saved for everyone in the account.
 */
export function declareAccess(prefix: string, deployToken: pulumi.Output<string>): void {
  // None of these kinds takes a secret as input; the key's own secret is an output.
  void deployToken;

  const deployer = new spacelift.Role("deployer", {
    name: `${prefix}-deployer`,
    description: "Triggers and confirms runs.",
    actions: ["SPACE_READ", "RUN_TRIGGER", "RUN_CONFIRM"],
  });
  const pipelineKey = new spacelift.ApiKey("pipeline", { name: `${prefix}-pipeline` });
  new spacelift.RoleAttachment("pipeline-deployer", {
    apiKeyId: pipelineKey.id,
    roleId: deployer.id,
    spaceId: "root",
  });
  new spacelift.SavedFilter("production-stacks", {
    name: `${prefix}-production-stacks`,
    type: "stacks",
    data: JSON.stringify({ key: "activeFilters", value: JSON.stringify({ label: ["production"] }) }),
    isPublic: true,
  });
}
