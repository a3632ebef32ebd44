import {
  GraphQLError,
  buildSchema,
  coerceInputValue,
  isInputType,
  isNonNullType,
  type GraphQLSchema,
} from "graphql";
import { attachContext, attachPolicy } from "./resolvers/attachments";
import {
  attachAwsIntegration,
  createAwsIntegration,
  type AwsIntegrationArgs,
} from "./resolvers/awsIntegrations";
import {
  attachAzureIntegration,
  createAzureIntegration,
  type AzureIntegrationCreateArgs,
} from "./resolvers/integrations/azureIntegrations";
import {
  vcsIntegrationsSeedSection,
  type VcsIntegrationInput,
} from "./resolvers/integrations/vcsIntegrations";
import { upsertConfig, type ConfigInput } from "./resolvers/configRecords";
import { createContext, type ContextInput } from "./resolvers/contexts";
import { saveDriftDetection, type DriftDetectionInput } from "./resolvers/driftDetection";
import { createModule, type ModuleCreateInput, type ModuleUpdateInput } from "./resolvers/modules";
import { createVersion } from "./resolvers/registry/moduleVersions";
import { createNamedWebhook, type NamedWebhooksIntegrationInput } from "./resolvers/namedWebhooks";
import { createPolicy, type PolicyCreateInput } from "./resolvers/policies";
import { ROOT_SPACE_ID } from "./resolvers/spaceRecords";
import { createSpace, type SpaceInput } from "./resolvers/spaces";
import {
  createDependency,
  findDependencyBetween,
  saveReference,
  type StackDependencyInput,
  type StackDependencyReferenceInput,
} from "./resolvers/stackDependencies";
import { createStack, type StackInput } from "./resolvers/stacks";
import { slugify } from "./resolvers/ids";
import { createWebhook, type WebhooksIntegrationInput } from "./resolvers/webhooks";
import { createWorkerPool, type WorkerPoolArgs } from "./resolvers/workerPools";
import { loadTypeDefs } from "./schema";
import type { Store } from "./store";

/**
 * Objects to put into the emulator directly, without going through the API (the
 * `/_emulator/seed` test control and tests use it). Every section is optional. Sections are
 * created in the order of this interface, so an object may refer to one created by an earlier
 * section of the same seed (a stack to a seeded space, an attachment to a seeded stack).
 *
 * Items take the fields of the API's own input types, with friendly defaults for the fields a
 * test rarely cares about, and are checked against the schema exactly like API input.
 */
export interface SeedInput {
  /** Spaces. */
  readonly spaces?: readonly SeedSpace[];
  /** Stacks, with their config elements. */
  readonly stacks?: readonly SeedStack[];
  /** Modules, with their config elements. */
  readonly modules?: readonly SeedModule[];
  /** Contexts, with their config elements. */
  readonly contexts?: readonly SeedContext[];
  /** Policies. */
  readonly policies?: readonly SeedPolicy[];
  /** Contexts attached to stacks or modules. */
  readonly contextAttachments?: readonly SeedContextAttachment[];
  /** Policies attached to stacks or modules. */
  readonly policyAttachments?: readonly SeedPolicyAttachment[];
  /** Drift detection of stacks or modules (at most one each). */
  readonly driftDetections?: readonly SeedDriftDetection[];
  /** Dependencies between stacks. */
  readonly stackDependencies?: readonly SeedStackDependency[];
  /** References of stack dependencies. */
  readonly stackDependencyReferences?: readonly SeedStackDependencyReference[];
  /** Worker pools. */
  readonly workerPools?: readonly SeedWorkerPool[];
  /** Named webhooks (of a space). */
  readonly namedWebhooks?: readonly SeedNamedWebhook[];
  /** AWS integrations. */
  readonly awsIntegrations?: readonly SeedAwsIntegration[];
  /** Webhooks of stacks or modules. */
  readonly webhooks?: readonly SeedWebhook[];
  /** AWS integrations attached to stacks or modules. */
  readonly awsIntegrationAttachments?: readonly SeedAwsIntegrationAttachment[];
  /** Azure integrations. */
  readonly azureIntegrations?: readonly SeedAzureIntegration[];
  /** Azure integrations attached to stacks or modules. */
  readonly azureIntegrationAttachments?: readonly SeedAzureIntegrationAttachment[];
  /** Published versions of modules. */
  readonly moduleVersions?: readonly SeedModuleVersion[];
  /** VCS integrations besides the account's default ones (`VcsIntegrationInput`). */
  readonly vcsIntegrations?: readonly VcsIntegrationInput[];
}

