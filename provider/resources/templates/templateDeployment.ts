import { createHash } from "node:crypto";
import { displayName, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, type CompositeIdSpec } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../../engine/values";

/** Environment variable bounding how long a deployment's stacks are awaited after its create. */
export const TEMPLATE_DEPLOYMENT_TIMEOUT_ENV = "SPACELIFT_TEMPLATE_DEPLOYMENT_TIMEOUT_SECONDS";

/** What a secret input reads as: the checksum Spacelift reports, since it never returns the value. */
const CHECKSUM_PREFIX = "sha256:";

function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/**
 * `<templateId>/<deploymentId>`, the ID of Terraform's `spacelift_template_deployment`
 * (terraform-provider-spacelift 8565261, resource_template_deployment.go:185 and parseDeploymentID).
 */
export const templateDeploymentId: CompositeIdSpec = {
  format: "<templateId>/<deploymentId>",
  compose: (v) =>
    typeof v["templateId"] === "string" && typeof v["deploymentId"] === "string"
      ? `${v["templateId"]}/${v["deploymentId"]}`
      : undefined,
  parse: (id) => {
    const slash = id.indexOf("/");
    if (slash <= 0 || slash === id.length - 1 || id.indexOf("/", slash + 1) !== -1) return undefined;
    return { templateId: id.slice(0, slash), deploymentId: id.slice(slash + 1) };
  },
};

/**
 * The inputs as read: Spacelift returns a secret input's value empty with its checksum, so such a
 * value reads as `sha256:<checksum>` until {@link keepMatchingSecrets} recognises the known one.
 */
function readInputs(value: JsonValue): JsonValue | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((input) => {
    const item = input as JsonObject;
    const secret = item["secret"] === true;
    return {
      id: item["id"] ?? null,
      value: secret ? `${CHECKSUM_PREFIX}${String(item["checksum"] ?? "")}` : (item["value"] ?? null),
    };
  });
}

/**
 * `hooks.interpretRead`: a secret input whose known value has the checksum Spacelift reports reads
 * as that value, so an unchanged secret makes no diff and a secret changed outside the program
 * does (as Terraform's provider compares checksums, resource_template_deployment.go:380-400).
 */
function keepMatchingSecrets(api: Values, known: Values): Values {
  const read = api["inputs"];
  const before = known["inputs"];
  if (!Array.isArray(read) || !Array.isArray(before)) return api;
  const knownById = new Map<string, string>();
  for (const item of before) {
    if (isRecord(item) && typeof item["id"] === "string" && typeof item["value"] === "string") {
      knownById.set(item["id"], item["value"]);
    }
  }
  const inputs = read.map((item) => {
    if (!isRecord(item) || typeof item["value"] !== "string" || !item["value"].startsWith(CHECKSUM_PREFIX)) {
      return item;
    }
    const candidate = typeof item["id"] === "string" ? knownById.get(item["id"]) : undefined;
    const checksum = item["value"].slice(CHECKSUM_PREFIX.length);
    return candidate !== undefined && sha256(candidate) === checksum ? { ...item, value: candidate } : item;
  });
  return { ...api, inputs };
}

/** The create input has no `versionId` (the version is the mutation's `id` argument). */
function createInput(input: JsonObject): JsonObject {
  const rest: JsonObject = { ...input };
  delete rest["versionId"];
  return rest;
}

/** The update input has no `space`: a deployment never moves (Terraform's `space` is ForceNew). */
function updateInput(input: JsonObject): JsonObject {
  const rest: JsonObject = { ...input };
  delete rest["space"];
  return rest;
}

/**
 * TemplateDeployment: a published template version instantiated into a space, as
 * `spacelift_template_deployment` (terraform-provider-spacelift 8565261,
 * resource_template_deployment.go): `templateDeploymentCreate(id: <version>, input)`,
 * `templateDeployment(id, templateID)`, `templateDeploymentUpdate(id, templateID, input)`,
 * `templateDeploymentDelete(id, templateID)`. Like Terraform, the create waits until the
 * deployment's state is `FINISHED` or `UNCONFIRMED`. Terraform's `input` blocks are `inputs`.
 */
