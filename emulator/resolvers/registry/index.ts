import { countOf, type DomainModule } from "../domainModule";
import {
  listTerraformProviders,
  terraformProviderMutations,
  terraformProviderQueries,
} from "./terraformProviders";
import { vcsAgentPoolMutations, vcsAgentPoolQueries } from "./vcsAgentPools";

/**
 * The private registry: Terraform providers (ids are their types; a space keeps them) and VCS agent
 * pools (account-wide, with a configuration handed out only when it is issued).
 */
export const registryModule: DomainModule = {
  resolvers: {
    Query: { ...terraformProviderQueries, ...vcsAgentPoolQueries },
    Mutation: { ...terraformProviderMutations, ...vcsAgentPoolMutations },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(
      listTerraformProviders(store).filter((p) => p.space === spaceId).length,
      "Terraform provider",
      "Terraform providers",
    ),
};