/**
 * A module version: the `versionCreate` arguments (`module`, optional `commitSha` and `version`).
 * `id` chooses the version's id.
 */
export interface SeedModuleVersion {
  readonly module: string;
  readonly commitSha?: string;
  readonly version?: string;
  readonly id?: string;
}

/**
 * A space: `SpaceInput` fields; `description` defaults to "", `inheritEntities` to false and
 * `parentSpace` to `root`. `id` chooses the space's id, which the API never lets a client do, so
 * that other seeded objects can refer to the space.
 */
export type SeedSpace = Partial<SpaceInput> & { readonly name: string; readonly id?: string };

/**
 * A stack: `StackInput` fields; `repository` defaults to the name's slug, `branch` to `main`,
 * `administrative` and `autodeploy` to false. `slug` and `manageState` (default true) are the
 * `stackCreate` arguments of the same names; `config` adds config elements (`ConfigInput`).
 */
export type SeedStack = Partial<StackInput> & {
  readonly name: string;
  readonly slug?: string;
  readonly manageState?: boolean;
  readonly config?: readonly ConfigInput[];
};

/**
 * A module: `ModuleCreateInput` fields, with `updateInput` optional (its `branch` defaults to
 * `main`). `config` adds config elements (`ConfigInput`).
 */
export type SeedModule = Omit<ModuleCreateInput, "updateInput"> & {
  readonly updateInput?: Partial<ModuleUpdateInput>;
  readonly config?: readonly ConfigInput[];
};

/** A context: `ContextInput` fields, with `config` for its config elements (`ConfigInput`). */
export type SeedContext = Omit<ContextInput, "configAttachments"> & {
  readonly config?: readonly ConfigInput[];
};

/** A policy: `PolicyCreateInput` fields; `body` defaults to `package spacelift`. */
export type SeedPolicy = Omit<PolicyCreateInput, "body"> & { readonly body?: string };

/** A context attachment: context id, stack or module id, priority (default 0). */
export interface SeedContextAttachment {
  readonly context: string;
  readonly stack: string;
  readonly priority?: number;
}

/** A policy attachment: policy id and stack or module id. */
export interface SeedPolicyAttachment {
  readonly policy: string;
  readonly stack: string;
}

/**
 * A worker pool: the arguments of `workerPoolCreate`; `certificateSigningRequest` defaults to the
 * Base64 of a placeholder CSR. `id` chooses the pool's id.
 */
export interface SeedWorkerPool {
  readonly name: string;
  readonly id?: string;
  readonly certificateSigningRequest?: string;
  readonly description?: string;
  readonly labels?: readonly string[];
  readonly space?: string;
  readonly driftDetectionRunLimit?: number;
}

/**
 * A named webhook: `NamedWebhooksIntegrationInput` fields; `enabled` defaults to true, `space` to
 * `root` and `labels` to none. `id` chooses the webhook's id.
 */
export type SeedNamedWebhook = Partial<NamedWebhooksIntegrationInput> & {
  readonly name: string;
  readonly endpoint: string;
  readonly id?: string;
};

/**
 * An AWS integration: the arguments of `awsIntegrationCreate`; `generateCredentialsInWorker`
 * defaults to false and `labels` to none. `id` chooses the integration's id.
 */
export type SeedAwsIntegration = Partial<AwsIntegrationArgs> & {
  readonly name: string;
  readonly roleArn: string;
  readonly id?: string;
};

/**
 * An Azure integration: the arguments of `azureIntegrationCreate`; `labels` defaults to none. `id`
 * chooses the integration's id.
 */
export type SeedAzureIntegration = Partial<AzureIntegrationCreateArgs> & {
  readonly name: string;
  readonly tenantID: string;
  readonly id?: string;
};

/**
 * An Azure integration attachment: integration id, stack or module id, `read`/`write` (default
 * true) and an optional `subscriptionId`.
 */
