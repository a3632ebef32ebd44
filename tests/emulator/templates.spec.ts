import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Harness } from "./harness";

const TEMPLATE = "id ulid name description labels space { id } createdAt updatedAt";
const VERSION =
  "id ulid name space { id } instructions rawTemplate state labels version createdAt updatedAt publishedAt";
const DEPLOYMENT =
  "id name description state createdAt space { id } template { id } templateVersion { id version } stacks { id name space } inputs { id value secret checksum }";

const CREATE_TEMPLATE = `mutation($input: TemplateCreateInput!) { templateCreate(input: $input) { ${TEMPLATE} } }`;
const UPDATE_TEMPLATE = `mutation($id: ID!, $input: TemplateUpdateInput!) { templateUpdate(id: $id, input: $input) { ${TEMPLATE} } }`;
const CREATE_VERSION = `mutation($input: TemplateVersionCreateInput!) { templateVersionCreate(input: $input) { ${VERSION} } }`;
const UPDATE_VERSION = `mutation($id: ID!, $input: TemplateVersionUpdateInput!) { templateVersionUpdate(id: $id, input: $input) { ${VERSION} } }`;
const READ_VERSION = `query($t: ID!, $v: ID!) { template(id: $t) { templateVersion(id: $v) { id ulid } versions { id } } }`;
const PARSE = `query($template: String!) { templateVersionParseTemplate(template: $template) { inputs { id name type default } errors } }`;
const DEPLOY = `mutation($id: ID!, $input: TemplateDeploymentCreateInput!) { templateDeploymentCreate(id: $id, input: $input) { ${DEPLOYMENT} } }`;
const UPDATE_DEPLOYMENT = `mutation($id: ID!, $t: ID!, $input: TemplateDeploymentUpdateInput!) { templateDeploymentUpdate(id: $id, templateID: $t, input: $input) { ${DEPLOYMENT} } }`;
const READ_DEPLOYMENT = `query($id: ID!, $t: ID!) { templateDeployment(id: $id, templateID: $t) { ${DEPLOYMENT} } }`;
const DELETE_DEPLOYMENT = `mutation($id: ID!, $t: ID!) { templateDeploymentDelete(id: $id, templateID: $t) { id } }`;

const body = (prefix: string) =>
  "inputs:\n  - id: env\n    name: Environment\n    default: dev\n  - id: token\n    name: Token\n    type: secret\n" +
  `stacks:\n  - name: ${prefix}-\${{ inputs.env }}\n    key: app\n    vcs:\n      repository: demo\n`;

interface Version {
  id: string;
  ulid: string;
  state: string;
  rawTemplate: string | null;
  publishedAt: number | null;
  version: string;
  instructions: string | null;
}

interface Deployment {
  id: string;
  state: string;
  templateVersion: { id: string; version: string };
  stacks: { id: string; name: string; space: string }[];
  inputs: { id: string; value: string; secret: boolean; checksum: string }[];
  description: string | null;
}

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

