import { displayName, label, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, type CreatePreparation } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";

/** The value name under which the parameter list reaches `pluginInstall`. */
const PARAMETER_LIST = "pluginParameterList";

/** A parameter as `pluginTemplate(id) { parameters { ... } }` answers it. */
interface TemplateParameter {
  readonly id: string;
  readonly required: boolean;
  readonly default: string | null;
}

function templateParameters(answer: JsonValue, templateId: string): TemplateParameter[] {
  if (!isRecord(answer)) throw new Error(`plugin template ${JSON.stringify(templateId)} not found`);
  const list = (answer as JsonObject)["parameters"];
  const records = (Array.isArray(list) ? list : []).filter(isRecord) as JsonObject[];
  return records.map((p) => ({
    id: String(p["id"]),
    required: p["required"] === true,
    default: typeof p["default"] === "string" ? p["default"] : null,
  }));
}

/**
 * Checks the program's parameters against the template's and lays them out in the template's order,
 * with the template's defaults for those left unset, as Spacelift's Terraform provider does
 * (8565261, resource_plugin.go:99-158). Messages name parameters, never their values.
 */
async function parameterList(answer: JsonValue, values: Values): Promise<Values> {
  const templateId = String(values["pluginTemplateId"]);
  const defined = templateParameters(answer, templateId);
  const given = isRecord(values["parameters"]) ? (values["parameters"] as JsonObject) : {};
  const known = new Set(defined.map((p) => p.id));
  const unknown = Object.keys(given).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(
      `parameters: ${unknown.map((id) => JSON.stringify(id)).join(", ")} not defined by plugin template ` +
        `${JSON.stringify(templateId)} (it defines ${[...known].map((id) => JSON.stringify(id)).join(", ") || "none"})`,
    );
  }
  const list: JsonObject[] = [];
  for (const p of defined) {
    const value = given[p.id];
    if (typeof value === "string") list.push({ id: p.id, value });
    else if (p.required)
      throw new Error(
        `parameters: ${JSON.stringify(p.id)} is required by plugin template ${JSON.stringify(templateId)}`,
      );
    else if (p.default !== null) list.push({ id: p.id, value: p.default });
  }
  return { [PARAMETER_LIST]: list };
}

/** The `beforeCreate` step: read the template, then check and order the parameters. */
const readTemplate: CreatePreparation = {
  when: () => true,
  op: query(
    "PluginTemplateForInstall",
    "pluginTemplate",
    { id: arg.field("pluginTemplateId", "ID!") },
    { selection: ["id", "parameters.id", "parameters.required", "parameters.default"] },
  ),
  use: parameterList,
};

function withParameters(input: JsonObject, values: Values): JsonObject {
  const list = values[PARAMETER_LIST];
  return Array.isArray(list) && list.length > 0 ? { ...input, parameters: list } : input;
}

/**
 * Plugin: a plugin installed from a plugin template, as `spacelift_plugin` (terraform-provider-spacelift
 * 8565261, resource_plugin.go, structs/plugin*.go): the template is read first
 * (`pluginTemplate(id)`), then `pluginInstall(input: PluginInstallInput!)`; `plugin(id: ID!)` reads
 * it and `pluginDelete(id: ID!)` removes it. Terraform has no update (every argument ForceNew), so
 * neither has this kind, though Bruno shows a `pluginUpdate` for labels. Spacelift never returns
 * parameter values: they are kept from the program, as a secret (Terraform marks them Sensitive).
 */
export const plugin = defineResource({
  kind: "Plugin",
  officialClass: false,
  doc:
    "A **plugin** installed from a plugin template (`PluginTemplate`, or one Spacelift provides such as " +
    "`infracost`), attached to the stacks that carry its `stackLabel`. The create reads the template first: a " +
    "parameter the template does not define, or a required one left unset, fails the create before anything " +
    "is installed, and parameters left unset get the template's defaults. `parameters` is a secret: Pulumi " +
    "encrypts it in state, and Spacelift never returns it. A plugin cannot be changed: any change replaces it.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      replaceOnChange: true,
      doc: "Name of the plugin.",
      validate: [nonEmpty(), displayName()],
    },
    pluginTemplateId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gqlInput: "pluginTemplateID",
      gqlOutput: "pluginTemplateDetails.id",
      doc: "ID of the plugin template to install.",
      validate: [nonEmpty()],
    },
    stackLabel: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gql: "labelIdentifier",
      doc: "Label that attaches the plugin to stacks: every stack carrying it uses the plugin.",
      validate: [nonEmpty(), label()],
    },
    parameters: {
      type: t.map(t.string()),
      replaceOnChange: true,
      secret: true,
      gql: false,
      doc:
        "Values of the template's parameters, by parameter ID. Spacelift never returns them, so a change made " +
        "outside Pulumi is not detected.",
    },
    labels: {
      type: t.set(t.string()),
      replaceOnChange: true,
      doc: "Labels of the plugin.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      default: "root",
      replaceOnChange: true,
      gqlInput: "space",
      gqlOutput: "spaceDetails.id",
      doc: "ID of the space the plugin is in. Defaults to `root`, as in Spacelift's Terraform provider.",
      validate: [nonEmpty()],
    },
    createdAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp of the plugin's installation.",
    },
    updatedAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp of the plugin's last change.",
    },
  },
  immutable: true,
  operations: {
    beforeCreate: [readTemplate],
    create: mutation(
      "PluginInstall",
      "pluginInstall",
      { input: arg.input("PluginInstallInput!") },
      { shapeInput: withParameters },
    ),
    read: query("PluginRead", "plugin", { id: arg.id() }),
    delete: mutation("PluginDelete", "pluginDelete", { id: arg.id() }),
  },
});
