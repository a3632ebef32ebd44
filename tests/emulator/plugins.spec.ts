import assert from "node:assert/strict";
import type { ApiPort } from "../../provider/engine/api";
import { memoryJournal } from "../../provider/engine/createJournal";
import { ResourceOperationError } from "../../provider/engine/errors";
import { ResourceEngine } from "../../provider/engine/lifecycle";
import type { Values } from "../../provider/engine/values";
import { plugin } from "../../provider/resources";
import { Harness } from "./harness";

const TEMPLATE =
  "id name slug isGlobal labels manifest parameters { id name type description sensitive required default }";
const CREATE_TEMPLATE = `mutation($input: PluginTemplateCreateInput!) { pluginTemplateCreate(input: $input) { ${TEMPLATE} } }`;
const PLUGIN =
  "id name slug labels labelIdentifier spaceDetails { id } pluginTemplateDetails { id } createdAt";
const INSTALL = `mutation($input: PluginInstallInput!) { pluginInstall(input: $input) { ${PLUGIN} } }`;

const MANIFEST = JSON.stringify({
  name: "cost-report",
  parameters: [
    { id: "api_key", name: "API key", required: true, sensitive: true },
    { name: "currency", description: "ISO code", default: "EUR" },
  ],
});

const SECRET = "plugin-parameter-value-that-must-never-come-back";

describe("emulator plugins", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function createTemplate(
    manifest = MANIFEST,
  ): Promise<{ id: string; parameters: Record<string, unknown>[] }> {
    return (
      await h.ok<{ pluginTemplateCreate: { id: string; parameters: Record<string, unknown>[] } }>(
        CREATE_TEMPLATE,
        {
          input: { name: "Cost report", manifest },
        },
      )
    ).pluginTemplateCreate;
  }

  it("reads a template's parameters from its manifest, ids defaulting to names", async () => {
    const t = await createTemplate();
    assert.deepEqual(t.parameters, [
      {
        id: "api_key",
        name: "API key",
        type: "string",
        description: null,
        sensitive: true,
        required: true,
        default: null,
      },
      {
        id: "currency",
        name: "currency",
        type: "string",
        description: "ISO code",
        sensitive: false,
        required: false,
        default: "EUR",
      },
    ]);
    assert.match(
      await h.fails(CREATE_TEMPLATE, { input: { name: "x", manifest: "parameters: [" } }),
      /not valid/,
    );
    assert.match(
      await h.fails(CREATE_TEMPLATE, {
        input: { name: "x", manifest: '{"parameters":[{"name":"a"},{"name":"a"}]}' },
      }),
      /parameter a is defined twice/,
    );
  });

  it("installs a plugin only with parameters the template defines and every required one", async () => {
    const t = await createTemplate();
    const install = (parameters: { id: string; value: string }[]) =>
      h.run(INSTALL, {
        input: { name: "p", pluginTemplateID: t.id, space: "root", labelIdentifier: "cost", parameters },
      });
    const unknown = await install([
      { id: "api_key", value: SECRET },
      { id: "region", value: SECRET },
    ]);
    assert.match(unknown.errors?.[0]?.message ?? "", /parameter region is not defined by plugin template/);
    const missing = await install([{ id: "currency", value: "USD" }]);
    assert.match(missing.errors?.[0]?.message ?? "", /required parameter api_key is missing/);
    for (const r of [unknown, missing])
      assert.ok(!JSON.stringify(r).includes(SECRET), "no error quotes a value");
    assert.deepEqual((await h.ok<{ plugins: unknown[] }>("{ plugins { id } }")).plugins, []);
  });

  it("never returns parameter values, and keeps a template while plugins use it", async () => {
    const t = await createTemplate();
    const installed = (
      await h.ok<{
        pluginInstall: { id: string; spaceDetails: { id: string }; pluginTemplateDetails: { id: string } };
      }>(INSTALL, {
        input: {
          name: "p",
          pluginTemplateID: t.id,
          space: "root",
          labelIdentifier: "cost",
          parameters: [{ id: "api_key", value: SECRET }],
        },
      })
    ).pluginInstall;
    assert.deepEqual(installed.spaceDetails, { id: "root" });
    assert.deepEqual(installed.pluginTemplateDetails, { id: t.id });
    const read = await h.run(`query($id: ID!) { plugin(id: $id) { ${PLUGIN} } plugins { ${PLUGIN} } }`, {
      id: installed.id,
    });
    assert.ok(!JSON.stringify(read).includes(SECRET));
    assert.match(
      await h.fails("mutation($id: ID!) { pluginTemplateDelete(id: $id) { id } }", { id: t.id }),
      /cannot be deleted while 1 plugin installed from it remain/,
    );
    await h.ok("mutation($id: ID!) { pluginDelete(id: $id) { id } }", { id: installed.id });
    await h.ok("mutation($id: ID!) { pluginTemplateDelete(id: $id) { id } }", { id: t.id });
    assert.equal(
      (
        await h.ok<{ pluginTemplate: null }>(`query($id: ID!) { pluginTemplate(id: $id) { id } }`, {
          id: t.id,
        })
      ).pluginTemplate,
      null,
    );
  });

  it("offers Spacelift's global infracost template, which cannot be deleted", async () => {
    const global = await h.ok<{ pluginTemplate: { isGlobal: boolean; parameters: { id: string }[] } }>(
      `{ pluginTemplate(id: "infracost") { ${TEMPLATE} } }`,
    );
    assert.equal(global.pluginTemplate.isGlobal, true);
    assert.deepEqual(
      global.pluginTemplate.parameters.map((p) => p.id),
      ["infracost_api_key"],
    );
    assert.match(await h.fails('mutation { pluginTemplateDelete(id: "infracost") { id } }'), /global/);
  });
});

