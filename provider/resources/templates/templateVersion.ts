import { nonEmpty } from "../../engine/constraints";
import {
  arg,
  defineResource,
  mutation,
  query,
  type CompositeIdSpec,
  type CreatePreparation,
} from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * `<templateId>-<versionUlid>`, the import ID of Terraform's `spacelift_template_version`
 * (terraform-provider-spacelift 8565261, resource_template_version.go:238-250), which is also the
 * ID Spacelift gives the version (that provider's deployment test expects a version ID to start
 * with its template's). A ULID is always 26 characters, so the template ID is everything before
 * the last dash and 26 characters.
 */
export const templateVersionId: CompositeIdSpec = {
  format: "<templateId>-<versionUlid>",
  compose: (v) =>
    typeof v["templateId"] === "string" && typeof v["ulid"] === "string"
      ? `${v["templateId"]}-${v["ulid"]}`
      : undefined,
  parse: (id) => {
    if (id.length < 28 || id[id.length - 27] !== "-") return undefined;
    const ulid = id.slice(id.length - 26);
    return ULID.test(ulid) ? { templateId: id.slice(0, id.length - 27), ulid } : undefined;
  },
};

/**
 * Before a published version is created, its body goes through `templateVersionParseTemplate`, as
 * Terraform's plan does (resource_template_version.go:31-46), so that every problem of the body is
 * listed at once, under the argument's name, rather than the create's first refusal.
 */
const parseBeforePublishing: CreatePreparation = {
  when: (values) => values["state"] === "PUBLISHED" && typeof values["template"] === "string",
  op: query(
    "TemplateVersionParse",
    "templateVersionParseTemplate",
    { template: arg.field("template", "String!") },
    { selection: ["errors"] },
  ),
  use: (answer: JsonValue): Promise<Values> => {
    const errors = isRecord(answer) && Array.isArray(answer["errors"]) ? answer["errors"] : [];
    if (errors.length > 0) {
      return Promise.reject(
        new Error(`template: Spacelift cannot publish this body:\n - ${errors.map(String).join("\n - ")}`),
      );
    }
    return Promise.resolve({});
  },
};

/** The update input has no `templateID`: a version never moves to another template. */
function withoutTemplate(input: JsonObject): JsonObject {
  const rest: JsonObject = { ...input };
  delete rest["templateID"];
  return rest;
}

/**
 * TemplateVersion: one body of a template, as `spacelift_template_version`
 * (terraform-provider-spacelift 8565261, resource_template_version.go): `templateVersionCreate`,
 * `template(id) { templateVersion(id) }`, `templateVersionUpdate(id)`, `templateVersionDelete(id)`.
 * Terraform always sends `labels: []`, which its schema does not expose; so does this descriptor.
 * Terraform refuses in its plan to change a published version's state or body; here Spacelift's
 * own refusal of that update is what the program sees.
 */
export const templateVersion = defineResource({
  kind: "TemplateVersion",
  officialClass: false,
  doc:
    "A **template version**: one body (YAML declaring inputs and stacks) of a `Template`, a `DRAFT` until it is " +
    "`PUBLISHED`. A published version can be deployed with `TemplateDeployment` and is immutable: Spacelift " +
    "refuses to change its `template` or to turn it back into a draft (its `versionNumber` and `instructions` " +
    "may still change). Its ID is `<templateId>-<versionUlid>`.",
  fields: {
    templateId: {
      type: t.string(),
      gqlInput: "templateID",
      gqlOutput: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the template the version belongs to.",
      validate: [nonEmpty()],
    },
    versionNumber: {
      type: t.string(),
      gqlOutput: "version",
      required: true,
      doc: 'Version number, e.g. `"1.0.0"`.',
      validate: [nonEmpty()],
    },
    state: {
      type: t.enum(["DRAFT", "PUBLISHED"]),
      required: true,
      doc: "`DRAFT` or `PUBLISHED`. Publishing needs a `template` that Spacelift can parse; a published version stays published.",
    },
    template: {
      type: t.string(),
      gqlOutput: "rawTemplate",
      doc: "Body of the version (YAML). Required when `state` is `PUBLISHED`; cannot change once published.",
    },
    instructions: { type: t.string(), doc: "Instructions shown to whoever deploys the version." },
    ulid: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "ULID of the version; the last part of its ID.",
    },
    createdAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp at which the version was created.",
    },
    updatedAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp at which the version was last changed.",
    },
    publishedAt: {
      type: t.int(),
      computed: true,
      doc: "Unix timestamp at which the version was published; unset for a draft.",
    },
  },
  id: templateVersionId,
  operations: {
    beforeCreate: [parseBeforePublishing],
    create: mutation("TemplateVersionCreate", "templateVersionCreate", {
      input: arg.input("TemplateVersionCreateInput!", { labels: [] }),
    }),
    read: query(
      "TemplateVersionRead",
      "template",
      { id: arg.field("templateId", "ID!", "templateId") },
      { path: [{ field: "templateVersion", args: { id: arg.field("ulid", "ID!", "versionId") } }] },
    ),
    update: mutation(
      "TemplateVersionUpdate",
      "templateVersionUpdate",
      { id: arg.id(), input: arg.input("TemplateVersionUpdateInput!", { labels: [] }) },
      { shapeInput: withoutTemplate },
    ),
    delete: mutation("TemplateVersionDelete", "templateVersionDelete", { id: arg.id() }),
  },
});
