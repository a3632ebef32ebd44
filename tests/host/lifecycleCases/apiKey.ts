import type { LifecycleCase } from "../lifecycleCase";

/**
 * ApiKey: name and groups update in place, nothing forces replacement. The secret comes with the
 * create only and must survive refreshes and updates (reads answer null for it).
 */
export const lifecycleCase: LifecycleCase = {
  kind: "ApiKey",
  create: { name: "lifecycle-api-key-{run}", idpGroups: ["ops"] },
  update: { name: "lifecycle-api-key-{run}-renamed", idpGroups: ["dev", "ops"] },
  unknown: [{ property: "name" }, { property: "idpGroups" }],
  drift: {
    call: {
      query: 'mutation($id: ID!) { apiKeyUpdate(id: $id, input: { teams: ["elsewhere"] }) { id } }',
      variables: { id: "{id}" },
    },
    expect: { idpGroups: ["elsewhere"] },
  },
  vanish: { query: "mutation($id: ID!) { apiKeyDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
