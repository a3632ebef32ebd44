import {
  defineFunction,
  type FunctionApi,
  type FunctionDescriptor,
  type FunctionFields,
  type FunctionValues,
} from "../descriptor";
import { FunctionError } from "../invoke";

const TARGET_ARGS = (what: string): FunctionFields => ({
  stackId: {
    type: "string",
    optional: true,
    doc: `ID of the stack whose ${what} to look up. Give exactly one of \`stackId\` and \`moduleId\`.`,
  },
  moduleId: {
    type: "string",
    optional: true,
    doc: `ID of the module whose ${what} to look up. Give exactly one of \`stackId\` and \`moduleId\`.`,
  },
});

const TARGET_RESULTS: FunctionFields = {
  id: { type: "string", doc: "ID of the stack or module, as given." },
  stackId: { type: "string", optional: true, doc: "ID of the stack, when one was given." },
  moduleId: { type: "string", optional: true, doc: "ID of the module, when one was given." },
};

function exactlyOneTarget(args: FunctionValues): string | undefined {
  const given = ["stackId", "moduleId"].filter((name) => args[name] !== undefined);
  return given.length === 1
    ? undefined
    : given.length === 0
      ? "give one of stackId and moduleId"
      : "give only one of stackId and moduleId";
}

/**
 * Reads the stack's or module's integration `kind` as the resource of that kind reads it. The
 * resources take `stack/<id>` and `module/<id>` as IDs, so the target kind is never guessed.
 */
async function readTarget(
  fn: string,
  kind: string,
  what: string,
  args: FunctionValues,
  api: FunctionApi,
): Promise<{ target: FunctionValues; read: FunctionValues }> {
  const [arg, prefix] = args["moduleId"] !== undefined ? ["moduleId", "module"] : ["stackId", "stack"];
  const id = args[arg] as string;
  const read = await api.readResource(kind, `${prefix}/${id}`);
  if (read === undefined) {
    throw new FunctionError(
      fn,
      `no ${what} on ${prefix} "${id}" (${arg}): the ${prefix} does not exist or has none`,
    );
  }
  return { target: { id, [arg]: id }, read };
}

const AWS_RESULT: FunctionFields = {
  ...TARGET_RESULTS,
  roleArn: { type: "string", doc: "ARN of the IAM role Spacelift assumes for the stack's or module's runs." },
  generateCredentialsInWorker: {
    type: "boolean",
    doc: "Whether private workers assume the role themselves, with their own AWS credentials.",
  },
  externalId: {
    type: "string",
    doc: "The custom external ID the role is assumed with; empty when none is set.",
  },
  durationSeconds: { type: "number", doc: "How long the assumed role's sessions last, in seconds." },
};

function awsRoleFunction(name: string, dataSource: string, doc: string): FunctionDescriptor {
  return defineFunction({
    name,
    dataSource,
    doc,
    args: TARGET_ARGS("legacy AWS role"),
    result: AWS_RESULT,
    checkArgs: exactlyOneTarget,
    async run(args, api) {
      const { target, read } = await readTarget(name, "AwsRole", "AWS role", args, api);
      return {
        ...target,
        roleArn: read["roleArn"],
        generateCredentialsInWorker: read["generateCredentialsInWorker"] === true,
        externalId: typeof read["externalId"] === "string" ? read["externalId"] : "",
        durationSeconds: read["durationSeconds"],
      };
    },
  });
}

const AWS_DOC =
  "Looks up the legacy per-stack AWS role of a stack or module (the role Spacelift assumes for its runs), " +
  "as the `AwsRole` resource sets it. Fails when the stack or module has none.";

/** `getAwsRole`: the legacy AWS role of a stack or module. */
export const getAwsRole = awsRoleFunction("getAwsRole", "spacelift_aws_role", AWS_DOC);

/** `getStackAwsRole`: the older name of {@link getAwsRole}. */
export const getStackAwsRole = awsRoleFunction(
  "getStackAwsRole",
  "spacelift_stack_aws_role",
  `The older name of \`getAwsRole\`, identical to it. ${AWS_DOC}`,
);

function gcpFunction(name: string, dataSource: string, doc: string): FunctionDescriptor {
  return defineFunction({
    name,
    dataSource,
    doc,
    args: TARGET_ARGS("GCP service account"),
    result: {
      ...TARGET_RESULTS,
      serviceAccountEmail: {
        type: "string",
        doc: "Email of the service account Spacelift made for the stack or module.",
      },
      tokenScopes: { type: "string[]", doc: "OAuth scopes of the temporary credentials runs get, sorted." },
    },
    checkArgs: exactlyOneTarget,
    async run(args, api) {
      const { target, read } = await readTarget(name, "GcpServiceAccount", "GCP service account", args, api);
      return {
        ...target,
        serviceAccountEmail: read["serviceAccountEmail"],
        tokenScopes: [...((read["tokenScopes"] as string[] | undefined) ?? [])].sort(),
      };
    },
  });
}

const GCP_DOC =
  "Looks up the GCP service account Spacelift made for a stack or module (its email, to grant it roles, and " +
  "the scopes of its credentials). Fails when the stack or module has none.";

/** `getGcpServiceAccount`: the GCP service account of a stack or module. */
export const getGcpServiceAccount = gcpFunction(
  "getGcpServiceAccount",
  "spacelift_gcp_service_account",
  GCP_DOC,
);

/** `getStackGcpServiceAccount`: the older name of {@link getGcpServiceAccount}. */
export const getStackGcpServiceAccount = gcpFunction(
  "getStackGcpServiceAccount",
  "spacelift_stack_gcp_service_account",
  `The older name of \`getGcpServiceAccount\`, identical to it. ${GCP_DOC}`,
);
