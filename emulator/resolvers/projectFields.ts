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

/** Providers whose repositories are reached through a VCS integration, with a default one. */
const DEFAULT_INTEGRATION_PROVIDERS: ReadonlySet<string> = new Set([
  "AZURE_DEVOPS",
  "BITBUCKET_CLOUD",
  "BITBUCKET_DATACENTER",
  "GITHUB_ENTERPRISE",
  "GITLAB",
]);

/**
 * The id of the account's default integration for a VCS provider, e.g. `gitlab-default`.
 *
 * @param provider - a `VCSProvider` value
 */
export function defaultVcsIntegrationId(provider: string): string {
  return `${provider.toLowerCase().replace(/_/g, "-")}-default`;
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
    // Without an explicit integration the account's default one for the provider is used and
    // reported, marked `isDefault` (Spacelift's Terraform provider reads the VCS block's `id` and
    // `is_default` from it). GitHub's app, raw Git, the showcase and Spacelift's own repositories
    // have no integration object.
    vcsIntegration: ((p) => {
      if (p.vcsIntegrationId !== null) {
        return {
          id: p.vcsIntegrationId,
          name: p.vcsIntegrationId,
          description: null,
          // A client may name the default integration explicitly, e.g. by re-sending the id it read.
          isDefault: p.vcsIntegrationId === defaultVcsIntegrationId(p.provider),
          provider: p.provider,
        };
      }
      return DEFAULT_INTEGRATION_PROVIDERS.has(p.provider)
        ? {
            id: defaultVcsIntegrationId(p.provider),
            name: "Default integration",
            description: null,
            isDefault: true,
            provider: p.provider,
          }
        : null;
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
