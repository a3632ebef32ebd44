import type { LifecycleCase } from "../lifecycleCase";

/**
 * Version: immutable; every argument publishes a new version (the old one stays in Spacelift, as
 * deleting only forgets it). Spacelift chooses the commit when none is given.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Version",
  parents: [
    {
      ref: "module",
      kind: "Module",
      inputs: {
        name: "lifecycle-versioned-{run}",
        terraformProvider: "aws",
        repository: "terraform-aws-versioned",
        branch: "main",
      },
    },
  ],
  create: { moduleId: "{parent.module.id}", versionNumber: "0.1.0", keepers: { release: "first" } },
  replace: {
    inputs: { versionNumber: "0.2.0", keepers: { release: "second" } },
    replaces: ["keepers", "versionNumber"],
    deleteBeforeReplace: false,
  },
  unknown: [
    { property: "versionNumber", replaces: true },
    { property: "commitSha", replaces: true },
    { property: "keepers", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!, $module: ID!) { versionDelete(id: $id, module: $module) { id } }",
    variables: { id: "{id}", module: "{outs.moduleId}" },
  },
};
