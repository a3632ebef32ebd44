import { createHash, randomBytes } from "node:crypto";
import { requireViewer, type EmulatorContext } from "../../context";
import type { SeedSection } from "../../seed";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { notFound, rejected } from "../errors";
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
  /** Azure DevOps only: the projects the integration may reach; empty means all of them. */
  readonly accessibleProjects?: readonly string[];
  /**
   * SHA-256 of the token the integration reaches its provider with (private token, personal access
   * token, access token). Only a checksum is kept: the API never returns the token, and the
   * emulator's state file must not hold it either. Absent for default and seeded integrations.
   */
  readonly credentialSha256?: string;
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
 * Adds a (non-default) VCS integration from the seed, with settings the create mutations do not
 * take (an id of its own, a GitHub app id, a webhook secret).
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

/** `CustomVCSInput`: what a create says of the integration itself, whatever its provider. */
export interface CustomVcsInput {
  readonly name: string;
  readonly spaceID: string;
  readonly labels?: readonly string[] | null;
  readonly description?: string | null;
  readonly isDefault?: boolean | null;
  readonly vcsChecks?: (typeof VCS_CHECKS)[number] | null;
  readonly useGitCheckout?: boolean | null;
}

/** `CustomVCSUpdateInput`: names the integration (`id`); its name and default flag cannot change. */
export interface CustomVcsUpdateInput {
  readonly id: string;
  readonly space: string;
  readonly labels?: readonly string[] | null;
  readonly description?: string | null;
  readonly vcsChecks?: (typeof VCS_CHECKS)[number] | null;
  readonly useGitCheckout?: boolean | null;
}

const PROVIDER_NOUNS: Readonly<Record<VcsIntegrationProvider, string>> = {
  AZURE_DEVOPS: "Azure DevOps integration",
  BITBUCKET_CLOUD: "Bitbucket Cloud integration",
  BITBUCKET_DATACENTER: "Bitbucket Datacenter integration",
  GITHUB_ENTERPRISE: "GitHub Enterprise integration",
  GITLAB: "GitLab integration",
};

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

function requireNonEmpty(value: string | null | undefined, what: string): string {
  if (value === null || value === undefined || value.trim() === "")
    throw rejected(`${what} must not be empty`);
  return value;
}

function requireUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw rejected(`${what} must be a URL, not "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw rejected(`${what} must be an http(s) URL`);
  return value;
}

function requireLabels(labels: readonly string[] | null | undefined): string[] {
  const list = [...(labels ?? [])];
  if (list.some((l) => l.trim() === "")) throw rejected("labels must not be empty");
  return [...new Set(list)];
}

/** What a provider's create or update says of its connection, beside `customInput`. */
interface Connection {
  readonly apiHost?: string | null;
  readonly userFacingHost?: string | null;
  readonly organizationURL?: string | null;
  readonly username?: string | null;
  readonly accessibleProjects?: readonly string[] | null;
}

/**
 * Creates an integration the way `<provider>IntegrationCreate` does: the id is the slug of the
 * name, the token is required and only its checksum is kept, and the account keeps one default
 * integration per provider (the emulator's always exists, so a second default is refused).
 */
function createFromApi(
  ctx: EmulatorContext,
  provider: VcsIntegrationProvider,
  connection: Connection,
  token: string,
  custom: CustomVcsInput | null | undefined,
): VcsIntegrationRecord {
  requireViewer(ctx);
  const noun = PROVIDER_NOUNS[provider];
  if (custom === null || custom === undefined) {
    throw rejected(`the account's default ${noun} already exists; give customInput to create another`);
  }
  requireNonEmpty(token, "the token");
  const name = requireNonEmpty(custom.name, "name");
  const space = requireNonEmpty(custom.spaceID, "spaceID");
  if (custom.isDefault === true) {
    if (space !== ROOT_SPACE_ID) {
      throw rejected(`the default integration must be in the space "root" not in "${space}"`);
    }
    throw rejected(`the account already has a default ${noun}`);
  }
  const id = slugify(name);
  if (!isSlug(id)) throw rejected(`name "${name}" gives no usable ID`);
  const records = vcsIntegrations(ctx.store, ctx.now());
  if (records.has(id)) throw rejected(`${noun} ${id} already exists`);
  const record: VcsIntegrationRecord = {
    id,
    provider,
    name,
    description: custom.description ?? null,
    isDefault: false,
    labels: requireLabels(custom.labels),
    space: existingSpaceId(ctx.store, space, ROOT_SPACE_ID),
    ...connectionFields(provider, connection, null),
    webhookSecret: newWebhookSecret(),
    vcsChecks: custom.vcsChecks ?? "INDIVIDUAL",
    useGitCheckout: custom.useGitCheckout ?? true,
    createdAt: unixSeconds(ctx.now()),
    ...(provider === "AZURE_DEVOPS"
      ? { accessibleProjects: [...(connection.accessibleProjects ?? [])] }
      : {}),
    credentialSha256: sha256(token),
  };
  records.set(id, record);
  return record;
}

