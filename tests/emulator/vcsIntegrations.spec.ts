import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { vcsIntegrations } from "../../emulator/resolvers/integrations/vcsIntegrations";
import { Harness } from "./harness";

const GITLAB_FIELDS =
  "id name description isDefault labels space { id } apiHost userFacingHost webhookUrl webhookSecret vcsChecks useGitCheckout";
const CREATE_GITLAB = `mutation($apiHost: String!, $ufh: String, $token: String!, $custom: CustomVCSInput) {
  gitlabIntegrationCreate(apiHost: $apiHost, userFacingHost: $ufh, privateToken: $token, customInput: $custom) { ${GITLAB_FIELDS} }
}`;
const UPDATE_GITLAB = `mutation($apiHost: String, $token: String, $custom: CustomVCSUpdateInput) {
  gitlabIntegrationUpdate(apiHost: $apiHost, privateToken: $token, customInput: $custom) { ${GITLAB_FIELDS} }
}`;
const READ_GITLAB = `query($id: ID) { gitlabIntegration(id: $id) { ${GITLAB_FIELDS} } }`;
const DELETE_GITLAB = `mutation($id: ID) { gitlabIntegrationDelete(id: $id) { id } }`;

const CREATE_ADO = `mutation($org: String!, $ufh: String, $token: String!, $custom: CustomVCSInput, $projects: [String!]) {
  azureDevOpsRepoIntegrationCreate(organizationURL: $org, userFacingHost: $ufh, personalAccessToken: $token, customInput: $custom, accessibleProjects: $projects) {
    id organizationURL userFacingHost accessibleProjects webhookUrl webhookPassword
  }
}`;
const UPDATE_ADO = `mutation($org: String!, $custom: CustomVCSUpdateInput, $projects: [String!]) {
  azureDevOpsRepoIntegrationUpdate(organizationURL: $org, customInput: $custom, accessibleProjects: $projects) {
    id organizationURL userFacingHost accessibleProjects
  }
}`;
const CREATE_BBDC = `mutation($token: String!, $custom: CustomVCSInput) {
  bitbucketDatacenterIntegrationCreate(apiHost: "https://bb.example.com", userFacingHost: "https://bb.example.com", username: "bot", accessToken: $token, customInput: $custom) {
    id username webhookURL webhookSecret
  }
}`;
const DELETE_BBDC = `mutation($id: ID) { bitbucketDatacenterIntegrationDelete(id: $id) { id } }`;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

