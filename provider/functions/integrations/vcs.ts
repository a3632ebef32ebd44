import {
  defineFunction,
  queryOp,
  type FunctionDescriptor,
  type FunctionFields,
  type FunctionValues,
} from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";

/** A VCS integration as every provider's query selects it, plus that provider's own fields. */
interface VcsIntegrationData {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly isDefault: boolean;
  readonly space: { readonly id: string };
  readonly labels: string[] | null;
  readonly [field: string]: unknown;
}

/** The result fields every VCS integration look-up has. */
const COMMON_RESULT: FunctionFields = {
  id: {
    type: "string",
    optional: true,
    doc: "The integration's id; the default integration's when no `id` was given.",
  },
  name: { type: "string", doc: "The integration's name." },
  description: { type: "string", doc: "The integration's description; empty when it has none." },
  isDefault: { type: "boolean", doc: "True for the account's default integration of this provider." },
  spaceId: { type: "string", doc: "The space the integration belongs to." },
  labels: { type: "string[]", doc: "The integration's labels, sorted." },
};

/** What distinguishes one provider's look-up from another's. */
interface VcsLookup {
  readonly name: string;
  readonly dataSource: string;
  /** The provider as people write it, for docs and errors: `GitLab`. */
  readonly provider: string;
  /** The query's operation name and root field. */
  readonly operation: string;
  readonly field: string;
  /** The provider's own fields to select, in the API's spelling. */
  readonly select: string;
  /** The provider's own result fields. */
  readonly result: FunctionFields;
  /** Maps the provider's own fields to those results. */
  readonly map: (data: VcsIntegrationData) => FunctionValues;
}

/** A string the API may leave null, as the (non-optional) string result fields carry it. */
function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function vcsLookup(lookup: VcsLookup): FunctionDescriptor {
  const op = queryOp(
    `query ${lookup.operation}($id: ID) { ${lookup.field}(id: $id) { id name description isDefault space { id } labels ${lookup.select} } }`,
  );
  return defineFunction({
    name: lookup.name,
    dataSource: lookup.dataSource,
    doc: `Looks up a ${lookup.provider} integration by its id, or the account's default ${lookup.provider} integration when no id is given.`,
    args: {
      id: {
        type: "string",
        optional: true,
        doc: `The integration's id; leave it out for the account's default ${lookup.provider} integration.`,
      },
    },
    result: { ...COMMON_RESULT, ...lookup.result },
    async run(args, api) {
      const id = typeof args.id === "string" ? args.id : null;
      // A null id asks the API for the default integration of the provider.
      const data = await api.query<Record<string, VcsIntegrationData | null>>(op, { id });
      const found = data[lookup.field] ?? null;
      if (found === null) {
        throw new FunctionError(
          lookup.name,
          id === null
            ? `the account has no default ${lookup.provider} integration`
            : `no ${lookup.provider} integration "${id}" (id)`,
        );
      }
      return {
        id: found.id,
        name: found.name,
        description: text(found.description),
        isDefault: found.isDefault,
        spaceId: found.space.id,
        labels: visibleLabels(found.labels),
        ...lookup.map(found),
      };
    },
  });
}

const WEBHOOK_URL: FunctionFields = {
  webhookUrl: { type: "string", doc: "The URL the provider's webhooks must call to reach Spacelift." },
};

const WEBHOOK_SECRET: FunctionFields = {
  webhookSecret: {
    type: "string",
    secret: true,
    doc: "The secret the provider's webhooks are signed with (a secret output).",
  },
};

const API_HOST: FunctionFields = {
  apiHost: { type: "string", doc: "The base URL of the provider's API that Spacelift calls." },
};

/** `getGitlabIntegration`: a GitLab integration, or the default one. */
export const getGitlabIntegration = vcsLookup({
  name: "getGitlabIntegration",
  dataSource: "spacelift_gitlab_integration",
  provider: "GitLab",
  operation: "GitlabIntegrationRead",
  field: "gitlabIntegration",
  select: "apiHost webhookUrl webhookSecret",
  result: { ...API_HOST, ...WEBHOOK_URL, ...WEBHOOK_SECRET },
  map: (d) => ({
    apiHost: text(d.apiHost),
    webhookUrl: text(d.webhookUrl),
    webhookSecret: text(d.webhookSecret),
  }),
});

