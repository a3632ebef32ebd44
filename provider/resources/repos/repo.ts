import { displayName, label, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonObject } from "../../engine/values";

/** The update input has no space: a repo stays in the space it was created in. */
function withoutSpace(input: JsonObject): JsonObject {
  const rest = { ...input };
  delete rest["spaceID"];
  return rest;
}

/**
 * Repo: a Git repository hosted by Spacelift itself, as `spacelift_repo` (terraform-provider-spacelift
 * 8565261, resource_repo.go and structs/repo.go): `repoCreate(input: RepoCreateInput!)`,
 * `repo(id: ID!)`, `repoUpdate(id: ID!, input: RepoUpdateInput!)`, `repoDelete(id: ID!)` answering
 * a Boolean. Bruno's Repos requests use the same operations, input names and `space { id }`. The id
 * is the slug Spacelift derives from the name; Terraform imports by it. The space cannot change
 * (the update input has no space; Terraform marks `space_id` ForceNew).
 */
export const repo = defineResource({
  kind: "Repo",
  officialClass: false,
  doc:
    "A **Spacelift repo**: a Git repository hosted by Spacelift itself, holding infrastructure code without " +
    "an external VCS provider. Stacks and modules use it as their source; it has no branches, so they always " +
    "track its latest revision. Its files are managed with `RepoFile`. The ID is a slug Spacelift derives " +
    "from the name at creation; renaming the repo keeps it.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the repo. The ID (slug) is derived from it when the repo is created and does not follow later renames.",
      validate: [nonEmpty(), displayName()],
    },
    spaceId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gqlInput: "spaceID",
      gqlOutput: "space.id",
      doc: "ID of the space the repo is in. A repo cannot move between spaces.",
      validate: [nonEmpty()],
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: { type: t.set(t.string()), doc: "Labels describing the repo.", validateEach: [label()] },
    vcsChecks: {
      type: t.enum(["INDIVIDUAL", "AGGREGATED", "ALL"]),
      default: "INDIVIDUAL",
      doc:
        "How runs report back as checks: `INDIVIDUAL` (one per stack), `AGGREGATED` (one for all) or `ALL` " +
        "(both). Defaults to `INDIVIDUAL`.",
    },
    createdAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp of the repo's creation.",
    },
    updatedAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp of the repo's last change.",
    },
    stacks: {
      type: t.list(t.string()),
      computed: true,
      doc: "IDs of the stacks that use the repo as their source.",
    },
  },
  // The replacement usually keeps the name, and so the slug the old repo still holds.
  deleteBeforeReplace: true,
  operations: {
    create: mutation("RepoCreate", "repoCreate", { input: arg.input("RepoCreateInput!") }),
    read: query("RepoRead", "repo", { id: arg.id() }),
    update: mutation(
      "RepoUpdate",
      "repoUpdate",
      { id: arg.id(), input: arg.input("RepoUpdateInput!") },
      { shapeInput: withoutSpace },
    ),
    delete: mutation("RepoDelete", "repoDelete", { id: arg.id() }, { scalar: "deleted" }),
  },
});
