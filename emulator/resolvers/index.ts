import { accessModule } from "./access";
import { accountModule } from "./account";
import { attachmentsModule } from "./attachments";
import { awsIntegrationsModule } from "./awsIntegrations";
import { blueprintsModule } from "./blueprints";
import { configElementsModule } from "./configElements";
import { contextsModule } from "./contexts";
import { driftDetectionModule } from "./driftDetection";
import { installDomainModules, type DomainModule } from "./domainModule";
import { azureIntegrationsModule } from "./integrations/azureIntegrations";
import { gcpServiceAccountsModule } from "./integrations/gcpServiceAccounts";
import { vcsIntegrationsModule } from "./integrations/vcsIntegrations";
import { modulesModule } from "./modules";
import { namedWebhooksModule } from "./namedWebhooks";
import { outgoingAddressesModule } from "./outgoingAddresses";
import { pluginsModule } from "./plugins";
import { policiesModule } from "./policies";
import { runsModule } from "./runs";
import { schedulesModule } from "./schedules";
import { registryModule } from "./registry";
import { reposModule } from "./repos";
import { mergeResolverMaps, type ResolverMap } from "./resolverMap";
import { spacesModule } from "./spaces";
import { stackDependenciesModule } from "./stackDependencies";
import { stackFunctionsModule } from "./stacksFunctions";
import { stackCommitsModule } from "./stackCommits";
import { stackLocksModule } from "./stackLocks";
import { stacksModule } from "./stacks";
import { templatesModule } from "./templates";
import { unmodelledModule } from "./unmodelled";
import { webhooksModule } from "./webhooks";
import { workerPoolsModule } from "./workerPools";

/** Every domain the emulator serves, auth aside. Adding a domain is adding it here. */
export const domainModules: readonly DomainModule[] = [
  spacesModule,
  stacksModule,
  stackLocksModule,
  stackCommitsModule,
  modulesModule,
  contextsModule,
  policiesModule,
  configElementsModule,
  attachmentsModule,
  driftDetectionModule,
  stackDependenciesModule,
  webhooksModule,
  namedWebhooksModule,
  workerPoolsModule,
  awsIntegrationsModule,
  azureIntegrationsModule,
  gcpServiceAccountsModule,
  vcsIntegrationsModule,
  runsModule,
  schedulesModule,
  accountModule,
  accessModule,
  registryModule,
  blueprintsModule,
  pluginsModule,
  reposModule,
  templatesModule,
  stackFunctionsModule,
  outgoingAddressesModule,
  unmodelledModule,
];

installDomainModules(domainModules);

/** The merged resolvers of {@link domainModules}, for `makeSchema` (`emulator/executableSchema.ts`). */
export const domainResolvers: ResolverMap = mergeResolverMaps(domainModules.map((m) => m.resolvers));
