import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

/**
 * Declares one of each of the VCS integrations and the action-like resources that come with a
 * platform team's day-to-day: GitLab, Azure DevOps and Bitbucket Data Center integrations (their
 * tokens write-only), a stack on the GitLab one with a task run on it once, and a private worker
 * pool that is recycled whenever its image changes.
 *
 * @param prefix - prefix of every name, so that several copies can live in one account
 * @param deployToken - the token the integrations authenticate with (a secret)
 */
export function declareVcs(prefix: string, deployToken: pulumi.Output<string>): void {
  const space = new spacelift.Space("vcs-space", {
    name: `${prefix}-vcs`,
    description: "The VCS integrations of this program and the stacks on them.",
    inheritEntities: true,
  });

  const gitlab = new spacelift.GitlabIntegration("gitlab", {
    name: `${prefix}-gitlab`,
    description: "Self-managed GitLab of the platform team.",
    apiHost: "https://gitlab.example.com",
    userFacingHost: "https://gitlab.example.com",
    privateToken: deployToken,
    spaceId: space.id,
    labels: ["platform"],
    vcsChecks: "AGGREGATED",
  });
  new spacelift.AzureDevopsIntegration("azure-devops", {
    name: `${prefix}-azure-devops`,
    organizationUrl: `https://dev.azure.com/${prefix}`,
    personalAccessToken: deployToken,
    accessibleProjects: ["infrastructure"],
    spaceId: space.id,
  });
  new spacelift.BitbucketDatacenterIntegration("bitbucket-datacenter", {
    name: `${prefix}-bitbucket-datacenter`,
    apiHost: "https://bitbucket.internal.example.com",
    userFacingHost: "https://bitbucket.example.com",
    username: "spacelift",
    accessToken: deployToken,
    spaceId: space.id,
    useGitCheckout: false,
  });

  // A stack on the GitLab integration, and a one-off task that lists what its state holds; change
  // the keeper to run it again.
  const stack = new spacelift.Stack("vcs-stack", {
    name: `${prefix}-on-gitlab`,
    spaceId: space.id,
    repository: "infrastructure",
    branch: "main",
    gitlab: { namespace: "platform", id: gitlab.id },
  });
  new spacelift.Task("state-list", {
    stackId: stack.id,
    command: "terraform state list",
    keepers: { reason: "initial inventory" },
    wait: { continueOnStates: ["finished"] },
  });

  // Recycling the pool's workers whenever the runner image they were started with changes.
  const pool = new spacelift.WorkerPool("vcs-pool", {
    name: `${prefix}-vcs-workers`,
    spaceId: space.id,
  });
  new spacelift.WorkerPoolRecycle("vcs-pool-recycle", {
    workerPoolId: pool.id,
    keepers: { image: "public.ecr.aws/spacelift/runner-terraform:v1" },
  });
}
