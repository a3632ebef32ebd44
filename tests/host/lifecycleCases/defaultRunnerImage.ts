import type { LifecycleCase } from "../lifecycleCase";

/**
 * DefaultRunnerImage: the account's one pair of images, updated in place. Destroy sets both back to
 * Spacelift's defaults, after which a read finds nothing; emptying both behind Pulumi's back reads
 * as gone too.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "DefaultRunnerImage",
  create: { public: "ghcr.io/acme/public-runner:{run}" },
  update: { public: "ghcr.io/acme/public-runner:{run}", private: "ghcr.io/acme/private-runner:{run}" },
  unknown: [{ property: "private" }],
  drift: {
    call: {
      query:
        "mutation($image: String!) { accountUpdateDefaultWorkerPoolRunnerImages(" +
        'privateWorkerPoolRunnerImage: "", publicWorkerPoolRunnerImage: $image) { publicWorkerPoolRunnerImage } }',
      variables: { image: "ghcr.io/acme/changed-elsewhere:1" },
    },
    expect: { public: "ghcr.io/acme/changed-elsewhere:1" },
  },
  vanish: {
    query:
      'mutation { accountUpdateDefaultWorkerPoolRunnerImages(privateWorkerPoolRunnerImage: "", publicWorkerPoolRunnerImage: "") { publicWorkerPoolRunnerImage } }',
  },
};
