import { displayName, label, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { quoted, recordsOf } from "../existing";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";

/** The blueprints a name search returned (its edges' nodes) that carry the program's name. */
function namedNodes(result: JsonValue, values: Values): JsonObject[] {
  return recordsOf(result)
    .map((edge) => edge["node"])
    .filter((node): node is JsonObject => isRecord(node) && node["name"] === values["name"]);
}

/**
 * Blueprint: a stack template. Operations follow Bruno's Blueprints requests and
 * terraform-provider-spacelift v1.9.3 (resource_blueprint.go), which agree on them. The template is
 * read back from `rawTemplate`, as that provider and spacectl read it; Bruno's Get Blueprint selects
 * `template { template }` instead, which no Spacelift client uses and whose type no source gives.
 */
export const blueprint = defineResource({
  kind: "Blueprint",
  doc:
    "A **blueprint**: a YAML template with inputs from which users create stacks in the Spacelift UI or API. " +
    "A `PUBLISHED` blueprint can be used; a `DRAFT` one cannot. Programs that manage stacks directly should " +
    "prefer `Stack`.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the blueprint.",
      validate: [nonEmpty(), displayName()],
    },
    space: {
      type: t.string(),
      required: true,
      gqlOutput: "space.id",
      doc: "ID of the space the blueprint is in. Changing it moves the blueprint in place.",
      validate: [nonEmpty()],
    },
    description: { type: t.string(), doc: "Description of the blueprint." },
    state: {
      type: t.enum(["DRAFT", "PUBLISHED"]),
      required: true,
      doc: "`DRAFT` or `PUBLISHED`. Spacelift refuses to publish a blueprint without a `template`.",
    },
    labels: {
      type: t.set(t.string()),
      doc: "Labels of the blueprint. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    template: {
      type: t.string(),
      replaceOnChange: true,
      gqlOutput: "rawTemplate",
      doc: "Body of the blueprint (YAML); required when `state` is `PUBLISHED`. Changing it replaces the blueprint.",
    },
  },
  // Blueprint ids are generated, so Spacelift accepts a second blueprint of one name: the first
  // create in a process searches them by name once and recognises its own by its marker label.
  existing: {
    op: query(
      "BlueprintSearch",
      "searchBlueprints",
      {
        input: arg.derived("SearchInput!", (values) => ({
          first: 50,
          predicates: [{ field: "name", constraint: { stringMatches: [values["name"] ?? ""] } }],
        })),
      },
      {
        path: [{ field: "edges", args: {} }],
        selection: ["node.id", "node.name", "node.labels", "node.createdAt"],
      },
    ),
    candidates: namedNodes,
    marker: "labels",
    createdAt: "createdAt",
    lookFirst: "listOnce",
    describe: (values) => `blueprint ${quoted(values["name"])}`,
  },
  operations: {
    create: mutation("BlueprintCreate", "blueprintCreate", { input: arg.input("BlueprintCreateInput!") }),
    read: query("BlueprintRead", "blueprint", { id: arg.id() }),
    update: mutation("BlueprintUpdate", "blueprintUpdate", {
      id: arg.id(),
      input: arg.input("BlueprintCreateInput!"),
    }),
    delete: mutation("BlueprintDelete", "blueprintDelete", { id: arg.id() }),
  },
});
