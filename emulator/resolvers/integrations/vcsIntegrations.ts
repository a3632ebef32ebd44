import { randomBytes } from "node:crypto";
import { requireViewer, type EmulatorContext } from "../../context";
import type { SeedSection } from "../../seed";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { rejected } from "../errors";
import { isSlug, slugify, unixSeconds } from "../ids";
import { defaultVcsIntegrationId } from "../projectFields";
import type { FieldResolver } from "../resolverMap";
import { ROOT_SPACE_ID } from "../spaceRecords";
import { existingSpaceId, spaceDetailsField } from "../spaces";

/** The providers whose repositories are reached through a VCS integration object. */
export const VCS_INTEGRATION_PROVIDERS = [
  "AZURE_DEVOPS",
  "BITBUCKET_CLOUD",
  "BITBUCKET_DATACENTER",
  "GITHUB_ENTERPRISE",
  "GITLAB",
] as const;

/** One of {@link VCS_INTEGRATION_PROVIDERS}. */
export type VcsIntegrationProvider = (typeof VCS_INTEGRATION_PROVIDERS)[number];

const VCS_CHECKS = ["INDIVIDUAL", "AGGREGATED", "ALL"] as const;

/**
 * A VCS integration as stored, whatever its provider. Fields a provider does not have (an app id
 * outside GitHub, an organization URL outside Azure DevOps) are null.
 */
