import { minLength, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, type ArgDef } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { exactlyOneOf } from "../../engine/rules";
import { quoted, theObject } from "../existing";
import {
  activated,
  PROJECT_ID,
  PROJECT_ID_SPEC,
  projectId,
  projectRead,
  projectTarget,
  stackOrModule,
} from "./projectIntegration";

const isActivated = activated("gcp");

// Making the account and changing its scopes are the same mutation: Spacelift's Terraform provider
// updates with it (resource_gcp_service_account.go, UpdateContext), which keeps the account and so
// its email, which the user's IAM bindings name. Replacing instead would give a new account.
const set: Readonly<Record<string, ArgDef>> = {
  id: PROJECT_ID,
  tokenScopes: arg.field("tokenScopes", "[String!]!"),
};

const GCP_DOC =
  "A **GCP service account** that Spacelift creates for one stack or module, in its own GCP project. Grant it " +
  "roles in your organizations and projects (its email is `serviceAccountEmail`); runs and tasks of the stack " +
  "get temporary credentials for it with the `tokenScopes` requested, so the Google provider needs no secret. " +
  "The ID is the stack's or module's; `get` also takes `stack/<id>` and `module/<id>`, the form Spacelift's " +
  "Terraform provider imports it by. Changing `tokenScopes` updates the account in place (its email stays); " +
  "changing the stack or module replaces it.";

/** The descriptor of the service account under one of its two names. */
function gcpKind(kind: "GcpServiceAccount" | "StackGcpServiceAccount", doc: string, deprecated?: string) {
  return defineResource({
    kind,
    doc,
    ...(deprecated === undefined ? {} : { deprecated }),
    fields: {
      stackId: projectTarget("stack", "that uses the service account"),
      moduleId: projectTarget("module", "that uses the service account"),
      tokenScopes: {
        type: t.set(t.string()),
        required: true,
        gql: "integrations.gcp.tokenScopes",
        doc:
          "OAuth scopes requested for the temporary credentials, at least one " +
          "(e.g. `https://www.googleapis.com/auth/cloud-platform`). Order does not matter.",
        validate: [minLength(1)],
        validateEach: [nonEmpty()],
      },
      serviceAccountEmail: {
        type: t.string(),
        computed: true,
        alwaysSet: true,
        gql: "integrations.gcp.serviceAccountEmail",
        doc: "Email of the service account Spacelift created for the stack or module.",
      },
    },
    rules: [exactlyOneOf("stackId", "moduleId")],
    id: PROJECT_ID_SPEC,
    hooks: {
      selectVariant: stackOrModule,
      // Without an account, the stack reads `activated: false` (Terraform: no email).
      isGone: (raw) => !isActivated(raw),
    },
    // The mutation would take over an account someone else set up, so the engine looks first and
    // refuses an account it did not make.
    existing: {
      candidates: (result) => theObject(result).filter(isActivated),
      lookFirst: "always",
      describe: (v) => `the GCP service account of ${quoted(projectId(v))}`,
    },
    operations: {
      create: mutation(`${kind}Create`, "stackIntegrationGcpCreate", set, { selection: ["activated"] }),
      read: projectRead(kind, "gcp"),
      update: mutation(`${kind}Update`, "stackIntegrationGcpCreate", set, { selection: ["activated"] }),
      delete: mutation(
        `${kind}Delete`,
        "stackIntegrationGcpDelete",
        { id: PROJECT_ID },
        { selection: ["activated"] },
      ),
    },
  });
}

/** GcpServiceAccount: the GCP service account Spacelift makes for one stack or module. */
export const gcpServiceAccount = gcpKind("GcpServiceAccount", GCP_DOC);

/** StackGcpServiceAccount: the official provider's older name of {@link gcpServiceAccount}. */
export const stackGcpServiceAccount = gcpKind(
  "StackGcpServiceAccount",
  `\`StackGcpServiceAccount\` is the older name of \`GcpServiceAccount\`, and works identically.\n\n${GCP_DOC}`,
  "Use `GcpServiceAccount`, which is identical; this name is kept for programs migrating from the official provider.",
);
