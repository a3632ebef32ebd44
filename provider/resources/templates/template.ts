import { displayName, label, nonEmpty, slugName } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { quoted, theObject } from "../existing";

/**
 * The ID Spacelift gives a template: the slug of the name it is created with, as
 * terraform-provider-spacelift 8565261's tests expect (`test-template-<random>` for that name).
 */
function slugOf(name: unknown): string {
  return typeof name === "string"
    ? name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
    : "";
}

/**
 * Template: a versioned blueprint, as `spacelift_template` (terraform-provider-spacelift 8565261,
 * resource_template.go): `templateCreate(input)`, `template(id)`, `templateUpdate(id, input)`,
 * `templateDelete(id)`; the create and update inputs carry the same members. Its versions are
 * `TemplateVersion` resources. Terraform imports it by its ID, the slug of its first name.
 */
export const template = defineResource({
  kind: "Template",
  officialClass: false,
  doc:
    "A **template**: a named collection of versioned stack blueprints in a space. Its bodies are the " +
    "`TemplateVersion` resources that name it; `TemplateDeployment` turns a published version into stacks. " +
    "Its ID is derived from the name it is created with and stays when the template is renamed.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the template. Defaults to the resource name plus a suffix.",
      validate: [nonEmpty(), displayName(), slugName()],
    },
    space: {
      type: t.string(),
      required: true,
      gqlOutput: "space.id",
      doc: "ID of the space the template is in. Changing it moves the template in place.",
      validate: [nonEmpty()],
    },
    description: { type: t.string(), doc: "Description of the template." },
    labels: {
      type: t.set(t.string()),
      default: [],
      doc: "Labels of the template. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    ulid: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "ULID of the template, as Spacelift reports it.",
    },
    createdAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp at which the template was created.",
    },
    updatedAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp at which the template was last changed.",
    },
  },
  // The ID is the slug of the name, so Spacelift refuses a second template of one name itself; the
  // template there is found by that slug and recognised by its marker label.
  existing: {
    op: query("TemplateLookUp", "template", { id: arg.derived("ID!", (values) => slugOf(values["name"])) }),
    candidates: theObject,
    marker: "labels",
    createdAt: "createdAt",
    describe: (values) => `template ${quoted(values["name"])}`,
  },
  operations: {
    create: mutation("TemplateCreate", "templateCreate", { input: arg.input("TemplateCreateInput!") }),
    read: query("TemplateRead", "template", { id: arg.id() }),
    update: mutation("TemplateUpdate", "templateUpdate", {
      id: arg.id(),
      input: arg.input("TemplateUpdateInput!"),
    }),
    delete: mutation("TemplateDelete", "templateDelete", { id: arg.id() }),
  },
});