export interface VcsIntegrationRecord {
  readonly id: string;
  readonly provider: VcsIntegrationProvider;
  readonly name: string;
  readonly description: string | null;
  readonly isDefault: boolean;
  readonly labels: readonly string[];
  readonly space: string;
  /** GitHub Enterprise, GitLab, Bitbucket Data Center: the API's base URL. */
  readonly apiHost: string | null;
  readonly userFacingHost: string | null;
  /** Azure DevOps only. */
  readonly organizationURL: string | null;
  /** Bitbucket Cloud and Data Center. */
  readonly username: string | null;
  /** GitHub Enterprise only. */
  readonly appID: string | null;
  /** Signs webhook calls (Azure DevOps: the service hooks' password). */
  readonly webhookSecret: string;
  readonly vcsChecks: (typeof VCS_CHECKS)[number];
  readonly useGitCheckout: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** Where each provider's webhooks land, under the account's URL: `/webhooks/<path>/<id>`. */
const WEBHOOK_PATHS: Readonly<Record<VcsIntegrationProvider, string>> = {
  AZURE_DEVOPS: "azure_devops",
  BITBUCKET_CLOUD: "bitbucket_cloud",
  BITBUCKET_DATACENTER: "bitbucket_datacenter",
  GITHUB_ENTERPRISE: "github",
  GITLAB: "gitlab",
};

/** What the default integrations connect to: plausible hosts of a customer's own installations. */
const DEFAULT_SETTINGS: Readonly<
  Record<
    VcsIntegrationProvider,
    Pick<VcsIntegrationRecord, "apiHost" | "userFacingHost" | "organizationURL" | "username" | "appID">
  >
> = {
  AZURE_DEVOPS: {
    apiHost: null,
    userFacingHost: "https://dev.azure.com/example-org",
    organizationURL: "https://dev.azure.com/example-org",
    username: null,
    appID: null,
  },
  BITBUCKET_CLOUD: {
    apiHost: null,
    userFacingHost: null,
    organizationURL: null,
    username: "spacelift-bot",
    appID: null,
  },
  BITBUCKET_DATACENTER: {
    apiHost: "https://bitbucket.example.com",
    userFacingHost: "https://bitbucket.example.com",
    organizationURL: null,
    username: "spacelift-bot",
    appID: null,
  },
  GITHUB_ENTERPRISE: {
    apiHost: "https://github.example.com",
    userFacingHost: "https://github.example.com",
    organizationURL: null,
    username: null,
    appID: "123456",
  },
  GITLAB: {
    apiHost: "https://gitlab.com",
    userFacingHost: "https://gitlab.com",
    organizationURL: null,
    username: null,
    appID: null,
  },
};

/** The name the default integrations carry, as a stack's `vcsIntegration` reports it. */
const DEFAULT_NAME = "Default integration";

function newWebhookSecret(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Every VCS integration of the store, keyed by id. The account's default integrations come into
 * being on first use, each with a webhook secret of its own, so that a fresh or reset emulator has
 * them and they keep their secret afterwards (the state file keeps them too).
 *
 * @param store - the emulator's data
 * @param nowMs - the time to stamp defaults with when they are created
 */
export function vcsIntegrations(store: Store, nowMs: number = Date.now()): Map<string, VcsIntegrationRecord> {
  const records = store.collection<VcsIntegrationRecord>("vcsIntegrations");
  for (const provider of VCS_INTEGRATION_PROVIDERS) {
    const id = defaultVcsIntegrationId(provider);
    if (records.has(id)) continue;
    records.set(id, {
      id,
      provider,
      name: DEFAULT_NAME,
      description: null,
      isDefault: true,
      labels: [],
      space: ROOT_SPACE_ID,
      ...DEFAULT_SETTINGS[provider],
      webhookSecret: newWebhookSecret(),
      vcsChecks: "INDIVIDUAL",
      useGitCheckout: true,
      createdAt: unixSeconds(nowMs),
    });
  }
  return records;
}

/** A VCS integration to seed: provider and name, the rest optional (defaults as for the default ones). */
export interface VcsIntegrationInput {
  readonly provider: VcsIntegrationProvider;
  readonly name: string;
  /** Defaults to the name's slug. */
  readonly id?: string;
  readonly description?: string | null;
  readonly labels?: readonly string[];
  /** Defaults to `root`. */
  readonly space?: string;
  readonly apiHost?: string;
  readonly userFacingHost?: string;
  readonly organizationURL?: string;
  readonly username?: string;
  readonly appID?: string;
  /** Defaults to a random one. */
  readonly webhookSecret?: string;
  readonly vcsChecks?: (typeof VCS_CHECKS)[number];
  readonly useGitCheckout?: boolean;
}

/**
 * Adds a (non-default) VCS integration; seeding only, as the emulator does not serve the
 * integrations' create mutations.
 */
export function createVcsIntegration(
  store: Store,
  input: VcsIntegrationInput,
  nowMs: number,
): VcsIntegrationRecord {
  if (input.name.trim() === "") throw rejected("name must not be empty");
  const id = input.id ?? slugify(input.name);
  if (!isSlug(id)) throw rejected(`a VCS integration id must be a slug, not "${id}"`);
  const records = vcsIntegrations(store, nowMs);
  if (records.has(id)) throw rejected(`VCS integration ${id} already exists`);
  const defaults = DEFAULT_SETTINGS[input.provider];
  const record: VcsIntegrationRecord = {
    id,
    provider: input.provider,
    name: input.name,
    description: input.description ?? null,
    isDefault: false,
    labels: [...(input.labels ?? [])],
    space: existingSpaceId(store, input.space, ROOT_SPACE_ID),
    apiHost: defaults.apiHost === null ? null : (input.apiHost ?? defaults.apiHost),
    userFacingHost:
      defaults.userFacingHost === null
        ? null
        : (input.userFacingHost ?? input.apiHost ?? input.organizationURL ?? defaults.userFacingHost),
    organizationURL:
      defaults.organizationURL === null ? null : (input.organizationURL ?? defaults.organizationURL),
    username: defaults.username === null ? null : (input.username ?? defaults.username),
    appID: defaults.appID === null ? null : (input.appID ?? defaults.appID),
    webhookSecret: input.webhookSecret ?? newWebhookSecret(),
    vcsChecks: input.vcsChecks ?? "INDIVIDUAL",
    useGitCheckout: input.useGitCheckout ?? true,
    createdAt: unixSeconds(nowMs),
  };
  records.set(id, record);
  return record;
}

const SEED_FIELDS: Readonly<Record<string, "string" | "strings" | "boolean" | "nullableString">> = {
  provider: "string",
  name: "string",
  id: "string",
  description: "nullableString",
  labels: "strings",
  space: "string",
  apiHost: "string",
  userFacingHost: "string",
  organizationURL: "string",
  username: "string",
  appID: "string",
  webhookSecret: "string",
  vcsChecks: "string",
  useGitCheckout: "boolean",
};

function checkSeedItem(item: unknown, where: string): VcsIntegrationInput {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new Error(`seed: ${where} must be an object`);
  }
  const fields = item as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    const kind = SEED_FIELDS[key];
    if (kind === undefined) throw new Error(`seed: ${where}.${key} is not a VCS integration field`);
    const ok =
      kind === "strings"
        ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : kind === "boolean"
          ? typeof value === "boolean"
          : typeof value === "string" || (kind === "nullableString" && value === null);
    if (!ok) throw new Error(`seed: ${where}.${key} must be a ${kind}`);
  }
  if (!VCS_INTEGRATION_PROVIDERS.includes(fields.provider as VcsIntegrationProvider)) {
    throw new Error(`seed: ${where}.provider must be one of ${VCS_INTEGRATION_PROVIDERS.join(", ")}`);
  }
  if (typeof fields.name !== "string") throw new Error(`seed: ${where}.name is required`);
  if (fields.vcsChecks !== undefined && !VCS_CHECKS.includes(fields.vcsChecks as "ALL")) {
    throw new Error(`seed: ${where}.vcsChecks must be one of ${VCS_CHECKS.join(", ")}`);
  }
  return fields as unknown as VcsIntegrationInput;
}

