import { createHash } from "node:crypto";
import { requireViewer } from "../../context";
import type { Store } from "../../store";
import type { DomainModule } from "../domainModule";
import { rejected } from "../errors";
import { EMULATOR_ACCOUNT } from "../modules";
import type { IntegrationsParent } from "../projectFields";
import { existingProject } from "../projects";
import type { FieldResolver } from "../resolverMap";

/** The service account Spacelift made for one stack or module, keyed by its id. */
interface GcpServiceAccountRecord {
  readonly projectId: string;
  readonly serviceAccountEmail: string;
  readonly tokenScopes: readonly string[];
}

/** `StackGcpIntegration` as resolved. */
type GcpView = IntegrationsParent["gcp"];

function accounts(store: Store): Map<string, GcpServiceAccountRecord> {
  return store.collection<GcpServiceAccountRecord>("gcpServiceAccounts");
}

/**
 * The email of the account Spacelift makes for a stack or module, in Spacelift's own GCP project.
 * GCP account ids are 6 to 30 characters of lower-case letters, digits and dashes, starting with
 * a letter, so the stack id is cut short and a hash of it keeps two long ids apart.
 */
export function serviceAccountEmail(projectId: string): string {
  const hash = createHash("sha256").update(projectId).digest("hex").slice(0, 8);
  const stem = projectId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 21)
    .replace(/-+$/, "");
  return `${stem || "stack"}-${hash}@spacelift-${EMULATOR_ACCOUNT}.iam.gserviceaccount.com`;
}

function view(record: GcpServiceAccountRecord | undefined): GcpView {
  return record
    ? { activated: true, serviceAccountEmail: record.serviceAccountEmail, tokenScopes: record.tokenScopes }
    : { activated: false, serviceAccountEmail: null, tokenScopes: [] };
}

const mutations = {
  // A second create keeps the account (and so its email, which IAM bindings name) and only
  // changes the scopes: Spacelift's Terraform provider updates token_scopes with this mutation.
  stackIntegrationGcpCreate: ((_parent, { id, tokenScopes }, ctx) => {
    requireViewer(ctx);
    existingProject(ctx.store, ctx.now(), id);
    if (tokenScopes.length === 0) {
      throw rejected("at least one token scope is required");
    }
    if (tokenScopes.some((scope) => scope.trim() === "")) {
      throw rejected("token scopes must not be empty");
    }
    const current = accounts(ctx.store).get(id);
    const record: GcpServiceAccountRecord = {
      projectId: id,
      serviceAccountEmail: current?.serviceAccountEmail ?? serviceAccountEmail(id),
      tokenScopes: [...new Set(tokenScopes)],
    };
    accounts(ctx.store).set(id, record);
    return view(record);
  }) satisfies FieldResolver<unknown, { id: string; tokenScopes: string[] }, GcpView>,
  stackIntegrationGcpDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    existingProject(ctx.store, ctx.now(), id);
    accounts(ctx.store).delete(id);
    return view(undefined);
  }) satisfies FieldResolver<unknown, { id: string }, GcpView>,
};

/** The per-stack GCP service account shown in `integrations { gcp }` of stacks and modules. */
export const gcpServiceAccountsModule: DomainModule = {
  resolvers: {
    Mutation: mutations,
    StackIntegrations: {
      gcp: ((parent, _args, ctx) => view(accounts(ctx.store).get(parent.projectId))) satisfies FieldResolver<
        IntegrationsParent,
        unknown,
        GcpView
      >,
    },
  },
  removeProjectData: (store, projectId) => {
    accounts(store).delete(projectId);
  },
};