/** `getGithubEnterpriseIntegration`: a GitHub Enterprise (GitHub app) integration, or the default one. */
export const getGithubEnterpriseIntegration = vcsLookup({
  name: "getGithubEnterpriseIntegration",
  dataSource: "spacelift_github_enterprise_integration",
  provider: "GitHub Enterprise",
  operation: "GithubEnterpriseIntegrationRead",
  field: "githubEnterpriseIntegration",
  select: "apiHost appID webhookUrl webhookSecret",
  result: {
    ...API_HOST,
    appId: { type: "string", doc: "The id of the GitHub app Spacelift acts as." },
    ...WEBHOOK_URL,
    ...WEBHOOK_SECRET,
  },
  map: (d) => ({
    apiHost: text(d.apiHost),
    appId: text(d.appID),
    webhookUrl: text(d.webhookUrl),
    webhookSecret: text(d.webhookSecret),
  }),
});

/** `getBitbucketCloudIntegration`: a Bitbucket Cloud integration, or the default one. */
export const getBitbucketCloudIntegration = vcsLookup({
  name: "getBitbucketCloudIntegration",
  dataSource: "spacelift_bitbucket_cloud_integration",
  provider: "Bitbucket Cloud",
  operation: "BitbucketCloudIntegrationRead",
  field: "bitbucketCloudIntegration",
  select: "username webhookUrl",
  result: {
    username: { type: "string", doc: "The Bitbucket user whose app password Spacelift uses." },
    ...WEBHOOK_URL,
  },
  map: (d) => ({ username: text(d.username), webhookUrl: text(d.webhookUrl) }),
});

/** `getBitbucketDatacenterIntegration`: a Bitbucket Data Center integration, or the default one. */
export const getBitbucketDatacenterIntegration = vcsLookup({
  name: "getBitbucketDatacenterIntegration",
  dataSource: "spacelift_bitbucket_datacenter_integration",
  provider: "Bitbucket Data Center",
  operation: "BitbucketDatacenterIntegrationRead",
  field: "bitbucketDatacenterIntegration",
  // Bitbucket Data Center's type spells its webhook URL `webhookURL`, unlike the others.
  select: "apiHost userFacingHost username webhookURL webhookSecret",
  result: {
    ...API_HOST,
    userFacingHost: {
      type: "string",
      doc: "The URL people open in a browser, which may differ from `apiHost` behind a private network.",
    },
    username: {
      type: "string",
      doc: "The Bitbucket user whose access token Spacelift uses; empty when none is set.",
    },
    ...WEBHOOK_URL,
    ...WEBHOOK_SECRET,
  },
  map: (d) => ({
    apiHost: text(d.apiHost),
    userFacingHost: text(d.userFacingHost),
    username: text(d.username),
    webhookUrl: text(d.webhookURL),
    webhookSecret: text(d.webhookSecret),
  }),
});

/** `getAzureDevopsIntegration`: an Azure DevOps integration, or the default one. */
export const getAzureDevopsIntegration = vcsLookup({
  name: "getAzureDevopsIntegration",
  dataSource: "spacelift_azure_devops_integration",
  provider: "Azure DevOps",
  operation: "AzureDevOpsIntegrationRead",
  field: "azureDevOpsRepoIntegration",
  select: "organizationURL webhookUrl webhookPassword",
  result: {
    organizationUrl: {
      type: "string",
      doc: "The Azure DevOps organization's URL, `https://dev.azure.com/<organization>`.",
    },
    ...WEBHOOK_URL,
    webhookPassword: {
      type: "string",
      secret: true,
      doc: "The password Azure DevOps service hooks must send to Spacelift (a secret output).",
    },
  },
  map: (d) => ({
    organizationUrl: text(d.organizationURL),
    webhookUrl: text(d.webhookUrl),
    webhookPassword: text(d.webhookPassword),
  }),
});

const GITLAB_WEBHOOKS_ENDPOINT = queryOp("query GitlabWebhookEndpointRead { gitlabWebhooksEndpoint }");

/** `getGitlabWebhookEndpoint`: where GitLab webhooks must point. */
export const getGitlabWebhookEndpoint = defineFunction({
  name: "getGitlabWebhookEndpoint",
  dataSource: "spacelift_gitlab_webhook_endpoint",
  doc: "The account's URL that GitLab project and group webhooks must call, e.g. to set them up with the GitLab provider.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift_gitlab_webhook_endpoint_id`." },
    webhookEndpoint: { type: "string", doc: "The URL GitLab webhooks must call." },
  },
  async run(_args, api) {
    const data = await api.query<{ gitlabWebhooksEndpoint: string }>(GITLAB_WEBHOOKS_ENDPOINT);
    return { id: "spacelift_gitlab_webhook_endpoint_id", webhookEndpoint: data.gitlabWebhooksEndpoint };
  },
});
