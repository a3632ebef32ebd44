import type { LifecycleCase } from "../lifecycleCase";

/**
 * TerraformProvider: the type is the ID, so changing it replaces the provider (new one first, as
 * the old type stays taken only by the old provider); visibility changes through its own mutation.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "TerraformProvider",
  create: {
    type: "lifecycle-provider-{run}",
    spaceId: "root",
    description: "first",
    labels: ["one"],
  },
  expect: {
    type: "lifecycle-provider-{run}",
    spaceId: "root",
    description: "first",
    labels: ["one"],
    public: false,
  },
  update: { description: "second", labels: ["one", "two"], public: true },
  replace: {
    inputs: { type: "lifecycle-provider-{run}-renamed" },
    replaces: ["type"],
    deleteBeforeReplace: false,
  },
  unknown: [{ property: "type", replaces: true }, { property: "spaceId" }, { property: "public" }],
  drift: {
    call: {
      query:
        'mutation($id: ID!) { terraformProviderSetVisibility(id: $id, public: false) { id } terraformProviderUpdate(id: $id, space: "root", description: "changed elsewhere") { id } }',
      variables: { id: "{id}" },
    },
    expect: { description: "changed elsewhere", public: false },
  },
  vanish: {
    query: "mutation($id: ID!) { terraformProviderDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
