import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Harness } from "./harness";

const ADD_TO_CONTEXT = `mutation($config: ConfigInput!) {
  contextConfigAdd(context: "ctx", config: $config) { id type value writeOnly checksum description createdAt runtime }
}`;

function env(id: string, value: string, writeOnly = false, extra: Record<string, unknown> = {}) {
  return { id, type: "ENVIRONMENT_VARIABLE", value, writeOnly, ...extra };
}

describe("emulator config elements", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      contexts: [{ name: "Ctx" }],
      stacks: [{ name: "Stk" }],
      modules: [{ repository: "terraform-aws-mod" }],
    });
  });

  // The expected digests are the ones terraform-provider-spacelift's tests see from the real API
  // for these values.
  it("reports the lowercase hex SHA-256 of the value as sent", async () => {
    const variable = await h.ok<{ contextConfigAdd: { checksum: string } }>(ADD_TO_CONTEXT, {
      config: env("TASTY", "is tasty"),
    });
    assert.equal(
      variable.contextConfigAdd.checksum,
      "4d5d01ea427b10dd483e8fce5b5149fb5a9814e9ee614176b756ca4a65c8f154",
    );
    const file = await h.ok<{ contextConfigAdd: { checksum: string } }>(ADD_TO_CONTEXT, {
      config: {
        id: "bacon.txt",
        type: "FILE_MOUNT",
        value: Buffer.from("bacon is tasty").toString("base64"),
        writeOnly: true,
      },
    });
    assert.equal(
      file.contextConfigAdd.checksum,
      "fb13e7977b7548a324b598e155b5b5ba3dcca2dad5789abe1411a88fa544be9b",
    );
  });

  it("never returns a write-only value, only its checksum", async () => {
    await h.ok(ADD_TO_CONTEXT, { config: env("SECRET", "hunter2", true) });
    const data = await h.ok<{
      context: { configElement: { value: string | null; checksum: string; writeOnly: boolean } };
    }>(`{ context(id: "ctx") { configElement(id: "SECRET") { value checksum writeOnly } } }`);
    assert.deepEqual(data.context.configElement, {
      value: null,
      checksum: createHash("sha256").update("hunter2").digest("hex"),
      writeOnly: true,
    });
  });

  it("upserts by id: a second add replaces the element and keeps its creation time", async () => {
    const first = await h.ok<{ contextConfigAdd: { createdAt: number } }>(ADD_TO_CONTEXT, {
      config: env("A", "1"),
    });
    h.nowMs += 60_000;
    await h.ok(ADD_TO_CONTEXT, { config: env("A", "2", false, { description: "second" }) });
    const data = await h.ok<{ context: { config: unknown[] } }>(
      `{ context(id: "ctx") { config { id value description createdAt } } }`,
    );
    assert.deepEqual(data.context.config, [
      { id: "A", value: "2", description: "second", createdAt: first.contextConfigAdd.createdAt },
    ]);
  });

  it("configures stacks and, through the stack mutations, modules", async () => {
    const add = `mutation($stack: ID!, $config: ConfigInput!) { stackConfigAdd(stack: $stack, config: $config) { id } }`;
    await h.ok(add, { stack: "stk", config: env("ON_STACK", "s") });
    await h.ok(add, { stack: "terraform-aws-mod", config: env("ON_MODULE", "m") });
    const data = await h.ok(`{
      stack(id: "stk") { config { id } configElement(id: "ON_STACK") { value } missing: configElement(id: "NOPE") { id } }
      module(id: "terraform-aws-mod") { config { id } }
    }`);
    assert.deepEqual(data, {
      stack: { config: [{ id: "ON_STACK" }], configElement: { value: "s" }, missing: null },
      module: { config: [{ id: "ON_MODULE" }] },
    });
    assert.match(await h.fails(add, { stack: "ghost", config: env("X", "x") }), /not found/);
  });

  it("deletes an element and says 'not found' for a missing one", async () => {
    await h.ok(ADD_TO_CONTEXT, { config: env("GONE", "x") });
    assert.deepEqual(await h.ok(`mutation { contextConfigDelete(context: "ctx", id: "GONE") { id } }`), {
      contextConfigDelete: { id: "GONE" },
    });
    assert.match(
      await h.fails(`mutation { contextConfigDelete(context: "ctx", id: "GONE") { id } }`),
      /not found/,
    );
    assert.match(
      await h.fails(`mutation { stackConfigDelete(stack: "stk", id: "NEVER") { id } }`),
      /not found/,
    );
  });

  it("requires Base64 content for mounted files and valid names for variables", async () => {
    const file = (value: string) => ({ id: "conf/app.json", type: "FILE_MOUNT", value, writeOnly: false });
    const ok = await h.ok<{ contextConfigAdd: { type: string } }>(ADD_TO_CONTEXT, {
      config: file(Buffer.from("bacon is tasty").toString("base64")),
    });
    assert.equal(ok.contextConfigAdd.type, "FILE_MOUNT");
    assert.match(await h.fails(ADD_TO_CONTEXT, { config: file("not base64!") }), /Base64/);
    assert.match(
      await h.fails(ADD_TO_CONTEXT, { config: env("1BAD NAME", "x") }),
      /invalid environment variable name/,
    );
  });

  it("replaces a context's config on update only when replaceConfigElements is true", async () => {
    await h.ok(ADD_TO_CONTEXT, { config: env("OLD", "o") });
    const update = `mutation($input: ContextInput!, $replace: Boolean) {
      contextUpdateV2(id: "ctx", input: $input, replaceConfigElements: $replace) { config { id value } }
    }`;
    const input = { name: "Ctx", configAttachments: [env("NEW", "n")] };
    assert.deepEqual(await h.ok(update, { input }), {
      contextUpdateV2: { config: [{ id: "OLD", value: "o" }] },
    });
    assert.deepEqual(await h.ok(update, { input, replace: true }), {
      contextUpdateV2: { config: [{ id: "NEW", value: "n" }] },
    });
  });

  it("creates a context with the config elements of its input", async () => {
    const data = await h.ok(
      `mutation($input: ContextInput!) { contextCreateV2(input: $input) { id config { id writeOnly value } } }`,
      { input: { name: "With config", configAttachments: [env("K", "v", true)] } },
    );
    assert.deepEqual(data, {
      contextCreateV2: { id: "with-config", config: [{ id: "K", writeOnly: true, value: null }] },
    });
  });
});
