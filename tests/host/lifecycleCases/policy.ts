import type { LifecycleCase } from "../lifecycleCase";

/**
 * Policy: updated in place except for its type, which replaces it (old one first: the id is the
 * slug of the unchanged name). Deprecated type names are covered by the engine's unit tests, since
 * this suite expects outputs to repeat the program's spelling.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Policy",
  create: {
    name: "lifecycle-policy-{run}",
    type: "PLAN",
    body: 'package spacelift\n\nwarn["first"] { true }',
    labels: ["one"],
  },
  expect: {
    name: "lifecycle-policy-{run}",
    type: "PLAN",
    body: 'package spacelift\n\nwarn["first"] { true }',
    labels: ["one"],
    spaceId: "root",
    engineType: "REGO_V0",
  },
  update: {
    body: 'package spacelift\n\nwarn["second"] { true }',
    description: "second",
    labels: ["one", "two"],
    engineType: "REGO_V1",
  },
  replace: { inputs: { type: "TRIGGER" }, replaces: ["type"], deleteBeforeReplace: true },
  unknown: [{ property: "body" }, { property: "type", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $input: PolicyUpdateInput!) { policyUpdatev2(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: {
          name: "{outs.name}",
          body: "{outs.body}",
          labels: ["one", "two"],
          description: "changed elsewhere",
        },
      },
    },
    expect: { description: "changed elsewhere" },
  },
  vanish: { query: "mutation($id: ID!) { policyDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
