import { strict as assert } from "node:assert";
import {
  arg,
  DescriptorError,
  defineResource,
  mutation,
  query,
  singletonId,
  type ResourceInit,
} from "../../../provider/engine/descriptor";
import { t } from "../../../provider/engine/fieldTypes";
import { buildVariables, pickResult } from "../../../provider/engine/graphqlValues";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { operationSpec } from "../../../provider/engine/operationDocument";
import { fakeApi } from "./fakes";

const doc = "A field used in a test.";

/** An account setting: a scalar the API sets and reads, which it offers no way to delete. */
const settingInit: ResourceInit = {
  kind: "Setting",
  doc: "A test account setting.",
  fields: { value: { type: t.string(), required: true, gql: "setting", doc } },
  id: singletonId("setting"),
  forgetOnDelete: true,
  forgetWarning: "the setting stays as it is in the account",
  operations: {
    create: mutation(
      "SettingSet",
      "settingSet",
      { value: arg.field("value", "String!") },
      { scalar: "setting" },
    ),
    read: query("SettingRead", "setting", {}, { scalar: "setting" }),
    update: mutation(
      "SettingSetAgain",
      "settingSet",
      { value: arg.field("value", "String!") },
      { scalar: "setting" },
    ),
  },
};

const setting = defineResource(settingInit);

describe("engine: scalar answers, singleton ids and deletes that keep the object", () => {
  it("selects nothing on a scalar field and reads the answer as the named member", async () => {
    assert.equal(
      operationSpec(setting, setting.operations.read as never, "read").document,
      "query SettingRead { setting }",
    );
    let stored: string | null = null;
    const api = fakeApi({
      SettingSet: (v) => ({ settingSet: (stored = String(v["value"])) }),
      SettingRead: () => ({ setting: stored }),
    });
    const engine = new ResourceEngine(setting, { api: api.port });
    const created = await engine.create({ value: "a" });
    assert.deepEqual(created, { id: "setting", outs: { value: "a" } });
    stored = "changed elsewhere";
    assert.deepEqual((await engine.read("setting")).props, { value: "changed elsewhere" });
    stored = null;
    assert.deepEqual(await engine.read("setting"), {});
  });

  it("reads the singleton under any id, such as the creation time Terraform's provider used", async () => {
    const api = fakeApi({ SettingRead: () => ({ setting: "kept" }) });
    const engine = new ResourceEngine(setting, { api: api.port });
    const id = "2024-05-01 10:00:00.123 +0000 UTC m=+0.1";
    assert.deepEqual(await engine.read(id), { id, props: { value: "kept" }, inputs: { value: "kept" } });
  });

  it("deletes by warning, without calling the API", async () => {
    const api = fakeApi({});
    const warnings: string[] = [];
    const engine = new ResourceEngine(setting, { api: api.port, warn: (line) => warnings.push(line) });
    await engine.delete("setting", { value: "a" });
    assert.equal(api.calls("SettingSet").length + api.calls("SettingRead").length, 0);
    assert.deepEqual(warnings, ["warning: Setting setting: the setting stays as it is in the account"]);
  });

  it("refuses a delete operation next to forgetOnDelete, and a missing one without it", () => {
    const withDelete: ResourceInit = {
      ...settingInit,
      operations: { ...settingInit.operations, delete: mutation("SettingDelete", "settingDelete", {}) },
    };
    assert.throws(
      () => defineResource(withDelete),
      (e: unknown) => {
        assert.ok(DescriptorError.isInstance(e));
        return /a forgetOnDelete resource has none/.test(e.message);
      },
    );
    const withoutKeep: ResourceInit = { ...settingInit, forgetOnDelete: undefined, forgetWarning: undefined };
    assert.throws(() => defineResource(withoutKeep), /operations.delete is missing/);
  });

  it("refuses a selection on a scalar answer", () => {
    const bad: ResourceInit = {
      ...settingInit,
      operations: {
        ...settingInit.operations,
        read: query("SettingRead", "setting", {}, { scalar: "setting", selection: ["id"] }),
      },
    };
    assert.throws(() => defineResource(bad), /a scalar answer has no selection/);
  });

  it("reads a list of scalars as a list of objects, and keeps null as null", () => {
    const op = query("KeysRead", "thing", {}, { path: [{ field: "keys", args: {} }], scalar: "key" });
    assert.deepEqual(pickResult(op, { thing: { keys: ["a", "b"] } }), [{ key: "a" }, { key: "b" }]);
    assert.equal(pickResult(op, { thing: null }), null);
    assert.deepEqual(pickResult(query("S", "s", {}, { scalar: "a.b" }), { s: "v" }), { a: { b: "v" } });
  });

  it("puts the resource id into the input object with arg.inputWithId", () => {
    const op = mutation("ThingUpdate", "thingUpdate", { input: arg.inputWithId("ThingUpdateInput!") });
    const fields = { name: { type: t.string(), doc } };
    assert.deepEqual(buildVariables(op, { id: "t-1", values: { name: "n" }, fields }), {
      input: { name: "n", id: "t-1" },
    });
    assert.throws(() => buildVariables(op, { values: {}, fields }), /needs the resource id/);
  });
});
