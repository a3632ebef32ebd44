import type { LifecycleCase } from "../lifecycleCase";

const stack = (name: string) => ({ name, repository: "infra", branch: "main" });

/**
 * StackDependencyReference: names and `triggerAlways` update in place; moving it to another
 * dependency replaces it. Its id extends the dependency's (`<stackId>/<dependencyId>/<referenceId>`).
 */
export const lifecycleCase: LifecycleCase = {
  kind: "StackDependencyReference",
  parents: [
    { ref: "app", kind: "Stack", inputs: stack("lifecycle-ref-app-{run}") },
    { ref: "network", kind: "Stack", inputs: stack("lifecycle-ref-network-{run}") },
    { ref: "database", kind: "Stack", inputs: stack("lifecycle-ref-database-{run}") },
    {
      ref: "dependency",
      kind: "StackDependency",
      inputs: { stackId: "{parent.app.id}", dependsOnStackId: "{parent.network.id}" },
    },
    {
      ref: "other",
      kind: "StackDependency",
      inputs: { stackId: "{parent.app.id}", dependsOnStackId: "{parent.database.id}" },
    },
  ],
  create: { stackDependencyId: "{parent.dependency.id}", outputName: "vpc_id", inputName: "TF_VAR_vpc_id" },
  update: { outputName: "vpc", inputName: "TF_VAR_vpc", triggerAlways: true },
  replace: {
    inputs: { stackDependencyId: "{parent.other.id}" },
    replaces: ["stackDependencyId"],
    deleteBeforeReplace: true,
  },
  unknown: [
    { property: "outputName" },
    { property: "triggerAlways" },
    { property: "stackDependencyId", replaces: true },
  ],
  drift: {
    call: {
      query:
        "mutation($ref: StackDependencyReferenceUpdateInput!) { stackDependenciesUpdateReference(reference: $ref) { id } }",
      variables: {
        ref: {
          id: "{outs.referenceId}",
          outputName: "changed_elsewhere",
          inputName: "TF_VAR_vpc",
          triggerAlways: true,
        },
      },
    },
    expect: { outputName: "changed_elsewhere" },
  },
  vanish: {
    query: "mutation($id: ID!) { stackDependenciesDeleteReference(id: $id) { id } }",
    variables: { id: "{outs.referenceId}" },
  },
};