/**
 * The connection settings of a create (`current` null) or an update. Hosts are URLs; a user-facing
 * host left out defaults to the API host (the organization URL for Azure DevOps) on create and is
 * kept on update.
 */
function connectionFields(
  provider: VcsIntegrationProvider,
  connection: Connection,
  current: VcsIntegrationRecord | null,
): Pick<VcsIntegrationRecord, "apiHost" | "userFacingHost" | "organizationURL" | "username" | "appID"> {
  if (provider === "AZURE_DEVOPS") {
    const organizationURL = requireUrl(
      requireNonEmpty(connection.organizationURL, "organizationURL"),
      "organizationURL",
    );
    const userFacingHost = connection.userFacingHost ?? current?.userFacingHost ?? organizationURL;
    return {
      apiHost: null,
      userFacingHost: requireUrl(userFacingHost, "userFacingHost"),
      organizationURL,
      username: null,
      appID: null,
    };
  }
  const apiHost = connection.apiHost ?? current?.apiHost;
  requireUrl(requireNonEmpty(apiHost, "apiHost"), "apiHost");
  const userFacingHost = connection.userFacingHost ?? current?.userFacingHost ?? apiHost!;
  return {
    apiHost: apiHost!,
    userFacingHost: requireUrl(userFacingHost, "userFacingHost"),
    organizationURL: null,
    username: provider === "BITBUCKET_DATACENTER" ? (connection.username ?? null) : null,
    appID: null,
  };
}

/** The integration an update or delete names (`null` names the default one) of `provider`. */
function storedOf(ctx: EmulatorContext, provider: VcsIntegrationProvider, id: string | null | undefined) {
  const record = lookUp(ctx, provider, id);
  if (record === null) throw notFound(PROVIDER_NOUNS[provider], id ?? "default");
  return record;
}

/**
 * Updates an integration the way `<provider>IntegrationUpdate` does: `customInput.id` names it
 * (none: the default one), a null token keeps the stored one, and name and default flag stay.
 */
function updateFromApi(
  ctx: EmulatorContext,
  provider: VcsIntegrationProvider,
  connection: Connection,
  token: string | null | undefined,
  custom: CustomVcsUpdateInput | null | undefined,
): VcsIntegrationRecord {
  requireViewer(ctx);
  const current = storedOf(ctx, provider, custom?.id);
  if (token !== null && token !== undefined) requireNonEmpty(token, "the token");
  const updated: VcsIntegrationRecord = {
    ...current,
    ...connectionFields(provider, connection, current),
    ...(custom
      ? {
          description: custom.description ?? null,
          labels: requireLabels(custom.labels),
          space: existingSpaceId(ctx.store, requireNonEmpty(custom.space, "space"), ROOT_SPACE_ID),
          vcsChecks: custom.vcsChecks ?? "INDIVIDUAL",
          useGitCheckout: custom.useGitCheckout ?? current.useGitCheckout,
        }
      : {}),
    ...(provider === "AZURE_DEVOPS"
      ? { accessibleProjects: [...(connection.accessibleProjects ?? [])] }
      : {}),
    ...(token ? { credentialSha256: sha256(token) } : {}),
  };
  if (updated.isDefault && updated.space !== ROOT_SPACE_ID) {
    throw rejected(`the default integration must be in the space "root" not in "${updated.space}"`);
  }
  vcsIntegrations(ctx.store, ctx.now()).set(current.id, updated);
  return updated;
}

