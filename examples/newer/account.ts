import * as spacelift from "pulumi-spacelift";

/**
 * Declares the account's default runner images: the images runs use when their stack names none.
 * An account has one such setting, so a second copy of this program in the same account is
 * refused until the first is destroyed (which sets Spacelift's defaults back).
 *
 * @param prefix - prefix of every name, so that several copies can live in one account
 */
export function declareAccount(prefix: string): void {
  new spacelift.DefaultRunnerImage("runner-images", {
    public: `public.ecr.aws/spacelift/runner-terraform:${prefix}`,
    private: `ghcr.io/acme/spacelift-runner:${prefix}`,
  });
}
