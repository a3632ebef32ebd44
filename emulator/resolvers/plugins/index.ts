import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { orNotFound, rejected } from "../errors";
import { newUlid, slugify, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { byName } from "../search";
import { existingSpaceId, spaceDetails } from "../spaces";
import type { SpaceRecord } from "../spaceRecords";

/** A parameter a template's manifest defines (`PluginTemplateParameter`). */
export interface TemplateParameter {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly description: string | null;
  readonly sensitive: boolean;
  readonly required: boolean;
  readonly default: string | null;
}

/** A plugin template as stored. */
export interface PluginTemplateRecord {
  /** A ULID for the account's own templates, a slug for Spacelift's global ones. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly manifest: string;
  readonly parameters: readonly TemplateParameter[];
  readonly isGlobal: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

/** A plugin as stored. Parameter values are kept but no field ever returns them. */
export interface PluginRecord {
  readonly id: string;
  readonly name: string;
  readonly labels: readonly string[];
  readonly labelIdentifier: string;
  readonly space: string;
  readonly template: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

interface PluginTemplateCreateInput {
  readonly name: string;
  readonly description?: string | null;
  readonly manifest: string;
  readonly labels?: readonly string[] | null;
}

interface PluginInstallInput {
  readonly name?: string | null;
  readonly pluginTemplateID: string;
  readonly space: string;
  readonly labels?: readonly string[] | null;
  readonly labelIdentifier?: string | null;
  readonly parameters?: readonly { readonly id: string; readonly value: string }[] | null;
}

/**
 * Spacelift's own templates, available to every account. Only `infracost` is modelled: Spacelift's
 * Terraform provider installs it in its acceptance tests with the parameter `infracost_api_key`
 * (8565261, resource_plugin_test.go:24-28); that the key is required and sensitive is this
 * emulator's assumption.
 */
const GLOBAL_TEMPLATES: readonly PluginTemplateRecord[] = [
  {
    id: "infracost",
    name: "Infracost",
    description: "Estimates the cost of infrastructure changes.",
    labels: [],
    manifest: JSON.stringify({
      name: "infracost",
      parameters: [{ id: "infracost_api_key", name: "Infracost API key", required: true, sensitive: true }],
    }),
    parameters: [
      {
        id: "infracost_api_key",
        name: "Infracost API key",
        type: "string",
        description: null,
        sensitive: true,
        required: true,
        default: null,
      },
    ],
    isGlobal: true,
    createdAt: 0,
    updatedAt: 0,
  },
];

function templates(store: Store): Map<string, PluginTemplateRecord> {
  return store.collection<PluginTemplateRecord>("pluginTemplates");
}

function plugins(store: Store): Map<string, PluginRecord> {
  return store.collection<PluginRecord>("plugins");
}

function findTemplate(store: Store, id: string): PluginTemplateRecord | undefined {
  return templates(store).get(id) ?? GLOBAL_TEMPLATES.find((t) => t.id === id);
}

function optionalText(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw rejected(`manifest: ${what} must be a string`);
  return value;
}

function flag(value: unknown, what: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw rejected(`manifest: ${what} must be true or false`);
  return value;
}

/**
 * The parameters a manifest defines. Real manifests are YAML (Spacelift's `spaceforge` SDK writes
 * them); the emulator has no YAML parser among its dependencies and reads YAML's JSON form, which
 * is valid YAML too. A parameter's id defaults to its name, as in spaceforge.
 */
export function manifestParameters(manifest: string): TemplateParameter[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest);
  } catch {
    throw rejected("manifest is not valid: the emulator reads manifests written in YAML's JSON form");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw rejected("manifest must be a mapping");
  }
  const list = (parsed as Record<string, unknown>)["parameters"] ?? [];
  if (!Array.isArray(list)) throw rejected("manifest: parameters must be a list");
  const found = list.map((entry: unknown, i): TemplateParameter => {
    if (typeof entry !== "object" || entry === null)
      throw rejected(`manifest: parameters[${i}] must be a mapping`);
    const p = entry as Record<string, unknown>;
    const name = optionalText(p["name"], `parameters[${i}].name`);
    if (name === null || name.trim() === "") throw rejected(`manifest: parameters[${i}].name is required`);
    return {
      id: optionalText(p["id"], `parameters[${i}].id`) ?? name,
      name,
      type: optionalText(p["type"], `parameters[${i}].type`) ?? "string",
      description: optionalText(p["description"], `parameters[${i}].description`),
      sensitive: flag(p["sensitive"], `parameters[${i}].sensitive`),
      required: flag(p["required"], `parameters[${i}].required`),
      default: optionalText(p["default"], `parameters[${i}].default`),
    };
  });
  const ids = found.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw rejected(`manifest: parameter ${twice} is defined twice`);
  return found;
}

/**
 * The parameter values `pluginInstall` stores: each one the template defines, every required one
 * present. Messages name parameters, never values (they may be secrets).
 */
function checkedParameters(
  template: PluginTemplateRecord,
  given: PluginInstallInput["parameters"],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { id, value } of given ?? []) {
    if (!template.parameters.some((p) => p.id === id)) {
      throw rejected(`parameter ${id} is not defined by plugin template ${template.id}`);
    }
    if (id in values) throw rejected(`parameter ${id} is given twice`);
    values[id] = value;
  }
  for (const p of template.parameters) {
    if (p.required && !(p.id in values)) throw rejected(`required parameter ${p.id} is missing`);
  }
  return values;
}