/** The `vcsIntegrations` seed section: non-default VCS integrations of any provider. */
export const vcsIntegrationsSeedSection: SeedSection = {
  key: "vcsIntegrations",
  create: (store, item, nowMs, where) => createVcsIntegration(store, checkSeedItem(item, where), nowMs).id,
};

/** The integration `id` names (the default one when null or empty), if it is of `provider`. */
function lookUp(
  ctx: EmulatorContext,
  provider: VcsIntegrationProvider,
  id: string | null | undefined,
): VcsIntegrationRecord | null {
  requireViewer(ctx);
  const wanted = id === null || id === undefined || id === "" ? defaultVcsIntegrationId(provider) : id;
  const record = vcsIntegrations(ctx.store, ctx.now()).get(wanted);
  return record !== undefined && record.provider === provider ? record : null;
}

function byProvider(
  provider: VcsIntegrationProvider,
): FieldResolver<unknown, { id?: string | null }, VcsIntegrationRecord | null> {
  return (_parent, { id }, ctx) => lookUp(ctx, provider, id);
}

const webhookUrl: FieldResolver<VcsIntegrationRecord, unknown, string> = (record, _args, ctx) =>
  `${ctx.baseUrl}/webhooks/${WEBHOOK_PATHS[record.provider]}/${record.id}`;

/** Fields every provider's type resolves the same way; the rest are the record's own. */
const commonFields = {
  space: spaceDetailsField,
  labels: ((record) => [...record.labels]) satisfies FieldResolver<VcsIntegrationRecord, unknown, string[]>,
  webhookUrl,
};

/**
 * VCS integrations as Spacelift's Terraform provider's data sources read them: the account's default
 * integration of each provider and seeded ones, and GitLab's webhook endpoint.
 */
export const vcsIntegrationsModule: DomainModule = {
  resolvers: {
    Query: {
      gitlabIntegration: byProvider("GITLAB"),
      githubEnterpriseIntegration: byProvider("GITHUB_ENTERPRISE"),
      bitbucketCloudIntegration: byProvider("BITBUCKET_CLOUD"),
      bitbucketDatacenterIntegration: byProvider("BITBUCKET_DATACENTER"),
      azureDevOpsRepoIntegration: byProvider("AZURE_DEVOPS"),
      gitlabWebhooksEndpoint: ((_parent, _args, ctx) => {
        requireViewer(ctx);
        return `${ctx.baseUrl}/webhooks/gitlab`;
      }) satisfies FieldResolver<unknown, unknown, string>,
    },
    GitlabIntegration: commonFields,
    GithubEnterpriseIntegration: commonFields,
    BitbucketCloudIntegration: commonFields,
    BitbucketDatacenterIntegration: {
      space: commonFields.space,
      labels: commonFields.labels,
      webhookURL: webhookUrl,
    },
    AzureDevOpsRepoIntegration: {
      ...commonFields,
      webhookPassword: ((record) => record.webhookSecret) satisfies FieldResolver<
        VcsIntegrationRecord,
        unknown,
        string
      >,
    },
  },
  // Only seeded integrations can live outside the root space; they keep their space from deletion.
  spaceOccupants: (store, spaceId) =>
    countOf(
      [...store.collection<VcsIntegrationRecord>("vcsIntegrations").values()].filter(
        (i) => i.space === spaceId,
      ).length,
      "VCS integration",
      "VCS integrations",
    ),
};