describe("emulator VCS integrations (create, update, delete)", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  const createGitlab = (name: string, extra: Record<string, unknown> = {}) =>
    h.ok<{ gitlabIntegrationCreate: Record<string, unknown> }>(CREATE_GITLAB, {
      apiHost: "https://gitlab.example.com",
      token: "glpat-secret-value",
      custom: { name, spaceID: "root", ...extra },
    });

  it("creates a GitLab integration at its name's slug, with defaults, a webhook and no token in sight", async () => {
    const { gitlabIntegrationCreate: created } = await createGitlab("My GitLab", { labels: ["a"] });
    assert.equal(created.id, "my-gitlab");
    assert.deepEqual(
      {
        name: created.name,
        isDefault: created.isDefault,
        labels: created.labels,
        space: created.space,
        userFacingHost: created.userFacingHost,
        vcsChecks: created.vcsChecks,
        useGitCheckout: created.useGitCheckout,
      },
      {
        name: "My GitLab",
        isDefault: false,
        labels: ["a"],
        space: { id: "root" },
        userFacingHost: "https://gitlab.example.com",
        vcsChecks: "INDIVIDUAL",
        useGitCheckout: true,
      },
    );
    assert.equal(created.webhookUrl, "http://127.0.0.1:1/webhooks/gitlab/my-gitlab");
    assert.match(String(created.webhookSecret), /^[A-Za-z0-9_-]{20,}$/);
    const read = await h.ok<{ gitlabIntegration: unknown }>(READ_GITLAB, { id: "my-gitlab" });
    assert.deepEqual(read.gitlabIntegration, created);
    // The token is kept only as a checksum, so neither answers nor the stored state hold it.
    assert.ok(!JSON.stringify(read).includes("glpat-secret-value"));
    const stored = vcsIntegrations(h.store).get("my-gitlab");
    assert.equal(stored?.credentialSha256, sha256("glpat-secret-value"));
    assert.ok(!JSON.stringify(stored).includes("glpat-secret-value"));
  });

  it("refuses a second integration of one name, a second default, and a default outside root", async () => {
    await createGitlab("dup");
    assert.match(
      await h.fails(CREATE_GITLAB, {
        apiHost: "https://gitlab.example.com",
        token: "t",
        custom: { name: "dup", spaceID: "root" },
      }),
      /GitLab integration dup already exists/,
    );
    assert.match(
      await h.fails(CREATE_GITLAB, {
        apiHost: "https://gitlab.example.com",
        token: "t",
        custom: { name: "d", spaceID: "root", isDefault: true },
      }),
      /already has a default GitLab integration/,
    );
    assert.match(
      await h.fails(CREATE_GITLAB, {
        apiHost: "https://gitlab.example.com",
        token: "t",
        custom: { name: "d", spaceID: "elsewhere", isDefault: true },
      }),
      /must be in the space "root"/,
    );
    assert.match(
      await h.fails(CREATE_GITLAB, { apiHost: "https://gitlab.example.com", token: "t", custom: null }),
      /default GitLab integration already exists/,
    );
    assert.match(
      await h.fails(CREATE_GITLAB, { apiHost: "gitlab", token: "t", custom: { name: "x", spaceID: "root" } }),
      /apiHost must be a URL/,
    );
  });

  it("updates by customInput.id: a null token keeps the stored one, a new one replaces it, the name stays", async () => {
    await createGitlab("upd", { useGitCheckout: false });
    const { gitlabIntegrationUpdate: updated } = await h.ok<{
      gitlabIntegrationUpdate: Record<string, unknown>;
    }>(UPDATE_GITLAB, {
      apiHost: "https://gitlab2.example.com",
      token: null,
      custom: { id: "upd", space: "root", labels: ["b"], description: "d", vcsChecks: "ALL" },
    });
    assert.deepEqual(
      [
        updated.name,
        updated.apiHost,
        updated.userFacingHost,
        updated.labels,
        updated.description,
        updated.vcsChecks,
      ],
      ["upd", "https://gitlab2.example.com", "https://gitlab.example.com", ["b"], "d", "ALL"],
    );
    assert.equal(updated.useGitCheckout, false, "a null useGitCheckout keeps the stored choice");
    assert.equal(vcsIntegrations(h.store).get("upd")?.credentialSha256, sha256("glpat-secret-value"));
    await h.ok(UPDATE_GITLAB, { token: "rotated", custom: { id: "upd", space: "root" } });
    assert.equal(vcsIntegrations(h.store).get("upd")?.credentialSha256, sha256("rotated"));
    assert.match(
      await h.fails(UPDATE_GITLAB, { custom: { id: "missing", space: "root" } }),
      /GitLab integration missing not found/,
    );
  });

  it("deletes an integration, which then reads as null; the default one cannot be deleted", async () => {
    await createGitlab("gone");
    await h.ok(DELETE_GITLAB, { id: "gone" });
    assert.deepEqual(await h.ok(READ_GITLAB, { id: "gone" }), { gitlabIntegration: null });
    assert.match(await h.fails(DELETE_GITLAB, { id: "gone" }), /not found/);
    assert.match(await h.fails(DELETE_GITLAB, { id: null }), /default GitLab integration cannot be deleted/);
  });

  it("keeps an Azure DevOps integration's projects, and its user-facing host defaults to the organization URL", async () => {
    const created = await h.ok<{ azureDevOpsRepoIntegrationCreate: Record<string, unknown> }>(CREATE_ADO, {
      org: "https://dev.azure.com/acme",
      token: "pat",
      custom: { name: "ado", spaceID: "root" },
      projects: ["infra"],
    });
    assert.deepEqual(
      { ...created.azureDevOpsRepoIntegrationCreate, webhookPassword: "(checked below)" },
      {
        id: "ado",
        organizationURL: "https://dev.azure.com/acme",
        userFacingHost: "https://dev.azure.com/acme",
        accessibleProjects: ["infra"],
        webhookUrl: "http://127.0.0.1:1/webhooks/azure_devops/ado",
        webhookPassword: "(checked below)",
      },
    );
    assert.ok(String(created.azureDevOpsRepoIntegrationCreate.webhookPassword).length >= 20);
    const updated = await h.ok<{ azureDevOpsRepoIntegrationUpdate: Record<string, unknown> }>(UPDATE_ADO, {
      org: "https://dev.azure.com/acme2",
      custom: { id: "ado", space: "root" },
      projects: null,
    });
    assert.deepEqual(updated.azureDevOpsRepoIntegrationUpdate, {
      id: "ado",
      organizationURL: "https://dev.azure.com/acme2",
      userFacingHost: "https://dev.azure.com/acme",
      accessibleProjects: [],
    });
  });

  it("creates and deletes a Bitbucket Data Center integration, whose webhook URL is spelt webhookURL", async () => {
    const created = await h.ok<{ bitbucketDatacenterIntegrationCreate: Record<string, unknown> }>(
      CREATE_BBDC,
      {
        token: "bb-token",
        custom: { name: "bbdc", spaceID: "root" },
      },
    );
    assert.equal(created.bitbucketDatacenterIntegrationCreate.username, "bot");
    assert.equal(
      created.bitbucketDatacenterIntegrationCreate.webhookURL,
      "http://127.0.0.1:1/webhooks/bitbucket_datacenter/bbdc",
    );
    assert.match(
      await h.fails(CREATE_BBDC, { token: "", custom: { name: "b2", spaceID: "root" } }),
      /token must not be empty/,
    );
    // Integrations of other providers are not reached through this provider's mutations.
    assert.match(await h.fails(DELETE_GITLAB, { id: "bbdc" }), /not found/);
    await h.ok(DELETE_BBDC, { id: "bbdc" });
    assert.equal(vcsIntegrations(h.store).has("bbdc"), false);
  });
});
