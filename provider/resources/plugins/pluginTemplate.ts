import { displayName, label, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";

/**
 * PluginTemplate: a plugin definition (its manifest) from which plugins are installed, as
 * `spacelift_plugin_template` (terraform-provider-spacelift 8565261, resource_plugin_template.go,
 * structs/plugin_template*.go): `pluginTemplateCreate(input: PluginTemplateCreateInput!)`,
 * `pluginTemplate(id: ID!)`, `pluginTemplateDelete(id: ID!)`; there is no update, and Terraform
 * marks every argument ForceNew. Bruno's Plugins/Templates requests use the same operations.
 */
export const pluginTemplate = defineResource({
  kind: "PluginTemplate",
  officialClass: false,
  doc:
    "A **plugin template**: the definition of a Spacelift plugin (its manifest, typically generated with " +
    "Spacelift's `spaceforge` SDK), from which any number of plugins are installed with `Plugin`. Spacelift " +
    "reads the parameters a plugin takes from the manifest. A template cannot be changed: any change " +
    "replaces it.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      replaceOnChange: true,
      doc: "Name of the plugin template.",
      validate: [nonEmpty(), displayName()],
    },
    description: { type: t.string(), replaceOnChange: true, doc: "Free-form description for users." },
    manifest: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      doc: "The plugin's manifest (YAML), which defines its parameters, contexts, hooks and policies.",
      validate: [nonEmpty()],
    },
    labels: {
      type: t.set(t.string()),
      replaceOnChange: true,
      doc: "Labels of the plugin template.",
      validateEach: [nonEmpty(), label()],
    },
    isGlobal: {
      type: t.boolean(),
      computed: true,
      alwaysSet: true,
      doc: "Whether the template is one Spacelift provides to every account (never one made here).",
    },
    parameters: {
      type: t.list(
        t.object({
          id: {
            type: t.string(),
            computed: true,
            doc: "ID of the parameter, the key of a plugin's `parameters`.",
          },
          name: { type: t.string(), computed: true, doc: "Name of the parameter." },
          type: { type: t.string(), computed: true, doc: "Type of the parameter's value." },
          description: { type: t.string(), computed: true, doc: "Description of the parameter." },
          sensitive: { type: t.boolean(), computed: true, doc: "Whether the value is sensitive." },
          required: { type: t.boolean(), computed: true, doc: "Whether a plugin must set it." },
          default: { type: t.string(), computed: true, doc: "Value a plugin that does not set it gets." },
        }),
      ),
      computed: true,
      doc: "The parameters the manifest defines, which plugins installed from the template set.",
    },
    createdAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp of the template's creation.",
    },
    updatedAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp of the template's last change.",
    },
  },
  immutable: true,
  operations: {
    create: mutation("PluginTemplateCreate", "pluginTemplateCreate", {
      input: arg.input("PluginTemplateCreateInput!"),
    }),
    read: query("PluginTemplateRead", "pluginTemplate", { id: arg.id() }),
    delete: mutation("PluginTemplateDelete", "pluginTemplateDelete", { id: arg.id() }),
  },
});
