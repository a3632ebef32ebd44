/**
 * The registry: resource kind → descriptor. `dispatch` looks kinds up here, so a kind stays
 * registered for as long as any user's state may hold a stub that names it.
 *
 * @packageDocumentation
 */

import type { ResourceDescriptor } from "../engine/descriptor";
import { awsIntegration } from "./awsIntegration";
import { awsIntegrationAttachment } from "./awsIntegrationAttachment";
import { blueprint } from "./blueprints/blueprint";
import { context } from "./context";
import { contextAttachment } from "./contextAttachment";
import { driftDetection } from "./driftDetection";
import { environmentVariable } from "./environmentVariable";
import { module } from "./module";
import { mountedFile } from "./mountedFile";
import { namedWebhook } from "./namedWebhook";
import { policy } from "./policy";
import { policyAttachment } from "./policyAttachment";
import { space } from "./space";
import { stack } from "./stack";
import { stackDependency } from "./stackDependency";
import { stackDependencyReference } from "./stackDependencyReference";
import { terraformProvider } from "./registry/terraformProvider";
import { vcsAgentPool } from "./registry/vcsAgentPool";
import { version } from "./registry/version";
import { webhook } from "./webhook";
import { workerPool } from "./workerPool";

export {
  awsIntegration,
  awsIntegrationAttachment,
  blueprint,
  context,
  contextAttachment,
  driftDetection,
  environmentVariable,
  module,
  mountedFile,
  namedWebhook,
  policy,
  policyAttachment,
  space,
  stack,
  stackDependency,
  stackDependencyReference,
  terraformProvider,
  vcsAgentPool,
  version,
  webhook,
  workerPool,
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
      terraformProvider,
      vcsAgentPool,
      blueprint,
      version,
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
