import type { LifecycleCase } from "../lifecycleCase";

/**
 * EnvironmentVariable: Spacelift has no update, so every change replaces it (old one first, since
 * the add mutation upserts by name), and the value is write-only: only its checksum comes back.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "EnvironmentVariable",
  parents: [{ ref: "context", kind: "Context", inputs: { name: "lifecycle-variables-{run}" } }],
  create: {
    contextId: "{parent.context.id}",
    name: "LIFECYCLE_VARIABLE",
    value: "lifecycle-value-one-{run}",
    description: "first",
  },
  hiddenInputs: ["value"],
  replace: {
    inputs: { value: "lifecycle-value-two-{run}" },
    replaces: ["value"],
    deleteBeforeReplace: true,
  },
  unknown: [
    { property: "value", replaces: true },
    { property: "description", replaces: true },
  ],
  drift: {
    call: {
      query:
        "mutation($context: ID!, $config: ConfigInput!) { contextConfigAdd(context: $context, config: $config) { id } }",
      variables: {
        context: "{parent.context.id}",
        config: {
          id: "LIFECYCLE_VARIABLE",
          type: "ENVIRONMENT_VARIABLE",
          value: "changed-elsewhere-{run}",
          writeOnly: true,
          description: "changed elsewhere",
        },
      },
    },
    expect: { description: "changed elsewhere" },
    replaces: ["description", "value"],
  },
  vanish: {
    query: "mutation($context: ID!, $id: ID!) { contextConfigDelete(context: $context, id: $id) { id } }",
    variables: { context: "{parent.context.id}", id: "LIFECYCLE_VARIABLE" },
  },
};