/** Deletes an integration; the account's default ones are part of the account and stay. */
function deleteFromApi(
  ctx: EmulatorContext,
  provider: VcsIntegrationProvider,
  id: string | null | undefined,
): VcsIntegrationRecord {
  requireViewer(ctx);
  const current = storedOf(ctx, provider, id);
  if (current.isDefault)
    throw rejected(`the account's default ${PROVIDER_NOUNS[provider]} cannot be deleted`);
  vcsIntegrations(ctx.store, ctx.now()).delete(current.id);
  return current;
}

interface HostArgs {
  apiHost?: string | null;
  userFacingHost?: string | null;
}

const vcsMutations = {
  gitlabIntegrationCreate: ((_p, a, ctx) =>
    createFromApi(ctx, "GITLAB", a, a.privateToken, a.customInput)) satisfies FieldResolver<
    unknown,
    HostArgs & { privateToken: string; customInput?: CustomVcsInput | null },
    VcsIntegrationRecord
  >,
  gitlabIntegrationUpdate: ((_p, a, ctx) =>
    updateFromApi(ctx, "GITLAB", a, a.privateToken, a.customInput)) satisfies FieldResolver<
    unknown,
    HostArgs & { privateToken?: string | null; customInput?: CustomVcsUpdateInput | null },
    VcsIntegrationRecord
  >,
  gitlabIntegrationDelete: ((_p, { id }, ctx) => deleteFromApi(ctx, "GITLAB", id)) satisfies FieldResolver<
    unknown,
    { id?: string | null },
    VcsIntegrationRecord
  >,
  azureDevOpsRepoIntegrationCreate: ((_p, a, ctx) =>
    createFromApi(ctx, "AZURE_DEVOPS", a, a.personalAccessToken, a.customInput)) satisfies FieldResolver<
    unknown,
    Connection & { personalAccessToken: string; customInput?: CustomVcsInput | null },
    VcsIntegrationRecord
  >,
  azureDevOpsRepoIntegrationUpdate: ((_p, a, ctx) =>
    updateFromApi(ctx, "AZURE_DEVOPS", a, a.personalAccessToken, a.customInput)) satisfies FieldResolver<
    unknown,
    Connection & { personalAccessToken?: string | null; customInput?: CustomVcsUpdateInput | null },
    VcsIntegrationRecord
  >,
  azureDevOpsRepoIntegrationDelete: ((_p, { id }, ctx) =>
    deleteFromApi(ctx, "AZURE_DEVOPS", id)) satisfies FieldResolver<
    unknown,
    { id?: string | null },
    VcsIntegrationRecord
  >,
  bitbucketDatacenterIntegrationCreate: ((_p, a, ctx) =>
    createFromApi(ctx, "BITBUCKET_DATACENTER", a, a.accessToken, a.customInput)) satisfies FieldResolver<
    unknown,
    HostArgs & { username?: string | null; accessToken: string; customInput?: CustomVcsInput | null },
    VcsIntegrationRecord
  >,
  bitbucketDatacenterIntegrationUpdate: ((_p, a, ctx) =>
    updateFromApi(ctx, "BITBUCKET_DATACENTER", a, a.accessToken, a.customInput)) satisfies FieldResolver<
    unknown,
    HostArgs & {
      username?: string | null;
      accessToken?: string | null;
      customInput?: CustomVcsUpdateInput | null;
    },
    VcsIntegrationRecord
  >,
  bitbucketDatacenterIntegrationDelete: ((_p, { id }, ctx) =>
    deleteFromApi(ctx, "BITBUCKET_DATACENTER", id)) satisfies FieldResolver<
    unknown,
    { id?: string | null },
    VcsIntegrationRecord
  >,
};

/**
 * VCS integrations: as Spacelift's Terraform provider's data sources read them (the account's default
 * integration of each provider, seeded ones, GitLab's webhook endpoint), and the GitLab, Azure DevOps
 * and Bitbucket Data Center integrations its resources create, update and delete.
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
    Mutation: vcsMutations,
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
      accessibleProjects: ((record) => [...(record.accessibleProjects ?? [])]) satisfies FieldResolver<
        VcsIntegrationRecord,
        unknown,
        string[]
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