describe("Plugin against the emulated plugins", () => {
  let h: Harness;
  let sent: { name: string; variables: Record<string, unknown> }[];
  let engine: ResourceEngine;
  let templateId: string;

  beforeEach(async () => {
    h = new Harness();
    sent = [];
    const api: ApiPort = {
      async run<T>(op: { name: string; document: string }, variables: Record<string, unknown>): Promise<T> {
        sent.push({ name: op.name, variables });
        const result = await h.run(op.document, variables);
        const message = result.errors?.[0]?.message;
        if (message !== undefined) {
          throw Object.assign(new Error(message), {
            code: /not found/.test(message) ? "not_found" : "validation",
          });
        }
        return JSON.parse(JSON.stringify(result.data)) as T;
      },
    };
    engine = new ResourceEngine(plugin, { api, journal: memoryJournal(), now: () => h.nowMs, env: {} });
    templateId = (
      await h.ok<{ pluginTemplateCreate: { id: string } }>(CREATE_TEMPLATE, {
        input: { name: "Cost", manifest: MANIFEST },
      })
    ).pluginTemplateCreate.id;
  });

  async function checked(inputs: Values): Promise<Values> {
    const result = await engine.check({}, inputs);
    assert.deepEqual(result.failures, []);
    return result.inputs;
  }

  async function refusal(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (err) {
      assert.ok(ResourceOperationError.isInstance(err), String(err));
      return err.message;
    }
    assert.fail("expected the create to fail");
  }

  it("reads the template first, then installs with the template's order and defaults", async () => {
    const created = await engine.create(
      await checked({
        name: "cost",
        pluginTemplateId: templateId,
        stackLabel: "cost",
        parameters: { api_key: SECRET },
      }),
    );
    assert.deepEqual(sent.map((s) => s.name).slice(0, 2), ["PluginTemplateForInstall", "PluginInstall"]);
    const input = sent[1]!.variables["input"] as Record<string, unknown>;
    assert.deepEqual(input["parameters"], [
      { id: "api_key", value: SECRET },
      { id: "currency", value: "EUR" },
    ]);
    assert.equal(input["space"], "root");
    assert.deepEqual(
      created.outs["parameters"],
      { api_key: SECRET },
      "kept from the program; the SDK marks it secret",
    );
    const refreshed = await engine.read(created.id, created.outs);
    assert.deepEqual(
      refreshed.props?.["parameters"],
      { api_key: SECRET },
      "Spacelift never returns them, so a refresh keeps them",
    );
    assert.equal(refreshed.props?.["pluginTemplateId"], templateId);
  });

  it("fails before installing when a parameter is unknown or a required one is missing, naming no value", async () => {
    const unknown = await refusal(
      engine.create(
        await checked({
          name: "cost",
          pluginTemplateId: templateId,
          stackLabel: "cost",
          parameters: { api_key: SECRET, region: SECRET },
        }),
      ),
    );
    assert.match(unknown, /parameters: "region" not defined by plugin template/);
    const missing = await refusal(
      engine.create(
        await checked({
          name: "cost",
          pluginTemplateId: templateId,
          stackLabel: "cost",
          parameters: { currency: "USD" },
        }),
      ),
    );
    assert.match(missing, /"api_key" is required/);
    const gone = await refusal(
      engine.create(
        await checked({ name: "cost", pluginTemplateId: "no-such-template", stackLabel: "cost" }),
      ),
    );
    assert.match(gone, /plugin template "no-such-template" not found/);
    for (const message of [unknown, missing, gone]) assert.ok(!message.includes(SECRET));
    assert.ok(!sent.some((s) => s.name === "PluginInstall"), "nothing was installed");
  });
});
