import { strict as assert } from "node:assert";
import { arg, defineResource, mutation, query } from "../../../provider/engine/descriptor";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { JsonObject } from "../../../provider/engine/values";
import { fakeApi } from "./fakes";

/** A thing whose API reports unset lists as [] and fills in nested settings it chose. */
const gadget = defineResource({
  kind: "Gadget",
  doc: "A gadget with nested settings.",
  fields: {
    name: { type: t.string(), required: true, doc: "Name of the gadget." },
    tags: { type: t.set(t.string()), doc: "Tags of the gadget." },
    engine: {
      type: t.object({
        kind: { type: t.string(), required: true, doc: "Kind of engine." },
        version: { type: t.string(), serverDefault: true, doc: "Version; chosen by the API when unset." },
        tuning: {
          type: t.object({
            level: { type: t.int(), serverDefault: true, doc: "Tuning level; chosen by the API when unset." },
          }),
          doc: "Tuning of the engine.",
        },
      }),
      doc: "Engine settings.",
    },
  },
  operations: {
    create: mutation("GadgetCreate", "gadgetCreate", { input: arg.input("GadgetInput!") }),
    read: query("GadgetRead", "gadget", { id: arg.id() }),
    update: mutation("GadgetUpdate", "gadgetUpdate", { id: arg.id(), input: arg.input("GadgetInput!") }),
    delete: mutation("GadgetDelete", "gadgetDelete", { id: arg.id() }),
  },
});

describe("engine outputs", () => {
  const stored = (input: JsonObject): JsonObject => {
    const engine = (input["engine"] ?? {}) as JsonObject;
    const tuning = (engine["tuning"] ?? {}) as JsonObject;
    return {
      id: "g-1",
      name: input["name"] ?? null,
      tags: input["tags"] ?? [],
      engine: {
        kind: engine["kind"] ?? null,
        version: engine["version"] ?? "9.9",
        tuning: { level: tuning["level"] ?? 3 },
      },
    };
  };

  it("leave out empty lists, so a read reports what the create did", async () => {
    let object: JsonObject = {};
    const api = fakeApi({
      GadgetCreate: (v) => ({ gadgetCreate: (object = stored(v["input"] as JsonObject)) }),
      GadgetRead: () => ({ gadget: object }),
    });
    const engine = new ResourceEngine(gadget, { api: api.port });
    const created = await engine.create({ name: "g", tags: [], engine: { kind: "v8", tuning: {} } });
    assert.equal("tags" in created.outs, false);
    const read = await engine.read(created.id, created.outs);
    assert.deepEqual(read.props, created.outs);
  });

  it("fill in nested settings the API chose, at any depth, keeping the program's own", async () => {
    let object: JsonObject = {};
    const api = fakeApi({
      GadgetCreate: (v) => ({ gadgetCreate: (object = stored(v["input"] as JsonObject)) }),
      GadgetUpdate: (v) => ({ gadgetUpdate: (object = stored(v["input"] as JsonObject)) }),
    });
    const engine = new ResourceEngine(gadget, { api: api.port });
    const created = await engine.create({ name: "g", engine: { kind: "v8", tuning: {} } });
    assert.deepEqual(created.outs["engine"], { kind: "v8", version: "9.9", tuning: { level: 3 } });
    const updated = await engine.update(created.id, created.outs, {
      name: "g",
      engine: { kind: "v12", version: "1.0", tuning: { level: 7 } },
    });
    assert.deepEqual(updated.outs["engine"], { kind: "v12", version: "1.0", tuning: { level: 7 } });
    assert.deepEqual(object["engine"], { kind: "v12", version: "1.0", tuning: { level: 7 } });
  });
});
