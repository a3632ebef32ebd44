/**
 * The registry: resource kind → descriptor. `dispatch` looks kinds up here, so a kind stays
 * registered for as long as any user's state may hold a stub that names it.
 *
 * @packageDocumentation
 */

import type { ResourceDescriptor } from "../engine/descriptor";
import { apiKey } from "./access/apiKey";
import { idpGroupMapping } from "./access/idpGroupMapping";
import { role } from "./access/role";
import { roleAttachment } from "./access/roleAttachment";
import { savedFilter } from "./access/savedFilter";
import { user } from "./access/user";
import { auditTrailWebhook } from "./account/auditTrailWebhook";
import { namedWebhookSecretHeader } from "./account/namedWebhookSecretHeader";
import { defaultRunnerImage } from "./account/defaultRunnerImage";
import { securityEmail } from "./account/securityEmail";
import { awsIntegration } from "./awsIntegration";
import { awsIntegrationAttachment } from "./awsIntegrationAttachment";
import { blueprint } from "./blueprints/blueprint";
import { context } from "./context";
import { contextAttachment } from "./contextAttachment";
import { driftDetection } from "./driftDetection";
import { environmentVariable } from "./environmentVariable";
import { awsRole, stackAwsRole } from "./integrations/awsRole";
import { azureIntegration } from "./integrations/azureIntegration";
import { azureIntegrationAttachment } from "./integrations/azureIntegrationAttachment";
import { gcpServiceAccount, stackGcpServiceAccount } from "./integrations/gcpServiceAccount";
import { module } from "./module";
import { mountedFile } from "./mountedFile";
import { namedWebhook } from "./namedWebhook";
import { plugin } from "./plugins/plugin";
import { pluginTemplate } from "./plugins/pluginTemplate";
import { policy } from "./policy";
import { policyAttachment } from "./policyAttachment";
import { run } from "./runs/run";
import { stackActivator } from "./runs/stackActivator";
import { stackDestructor } from "./runs/stackDestructor";
import { task } from "./runs/task";
import { scheduledDeleteTask } from "./schedules/scheduledDeleteTask";
import { scheduledRun } from "./schedules/scheduledRun";
import { scheduledTask } from "./schedules/scheduledTask";
import { space } from "./space";
import { stack } from "./stack";
import { stackDependency } from "./stackDependency";
import { stackDependencyReference } from "./stackDependencyReference";
import { template } from "./templates/template";
import { templateDeployment } from "./templates/templateDeployment";
import { templateVersion } from "./templates/templateVersion";
import { terraformProvider } from "./registry/terraformProvider";
import { repo } from "./repos/repo";
import { repoFile } from "./repos/repoFile";
import { vcsAgentPool } from "./registry/vcsAgentPool";
import { version } from "./registry/version";
import { azureDevopsIntegration } from "./vcs/azureDevopsIntegration";
import { bitbucketDatacenterIntegration } from "./vcs/bitbucketDatacenterIntegration";
import { gitlabIntegration } from "./vcs/gitlabIntegration";
import { webhook } from "./webhook";
import { workerPool } from "./workerPool";
import { workerPoolRecycle } from "./workers/workerPoolRecycle";

export {
  apiKey,
  auditTrailWebhook,
  awsIntegration,
  awsIntegrationAttachment,
  awsRole,
  azureDevopsIntegration,
  azureIntegration,
  azureIntegrationAttachment,
  bitbucketDatacenterIntegration,
  blueprint,
  context,
  contextAttachment,
  defaultRunnerImage,
  driftDetection,
  environmentVariable,
  gcpServiceAccount,
  gitlabIntegration,
  idpGroupMapping,
  module,
  mountedFile,
  namedWebhook,
  namedWebhookSecretHeader,
  plugin,
  pluginTemplate,
  policy,
  policyAttachment,
  repo,
  repoFile,
  role,
  roleAttachment,
  run,
  savedFilter,
  scheduledDeleteTask,
  scheduledRun,
  scheduledTask,
  securityEmail,
  space,
  stack,
  stackDependency,
  stackAwsRole,
  stackDependencyReference,
  stackGcpServiceAccount,
  stackActivator,
  stackDestructor,
  task,
  template,
  templateDeployment,
  templateVersion,
  user,
  terraformProvider,
  vcsAgentPool,
  version,
  webhook,
  workerPool,
  workerPoolRecycle,
};

/** Every registered descriptor, keyed by kind. */
export const descriptors: Readonly<Record<string, ResourceDescriptor>> = Object.freeze(
  Object.fromEntries(
    [
      space,
      context,
      environmentVariable,
      stack,
      driftDetection,
      stackDependency,
      stackDependencyReference,
      mountedFile,
      contextAttachment,
      policy,
      policyAttachment,
      module,
      webhook,
      namedWebhook,
      workerPool,
      awsIntegration,
      awsIntegrationAttachment,
      azureIntegration,
      azureIntegrationAttachment,
      awsRole,
      stackAwsRole,
      gcpServiceAccount,
      stackGcpServiceAccount,
      stackActivator,
      run,
      stackDestructor,
      scheduledTask,
      scheduledDeleteTask,
      scheduledRun,
      securityEmail,
      defaultRunnerImage,
      auditTrailWebhook,
      namedWebhookSecretHeader,
      user,
      idpGroupMapping,
      apiKey,
      role,
      roleAttachment,
      savedFilter,
      terraformProvider,
      vcsAgentPool,
      blueprint,
      template,
      templateVersion,
      templateDeployment,
      version,
      plugin,
      pluginTemplate,
      repo,
      repoFile,
      azureDevopsIntegration,
      bitbucketDatacenterIntegration,
      gitlabIntegration,
      workerPoolRecycle,
      task,
    ].map((d) => [d.kind, d as ResourceDescriptor]),
  ),
);

/** The descriptor of `kind`, or undefined when this version does not know it. */
export function descriptorFor(kind: string): ResourceDescriptor | undefined {
  return Object.prototype.hasOwnProperty.call(descriptors, kind) ? descriptors[kind] : undefined;
}

/** Registered kinds, sorted (for error messages and docs). */
export function registeredKinds(): string[] {
  return Object.keys(descriptors).sort();
}
