import type { LifecycleCase } from "../lifecycleCase";

/** SavedFilter: name, data and visibility update in place; a new type replaces it. */
export const lifecycleCase: LifecycleCase = {
  kind: "SavedFilter",
  create: { name: "lifecycle-filter-{run}", type: "stacks", data: '{"label":"a"}', isPublic: false },
  update: { name: "lifecycle-filter-{run}-renamed", data: '{"label":"b"}', isPublic: true },
  replace: { inputs: { type: "contexts" }, replaces: ["type"], deleteBeforeReplace: false },
  unknown: [{ property: "data" }, { property: "type", replaces: true }],
  drift: {
    call: {
      query: 'mutation($id: ID!) { savedFilterUpdate(id: $id, isPublic: false, data: "{}") { id } }',
      variables: { id: "{id}" },
    },
    expect: { data: "{}", isPublic: false },
  },
  vanish: { query: "mutation($id: ID!) { savedFilterDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