export interface SeedAzureIntegrationAttachment {
  readonly integration: string;
  readonly stack: string;
  readonly read?: boolean;
  readonly write?: boolean;
  readonly subscriptionId?: string;
}

/**
 * A webhook of a stack or module: its id in `stack`, and `WebhooksIntegrationInput` fields
 * (`enabled` defaults to true, `secret` to ""). `id` chooses the webhook's id.
 */
export type SeedWebhook = Partial<WebhooksIntegrationInput> & {
  readonly stack: string;
  readonly endpoint: string;
  readonly id?: string;
};

/** An AWS integration attachment: integration id, stack or module id, `read`/`write` (default true). */
export interface SeedAwsIntegrationAttachment {
  readonly integration: string;
  readonly stack: string;
  readonly read?: boolean;
  readonly write?: boolean;
}

/**
 * Drift detection: `DriftDetectionIntegrationInput` fields for the stack or module `stack`;
 * `reconcile` and `ignoreState` default to false. Its id is the stack's.
 */
export type SeedDriftDetection = Partial<DriftDetectionInput> & {
  readonly stack: string;
  readonly schedule: readonly string[];
};

/** A stack dependency: `StackDependencyInput` fields. */
export type SeedStackDependency = StackDependencyInput;

/**
 * A reference: `StackDependencyReferenceInput` fields (`triggerAlways` defaults to false) on the
 * dependency of stack `stackId` on stack `dependsOnStackId`, which must exist.
 */
export type SeedStackDependencyReference = Partial<StackDependencyReferenceInput> & {
  readonly stackId: string;
  readonly dependsOnStackId: string;
  readonly outputName: string;
  readonly inputName: string;
};

/** Ids of the seeded objects, per section, in input order (attachment ids for attachments). */
export type SeedResult = { readonly [K in keyof SeedInput]?: readonly string[] };

/**
 * One section of {@link SeedInput}: creates the objects of one key. Another domain seeds its
 * objects by adding its key to `SeedInput` and a section to {@link SEED_SECTIONS}.
 */
export interface SeedSection {
  readonly key: keyof SeedInput;
  /** Creates one item (still unchecked input) and returns its id. */
  readonly create: (store: Store, item: unknown, nowMs: number, where: string) => string;
}

/**
 * Checks a seed item against an input type of the schema, as the API checks variables, after
 * filling in `defaults` for absent fields. Returns the coerced value.
 */
export function coerceSeedItem<T>(
  typeName: string,
  item: Record<string, unknown>,
  defaults: Record<string, unknown>,
  where: string,
): T {
  const type = seedSchema().getType(typeName);
  if (!type || !isInputType(type)) {
    throw new Error(`seed: ${typeName} is not an input type of the schema`);
  }
  const problems: string[] = [];
  const value = coerceInputValue({ ...defaults, ...item }, type, (path, _invalid, error) => {
    problems.push(
      path.length > 0 ? `${where}.${path.join(".")}: ${error.message}` : `${where}: ${error.message}`,
    );
  });
  if (problems.length > 0) {
    throw new Error(`seed: ${problems.join("; ")}`);
  }
  return value as T;
}

/**
 * Checks a seed item against the arguments of a mutation that takes scalars rather than an input
 * object (e.g. `workerPoolCreate`), as the API checks variables, after filling in `defaults`.
 * Returns the coerced arguments by name.
 */
export function coerceSeedArgs<T>(
  mutation: string,
  item: Record<string, unknown>,
  defaults: Record<string, unknown>,
  where: string,
): T {
  const field = seedSchema().getMutationType()?.getFields()[mutation];
  if (!field) {
    throw new Error(`seed: ${mutation} is not a mutation of the schema`);
  }
  const values: Record<string, unknown> = { ...defaults, ...item };
  const known = new Set(field.args.map((a) => a.name));
  const problems = Object.keys(values)
    .filter((key) => !known.has(key))
    .map((key) => `${where}.${key}: not an argument of ${mutation}`);
  const out: Record<string, unknown> = {};
  for (const arg of field.args) {
    const value = values[arg.name];
    if (value === undefined) {
      if (isNonNullType(arg.type)) {
        problems.push(`${where}.${arg.name}: required`);
      }
      continue;
    }
    out[arg.name] = coerceInputValue(value, arg.type, (path, _invalid, error) => {
      problems.push(`${where}.${[arg.name, ...path].join(".")}: ${error.message}`);
    });
  }
  if (problems.length > 0) {
    throw new Error(`seed: ${problems.join("; ")}`);
  }
  return out as T;
}

