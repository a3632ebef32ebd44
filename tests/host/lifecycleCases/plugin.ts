import type { LifecycleCase } from "../lifecycleCase";
import { LIFECYCLE_MANIFEST } from "./pluginTemplate";

/**
 * Plugin: nothing updates in place (Spacelift's Terraform provider has no update); any change
 * replaces the plugin, the new one first. The create reads the template and fills in the defaults
 * of parameters left unset; parameter values are never read back, so they stay as the program set
 * them.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "Plugin",
  parents: [
    {
      ref: "template",
      kind: "PluginTemplate",
      inputs: { name: "lifecycle-plugin-parent-{run}", manifest: LIFECYCLE_MANIFEST },
    },
  ],
  create: {
    name: "lifecycle-plugin-{run}",
    pluginTemplateId: "{parent.template.id}",
    stackLabel: "cost-{run}",
    parameters: { api_key: "lifecycle-plugin-key-{run}" },
    labels: ["one"],
  },
  expect: {
    name: "lifecycle-plugin-{run}",
    pluginTemplateId: "{parent.template.id}",
    stackLabel: "cost-{run}",
    parameters: { api_key: "lifecycle-plugin-key-{run}" },
    labels: ["one"],
    spaceId: "root",
  },
  replace: { inputs: { stackLabel: "cost-{run}-2" }, replaces: ["stackLabel"], deleteBeforeReplace: false },
  unknown: [
    { property: "parameters", replaces: true },
    { property: "pluginTemplateId", replaces: true },
  ],
  vanish: { query: "mutation($id: ID!) { pluginDelete(id: $id) { id } }", variables: { id: "{id}" } },
};
