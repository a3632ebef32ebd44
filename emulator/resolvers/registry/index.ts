import { countOf, type DomainModule } from "../domainModule";
import { moduleVersionFields, moduleVersionMutations, removeModuleVersions } from "./moduleVersions";
import {
  listTerraformProviders,
  terraformProviderMutations,
  terraformProviderQueries,
} from "./terraformProviders";
import { vcsAgentPoolMutations, vcsAgentPoolQueries } from "./vcsAgentPools";

/**
 * The private registry: Terraform providers (ids are their types; a space keeps them), module
 * versions (published from a commit), and VCS agent pools (account-wide, with a configuration
 * handed out only when it is issued).
 */
export const registryModule: DomainModule = {
  resolvers: {
    Query: { ...terraformProviderQueries, ...vcsAgentPoolQueries },
    Mutation: { ...terraformProviderMutations, ...vcsAgentPoolMutations, ...moduleVersionMutations },
    Module: moduleVersionFields,
  },
  removeProjectData: removeModuleVersions,
  spaceOccupants: (store, spaceId) =>
    countOf(
      listTerraformProviders(store).filter((p) => p.space === spaceId).length,
      "Terraform provider",
      "Terraform providers",
    ),
};