let cachedSchema: GraphQLSchema | undefined;

function seedSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(loadTypeDefs());
  return cachedSchema;
}

function asObject(item: unknown, where: string): Record<string, unknown> {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new Error(`seed: ${where} must be an object`);
  }
  return { ...(item as Record<string, unknown>) };
}

/** Removes `key` from `fields` and returns it; undefined when absent. */
function take(fields: Record<string, unknown>, key: string): unknown {
  const value = fields[key];
  delete fields[key];
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value !== undefined && typeof value !== "string") {
    throw new Error(`seed: ${where} must be a string`);
  }
  return value;
}

function configList(value: unknown, where: string): ConfigInput[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new Error(`seed: ${where} must be a list of ConfigInput`);
  }
  return value.map((element, i) =>
    coerceSeedItem<ConfigInput>("ConfigInput", asObject(element, `${where}[${i}]`), {}, `${where}[${i}]`),
  );
}

const spacesSection: SeedSection = {
  key: "spaces",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const input = coerceSeedItem<SpaceInput>(
      "SpaceInput",
      fields,
      { description: "", inheritEntities: false, parentSpace: ROOT_SPACE_ID },
      where,
    );
    return createSpace(store, input, nowMs, id).id;
  },
};

const stacksSection: SeedSection = {
  key: "stacks",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const slug = optionalString(take(fields, "slug"), `${where}.slug`);
    const manageState = take(fields, "manageState") ?? true;
    if (typeof manageState !== "boolean") {
      throw new Error(`seed: ${where}.manageState must be a boolean`);
    }
    const config = configList(take(fields, "config"), `${where}.config`);
    const name = typeof fields.name === "string" ? fields.name : "";
    const input = coerceSeedItem<StackInput>(
      "StackInput",
      fields,
      { repository: slug ?? slugify(name), branch: "main", administrative: false, autodeploy: false },
      where,
    );
    const stack = createStack(store, input, { manageState, slug }, nowMs);
    for (const element of config) {
      upsertConfig(store, "project", stack.id, element, nowMs);
    }
    return stack.id;
  },
};

const modulesSection: SeedSection = {
  key: "modules",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const config = configList(take(fields, "config"), `${where}.config`);
    const updateInput =
      fields.updateInput === undefined ? {} : asObject(fields.updateInput, `${where}.updateInput`);
    const input = coerceSeedItem<ModuleCreateInput>(
      "ModuleCreateInput",
      { ...fields, updateInput: { branch: "main", ...updateInput } },
      {},
      where,
    );
    const module = createModule(store, input, nowMs);
    for (const element of config) {
      upsertConfig(store, "project", module.id, element, nowMs);
    }
    return module.id;
  },
};

const contextsSection: SeedSection = {
  key: "contexts",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    if ("configAttachments" in fields) {
      throw new Error(`seed: ${where}: give config elements as "config"`);
    }
    const configAttachments = take(fields, "config") ?? [];
    const input = coerceSeedItem<ContextInput>("ContextInput", { ...fields, configAttachments }, {}, where);
    return createContext(store, input, nowMs).id;
  },
};

const policiesSection: SeedSection = {
  key: "policies",
  create(store, item, nowMs, where) {
    const input = coerceSeedItem<PolicyCreateInput>(
      "PolicyCreateInput",
      asObject(item, where),
      { body: "package spacelift" },
      where,
    );
    return createPolicy(store, input, nowMs).id;
  },
};

const contextAttachmentsSection: SeedSection = {
  key: "contextAttachments",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const priority = fields.priority ?? 0;
    if (
      typeof fields.context !== "string" ||
      typeof fields.stack !== "string" ||
      typeof priority !== "number"
    ) {
      throw new Error(`seed: ${where} needs "context" and "stack" ids and an optional numeric "priority"`);
    }
    return attachContext(store, nowMs, fields.context, fields.stack, priority).id;
  },
};

