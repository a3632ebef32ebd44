import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { rejected } from "../errors";
import type { FieldResolver } from "../resolverMap";

/**
 * The account's default runner images, for public and private worker pools. Spacelift's Terraform
 * provider (8565261, resource_default_runner_image.go) sets both with one mutation, an unset one as
 * "", and reads them as two root fields; an empty image is Spacelift's own default.
 */
export interface RunnerImages {
  readonly privateWorkerPoolRunnerImage: string | null;
  readonly publicWorkerPoolRunnerImage: string | null;
}

const ACCOUNT = "account";

function runnerImages(store: Store): Map<string, RunnerImages> {
  return store.collection<RunnerImages>("defaultRunnerImages");
}

/** The account's default runner images; both null when none is set. */
export function runnerImagesOf(store: Store): RunnerImages {
  return (
    runnerImages(store).get(ACCOUNT) ?? {
      privateWorkerPoolRunnerImage: null,
      publicWorkerPoolRunnerImage: null,
    }
  );
}

// A container image reference has no whitespace; Spacelift checks more when a run pulls it.
function image(value: string, which: string): string | null {
  if (value === "") return null;
  if (/\s/.test(value))
    throw rejected(`the default ${which} worker pool runner image must not contain whitespace`);
  return value;
}

/** Query resolvers of the default runner images. */
export const runnerImageQueries = {
  defaultPublicWorkerPoolRunnerImage: ((_parent, _args, ctx) => {
    requireViewer(ctx);
    return runnerImagesOf(ctx.store).publicWorkerPoolRunnerImage;
  }) satisfies FieldResolver<unknown, unknown, string | null>,
  defaultPrivateWorkerPoolRunnerImage: ((_parent, _args, ctx) => {
    requireViewer(ctx);
    return runnerImagesOf(ctx.store).privateWorkerPoolRunnerImage;
  }) satisfies FieldResolver<unknown, unknown, string | null>,
};

/** Mutation resolvers of the default runner images. */
export const runnerImageMutations = {
  accountUpdateDefaultWorkerPoolRunnerImages: ((_parent, args, ctx) => {
    requireViewer(ctx);
    const images: RunnerImages = {
      privateWorkerPoolRunnerImage: image(args.privateWorkerPoolRunnerImage, "private"),
      publicWorkerPoolRunnerImage: image(args.publicWorkerPoolRunnerImage, "public"),
    };
    // Both empty is the account's default: nothing is kept.
    if (images.privateWorkerPoolRunnerImage === null && images.publicWorkerPoolRunnerImage === null) {
      runnerImages(ctx.store).delete(ACCOUNT);
    } else {
      runnerImages(ctx.store).set(ACCOUNT, images);
    }
    return images;
  }) satisfies FieldResolver<
    unknown,
    { privateWorkerPoolRunnerImage: string; publicWorkerPoolRunnerImage: string },
    RunnerImages
  >,
};
