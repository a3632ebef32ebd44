import type { LifecycleCase } from "../lifecycleCase";

/**
 * Repo: name, description, labels and VCS checks update in place; the space cannot change, so a new
 * one replaces the repo, the old one deleted first (the slug of the kept name is still taken).
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Repo",
  parents: [
    { ref: "space", kind: "Space", inputs: { name: "lifecycle-repo-space-{run}", parentSpaceId: "root" } },
  ],
  create: { name: "lifecycle-repo-{run}", spaceId: "root", description: "first", labels: ["one"] },
  update: {
    name: "lifecycle-repo-{run}-renamed",
    description: "second",
    labels: ["one", "two"],
    vcsChecks: "ALL",
  },
  replace: { inputs: { spaceId: "{parent.space.id}" }, replaces: ["spaceId"], deleteBeforeReplace: true },
  unknown: [{ property: "name" }, { property: "description" }, { property: "spaceId", replaces: true }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $name: String!) { repoUpdate(id: $id, input: { name: $name, description: "changed elsewhere" }) { id } }',
      variables: { id: "{id}", name: "{outs.name}" },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: { query: "mutation($id: ID!) { repoDelete(id: $id) }", variables: { id: "{id}" } },
};