const policyAttachmentsSection: SeedSection = {
  key: "policyAttachments",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    if (typeof fields.policy !== "string" || typeof fields.stack !== "string") {
      throw new Error(`seed: ${where} needs "policy" and "stack" ids`);
    }
    return attachPolicy(store, nowMs, fields.policy, fields.stack).id;
  },
};

// A syntactically valid CSR is not needed: the API only insists on Base64 until a worker connects.
const PLACEHOLDER_CSR = Buffer.from(
  "-----BEGIN CERTIFICATE REQUEST-----\nseeded\n-----END CERTIFICATE REQUEST-----\n",
  "utf8",
).toString("base64");

const workerPoolsSection: SeedSection = {
  key: "workerPools",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const args = coerceSeedArgs<WorkerPoolArgs>(
      "workerPoolCreate",
      fields,
      { certificateSigningRequest: PLACEHOLDER_CSR },
      where,
    );
    return createWorkerPool(store, args, nowMs, id).id;
  },
};

const namedWebhooksSection: SeedSection = {
  key: "namedWebhooks",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const input = coerceSeedItem<NamedWebhooksIntegrationInput>(
      "NamedWebhooksIntegrationInput",
      fields,
      { enabled: true, space: ROOT_SPACE_ID, labels: [] },
      where,
    );
    return createNamedWebhook(store, input, nowMs, id).id;
  },
};

const awsIntegrationsSection: SeedSection = {
  key: "awsIntegrations",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const args = coerceSeedArgs<AwsIntegrationArgs>(
      "awsIntegrationCreate",
      fields,
      { generateCredentialsInWorker: false, labels: [] },
      where,
    );
    return createAwsIntegration(store, args, nowMs, id).id;
  },
};

const webhooksSection: SeedSection = {
  key: "webhooks",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const stack = take(fields, "stack");
    if (typeof stack !== "string") {
      throw new Error(`seed: ${where} needs the "stack" (or module) id`);
    }
    const input = coerceSeedItem<WebhooksIntegrationInput>(
      "WebhooksIntegrationInput",
      fields,
      { enabled: true, secret: "" },
      where,
    );
    return createWebhook(store, nowMs, stack, input, id).id;
  },
};

const awsIntegrationAttachmentsSection: SeedSection = {
  key: "awsIntegrationAttachments",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const read = fields.read ?? true;
    const write = fields.write ?? true;
    if (
      typeof fields.integration !== "string" ||
      typeof fields.stack !== "string" ||
      typeof read !== "boolean" ||
      typeof write !== "boolean"
    ) {
      throw new Error(
        `seed: ${where} needs "integration" and "stack" ids and optional boolean "read"/"write"`,
      );
    }
    return attachAwsIntegration(store, nowMs, fields.integration, fields.stack, read, write).id;
  },
};

const azureIntegrationsSection: SeedSection = {
  key: "azureIntegrations",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const args = coerceSeedArgs<AzureIntegrationCreateArgs>(
      "azureIntegrationCreate",
      fields,
      { labels: [] },
      where,
    );
    return createAzureIntegration(store, args, nowMs, id).id;
  },
};

const azureIntegrationAttachmentsSection: SeedSection = {
  key: "azureIntegrationAttachments",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const read = fields.read ?? true;
    const write = fields.write ?? true;
    const subscriptionId = fields.subscriptionId ?? null;
    if (
      typeof fields.integration !== "string" ||
      typeof fields.stack !== "string" ||
      typeof read !== "boolean" ||
      typeof write !== "boolean" ||
      (subscriptionId !== null && typeof subscriptionId !== "string")
    ) {
      throw new Error(
        `seed: ${where} needs "integration" and "stack" ids, optional boolean "read"/"write" and an optional "subscriptionId"`,
      );
    }
    return attachAzureIntegration(store, nowMs, {
      id: fields.integration,
      stack: fields.stack,
      read,
      write,
      subscriptionId,
    }).id;
  },
};

const driftDetectionsSection: SeedSection = {
  key: "driftDetections",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const stack = take(fields, "stack");
    if (typeof stack !== "string") {
      throw new Error(`seed: ${where}.stack must be a stack or module id`);
    }
    const input = coerceSeedItem<DriftDetectionInput>(
      "DriftDetectionIntegrationInput",
      fields,
      { reconcile: false, ignoreState: false },
      where,
    );
    return saveDriftDetection(store, nowMs, stack, input, false).projectId;
  },
};

