import type { LifecycleCase } from "../lifecycleCase";

/** A manifest with one required sensitive parameter and one with a default (YAML's JSON form). */
export const LIFECYCLE_MANIFEST = JSON.stringify({
  name: "cost-report",
  version: "1.0.0",
  parameters: [
    { id: "api_key", name: "API key", required: true, sensitive: true },
    { id: "currency", name: "Currency", default: "EUR" },
  ],
});

/**
 * PluginTemplate: nothing updates in place (Spacelift has no update); any change replaces the
 * template, the new one first. The parameters are read from the manifest.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "PluginTemplate",
  create: {
    name: "lifecycle-plugin-template-{run}",
    manifest: LIFECYCLE_MANIFEST,
    description: "first",
    labels: ["one"],
  },
  expect: {
    name: "lifecycle-plugin-template-{run}",
    manifest: LIFECYCLE_MANIFEST,
    description: "first",
    labels: ["one"],
    isGlobal: false,
    parameters: [
      { id: "api_key", name: "API key", type: "string", sensitive: true, required: true },
      { id: "currency", name: "Currency", type: "string", sensitive: false, required: false, default: "EUR" },
    ],
  },
  replace: { inputs: { description: "second" }, replaces: ["description"], deleteBeforeReplace: false },
  unknown: [{ property: "manifest", replaces: true }],
  vanish: { query: "mutation($id: ID!) { pluginTemplateDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