describe("emulator templates", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({ spaces: [{ id: "team", name: "Team", inheritEntities: true }] });
  });

  async function template(name = "My Template"): Promise<{ id: string; ulid: string }> {
    return (
      await h.ok<{ templateCreate: { id: string; ulid: string } }>(CREATE_TEMPLATE, {
        input: { name, space: "root", labels: ["a"] },
      })
    ).templateCreate;
  }

  async function version(templateID: string, extra: Record<string, unknown> = {}): Promise<Version> {
    return (
      await h.ok<{ templateVersionCreate: Version }>(CREATE_VERSION, {
        input: { templateID, state: "DRAFT", labels: [], versionNumber: "1.0.0", ...extra },
      })
    ).templateVersionCreate;
  }

  it("gives a template the slug of its name as ID, kept on rename, and refuses a second of that name", async () => {
    const t = await template();
    assert.equal(t.id, "my-template");
    assert.match(t.ulid, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    const renamed = await h.ok<{ templateUpdate: { id: string; name: string; space: { id: string } } }>(
      UPDATE_TEMPLATE,
      { id: t.id, input: { name: "Other", space: "team", labels: [] } },
    );
    assert.deepEqual(
      {
        id: renamed.templateUpdate.id,
        name: renamed.templateUpdate.name,
        space: renamed.templateUpdate.space,
      },
      { id: "my-template", name: "Other", space: { id: "team" } },
    );
    assert.match(
      await h.fails(CREATE_TEMPLATE, { input: { name: "my template", space: "root", labels: [] } }),
      /already exists/,
    );
    assert.match(
      await h.fails(CREATE_TEMPLATE, { input: { name: "x", space: "nowhere", labels: [] } }),
      /space nowhere not found/,
    );
  });

  it("names a version <templateId>-<ulid> and finds it by either", async () => {
    const t = await template();
    const v = await version(t.id, { instructions: "read me", template: "anything goes in a draft" });
    assert.equal(v.id, `${t.id}-${v.ulid}`);
    assert.equal(v.state, "DRAFT");
    assert.equal(v.publishedAt, null);
    for (const key of [v.id, v.ulid]) {
      const read = await h.ok<{ template: { templateVersion: { id: string }; versions: unknown[] } }>(
        READ_VERSION,
        {
          t: t.id,
          v: key,
        },
      );
      assert.deepEqual(read.template.templateVersion, { id: v.id, ulid: v.ulid });
      assert.deepEqual(read.template.versions, [{ id: v.id }]);
    }
    assert.match(
      await h.fails(CREATE_VERSION, {
        input: { templateID: t.id, state: "DRAFT", labels: [], versionNumber: "1.0.0" },
      }),
      /already has a version 1.0.0/,
    );
  });

  it("parses a body: its inputs, and every problem at once", async () => {
    const good = await h.ok<{ templateVersionParseTemplate: { inputs: unknown[]; errors: string[] } }>(
      PARSE,
      {
        template: body("app"),
      },
    );
    assert.deepEqual(good.templateVersionParseTemplate, {
      inputs: [
        { id: "env", name: "Environment", type: "short_text", default: "dev" },
        { id: "token", name: "Token", type: "secret", default: null },
      ],
      errors: [],
    });
    const bad = await h.ok<{ templateVersionParseTemplate: { errors: string[] } }>(PARSE, {
      template:
        "inputs:\n  - name: no id\n  - id: x\n    type: colour\nstacks:\n  - name: s-${{ inputs.y }}\n",
    });
    assert.deepEqual(bad.templateVersionParseTemplate.errors, [
      "inputs[0]: id is required",
      'inputs[1]: unknown type "colour" (one of short_text, long_text, secret, number, float, boolean, list)',
      'stacks[0]: name refers to undeclared input "y"',
    ]);
  });

  it("publishes only a body that parses, and then refuses to change its body or state", async () => {
    const t = await template();
    assert.match(
      await h.fails(CREATE_VERSION, {
        input: {
          templateID: t.id,
          state: "PUBLISHED",
          labels: [],
          versionNumber: "1",
          template: "inputs: []\n",
        },
      }),
      /template is invalid: template must declare at least one stack/,
    );
    const draft = await version(t.id, { template: body("app") });
    h.nowMs += 60_000;
    const input = { state: "PUBLISHED", labels: [], versionNumber: "1.0.0", template: body("app") };
    const published = (
      await h.ok<{ templateVersionUpdate: Version }>(UPDATE_VERSION, { id: draft.id, input })
    ).templateVersionUpdate;
    assert.equal(published.state, "PUBLISHED");
    assert.equal(published.publishedAt, Math.floor(h.nowMs / 1000));
    assert.match(
      await h.fails(UPDATE_VERSION, { id: draft.id, input: { ...input, template: body("changed") } }),
      /cannot modify the template of a published template version/,
    );
    assert.match(
      await h.fails(UPDATE_VERSION, { id: draft.id, input: { ...input, state: "DRAFT" } }),
      /cannot change the state of a published template version/,
    );
    // Its number and instructions may still change; the publication time stays.
    h.nowMs += 60_000;
    const renumbered = (
      await h.ok<{ templateVersionUpdate: Version }>(UPDATE_VERSION, {
        id: draft.ulid,
        input: { ...input, versionNumber: "1.0.1", instructions: "now with instructions" },
      })
    ).templateVersionUpdate;
    assert.deepEqual(
      [renumbered.version, renumbered.instructions, renumbered.publishedAt, renumbered.rawTemplate],
      ["1.0.1", "now with instructions", published.publishedAt, body("app")],
    );
  });

  it("deploys a published version into stacks, reports secrets by checksum, upgrades in place and deletes its stacks", async () => {
    const t = await template();
    const draft = await version(t.id, { template: body("app") });
    const deployInput = {
      space: "team",
      name: "Production",
      description: "first",
      inputs: [
        { id: "env", value: "prod" },
        { id: "token", value: "s3cr3t" },
      ],
    };
    assert.match(
      await h.fails(DEPLOY, { id: draft.id, input: deployInput }),
      /only a published template version/,
    );
    const v1 = await version(t.id, { versionNumber: "1.0.1", state: "PUBLISHED", template: body("app") });
    const v2 = await version(t.id, { versionNumber: "2.0.0", state: "PUBLISHED", template: body("web") });
    assert.match(
      await h.fails(DEPLOY, { id: v1.id, input: { ...deployInput, inputs: [{ id: "env", value: "prod" }] } }),
      /input "token" is required/,
    );
    assert.match(
      await h.fails(DEPLOY, {
        id: v1.id,
        input: { ...deployInput, inputs: [{ id: "colour", value: "red" }] },
      }),
      /input "colour" is not declared/,
    );
    const created = (
      await h.ok<{ templateDeploymentCreate: Deployment }>(DEPLOY, { id: v1.id, input: deployInput })
    ).templateDeploymentCreate;
    assert.equal(created.id, "production");
    assert.equal(created.state, "FINISHED");
    assert.deepEqual(created.stacks, [{ id: "app-prod", name: "app-prod", space: "team" }]);
    assert.deepEqual(created.inputs, [
      { id: "env", value: "prod", secret: false, checksum: sha256("prod") },
      { id: "token", value: "", secret: true, checksum: sha256("s3cr3t") },
    ]);
    assert.ok(!JSON.stringify(created).includes("s3cr3t"), "the secret input's value is never returned");
    assert.match(await h.fails(DEPLOY, { id: v1.id, input: deployInput }), /already exists/);
    // A deployed version cannot go, nor can its template.
    assert.match(
      await h.fails(`mutation($id: ID!) { templateVersionDelete(id: $id) { id } }`, { id: v1.id }),
      /is deployed/,
    );
    assert.match(
      await h.fails(`mutation($id: ID!) { templateDelete(id: $id) { id } }`, { id: t.id }),
      /deployment/,
    );

    // Upgrade: the stack keeps its ID and takes the new version's rendered name.
    const upgraded = (
      await h.ok<{ templateDeploymentUpdate: Deployment }>(UPDATE_DEPLOYMENT, {
        id: created.id,
        t: t.id,
        input: {
          versionId: v2.id,
          inputs: [
            { id: "env", value: "staging" },
            { id: "token", value: "s3cr3t" },
          ],
        },
      })
    ).templateDeploymentUpdate;
    assert.equal(upgraded.templateVersion.id, v2.id);
    assert.equal(upgraded.description, "first", "members not given stay");
    assert.deepEqual(upgraded.stacks, [{ id: "app-prod", name: "web-staging", space: "team" }]);
    const read = await h.ok<{ templateDeployment: Deployment }>(READ_DEPLOYMENT, { id: created.id, t: t.id });
    assert.deepEqual(read.templateDeployment, upgraded);

    await h.ok(DELETE_DEPLOYMENT, { id: created.id, t: t.id });
    assert.deepEqual(await h.ok(READ_DEPLOYMENT, { id: created.id, t: t.id }), { templateDeployment: null });
    assert.deepEqual(await h.ok(`query { stack(id: "app-prod") { id } }`), { stack: null });
    assert.match(await h.fails(DELETE_DEPLOYMENT, { id: created.id, t: t.id }), /not found/);
    await h.ok(`mutation($id: ID!) { templateDelete(id: $id) { id } }`, { id: t.id });
    assert.deepEqual(await h.ok(READ_VERSION, { t: t.id, v: v1.id }), { template: null });
  });
});
