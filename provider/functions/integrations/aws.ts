import { defineFunction, queryOp, type FunctionFields, type FunctionValues } from "../descriptor";
import { FunctionError } from "../invoke";
import { allOf, exactlyOneOf, projectOf } from "./common";
import { visibleLabels } from "../labels";

/** The integration fields every AWS look-up selects. */
const AWS_INTEGRATION_FIELDS =
  "id name roleArn durationSeconds generateCredentialsInWorker externalId labels space";

const AWS_INTEGRATION_BY_ID = queryOp(
  `query AWSIntegrationRead($id: ID!) { awsIntegration(id: $id) { ${AWS_INTEGRATION_FIELDS} } }`,
);
const AWS_INTEGRATION_BY_NAME = queryOp(
  `query AWSIntegrationByNameRead($name: String!) { awsIntegrationByName(name: $name) { ${AWS_INTEGRATION_FIELDS} } }`,
);
const AWS_INTEGRATIONS = queryOp(
  `query AwsIntegrationsRead { awsIntegrations { ${AWS_INTEGRATION_FIELDS} } }`,
);
const AWS_ATTACHMENT = queryOp(
  "query AWSIntegrationAttachmentRead($integrationId: ID!, $projectId: ID!) { awsIntegration(id: $integrationId) { id attachedStack(id: $projectId) { id stackId isModule read write } } }",
);
const AWS_EXTERNAL_ID = queryOp(
  "query AWSIntegrationAttachmentExternalIDRead($id: ID!, $stackId: ID!, $read: Boolean!, $write: Boolean!) { awsIntegration(id: $id) { id externalIdForStack(stackId: $stackId, read: $read, write: $write) { externalId assumeRolePolicyStatement } } }",
);

/** An `AwsIntegration` as the queries above select it. */
interface AwsIntegrationData {
  readonly id: string;
  readonly name: string;
  readonly roleArn: string;
  readonly durationSeconds: number;
  readonly generateCredentialsInWorker: boolean;
  readonly externalId: string | null;
  readonly labels: string[] | null;
  readonly space: string;
}

/** The fields of one AWS integration, shared by `getAwsIntegration` and `getAwsIntegrations`. */
const AWS_INTEGRATION_RESULT: FunctionFields = {
  integrationId: { type: "string", doc: "The integration's id (a ULID), which attachments refer to." },
  name: { type: "string", doc: "The integration's name, unique in the account." },
  roleArn: {
    type: "string",
    doc: "The ARN of the IAM role Spacelift assumes for attached stacks and modules.",
  },
  durationSeconds: {
    type: "number",
    doc: "How long the temporary credentials of the assumed role last, in seconds.",
  },
  generateCredentialsInWorker: {
    type: "boolean",
    doc: "True when private workers assume the role themselves instead of Spacelift doing it.",
  },
  externalId: {
    type: "string",
    doc: "The custom external ID set on the integration; empty when Spacelift derives one per stack (see `getAwsIntegrationAttachmentExternalId`).",
  },
  spaceId: { type: "string", doc: "The space the integration belongs to." },
  labels: { type: "string[]", doc: "The integration's labels, sorted." },
};

function awsIntegrationValues(data: AwsIntegrationData): FunctionValues {
  return {
    integrationId: data.id,
    name: data.name,
    roleArn: data.roleArn,
    durationSeconds: data.durationSeconds,
    generateCredentialsInWorker: data.generateCredentialsInWorker,
    externalId: data.externalId ?? "",
    spaceId: data.space,
    labels: visibleLabels(data.labels),
  };
}

