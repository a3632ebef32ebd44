import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * StackDependency: no update, so depending on another stack replaces it, the old dependency first.
 * Nothing changes a dependency in place, so there is no drift step. The stacks are deleted after
 * the case, which Spacelift allows only once their dependencies are gone.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "StackDependency",
  parents: [
    { ref: "app", kind: "Stack", inputs: stack("lifecycle-dependent-{run}") },
    { ref: "network", kind: "Stack", inputs: stack("lifecycle-network-{run}") },
    { ref: "database", kind: "Stack", inputs: stack("lifecycle-database-{run}") },
  ],
  create: { stackId: "{parent.app.id}", dependsOnStackId: "{parent.network.id}" },
  replace: {
    inputs: { dependsOnStackId: "{parent.database.id}" },
    replaces: ["dependsOnStackId"],
    deleteBeforeReplace: true,
  },
  unknown: [
    { property: "stackId", replaces: true },
    { property: "dependsOnStackId", replaces: true },
  ],
  vanish: {
    query: "mutation($id: ID!) { stackDependencyDelete(id: $id) { id } }",
    variables: { id: "{outs.dependencyId}" },
  },
};
