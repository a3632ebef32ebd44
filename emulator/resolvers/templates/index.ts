import { createHash } from "node:crypto";
import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { notFound, orNotFound, rejected, slugTaken } from "../errors";
import { newUlid, slugify, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { byName } from "../search";
import { findStack, saveStack } from "../stackRecords";
import { createStack } from "../stacks";
import { existingSpaceId, spaceDetailsField } from "../spaces";
import { parseBody, substitute, type BodyInput } from "./body";

type VersionState = "DRAFT" | "PUBLISHED";

interface TemplateInput {
  readonly space: string;
  readonly name: string;
  readonly description?: string | null;
  readonly labels: readonly string[];
}

interface TemplateVersionUpdateInput {
  readonly state: VersionState;
  readonly instructions?: string | null;
  readonly labels: readonly string[];
  readonly template?: string | null;
  readonly versionNumber: string;
}

interface TemplateVersionCreateInput extends TemplateVersionUpdateInput {
  readonly templateID: string;
}

interface InputPair {
  readonly id: string;
  readonly value: string;
}

interface DeploymentCreateInput {
  readonly space: string;
  readonly name: string;
  readonly description?: string | null;
  readonly inputs: readonly InputPair[];
}

interface DeploymentUpdateInput {
  readonly versionId?: string | null;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly inputs?: readonly InputPair[] | null;
}

/** A template as stored. */
interface TemplateRecord {
  /** A slug of the name it was created with (terraform-provider-spacelift 8565261's tests expect that). */
  readonly id: string;
  readonly ulid: string;
  readonly name: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

/** A template version as stored. */
interface VersionRecord {
  /**
   * `<templateId>-<ulid>`: terraform-provider-spacelift 8565261's tests expect a version's ID to
   * start with its template's, and its import splits the ULID off the end.
   */
  readonly id: string;
  readonly ulid: string;
  readonly template: string;
  readonly version: string;
  readonly state: VersionState;
  readonly instructions: string | null;
  readonly labels: readonly string[];
  readonly rawTemplate: string | null;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
  /** Unix seconds; null while a draft. */
  readonly publishedAt: number | null;
}

/** One input value of a deployment as stored: the value itself is kept to render stack names. */
interface DeploymentInputRecord {
  readonly id: string;
  readonly value: string;
  readonly secret: boolean;
}

/** A deployment as stored. */
interface DeploymentRecord {
  /** A slug of the name, unique within the template. */
  readonly id: string;
  readonly template: string;
  readonly version: string;
  readonly name: string;
  readonly description: string | null;
  readonly space: string;
  readonly inputs: readonly DeploymentInputRecord[];
  /** Ids of the stacks the deployment created. */
  readonly stacks: readonly string[];
  /** Unix seconds. */
  readonly createdAt: number;
}

function templates(store: Store): Map<string, TemplateRecord> {
  return store.collection<TemplateRecord>("templates");
}

function versions(store: Store): Map<string, VersionRecord> {
  return store.collection<VersionRecord>("templateVersions");
}

/** Deployments, keyed by `<templateId>/<deploymentId>`. */
function deployments(store: Store): Map<string, DeploymentRecord> {
  return store.collection<DeploymentRecord>("templateDeployments");
}

function existingTemplate(store: Store, id: string): TemplateRecord {
  return orNotFound(templates(store).get(id), "template", id);
}

/** The version with this ID, or with this ULID (Terraform's import asks for a version by its ULID). */
function findVersion(store: Store, id: string): VersionRecord | undefined {
  return versions(store).get(id) ?? [...versions(store).values()].find((v) => v.ulid === id);
}

function existingVersion(store: Store, id: string): VersionRecord {
  return orNotFound(findVersion(store, id), "template version", id);
}

function requireName(name: string): string {
  if (name.trim() === "") throw rejected("name must not be empty");
  return name;
}

function templateFromInput(
  store: Store,
  input: TemplateInput,
  id: string,
  current: TemplateRecord | undefined,
  nowMs: number,
): TemplateRecord {
  const now = unixSeconds(nowMs);
  return {
    id,
    ulid: current?.ulid ?? newUlid(nowMs),
    name: requireName(input.name),
    description: input.description ?? null,
    labels: [...input.labels],
    space: existingSpaceId(store, input.space, input.space),
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  };
}

/** A body's problems for publishing, as one message, or null when it can be published. */
function publishProblem(body: string | null): string | null {
  if (body === null || body.trim() === "") return "a published template version needs a template";
  const { errors } = parseBody(body);
  return errors.length === 0 ? null : `template is invalid: ${errors.join("; ")}`;
}

function versionFromInput(
  input: TemplateVersionUpdateInput,
  ulid: string,
  template: string,
  current: VersionRecord | undefined,
  nowMs: number,
): VersionRecord {
  if (input.versionNumber.trim() === "") throw rejected("versionNumber must not be empty");
  const body = input.template ?? null;
  if (current?.state === "PUBLISHED") {
    // A published version is what deployments were made from: it never changes again.
    if (input.state !== "PUBLISHED")
      throw rejected("cannot change the state of a published template version");
    if (body !== current.rawTemplate) {
      throw rejected("cannot modify the template of a published template version");
    }
  }
  if (input.state === "PUBLISHED") {
    const problem = publishProblem(body);
    if (problem !== null) throw rejected(problem);
  }
  const now = unixSeconds(nowMs);
  return {
    id: `${template}-${ulid}`,
    ulid,
    template,
    version: input.versionNumber,
    state: input.state,
    instructions: input.instructions ?? null,
    labels: [...input.labels],
    rawTemplate: body,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    publishedAt: input.state === "PUBLISHED" ? (current?.publishedAt ?? now) : null,
  };
}

function versionView(store: Store, record: VersionRecord) {
  const template = existingTemplate(store, record.template);
  return { ...record, space: template.space, name: template.name };
}

function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** The deployment's inputs for a published version: each declared input's value, secrets marked. */
function deploymentInputs(
  declared: readonly BodyInput[],
  given: readonly InputPair[],
): DeploymentInputRecord[] {
  for (const pair of given) {
    if (!declared.some((d) => d.id === pair.id)) {
      throw rejected(`input ${JSON.stringify(pair.id)} is not declared by the template version`);
    }
  }
  for (const input of declared) {
    if (input.default === null && !given.some((g) => g.id === input.id)) {
      throw rejected(`input ${JSON.stringify(input.id)} is required`);
    }
  }
  return given.map((pair) => ({
    id: pair.id,
    value: pair.value,
    secret: declared.find((d) => d.id === pair.id)?.type === "secret",
  }));
}

/** The stack names a published version renders for these inputs. */
function stackNames(version: VersionRecord, inputs: readonly DeploymentInputRecord[]): string[] {
  const parsed = parseBody(version.rawTemplate ?? "");
  const values = new Map<string, string>();
  for (const input of parsed.inputs) if (input.default !== null) values.set(input.id, input.default);
  for (const input of inputs) values.set(input.id, input.value);
  return parsed.stacks.map((s) => substitute(s.name, values));
}

function publishedVersionOf(store: Store, versionId: string): VersionRecord {
  const version = existingVersion(store, versionId);
  if (version.state !== "PUBLISHED") throw rejected("only a published template version can be deployed");
  return version;
}

/** Creates the deployment's stacks in its space; their slugs come from the rendered names. */
function createStacks(store: Store, nowMs: number, space: string, names: readonly string[]): string[] {
  return names.map(
    (name) =>
      createStack(
        store,
        { name, repository: "template", branch: "main", administrative: false, autodeploy: false, space },
        { manageState: true },
        nowMs,
      ).id,
  );
}

/**
 * The deployment's stacks after an upgrade or new inputs: the stacks the version declares in the
 * same position keep their IDs and take the newly rendered names (terraform-provider-spacelift
 * 8565261's test expects a renamed stack to keep its ID); extra ones are created, missing ones deleted.
 */
function restack(store: Store, nowMs: number, current: DeploymentRecord, names: readonly string[]): string[] {
  const kept = current.stacks.slice(0, names.length);
  kept.forEach((id, index) => {
    const stack = findStack(store, nowMs, id);
    if (stack && stack.name !== names[index]) saveStack(store, { ...stack, name: names[index]! });
  });
  deleteStacks(store, nowMs, current.stacks.slice(names.length));
  return [...kept, ...createStacks(store, nowMs, current.space, names.slice(kept.length))];
}

/** Deletes the deployment's stacks at once (they manage nothing the emulator knows of). */
function deleteStacks(store: Store, nowMs: number, ids: readonly string[]): void {
  for (const id of ids) {
    const stack = findStack(store, nowMs, id);
    if (stack) saveStack(store, { ...stack, deleteAt: nowMs });
  }
  // Reading the collection completes deletions that are due.
  for (const id of ids) findStack(store, nowMs, id);
}

function deploymentKey(templateId: string, id: string): string {
  return `${templateId}/${id}`;
}

function existingDeployment(store: Store, templateId: string, id: string): DeploymentRecord {
  return orNotFound(deployments(store).get(deploymentKey(templateId, id)), "template deployment", id);
}

function deploymentView(record: DeploymentRecord) {
  return {
    ...record,
    // Finished at once: the emulator runs nothing, so a deployment's stacks exist as soon as it does.
    state: "FINISHED",
    inputs: record.inputs.map((i) => ({
      id: i.id,
      value: i.secret ? "" : i.value,
      secret: i.secret,
      checksum: sha256(i.value),
    })),
  };
}

type DeploymentView = ReturnType<typeof deploymentView>;

const queries = {
  template: ((_p, { id }, ctx) => {
    requireViewer(ctx);
    return templates(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, TemplateRecord | null>,
  templateDeployment: ((_p, { id, templateID }, ctx) => {
    requireViewer(ctx);
    const found = deployments(ctx.store).get(deploymentKey(templateID, id));
    return found ? deploymentView(found) : null;
  }) satisfies FieldResolver<unknown, { id: string; templateID: string }, DeploymentView | null>,
  templateVersionParseTemplate: ((_p, { template }, ctx) => {
    requireViewer(ctx);
    const { inputs, errors } = parseBody(template);
    return { inputs, errors };
  }) satisfies FieldResolver<unknown, { template: string }, { inputs: BodyInput[]; errors: string[] }>,
};

const mutations = {
  templateCreate: ((_p, { input }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const slug = slugify(requireName(input.name));
    if (!slug) throw rejected("name must contain at least one letter or digit");
    if (templates(ctx.store).has(slug)) throw slugTaken("template", slug);
    const record = templateFromInput(ctx.store, input, slug, undefined, nowMs);
    templates(ctx.store).set(record.id, record);
    return record;
  }) satisfies FieldResolver<unknown, { input: TemplateInput }, TemplateRecord>,
  templateUpdate: ((_p, { id, input }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const record = templateFromInput(ctx.store, input, id, existingTemplate(ctx.store, id), nowMs);
    templates(ctx.store).set(id, record);
    return record;
  }) satisfies FieldResolver<unknown, { id: string; input: TemplateInput }, TemplateRecord>,
  templateDelete: ((_p, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingTemplate(ctx.store, id);
    const deployed = [...deployments(ctx.store).values()].filter((d) => d.template === id).length;
    if (deployed > 0) throw rejected(`template ${id} has ${deployed} deployment(s); delete them first`);
    for (const version of [...versions(ctx.store).values()]) {
      if (version.template === id) versions(ctx.store).delete(version.id);
    }
    templates(ctx.store).delete(id);
    return current;
  }) satisfies FieldResolver<unknown, { id: string }, TemplateRecord>,
  templateVersionCreate: ((_p, { input }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const template = existingTemplate(ctx.store, input.templateID);
    const record = versionFromInput(input, newUlid(nowMs), template.id, undefined, nowMs);
    if (
      [...versions(ctx.store).values()].some(
        (v) => v.template === template.id && v.version === record.version,
      )
    ) {
      throw rejected(`template ${template.id} already has a version ${record.version}`);
    }
    versions(ctx.store).set(record.id, record);
    return versionView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { input: TemplateVersionCreateInput }, unknown>,
  templateVersionUpdate: ((_p, { id, input }, ctx) => {
    requireViewer(ctx);
    const current = existingVersion(ctx.store, id);
    const record = versionFromInput(input, current.ulid, current.template, current, ctx.now());
    if (
      [...versions(ctx.store).values()].some(
        (v) => v.template === record.template && v.version === record.version && v.id !== record.id,
      )
    ) {
      throw rejected(`template ${record.template} already has a version ${record.version}`);
    }
    versions(ctx.store).set(record.id, record);
    return versionView(ctx.store, record);
  }) satisfies FieldResolver<unknown, { id: string; input: TemplateVersionUpdateInput }, unknown>,
  templateVersionDelete: ((_p, { id }, ctx) => {
    requireViewer(ctx);
    const current = existingVersion(ctx.store, id);
    if ([...deployments(ctx.store).values()].some((d) => d.version === current.id)) {
      throw rejected(`template version ${current.id} is deployed; delete or upgrade its deployments first`);
    }
    const answer = versionView(ctx.store, current);
    versions(ctx.store).delete(current.id);
    return answer;
  }) satisfies FieldResolver<unknown, { id: string }, unknown>,
  templateDeploymentCreate: ((_p, { id, input }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const version = publishedVersionOf(ctx.store, id);
    const space = existingSpaceId(ctx.store, input.space, input.space);
    const slug = slugify(requireName(input.name));
    if (!slug) throw rejected("name must contain at least one letter or digit");
    if (deployments(ctx.store).has(deploymentKey(version.template, slug))) {
      throw rejected(`template deployment ${slug} already exists`);
    }
    const inputs = deploymentInputs(parseBody(version.rawTemplate ?? "").inputs, input.inputs);
    const record: DeploymentRecord = {
      id: slug,
      template: version.template,
      version: version.id,
      name: input.name,
      description: input.description ?? null,
      space,
      inputs,
      stacks: createStacks(ctx.store, nowMs, space, stackNames(version, inputs)),
      createdAt: unixSeconds(nowMs),
    };
    deployments(ctx.store).set(deploymentKey(record.template, record.id), record);
    return deploymentView(record);
  }) satisfies FieldResolver<unknown, { id: string; input: DeploymentCreateInput }, DeploymentView>,
  templateDeploymentUpdate: ((_p, { id, templateID, input }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const current = existingDeployment(ctx.store, templateID, id);
    const version = publishedVersionOf(ctx.store, input.versionId ?? current.version);
    if (version.template !== current.template) {
      throw rejected("a deployment can only move to another version of its own template");
    }
    const pairs = input.inputs ?? current.inputs.map(({ id: inputId, value }) => ({ id: inputId, value }));
    const inputs = deploymentInputs(parseBody(version.rawTemplate ?? "").inputs, pairs);
    const stacks = restack(ctx.store, nowMs, current, stackNames(version, inputs));
    const record: DeploymentRecord = {
      ...current,
      version: version.id,
      name: input.name != null ? requireName(input.name) : current.name,
      description:
        input.description !== undefined && input.description !== null
          ? input.description
          : current.description,
      inputs,
      stacks,
    };
    deployments(ctx.store).set(deploymentKey(templateID, id), record);
    return deploymentView(record);
  }) satisfies FieldResolver<
    unknown,
    { id: string; templateID: string; input: DeploymentUpdateInput },
    DeploymentView
  >,
  templateDeploymentDelete: ((_p, { id, templateID }, ctx) => {
    requireViewer(ctx);
    const current = existingDeployment(ctx.store, templateID, id);
    deleteStacks(ctx.store, ctx.now(), current.stacks);
    deployments(ctx.store).delete(deploymentKey(templateID, id));
    return deploymentView(current);
  }) satisfies FieldResolver<unknown, { id: string; templateID: string }, DeploymentView>,
};

/**
 * Templates, their versions and deployments. A published version never changes again (its body
 * and state are refused); a deployment renders a published version's stacks into a space, with the
 * inputs given, and reports secret inputs by checksum only.
 */
export const templatesModule: DomainModule = {
  resolvers: {
    Query: queries,
    Mutation: mutations,
    Template: {
      space: spaceDetailsField,
      templateVersion: ((t, { id }, ctx) => {
        const found = findVersion(ctx.store, id);
        return found?.template === t.id ? versionView(ctx.store, found) : null;
      }) satisfies FieldResolver<TemplateRecord, { id: string }, unknown>,
      versions: ((t, _args, ctx) =>
        [...versions(ctx.store).values()]
          .filter((v) => v.template === t.id)
          .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
          .map((v) => versionView(ctx.store, v))) satisfies FieldResolver<TemplateRecord, unknown, unknown>,
    },
    TemplateVersion: { space: spaceDetailsField },
    TemplateDeployment: {
      space: spaceDetailsField,
      template: ((d, _args, ctx) => existingTemplate(ctx.store, d.template)) satisfies FieldResolver<
        DeploymentRecord,
        unknown,
        TemplateRecord
      >,
      templateVersion: ((d, _args, ctx) => {
        const version = versions(ctx.store).get(d.version);
        if (!version) throw notFound("template version", d.version);
        return versionView(ctx.store, version);
      }) satisfies FieldResolver<DeploymentRecord, unknown, unknown>,
      stacks: ((d, _args, ctx) =>
        d.stacks
          .map((s) => findStack(ctx.store, ctx.now(), s))
          .filter((s) => s !== undefined)) satisfies FieldResolver<DeploymentRecord, unknown, unknown>,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf(
      [...templates(store).values()].sort(byName).filter((t) => t.space === spaceId).length,
      "template",
      "templates",
    ),
};