const stackDependenciesSection: SeedSection = {
  key: "stackDependencies",
  create(store, item, nowMs, where) {
    const input = coerceSeedItem<StackDependencyInput>(
      "StackDependencyInput",
      asObject(item, where),
      {},
      where,
    );
    return createDependency(store, nowMs, input).id;
  },
};

const stackDependencyReferencesSection: SeedSection = {
  key: "stackDependencyReferences",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const stackId = take(fields, "stackId");
    const dependsOnStackId = take(fields, "dependsOnStackId");
    if (typeof stackId !== "string" || typeof dependsOnStackId !== "string") {
      throw new Error(`seed: ${where} needs "stackId" and "dependsOnStackId"`);
    }
    const dependency = findDependencyBetween(store, stackId, dependsOnStackId);
    if (!dependency) {
      throw new Error(`seed: ${where}: stack ${stackId} does not depend on stack ${dependsOnStackId}`);
    }
    const input = coerceSeedItem<StackDependencyReferenceInput>(
      "StackDependencyReferenceInput",
      fields,
      { triggerAlways: false },
      where,
    );
    return saveReference(store, nowMs, dependency.id, input).id;
  },
};

const moduleVersionsSection: SeedSection = {
  key: "moduleVersions",
  create(store, item, nowMs, where) {
    const fields = asObject(item, where);
    const id = optionalString(take(fields, "id"), `${where}.id`);
    const args = coerceSeedArgs<{ module: string; commitSha?: string | null; version?: string | null }>(
      "versionCreate",
      fields,
      {},
      where,
    );
    return createVersion(store, args.module, args.commitSha, args.version, nowMs, id).id;
  },
};

/** Every seed section, in the order they run. */
export const SEED_SECTIONS: readonly SeedSection[] = [
  spacesSection,
  stacksSection,
  modulesSection,
  contextsSection,
  policiesSection,
  contextAttachmentsSection,
  policyAttachmentsSection,
  driftDetectionsSection,
  stackDependenciesSection,
  stackDependencyReferencesSection,
  workerPoolsSection,
  namedWebhooksSection,
  awsIntegrationsSection,
  webhooksSection,
  awsIntegrationAttachmentsSection,
  azureIntegrationsSection,
  azureIntegrationAttachmentsSection,
  moduleVersionsSection,
  vcsIntegrationsSeedSection,
];

/**
 * Creates the objects of `input` in `store` at time `now` (epoch milliseconds). All or nothing:
 * when an item is invalid (the error names it, e.g. `stacks[2].labels`), the store is left as it
 * was.
 */
export function seed(store: Store, input: SeedInput, now: number): SeedResult {
  return seedFromUnknown(store, input, now);
}

/**
 * {@link seed} for input that has not been type-checked, e.g. a JSON request body. Unknown
 * sections are refused, so that a misspelt key does not silently seed nothing.
 */
export function seedFromUnknown(store: Store, input: unknown, now: number): SeedResult {
  const sections = asObject(input, "input");
  const known = new Set<string>(SEED_SECTIONS.map((s) => s.key));
  const unknown = Object.keys(sections).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new Error(`seed: unknown section(s) ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
  }
  const before = store.toJSON();
  try {
    const result: Partial<Record<keyof SeedInput, string[]>> = {};
    for (const section of SEED_SECTIONS) {
      const items = sections[section.key];
      if (items === undefined) {
        continue;
      }
      if (!Array.isArray(items)) {
        throw new Error(`seed: ${section.key} must be a list`);
      }
      result[section.key] = items.map((item, i) =>
        createItem(section, store, item, now, `${section.key}[${i}]`),
      );
    }
    return result;
  } catch (err) {
    store.load(before);
    throw err;
  }
}

// The domain functions throw the API's errors, which do not say which item they are about.
function createItem(section: SeedSection, store: Store, item: unknown, nowMs: number, where: string): string {
  try {
    return section.create(store, item, nowMs, where);
  } catch (err) {
    throw err instanceof GraphQLError ? new Error(`seed: ${where}: ${err.message}`) : err;
  }
}
