import { contextsAttachedTo, policiesAttachedTo } from "./attachments";
import { configFieldResolvers } from "./configElements";
import type { ModuleRecord } from "./moduleRecords";
import type { FieldResolver, ObjectResolvers } from "./resolverMap";
import { spaceDetailsField } from "./spaces";
import type { StackRecord } from "./stackRecords";

type ProjectRecord = StackRecord | ModuleRecord;

/**
 * What `integrations` resolves to before any integration domain adds its data: no AWS role, no
 * drift detection, no GCP account, no webhooks. Integration domains resolve the fields of
 * `StackIntegrations` themselves from `projectId`; these defaults are what such field resolvers
 * replace.
 */
export interface IntegrationsParent {
  readonly projectId: string;
  readonly aws: {
    readonly activated: boolean;
    readonly assumedRoleArn: string | null;
    readonly assumeRolePolicyStatement: string;
    readonly durationSeconds: number | null;
    readonly externalID: string | null;
    readonly generateCredentialsInWorker: boolean;
    readonly region: string | null;
  };
  readonly driftDetection: {
    readonly deleted: boolean;
    readonly ignoreState: boolean;
    readonly reconcile: boolean;
    readonly schedule: readonly string[];
    readonly timezone: string | null;
    readonly nextSchedule: number | null;
  };
  readonly gcp: {
    readonly activated: boolean;
    readonly serviceAccountEmail: string | null;
    readonly tokenScopes: readonly string[];
  };
  readonly webhooks: readonly never[];
}

function integrationsOf(projectId: string): IntegrationsParent {
  return {
    projectId,
    aws: {
      activated: false,
      assumedRoleArn: null,
      // The statement a role trusting this stack would need; the real API always computes one.
      assumeRolePolicyStatement: JSON.stringify({
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": `emulator@${projectId}` } },
        Effect: "Allow",
        Principal: { AWS: "000000000000" },
      }),
      durationSeconds: null,
      externalID: null,
      generateCredentialsInWorker: false,
      region: null,
    },
    // Drift detection is reported as an object with an empty schedule when off, never as null.
    driftDetection: {
      deleted: false,
      ignoreState: false,
      reconcile: false,
      schedule: [],
      timezone: null,
      nextSchedule: null,
    },
    gcp: { activated: false, serviceAccountEmail: null, tokenScopes: [] },
    webhooks: [],
  };
}

/**
 * Field resolvers shared by `Stack` and `Module`: everything that hangs off either kind of project
 * by its id (space details, VCS integration, worker pool, integrations, config, attachments).
 */
export function projectFieldResolvers(): ObjectResolvers {
  const resolvers = {
    spaceDetails: spaceDetailsField,
    // Every API key of the emulator is an admin key, which may change every stack and module.
    canWrite: ((_p, _args, ctx) => ctx.viewer !== null) satisfies FieldResolver<
      ProjectRecord,
      unknown,
      boolean
    >,
    // Without an explicit integration the account's default one is used; the emulator has no VCS
    // integrations of its own to describe, so it reports none.
    vcsIntegration: ((p) =>
      p.vcsIntegrationId === null
        ? null
        : {
            id: p.vcsIntegrationId,
            name: p.vcsIntegrationId,
            description: null,
            isDefault: false,
            provider: p.provider,
          }) satisfies FieldResolver<ProjectRecord, unknown, unknown>,
    // Only the id is known here; the worker pool domain resolves the other `WorkerPool` fields.
    workerPool: ((p) => (p.workerPool === null ? null : { id: p.workerPool })) satisfies FieldResolver<
      ProjectRecord,
      unknown,
      unknown
    >,
    integrations: ((p) => integrationsOf(p.id)) satisfies FieldResolver<
      ProjectRecord,
      unknown,
      IntegrationsParent
    >,
    ...configFieldResolvers("project"),
    attachedContexts: ((p, _args, ctx) =>
      contextsAttachedTo(ctx.store, ctx.now(), p.id)) satisfies FieldResolver<
      ProjectRecord,
      unknown,
      unknown
    >,
    attachedPolicies: ((p, _args, ctx) =>
      policiesAttachedTo(ctx.store, ctx.now(), p.id)) satisfies FieldResolver<
      ProjectRecord,
      unknown,
      unknown
    >,
  };
  return resolvers;
}