export const templateDeployment = defineResource({
  kind: "TemplateDeployment",
  officialClass: false,
  doc:
    "A **template deployment**: a published `TemplateVersion` deployed into a space, which creates the stacks " +
    "its body declares from the `inputs` given. Changing `templateVersionId` upgrades the deployment to that " +
    "version; deleting it deletes its stacks. The inputs are kept in state as a secret, and Spacelift reports " +
    "a secret input only by its checksum. Its ID is `<templateId>/<deploymentId>`.",
  fields: {
    templateVersionId: {
      type: t.string(),
      gqlInput: "versionId",
      gqlOutput: "templateVersion.id",
      required: true,
      doc:
        "ID of the published template version to deploy (a `TemplateVersion`'s `id`). Changing it upgrades the " +
        "deployment in place: its stacks take the new version's settings.",
      validate: [nonEmpty()],
    },
    space: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gqlOutput: "space.id",
      doc: "ID of the space the deployment's stacks are created in.",
      validate: [nonEmpty()],
    },
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the deployment; its ID is derived from it. Defaults to the resource name plus a suffix.",
      validate: [nonEmpty(), displayName()],
    },
    description: { type: t.string(), doc: "Description of the deployment." },
    inputs: {
      type: t.list(
        t.object({
          id: {
            type: t.string(),
            required: true,
            doc: "ID of the input, as the template version declares it.",
            validate: [nonEmpty()],
          },
          value: { type: t.string(), required: true, doc: "Value of the input." },
        }),
      ),
      default: [],
      secret: true,
      selection: "{ id value secret checksum }",
      transform: { fromOutput: readInputs },
      doc:
        "Values of the inputs the template version declares, in order. An input the template declares as `secret` " +
        "is never returned by Spacelift: one read with no known value (after `get` or an import) shows as " +
        "`sha256:<checksum>`.",
    },
    templateId: {
      type: t.string(),
      gql: false,
      gqlOutput: "template.id",
      computed: true,
      alwaysSet: true,
      doc: "ID of the template the deployed version belongs to.",
    },
    deploymentId: {
      type: t.string(),
      gql: false,
      gqlOutput: "id",
      computed: true,
      alwaysSet: true,
      doc: "ID (slug) of the deployment within its template.",
    },
    state: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "State of the deployment as Spacelift reports it, e.g. `FINISHED` once its stacks are in place.",
    },
    createdAt: {
      type: t.int(),
      computed: true,
      alwaysSet: true,
      doc: "Unix timestamp at which the deployment was created.",
    },
    stacks: {
      type: t.list(t.object({ id: { type: t.string(), doc: "ID of a stack the deployment created." } })),
      computed: true,
      alwaysSet: true,
      doc: "The stacks the deployment created.",
    },
  },
  id: templateDeploymentId,
  // The ID is the slug of the name within the template and the stacks' IDs are the slugs of their
  // rendered names, so a replacement with the same name needs the old deployment and stacks gone.
  deleteBeforeReplace: true,
  hooks: { interpretRead: keepMatchingSecrets },
  waitAfterCreate: {
    when: () => true,
    settled: (raw) =>
      raw["state"] !== "NONE" && raw["state"] !== "IN_PROGRESS" && raw["state"] !== "DESTROYING",
    outcome: (raw) =>
      raw["state"] === "FINISHED" || raw["state"] === "UNCONFIRMED"
        ? undefined
        : `ended ${String(raw["state"])}`,
    timeoutEnv: TEMPLATE_DEPLOYMENT_TIMEOUT_ENV,
    // Terraform's create timeout (resource_template_deployment.go:36).
    defaultTimeoutSeconds: 180,
    // Terraform's provider checks every 3 seconds.
    pollIntervalMs: 3_000,
    describe: (id) => `template deployment ${id}`,
  },
  operations: {
    create: mutation(
      "TemplateDeploymentCreate",
      "templateDeploymentCreate",
      { id: arg.field("templateVersionId", "ID!"), input: arg.input("TemplateDeploymentCreateInput!") },
      { shapeInput: createInput },
    ),
    read: query("TemplateDeploymentRead", "templateDeployment", {
      id: arg.field("deploymentId", "ID!"),
      templateID: arg.field("templateId", "ID!"),
    }),
    update: mutation(
      "TemplateDeploymentUpdate",
      "templateDeploymentUpdate",
      {
        id: arg.field("deploymentId", "ID!"),
        templateID: arg.field("templateId", "ID!"),
        input: arg.input("TemplateDeploymentUpdateInput!"),
      },
      { shapeInput: updateInput },
    ),
    delete: mutation("TemplateDeploymentDelete", "templateDeploymentDelete", {
      id: arg.field("deploymentId", "ID!"),
      templateID: arg.field("templateId", "ID!"),
    }),
  },
});
