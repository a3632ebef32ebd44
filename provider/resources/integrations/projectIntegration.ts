/**
 * What the per-stack integrations (the legacy AWS role, the GCP service account) share: they hang
 * off a stack or a module, `stack(id) { integrations { ... } }` or `module(id) { ... }`, and
 * Spacelift's Terraform provider gives them the stack's or module's own ID, importing them as
 * `stack/<id>` or `module/<id>` (integration_importer.go).
 *
 * @packageDocumentation
 */

import { nonEmpty } from "../../engine/constraints";
import {
  arg,
  query,
  variants,
  type ArgDef,
  type CompositeIdSpec,
  type FieldSpec,
} from "../../engine/descriptor";
import { t, type StringType } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";

type Target = "stack" | "module";

const TYPENAME: Readonly<Record<Target, string>> = { stack: "Stack", module: "Module" };

/**
 * The `stackId` or `moduleId` argument. The read returns the stack or the module itself, whose
 * `__typename` says which of the two it is.
 */
export function projectTarget(kind: Target, what: string): FieldSpec<StringType> {
  return {
    type: t.string(),
    gql: false,
    replaceOnChange: true,
    readFrom: {
      select: "id __typename",
      read: (obj: JsonObject) => (obj["__typename"] === TYPENAME[kind] ? obj["id"] : undefined),
    },
    doc: `ID of the ${kind} ${what}. Set exactly one of \`stackId\` and \`moduleId\`; changing it replaces the resource.`,
    validate: [nonEmpty()],
  };
}

/** The stack or module id: from the arguments, or from a bare ID that `get` was given. */
export function projectId(values: Values): JsonValue | undefined {
  return values["moduleId"] ?? values["stackId"] ?? values["projectId"];
}

/** The id argument of the mutations, which take a stack or a module id alike. */
export const PROJECT_ID: ArgDef = arg.derived("ID!", projectId);

/**
 * The ID: the stack's or module's own, as Terraform's. `get` also takes Terraform's import form,
 * `stack/<id>` or `module/<id>`; a bare ID is taken as a stack's, as Terraform's read does when
 * its state names no module. Stack and module ids are slugs, so they never hold a slash.
 */
export const PROJECT_ID_SPEC: CompositeIdSpec = {
  format: "<stackOrModuleId>",
  compose: (values) => {
    const id = values["stackId"] ?? values["moduleId"];
    return typeof id === "string" ? id : undefined;
  },
  parse(id): Values | undefined {
    const slash = id.indexOf("/");
    if (slash === -1) return id === "" ? undefined : { projectId: id };
    const [prefix, rest] = [id.slice(0, slash), id.slice(slash + 1)];
    if (rest === "" || rest.includes("/")) return undefined;
    if (prefix === "stack") return { stackId: rest };
    if (prefix === "module") return { moduleId: rest };
    return undefined;
  },
};

/** `hooks.selectVariant`: the module read when the values name a module, the stack read otherwise. */
export function stackOrModule(values: Values): string {
  return values["moduleId"] !== undefined ? "module" : "stack";
}

/** The read: `stack(id)` or `module(id)` with the named integration's `activated` flag. */
export function projectRead(name: string, integration: string) {
  const extraSelection = [`integrations.${integration}.activated`];
  return variants({
    stack: query(`${name}StackRead`, "stack", { id: PROJECT_ID }, { extraSelection }),
    module: query(`${name}ModuleRead`, "module", { id: PROJECT_ID }, { extraSelection }),
  });
}

/** True when the stack or module read has the integration `activated` (otherwise it reads as gone). */
export function activated(integration: string): (raw: Values) => boolean {
  return (raw) => {
    const integrations = raw["integrations"];
    const item = isRecord(integrations) ? (integrations as JsonObject)[integration] : undefined;
    return isRecord(item) && (item as JsonObject)["activated"] === true;
  };
}
