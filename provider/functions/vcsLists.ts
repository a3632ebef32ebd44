import type { FunctionValues } from "./descriptor";

/** The result list each VCS provider of a stack or module goes in, as the official SDK names them. */
const VCS_LISTS: Readonly<Record<string, string>> = {
  AZURE_DEVOPS: "azureDevops",
  BITBUCKET_CLOUD: "bitbucketClouds",
  BITBUCKET_DATACENTER: "bitbucketDatacenters",
  GITHUB_ENTERPRISE: "githubEnterprises",
  GITLAB: "gitlabs",
};

/** What a stack or module says of its source, as {@link vcsLists} needs it. */
export interface VcsSource {
  /** Spacelift's VCS provider, e.g. `GITLAB`. */
  readonly provider: string;
  /** The repository's namespace (the Azure DevOps project for Azure DevOps). */
  readonly namespace: string | null;
  /** The integration the source uses; null when none is set up. */
  readonly vcsIntegration: { readonly id: string; readonly isDefault: boolean } | null;
}

/**
 * The five VCS result lists of a stack or module look-up (`gitlabs: [{ id, isDefault, namespace }]`,
 * …): one element in the list of the source's provider, every other list empty. Like the Terraform
 * data sources, a provider without an integration lists nothing.
 *
 * @param source - the stack's or module's source
 */
export function vcsLists(source: VcsSource): FunctionValues {
  const lists: FunctionValues = {
    azureDevops: [],
    bitbucketClouds: [],
    bitbucketDatacenters: [],
    githubEnterprises: [],
    gitlabs: [],
  };
  const list = VCS_LISTS[source.provider];
  if (list !== undefined && source.vcsIntegration !== null) {
    const namespace = source.namespace ?? "";
    lists[list] = [
      {
        id: source.vcsIntegration.id,
        isDefault: source.vcsIntegration.isDefault,
        ...(list === "azureDevops" ? { project: namespace } : { namespace }),
      },
    ];
  }
  return lists;
}