/** `getAwsIntegration`: one AWS integration, by id or by name. */
export const getAwsIntegration = defineFunction({
  name: "getAwsIntegration",
  dataSource: "spacelift_aws_integration",
  doc: "Looks up an AWS integration (an IAM role Spacelift assumes for the stacks and modules it is attached to) by its id or by its name.",
  args: {
    integrationId: { type: "string", optional: true, doc: "The integration's id; give this or `name`." },
    name: { type: "string", optional: true, doc: "The integration's name; give this or `integrationId`." },
  },
  result: {
    id: { type: "string", doc: "The integration's id." },
    ...AWS_INTEGRATION_RESULT,
  },
  checkArgs: exactlyOneOf("integrationId", "name"),
  async run(args, api) {
    let found: AwsIntegrationData | null;
    if (typeof args.integrationId === "string") {
      const data = await api.query<{ awsIntegration: AwsIntegrationData | null }>(AWS_INTEGRATION_BY_ID, {
        id: args.integrationId,
      });
      found = data.awsIntegration;
    } else {
      const data = await api.query<{ awsIntegrationByName: AwsIntegrationData | null }>(
        AWS_INTEGRATION_BY_NAME,
        { name: args.name },
      );
      found = data.awsIntegrationByName;
    }
    if (found === null) {
      throw new FunctionError(
        "getAwsIntegration",
        typeof args.integrationId === "string"
          ? `no AWS integration "${args.integrationId}" (integrationId)`
          : `no AWS integration named "${String(args.name)}" (name)`,
      );
    }
    return { id: found.id, ...awsIntegrationValues(found) };
  },
});

/** `getAwsIntegrations`: every AWS integration of the account. */
export const getAwsIntegrations = defineFunction({
  name: "getAwsIntegrations",
  dataSource: "spacelift_aws_integrations",
  doc: "Lists every AWS integration of the account, sorted by name.",
  args: {},
  result: {
    id: { type: "string", doc: "A fixed identifier of the look-up: `spacelift_aws_integrations`." },
    integrations: { type: "GetAwsIntegrationsIntegration[]", doc: "The integrations, sorted by name." },
  },
  types: { GetAwsIntegrationsIntegration: AWS_INTEGRATION_RESULT },
  async run(_args, api) {
    // The API answers with the whole list at once; it does not page AWS integrations.
    const data = await api.query<{ awsIntegrations: AwsIntegrationData[] }>(AWS_INTEGRATIONS);
    const integrations = data.awsIntegrations
      .map(awsIntegrationValues)
      .sort(
        (a, b) =>
          String(a.name).localeCompare(String(b.name)) ||
          String(a.integrationId).localeCompare(String(b.integrationId)),
      );
    return { id: "spacelift_aws_integrations", integrations };
  },
});

/** An attachment as `attachedStack` selects it (AWS's and Azure's share these fields). */
export interface AttachmentData {
  readonly id: string;
  readonly stackId: string;
  readonly isModule: boolean;
  readonly read: boolean;
  readonly write: boolean;
}

/** The arguments of the attachment look-ups, AWS's and Azure's alike. */
export const ATTACHMENT_ARGS: FunctionFields = {
  integrationId: { type: "string", doc: "The integration's id." },
  stackId: { type: "string", optional: true, doc: "The stack it is attached to; give this or `moduleId`." },
  moduleId: { type: "string", optional: true, doc: "The module it is attached to; give this or `stackId`." },
};

/** The result fields the attachment look-ups share. */
export const ATTACHMENT_RESULT: FunctionFields = {
  id: { type: "string", doc: "`<integrationId>/<stackId or moduleId>`." },
  attachmentId: { type: "string", doc: "The attachment's own id." },
  integrationId: { type: "string", doc: "The integration's id." },
  stackId: { type: "string", optional: true, doc: "The stack, when the integration is attached to a stack." },
  moduleId: {
    type: "string",
    optional: true,
    doc: "The module, when the integration is attached to a module.",
  },
  read: { type: "boolean", doc: "True when the integration is used for read phases (planning)." },
  write: { type: "boolean", doc: "True when the integration is used for write phases (applying)." },
};

/**
 * The result fields of an attachment; the project is reported under the argument that matches
 * what it is, as Spacelift tells stacks and modules apart.
 *
 * @param integrationId - the integration
 * @param projectId - the stack or module id asked for
 * @param attachment - what the API returned
 */
export function attachmentValues(
  integrationId: string,
  projectId: string,
  attachment: AttachmentData,
): FunctionValues {
  return {
    id: `${integrationId}/${projectId}`,
    attachmentId: attachment.id,
    integrationId,
    ...(attachment.isModule ? { moduleId: attachment.stackId } : { stackId: attachment.stackId }),
    read: attachment.read,
    write: attachment.write,
  };
}

