import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, singletonId } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { atLeastOneOf } from "../../engine/rules";
import type { JsonObject, JsonValue, Values } from "../../engine/values";
import { theObject } from "../existing";

/** An image the program leaves unset is sent as "", which Spacelift takes for "its own default". */
const imageOrEmpty =
  (field: string) =>
  (values: Values): JsonValue =>
    typeof values[field] === "string" ? values[field] : "";

/** Spacelift answers an unset image with "": the program's unset. */
const emptyIsUnset = {
  fromOutput: (value: JsonValue): JsonValue | undefined => (value === "" ? undefined : value),
};

/** Both images at once, as the create, update and delete all send them; the answer holds both. */
const setImages = (name: string, images: (field: string) => (values: Values) => JsonValue) =>
  mutation(
    name,
    "accountUpdateDefaultWorkerPoolRunnerImages",
    {
      privateWorkerPoolRunnerImage: arg.derived("String!", images("private"), "privateWorkerPoolRunnerImage"),
      publicWorkerPoolRunnerImage: arg.derived("String!", images("public"), "publicWorkerPoolRunnerImage"),
    },
    { selection: "fields" },
  );

/** Neither image is set: the setting is Spacelift's default, so there is nothing of this resource. */
const noImage = (raw: JsonObject): boolean =>
  !raw["privateWorkerPoolRunnerImage"] && !raw["publicWorkerPoolRunnerImage"];

/**
 * DefaultRunnerImage: the account's default runner images for public and private worker pools.
 * Operations follow terraform-provider-spacelift 8565261 (resource_default_runner_image.go): one
 * mutation sets both images (an unset one as ""), the read asks two root fields, and both empty
 * means none is set.
 */
export const defaultRunnerImage = defineResource({
  kind: "DefaultRunnerImage",
  officialClass: false,
  doc:
    "The account's **default runner images**: the container images runs use on public and on private " +
    "worker pools when their stack or module names no `runnerImage`. An account has one such setting, so " +
    "declare at most one per account. An image left unset is Spacelift's own default. Destroying the " +
    "resource sets both back to Spacelift's defaults; when both are found unset, a refresh reports the " +
    "setting gone, as Spacelift's Terraform provider does.",
  fields: {
    private: {
      type: t.string(),
      gql: "privateWorkerPoolRunnerImage",
      transform: emptyIsUnset,
      doc: "Runner image for runs on private worker pools, e.g. `ghcr.io/acme/runner:1.4`.",
      validate: [nonEmpty()],
    },
    public: {
      type: t.string(),
      gql: "publicWorkerPoolRunnerImage",
      transform: emptyIsUnset,
      doc: "Runner image for runs on Spacelift's public worker pools.",
      validate: [nonEmpty()],
    },
  },
  rules: [atLeastOneOf("private", "public")],
  id: singletonId("default-runner-image"),
  hooks: { isGone: noImage },
  // The mutation sets the images whatever they were (an upsert), so a create looks first and
  // refuses to overwrite images this resource did not set; `import` takes them over deliberately.
  existing: {
    candidates: theObject,
    lookFirst: "always",
    describe: () => "the account's default runner images",
  },
  operations: {
    create: setImages("DefaultRunnerImageSet", imageOrEmpty),
    read: query(
      "DefaultRunnerImage",
      "defaultPublicWorkerPoolRunnerImage",
      {},
      {
        scalar: "publicWorkerPoolRunnerImage",
        alongside: { defaultPrivateWorkerPoolRunnerImage: "privateWorkerPoolRunnerImage" },
      },
    ),
    update: setImages("DefaultRunnerImageUpdate", imageOrEmpty),
    delete: setImages("DefaultRunnerImageReset", () => () => ""),
  },
});
