import type { LifecycleCase } from "../lifecycleCase";

/**
 * VcsAgentPool: name and description update in place, nothing forces replacement. The `config`
 * token comes with the create only and must survive refreshes and updates.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "VcsAgentPool",
  create: { name: "lifecycle-vcs-agent-pool-{run}", description: "first" },
  update: { name: "lifecycle-vcs-agent-pool-{run}-renamed", description: "second" },
  unknown: [{ property: "name" }, { property: "description" }],
  drift: {
    call: {
      query:
        'mutation($id: ID!, $name: String!) { vcsAgentPoolUpdate(id: $id, name: $name, description: "changed elsewhere") { id } }',
      variables: { id: "{id}", name: "{outs.name}" },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: {
    query: "mutation($id: ID!) { vcsAgentPoolDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