/** `getAwsIntegrationAttachment`: how an AWS integration is attached to a stack or module. */
export const getAwsIntegrationAttachment = defineFunction({
  name: "getAwsIntegrationAttachment",
  dataSource: "spacelift_aws_integration_attachment",
  doc: "Looks up the attachment of an AWS integration to one stack or module: whether it serves reads, writes or both.",
  args: ATTACHMENT_ARGS,
  result: ATTACHMENT_RESULT,
  checkArgs: exactlyOneOf("stackId", "moduleId"),
  async run(args, api) {
    const integrationId = String(args.integrationId);
    const project = projectOf(args);
    const data = await api.query<{
      awsIntegration: { id: string; attachedStack: AttachmentData | null } | null;
    }>(AWS_ATTACHMENT, { integrationId, projectId: project.id });
    if (data.awsIntegration === null) {
      throw new FunctionError(
        "getAwsIntegrationAttachment",
        `no AWS integration "${integrationId}" (integrationId)`,
      );
    }
    if (data.awsIntegration.attachedStack === null) {
      throw new FunctionError(
        "getAwsIntegrationAttachment",
        `AWS integration "${integrationId}" is not attached to "${project.id}" (${project.argument})`,
      );
    }
    return attachmentValues(integrationId, project.id, data.awsIntegration.attachedStack);
  },
});

/** `getAwsIntegrationAttachmentExternalId`: the external ID a role must expect for one attachment. */
export const getAwsIntegrationAttachmentExternalId = defineFunction({
  name: "getAwsIntegrationAttachmentExternalId",
  dataSource: "spacelift_aws_integration_attachment_external_id",
  doc:
    "Computes the external ID Spacelift passes when it assumes an AWS integration's role for a stack or module, " +
    "for read or write phases, and the trust policy statement the role needs for it. The integration need not " +
    "be attached yet, so a role can be set up before the attachment.",
  args: {
    ...ATTACHMENT_ARGS,
    read: { type: "boolean", optional: true, doc: "For read phases; `read` or `write` must be true." },
    write: {
      type: "boolean",
      optional: true,
      doc: "For write phases (takes precedence over `read`); `read` or `write` must be true.",
    },
  },
  result: {
    id: { type: "string", doc: "`<integrationId>/<stackId or moduleId>/<read or write>`." },
    integrationId: { type: "string", doc: "The integration's id." },
    stackId: { type: "string", optional: true, doc: "The stack, as given." },
    moduleId: { type: "string", optional: true, doc: "The module, as given." },
    read: { type: "boolean", optional: true, doc: "As given." },
    write: { type: "boolean", optional: true, doc: "As given." },
    externalId: { type: "string", doc: "The external ID Spacelift sends when assuming the role." },
    assumeRolePolicyStatement: {
      type: "string",
      doc: "A JSON IAM policy statement that lets Spacelift assume the role with that external ID.",
    },
  },
  checkArgs: allOf(exactlyOneOf("stackId", "moduleId"), (args) =>
    args.read === true || args.write === true ? undefined : `"read" or "write" must be true`,
  ),
  async run(args, api) {
    const integrationId = String(args.integrationId);
    const project = projectOf(args);
    const read = args.read === true;
    const write = args.write === true;
    const data = await api.query<{
      awsIntegration: {
        id: string;
        externalIdForStack: { externalId: string; assumeRolePolicyStatement: string };
      } | null;
    }>(AWS_EXTERNAL_ID, { id: integrationId, stackId: project.id, read, write });
    if (data.awsIntegration === null) {
      throw new FunctionError(
        "getAwsIntegrationAttachmentExternalId",
        `no AWS integration "${integrationId}" (integrationId)`,
      );
    }
    const given: FunctionValues = { [project.argument]: project.id };
    if (args.read !== undefined) given.read = args.read;
    if (args.write !== undefined) given.write = args.write;
    return {
      id: `${data.awsIntegration.id}/${project.id}/${write ? "write" : "read"}`,
      integrationId: data.awsIntegration.id,
      ...given,
      externalId: data.awsIntegration.externalIdForStack.externalId,
      assumeRolePolicyStatement: data.awsIntegration.externalIdForStack.assumeRolePolicyStatement,
    };
  },
});
