import { attachmentsModule } from "./attachments";
import { awsIntegrationsModule } from "./awsIntegrations";
import { configElementsModule } from "./configElements";
import { contextsModule } from "./contexts";
import { installDomainModules, type DomainModule } from "./domainModule";
import { modulesModule } from "./modules";
import { policiesModule } from "./policies";
import { namedWebhooksModule } from "./namedWebhooks";
import { mergeResolverMaps, type ResolverMap } from "./resolverMap";
import { spacesModule } from "./spaces";
import { stacksModule } from "./stacks";

/** Every domain the emulator serves, auth aside. Adding a domain is adding it here. */
import { webhooksModule } from "./webhooks";
import { workerPoolsModule } from "./workerPools";
export const domainModules: readonly DomainModule[] = [
  spacesModule,
  stacksModule,
  modulesModule,
  contextsModule,
  policiesModule,
  configElementsModule,
  attachmentsModule,
];

installDomainModules(domainModules);

/** The merged resolvers of {@link domainModules}, for `makeExecutableSchema`. */
export const domainResolvers: ResolverMap = mergeResolverMaps(domainModules.map((m) => m.resolvers));
