import type { DomainModule } from "./domainModule";
import { EMULATOR_ACCOUNT } from "./modules";

/**
 * Fields clients such as spacectl select about features the emulator does not model (runs, module
 * versions, workers, stars, blockers, billing), answered with the values an account that never
 * used those features would show, so that whole documents pass validation and execute.
 */
export const unmodelledModule: DomainModule = {
  resolvers: {
    Query: {
      debugInfo: () => ({ selfHostedVersion: null }),
      // Account-level facts (Spacelift's Terraform provider: data sources spacelift_account and
      // spacelift_ips). A local emulator has no public addresses; the AWS account id is the one
      // the emulator's trust-policy statements name.
      name: () => EMULATOR_ACCOUNT,
      tier: () => "ENTERPRISE",
      spaceliftAwsAccountId: () => "000000000000",
      outgoingIPAddresses: () => [],
    },
  },
};
