import type { DomainModule } from "./domainModule";

/**
 * Fields clients such as spacectl select about features the emulator does not model (runs, module
 * versions, workers, stars, blockers), answered with the values an account that never used those
 * features would show, so that whole documents pass validation and execute.
 */
export const unmodelledModule: DomainModule = {
  resolvers: {
    Query: {
      debugInfo: () => ({ selfHostedVersion: null }),
    },
  },
};
