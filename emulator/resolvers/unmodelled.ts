import type { DomainModule } from "./domainModule";
import { EMULATOR_ACCOUNT } from "./modules";
import type { ObjectResolvers, UnionResolvers } from "./resolverMap";

/** A page of nothing, as every search over an unmodelled feature answers. */
const EMPTY_PAGE = {
  edges: [],
  pageInfo: { endCursor: null, hasNextPage: false, hasPreviousPage: false },
};

const none = (): null => null;
const empty = (): never[] => [];
const no = (): boolean => false;
const zero = (): number => 0;
const emptyPage = (): typeof EMPTY_PAGE => EMPTY_PAGE;

/** Union members carry their type name; no resolver ever returns one, as none exists. */
const byTypename: UnionResolvers = {
  __resolveType: (value: { readonly __typename: string }) => value.__typename,
};

/**
 * Fields clients such as spacectl select about features the emulator does not model: what runs
 * produce (resources, module versions used), workers,
 * policy evaluations and stars. They answer what an account that never used those features shows,
 * so that the clients' documents validate and execute.
 */
export const unmodelledModule: DomainModule = {
  resolvers: {
    Query: {
      // SaaS, which the emulator stands for, has no self-hosted version.
      debugInfo: () => ({ selfHostedVersion: null }),
      // Account-level facts (Spacelift's Terraform provider: data source spacelift_account). The
      // AWS account id is the one the emulator's trust-policy statements name. The outgoing
      // addresses (spacelift_ips) are in outgoingAddresses.ts.
      name: () => EMULATOR_ACCOUNT,
      tier: () => "ENTERPRISE",
      spaceliftAwsAccountId: () => "000000000000",
    },
    Stack: {
      // A deleted stack disappears from the emulator (`deleting` covers the way there).
      deleted: no,
      starred: no,
      moduleVersionsUsed: empty,
      entities: empty,
    },
    Module: {
      apiHost: none,
      starred: no,
    },
    Policy: {
      evaluationRecords: empty,
      searchEvaluationRecords: emptyPage,
      evaluationSample: none,
    },
    WorkerPool: {
      deleted: no,
      managedByK8sController: no,
      workers: empty,
      workersCount: zero,
      busyWorkers: zero,
      pendingRuns: zero,
    } satisfies ObjectResolvers,
    EntityVendor: byTypename,
    AnsibleEntity: byTypename,
    CloudFormationEntity: byTypename,
    KubernetesEntity: byTypename,
    PulumiEntity: byTypename,
    TerraformEntity: byTypename,
  },
};
