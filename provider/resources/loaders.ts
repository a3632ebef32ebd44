/**
 * Each kind's descriptor, loaded when the kind is first served. Pulumi starts a provider process
 * for every operation (preview, up, refresh, destroy), and a program uses a handful of the 55
 * kinds; loading every descriptor module took most of the provider's own start-up. The full
 * registry (`./index`) stays for tests and tools; a test keeps the two lists equal.
 *
 * @packageDocumentation
 */

/* eslint-disable @typescript-eslint/no-require-imports -- loading on demand is the point */

import type { ResourceDescriptor } from "../engine/descriptor";

/** One loader per registered kind, returning the kind's descriptor. */
export const DESCRIPTOR_LOADERS: Readonly<Record<string, () => ResourceDescriptor>> = Object.freeze({
  ApiKey: () => (require("./access/apiKey") as typeof import("./access/apiKey")).apiKey as ResourceDescriptor,
  AuditTrailWebhook: () =>
    (require("./account/auditTrailWebhook") as typeof import("./account/auditTrailWebhook"))
      .auditTrailWebhook as ResourceDescriptor,
  AwsIntegration: () =>
    (require("./awsIntegration") as typeof import("./awsIntegration")).awsIntegration as ResourceDescriptor,
  AwsIntegrationAttachment: () =>
    (require("./awsIntegrationAttachment") as typeof import("./awsIntegrationAttachment"))
      .awsIntegrationAttachment as ResourceDescriptor,
  AwsRole: () =>
    (require("./integrations/awsRole") as typeof import("./integrations/awsRole"))
      .awsRole as ResourceDescriptor,
  AzureDevopsIntegration: () =>
    (require("./vcs/azureDevopsIntegration") as typeof import("./vcs/azureDevopsIntegration"))
      .azureDevopsIntegration as ResourceDescriptor,
  AzureIntegration: () =>
    (require("./integrations/azureIntegration") as typeof import("./integrations/azureIntegration"))
      .azureIntegration as ResourceDescriptor,
  AzureIntegrationAttachment: () =>
    (
      require("./integrations/azureIntegrationAttachment") as typeof import("./integrations/azureIntegrationAttachment")
    ).azureIntegrationAttachment as ResourceDescriptor,
  BitbucketDatacenterIntegration: () =>
    (require("./vcs/bitbucketDatacenterIntegration") as typeof import("./vcs/bitbucketDatacenterIntegration"))
      .bitbucketDatacenterIntegration as ResourceDescriptor,
  Blueprint: () =>
    (require("./blueprints/blueprint") as typeof import("./blueprints/blueprint"))
      .blueprint as ResourceDescriptor,
  Context: () => (require("./context") as typeof import("./context")).context as ResourceDescriptor,
  ContextAttachment: () =>
    (require("./contextAttachment") as typeof import("./contextAttachment"))
      .contextAttachment as ResourceDescriptor,
  DefaultRunnerImage: () =>
    (require("./account/defaultRunnerImage") as typeof import("./account/defaultRunnerImage"))
      .defaultRunnerImage as ResourceDescriptor,
  DriftDetection: () =>
    (require("./driftDetection") as typeof import("./driftDetection")).driftDetection as ResourceDescriptor,
  EnvironmentVariable: () =>
    (require("./environmentVariable") as typeof import("./environmentVariable"))
      .environmentVariable as ResourceDescriptor,
  GcpServiceAccount: () =>
    (require("./integrations/gcpServiceAccount") as typeof import("./integrations/gcpServiceAccount"))
      .gcpServiceAccount as ResourceDescriptor,
  GitlabIntegration: () =>
    (require("./vcs/gitlabIntegration") as typeof import("./vcs/gitlabIntegration"))
      .gitlabIntegration as ResourceDescriptor,
  IdpGroupMapping: () =>
    (require("./access/idpGroupMapping") as typeof import("./access/idpGroupMapping"))
      .idpGroupMapping as ResourceDescriptor,
  Module: () => (require("./module") as typeof import("./module")).module as ResourceDescriptor,
  MountedFile: () =>
    (require("./mountedFile") as typeof import("./mountedFile")).mountedFile as ResourceDescriptor,
  NamedWebhook: () =>
    (require("./namedWebhook") as typeof import("./namedWebhook")).namedWebhook as ResourceDescriptor,
  NamedWebhookSecretHeader: () =>
    (require("./account/namedWebhookSecretHeader") as typeof import("./account/namedWebhookSecretHeader"))
      .namedWebhookSecretHeader as ResourceDescriptor,
  Plugin: () =>
    (require("./plugins/plugin") as typeof import("./plugins/plugin")).plugin as ResourceDescriptor,
  PluginTemplate: () =>
    (require("./plugins/pluginTemplate") as typeof import("./plugins/pluginTemplate"))
      .pluginTemplate as ResourceDescriptor,
  Policy: () => (require("./policy") as typeof import("./policy")).policy as ResourceDescriptor,
  PolicyAttachment: () =>
    (require("./policyAttachment") as typeof import("./policyAttachment"))
      .policyAttachment as ResourceDescriptor,
  Repo: () => (require("./repos/repo") as typeof import("./repos/repo")).repo as ResourceDescriptor,
  RepoFile: () =>
    (require("./repos/repoFile") as typeof import("./repos/repoFile")).repoFile as ResourceDescriptor,
  Role: () => (require("./access/role") as typeof import("./access/role")).role as ResourceDescriptor,
  RoleAttachment: () =>
    (require("./access/roleAttachment") as typeof import("./access/roleAttachment"))
      .roleAttachment as ResourceDescriptor,
  Run: () => (require("./runs/run") as typeof import("./runs/run")).run as ResourceDescriptor,
  SavedFilter: () =>
    (require("./access/savedFilter") as typeof import("./access/savedFilter"))
      .savedFilter as ResourceDescriptor,
  ScheduledDeleteTask: () =>
    (require("./schedules/scheduledDeleteTask") as typeof import("./schedules/scheduledDeleteTask"))
      .scheduledDeleteTask as ResourceDescriptor,
  ScheduledRun: () =>
    (require("./schedules/scheduledRun") as typeof import("./schedules/scheduledRun"))
      .scheduledRun as ResourceDescriptor,
  ScheduledTask: () =>
    (require("./schedules/scheduledTask") as typeof import("./schedules/scheduledTask"))
      .scheduledTask as ResourceDescriptor,
  SecurityEmail: () =>
    (require("./account/securityEmail") as typeof import("./account/securityEmail"))
      .securityEmail as ResourceDescriptor,
  Space: () => (require("./space") as typeof import("./space")).space as ResourceDescriptor,
  Stack: () => (require("./stack") as typeof import("./stack")).stack as ResourceDescriptor,
  StackActivator: () =>
    (require("./runs/stackActivator") as typeof import("./runs/stackActivator"))
      .stackActivator as ResourceDescriptor,
  StackAwsRole: () =>
    (require("./integrations/awsRole") as typeof import("./integrations/awsRole"))
      .stackAwsRole as ResourceDescriptor,
  StackDependency: () =>
    (require("./stackDependency") as typeof import("./stackDependency"))
      .stackDependency as ResourceDescriptor,
  StackDependencyReference: () =>
    (require("./stackDependencyReference") as typeof import("./stackDependencyReference"))
      .stackDependencyReference as ResourceDescriptor,
  StackDestructor: () =>
    (require("./runs/stackDestructor") as typeof import("./runs/stackDestructor"))
      .stackDestructor as ResourceDescriptor,
  StackGcpServiceAccount: () =>
    (require("./integrations/gcpServiceAccount") as typeof import("./integrations/gcpServiceAccount"))
      .stackGcpServiceAccount as ResourceDescriptor,
  Task: () => (require("./runs/task") as typeof import("./runs/task")).task as ResourceDescriptor,
  Template: () =>
    (require("./templates/template") as typeof import("./templates/template")).template as ResourceDescriptor,
  TemplateDeployment: () =>
    (require("./templates/templateDeployment") as typeof import("./templates/templateDeployment"))
      .templateDeployment as ResourceDescriptor,
  TemplateVersion: () =>
    (require("./templates/templateVersion") as typeof import("./templates/templateVersion"))
      .templateVersion as ResourceDescriptor,
  TerraformProvider: () =>
    (require("./registry/terraformProvider") as typeof import("./registry/terraformProvider"))
      .terraformProvider as ResourceDescriptor,
  User: () => (require("./access/user") as typeof import("./access/user")).user as ResourceDescriptor,
  VcsAgentPool: () =>
    (require("./registry/vcsAgentPool") as typeof import("./registry/vcsAgentPool"))
      .vcsAgentPool as ResourceDescriptor,
  Version: () =>
    (require("./registry/version") as typeof import("./registry/version")).version as ResourceDescriptor,
  Webhook: () => (require("./webhook") as typeof import("./webhook")).webhook as ResourceDescriptor,
  WorkerPool: () =>
    (require("./workerPool") as typeof import("./workerPool")).workerPool as ResourceDescriptor,
  WorkerPoolRecycle: () =>
    (require("./workers/workerPoolRecycle") as typeof import("./workers/workerPoolRecycle"))
      .workerPoolRecycle as ResourceDescriptor,
});

const loaded = new Map<string, ResourceDescriptor>();

/** The descriptor of `kind`, loading its module on first use; undefined for an unknown kind. */
export function loadDescriptor(kind: string): ResourceDescriptor | undefined {
  if (!Object.prototype.hasOwnProperty.call(DESCRIPTOR_LOADERS, kind)) return undefined;
  let descriptor = loaded.get(kind);
  if (descriptor === undefined) {
    descriptor = DESCRIPTOR_LOADERS[kind]!();
    loaded.set(kind, descriptor);
  }
  return descriptor;
}

/** Every kind this version knows, sorted (for messages), without loading any descriptor. */
export function knownKinds(): string[] {
  return Object.keys(DESCRIPTOR_LOADERS).sort();
}