const pluginQueries = {
  pluginTemplates: ((_parent, _args, ctx) =>
    ctx.viewer
      ? [...GLOBAL_TEMPLATES, ...[...templates(ctx.store).values()].sort(byName)]
      : []) satisfies FieldResolver<unknown, unknown, PluginTemplateRecord[]>,
  pluginTemplate: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return findTemplate(ctx.store, id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, PluginTemplateRecord | null>,
  plugins: ((_parent, _args, ctx) =>
    ctx.viewer ? [...plugins(ctx.store).values()].sort(byName) : []) satisfies FieldResolver<
    unknown,
    unknown,
    PluginRecord[]
  >,
  plugin: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return plugins(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, PluginRecord | null>,
};

const pluginMutations = {
  pluginTemplateCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    if (input.name.trim() === "") throw rejected("name must not be empty");
    if (input.manifest.trim() === "") throw rejected("manifest must not be empty");
    const now = ctx.now();
    const record: PluginTemplateRecord = {
      id: newUlid(now),
      name: input.name,
      description: input.description ?? null,
      labels: [...(input.labels ?? [])],
      manifest: input.manifest,
      parameters: manifestParameters(input.manifest),
      isGlobal: false,
      createdAt: unixSeconds(now),
      updatedAt: unixSeconds(now),
    };
    templates(ctx.store).set(record.id, record);
    return record;
  }) satisfies FieldResolver<unknown, { input: PluginTemplateCreateInput }, PluginTemplateRecord>,
  pluginTemplateDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    if (GLOBAL_TEMPLATES.some((t) => t.id === id))
      throw rejected(`plugin template ${id} is global and cannot be deleted`);
    const current = orNotFound(templates(ctx.store).get(id), "plugin template", id);
    const installed = [...plugins(ctx.store).values()].filter((p) => p.template === id).length;
    if (installed > 0) {
      throw rejected(
        `plugin template ${id} cannot be deleted while ${countOf(installed, "plugin", "plugins")} installed from it remain`,
      );
    }
    templates(ctx.store).delete(id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, PluginTemplateRecord>,
  pluginInstall: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    const template = orNotFound(
      findTemplate(ctx.store, input.pluginTemplateID),
      "plugin template",
      input.pluginTemplateID,
    );
    const parameters = checkedParameters(template, input.parameters);
    const now = ctx.now();
    const id = newUlid(now);
    const record: PluginRecord = {
      id,
      name: input.name ?? template.name,
      labels: [...(input.labels ?? [])],
      labelIdentifier: input.labelIdentifier ?? slugify(`${input.name ?? template.name}-${id}`),
      space: existingSpaceId(ctx.store, input.space, input.space),
      template: template.id,
      parameters,
      createdAt: unixSeconds(now),
      updatedAt: unixSeconds(now),
    };
    if (record.name.trim() === "") throw rejected("name must not be empty");
    if (record.labelIdentifier.trim() === "") throw rejected("labelIdentifier must not be empty");
    plugins(ctx.store).set(id, record);
    return record;
  }) satisfies FieldResolver<unknown, { input: PluginInstallInput }, PluginRecord>,
  pluginDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const current = orNotFound(plugins(ctx.store).get(id), "plugin", id);
    plugins(ctx.store).delete(id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, PluginRecord>,
};

/**
 * Plugins: templates whose manifests define parameters, and plugins installed from them with
 * values for those parameters (checked against the template, never returned). Spacelift's global
 * templates are available to every account and cannot be deleted.
 */
export const pluginsModule: DomainModule = {
  resolvers: {
    Query: pluginQueries,
    Mutation: pluginMutations,
    PluginTemplate: {
      slug: ((t) => (t.isGlobal ? t.id : slugify(t.name))) satisfies FieldResolver<
        PluginTemplateRecord,
        unknown,
        string
      >,
    },
    Plugin: {
      description: (() => null) satisfies FieldResolver<PluginRecord, unknown, null>,
      slug: ((p) => slugify(p.name)) satisfies FieldResolver<PluginRecord, unknown, string>,
      spaceDetails: ((p, _args, ctx) => spaceDetails(ctx.store, p.space)) satisfies FieldResolver<
        PluginRecord,
        unknown,
        SpaceRecord
      >,
      pluginTemplateDetails: ((p, _args, ctx) =>
        findTemplate(ctx.store, p.template) ?? null) satisfies FieldResolver<
        PluginRecord,
        unknown,
        PluginTemplateRecord | null
      >,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf([...plugins(store).values()].filter((p) => p.space === spaceId).length, "plugin", "plugins"),
};
