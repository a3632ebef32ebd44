import assert from "node:assert/strict";
import { Harness } from "./harness";

const TENANT = "11111111-2222-4333-8444-555555555555";
const SUBSCRIPTION = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const AZURE_FIELDS = `id name tenantId defaultSubscriptionId labels space autoattachEnabled adminConsentProvided
  adminConsentURL applicationId displayName objectId servicePrincipalObjectId`;
const AZURE_CREATE = `mutation($name: String!, $tenantID: String!, $labels: [String!]!, $sub: String, $space: ID,
  $auto: Boolean) {
  azureIntegrationCreate(name: $name, tenantID: $tenantID, labels: $labels, defaultSubscriptionId: $sub,
    space: $space, autoattachEnabled: $auto) { ${AZURE_FIELDS} }
}`;
const ATTACH_FIELDS = "id integrationId stackId stackName isModule isAutoattached read write subscriptionId";
const ATTACH = `mutation($id: ID!, $stack: ID!, $read: Boolean!, $write: Boolean!, $sub: String) {
  azureIntegrationAttach(id: $id, stack: $stack, read: $read, write: $write, subscriptionId: $sub) {
    ${ATTACH_FIELDS}
  }
}`;
const GCP_CREATE = `mutation($id: ID!, $scopes: [String!]!) {
  stackIntegrationGcpCreate(id: $id, tokenScopes: $scopes) { activated serviceAccountEmail tokenScopes }
}`;
const GCP_READ = `query($id: ID!) { stack(id: $id) { integrations { gcp { activated serviceAccountEmail tokenScopes } } } }`;
const AWS_ROLE_READ = `query($id: ID!) {
  module(id: $id) { integrations { aws { activated assumedRoleArn durationSeconds externalID generateCredentialsInWorker region } } }
}`;

interface Azure {
  id: string;
  name: string;
  tenantId: string;
  defaultSubscriptionId: string | null;
  labels: string[];
  space: string;
  autoattachEnabled: boolean;
  adminConsentProvided: boolean;
  adminConsentURL: string;
  applicationId: string;
  displayName: string;
  objectId: string | null;
  servicePrincipalObjectId: string | null;
}

interface AzureAttachment {
  id: string;
  stackId: string;
  isModule: boolean;
  read: boolean;
  write: boolean;
  subscriptionId: string | null;
}

interface Gcp {
  activated: boolean;
  serviceAccountEmail: string | null;
  tokenScopes: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("emulator cloud integrations: Azure, GCP service accounts, legacy AWS roles", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      stacks: [{ name: "App" }, { name: "Other" }],
      modules: [{ repository: "terraform-azure-net" }],
    });
  });

  async function azure(vars: Record<string, unknown> = {}): Promise<Azure> {
    return (
      await h.ok<{ azureIntegrationCreate: Azure }>(AZURE_CREATE, {
        name: "Prod",
        tenantID: TENANT,
        labels: [],
        ...vars,
      })
    ).azureIntegrationCreate;
  }

  describe("Azure integrations", () => {
    it("registers an application: UUID ids, a generated display name and the tenant's consent URL", async () => {
      const created = await azure();
      assert.match(created.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
      assert.match(created.applicationId, UUID);
      assert.match(created.objectId ?? "", UUID);
      assert.notEqual(created.applicationId, created.objectId);
      assert.equal(
        created.adminConsentURL,
        `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${created.applicationId}`,
      );
      assert.match(created.displayName, /^spacelift-emulator-prod-[0-9a-z]{6}$/);
      assert.equal(created.adminConsentProvided, false);
      assert.equal(created.servicePrincipalObjectId, null);
      assert.equal(created.space, "root");
      assert.equal(created.autoattachEnabled, false);
      assert.equal(created.defaultSubscriptionId, null);
      const other = await azure();
      assert.notEqual(other.applicationId, created.applicationId, "each integration has its own application");
    });

    it("updates everything but the tenant and the application, which are kept", async () => {
      const created = await azure({ labels: ["a"], auto: true });
      const { azureIntegrationUpdate } = await h.ok<{ azureIntegrationUpdate: Azure }>(
        `mutation($id: ID!, $sub: String) {
          azureIntegrationUpdate(id: $id, name: "Renamed", labels: ["b"], defaultSubscriptionId: $sub) { ${AZURE_FIELDS} }
        }`,
        { id: created.id, sub: SUBSCRIPTION },
      );
      assert.deepEqual(azureIntegrationUpdate, {
        ...created,
        name: "Renamed",
        labels: ["b"],
        defaultSubscriptionId: SUBSCRIPTION,
        autoattachEnabled: false,
      });
      const { azureIntegrationByName } = await h.ok<{ azureIntegrationByName: { id: string } | null }>(
        `{ azureIntegrationByName(name: "Renamed") { id } }`,
      );
      assert.equal(azureIntegrationByName?.id, created.id);
    });

    it("refuses an empty name or tenant, a subscription that is not a GUID and an unknown space", async () => {
      assert.match(await h.fails(AZURE_CREATE, { name: " ", tenantID: TENANT, labels: [] }), /name/);
      assert.match(await h.fails(AZURE_CREATE, { name: "x", tenantID: "", labels: [] }), /tenantID/);
      assert.match(
        await h.fails(AZURE_CREATE, { name: "x", tenantID: TENANT, labels: [], sub: "prod" }),
        /GUID/,
      );
      assert.match(
        await h.fails(AZURE_CREATE, { name: "x", tenantID: TENANT, labels: [], space: "nowhere" }),
        /not found/,
      );
    });

    it("attaches to stacks and modules, one reader and one writer per stack, and detaches", async () => {
      const integration = await azure();
      const { azureIntegrationAttach: onStack } = await h.ok<{ azureIntegrationAttach: AzureAttachment }>(
        ATTACH,
        { id: integration.id, stack: "app", read: true, write: false, sub: SUBSCRIPTION },
      );
      assert.deepEqual(
        { ...onStack, id: undefined },
        {
          id: undefined,
          integrationId: integration.id,
          stackId: "app",
          stackName: "App",
          isModule: false,
          isAutoattached: false,
          read: true,
          write: false,
          subscriptionId: SUBSCRIPTION,
        },
      );
      const { azureIntegrationAttach: onModule } = await h.ok<{ azureIntegrationAttach: AzureAttachment }>(
        ATTACH,
        { id: integration.id, stack: "terraform-azure-net", read: true, write: true },
      );
      assert.equal(onModule.isModule, true);
      assert.equal(onModule.subscriptionId, null);

      assert.match(
        await h.fails(ATTACH, { id: integration.id, stack: "app", read: true, write: true }),
        /already attached/,
      );
      const second = await azure({ name: "Second" });
      assert.match(
        await h.fails(ATTACH, { id: second.id, stack: "app", read: true, write: false }),
        /already has an Azure integration attached for read/,
      );
      assert.match(
        await h.fails(ATTACH, { id: second.id, stack: "other", read: false, write: false }),
        /read, write or both/,
      );

      const { azureIntegrationAttachmentUpdate } = await h.ok<{
        azureIntegrationAttachmentUpdate: AzureAttachment;
      }>(
        `mutation($id: ID!) { azureIntegrationAttachmentUpdate(id: $id, read: false, write: true, subscriptionId: null) { ${ATTACH_FIELDS} } }`,
        { id: onStack.id },
      );
      assert.deepEqual(
        [azureIntegrationAttachmentUpdate.write, azureIntegrationAttachmentUpdate.subscriptionId],
        [true, null],
      );

      const { azureIntegration } = await h.ok<{
        azureIntegration: { attachedStack: AzureAttachment | null };
      }>(`query($id: ID!) { azureIntegration(id: $id) { attachedStack(id: "app") { ${ATTACH_FIELDS} } } }`, {
        id: integration.id,
      });
      assert.equal(azureIntegration.attachedStack?.id, onStack.id);
      await h.ok(`mutation($id: ID!) { azureIntegrationDetach(id: $id) { id } }`, { id: onStack.id });
      assert.match(
        await h.fails(`mutation($id: ID!) { azureIntegrationDetach(id: $id) { id } }`, { id: onStack.id }),
        /not found/,
      );
    });

    it("drops attachments with the integration, freeing the stack for another", async () => {
      const integration = await azure();
      await h.ok(ATTACH, { id: integration.id, stack: "app", read: true, write: true });
      await h.ok(`mutation($id: ID!) { azureIntegrationDelete(id: $id) { id } }`, { id: integration.id });
      const { azureIntegrations } = await h.ok<{ azureIntegrations: unknown[] }>(
        `{ azureIntegrations { id } }`,
      );
      assert.deepEqual(azureIntegrations, []);
      const again = await azure();
      await h.ok(ATTACH, { id: again.id, stack: "app", read: true, write: true });
    });
  });

  describe("GCP service accounts", () => {
    it("makes one account per stack with a GCP-shaped email, and keeps it when the scopes change", async () => {
      const { stackIntegrationGcpCreate: made } = await h.ok<{ stackIntegrationGcpCreate: Gcp }>(GCP_CREATE, {
        id: "app",
        scopes: ["https://www.googleapis.com/auth/cloud-platform"],
      });
      assert.equal(made.activated, true);
      assert.match(
        made.serviceAccountEmail ?? "",
        /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9-]+\.iam\.gserviceaccount\.com$/,
      );
      const { stackIntegrationGcpCreate: changed } = await h.ok<{ stackIntegrationGcpCreate: Gcp }>(
        GCP_CREATE,
        {
          id: "app",
          scopes: [
            "https://www.googleapis.com/auth/compute",
            "https://www.googleapis.com/auth/ndev.clouddns.readwrite",
          ],
        },
      );
      assert.equal(changed.serviceAccountEmail, made.serviceAccountEmail);
      const { stack } = await h.ok<{ stack: { integrations: { gcp: Gcp } } }>(GCP_READ, { id: "app" });
      assert.deepEqual(stack.integrations.gcp, changed);
      const { stackIntegrationGcpCreate: other } = await h.ok<{ stackIntegrationGcpCreate: Gcp }>(
        GCP_CREATE,
        {
          id: "other",
          scopes: ["https://www.googleapis.com/auth/cloud-platform"],
        },
      );
      assert.notEqual(other.serviceAccountEmail, made.serviceAccountEmail);
    });

    it("reads as not activated before the create and after the delete, and refuses no scopes", async () => {
      const before = await h.ok<{ stack: { integrations: { gcp: Gcp } } }>(GCP_READ, { id: "app" });
      assert.deepEqual(before.stack.integrations.gcp, {
        activated: false,
        serviceAccountEmail: null,
        tokenScopes: [],
      });
      assert.match(await h.fails(GCP_CREATE, { id: "app", scopes: [] }), /at least one token scope/);
      assert.match(await h.fails(GCP_CREATE, { id: "nowhere", scopes: ["s"] }), /not found/);
      await h.ok(GCP_CREATE, { id: "terraform-azure-net", scopes: ["s"] });
      const { stackIntegrationGcpDelete } = await h.ok<{ stackIntegrationGcpDelete: Gcp }>(
        `mutation { stackIntegrationGcpDelete(id: "terraform-azure-net") { activated serviceAccountEmail tokenScopes } }`,
      );
      assert.equal(stackIntegrationGcpDelete.activated, false);
      const after = await h.ok<{ module: { integrations: { gcp: Gcp } } }>(
        `{ module(id: "terraform-azure-net") { integrations { gcp { activated serviceAccountEmail } } } }`,
      );
      assert.deepEqual(after.module.integrations.gcp, { activated: false, serviceAccountEmail: null });
    });
  });

  describe("legacy per-stack AWS roles", () => {
    it("reads back the role set on a module, with AWS's minimum session when none is given", async () => {
      await h.ok(
        `mutation { stackIntegrationAwsCreate(id: "terraform-azure-net", roleArn: "arn:aws:iam::123456789012:role/legacy", generateCredentialsInWorker: false) { activated } }`,
      );
      const { module } = await h.ok<{ module: { integrations: { aws: Record<string, unknown> } } }>(
        AWS_ROLE_READ,
        {
          id: "terraform-azure-net",
        },
      );
      assert.deepEqual(module.integrations.aws, {
        activated: true,
        assumedRoleArn: "arn:aws:iam::123456789012:role/legacy",
        durationSeconds: 900,
        externalID: null,
        generateCredentialsInWorker: false,
        region: null,
      });
      await h.ok(`mutation { stackIntegrationAwsDelete(id: "terraform-azure-net") { activated } }`);
      const after = await h.ok<{
        module: { integrations: { aws: { activated: boolean; durationSeconds: number | null } } };
      }>(AWS_ROLE_READ, { id: "terraform-azure-net" });
      assert.deepEqual(
        [after.module.integrations.aws.activated, after.module.integrations.aws.durationSeconds],
        [false, null],
      );
    });
  });
});
