import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import { arg, defineResource, mutation, query } from "../../../provider/engine/descriptor";
import { t } from "../../../provider/engine/fieldTypes";
import { buildVariables, readObject } from "../../../provider/engine/graphqlValues";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { buildDocument } from "../../../provider/engine/operationDocument";
import { anyTrue, conflictsWith, describeRule, distinct, evaluateRule } from "../../../provider/engine/rules";
import { isRecord, type JsonObject, type Values } from "../../../provider/engine/values";
import { fakeApi } from "./fakes";

/**
 * A thing with two alternative "source" blocks that the API folds into `kind` + `location`, as a
 * stack's VCS blocks fold into `provider` + `namespace`: written through `hooks.shapeInput`, read
 * back through `readFrom`.
 */
const SOURCE_SELECT = "kind location";
const thing = defineResource({
  kind: "Thing",
  doc: "A thing with alternative source blocks.",
  fields: {
    name: { type: t.string(), required: true, doc: "Name of the thing." },
    git: {
      type: t.object({ url: { type: t.string(), required: true, doc: "Repository URL." } }),
      gql: false,
      doc: "Read the thing from a Git repository.",
      readFrom: {
        select: SOURCE_SELECT,
        read: (obj) => (obj["kind"] === "GIT" ? { url: obj["location"] ?? "" } : undefined),
      },
    },
    bucket: {
      type: t.object({ name: { type: t.string(), required: true, doc: "Bucket name." } }),
      gql: false,
      doc: "Read the thing from a bucket.",
      readFrom: {
        select: SOURCE_SELECT,
        read: (obj) => (obj["kind"] === "BUCKET" ? { name: obj["location"] ?? "" } : undefined),
      },
    },
    owner: { type: t.string(), doc: "Owner of the thing." },
    other: { type: t.string(), doc: "Something that must differ from the owner." },
  },
  rules: [conflictsWith("git", "bucket"), distinct("owner", "other")],
  hooks: {
    shapeInput(input: JsonObject, values: Values): JsonObject {
      const git = values["git"];
      const bucket = values["bucket"];
      if (isRecord(git)) return { ...input, kind: "GIT", location: git["url"] ?? null };
      if (isRecord(bucket)) return { ...input, kind: "BUCKET", location: bucket["name"] ?? null };
      return { ...input, kind: "NONE", location: null };
    },
  },
  operations: {
    create: mutation("ThingCreate", "thingCreate", { input: arg.input("ThingInput!") }),
    read: query("ThingRead", "thing", { id: arg.id() }),
    update: mutation("ThingUpdate", "thingUpdate", { id: arg.id(), input: arg.input("ThingInput!") }),
    delete: mutation("ThingDelete", "thingDelete", {
      id: arg.id(),
      owner: arg.derived("String", (v) =>
        typeof v["owner"] === "string" ? v["owner"].toUpperCase() : undefined,
      ),
    }),
  },
});

describe("engine: whole-object fields, input shaping, derived arguments and value rules", () => {
  it("selects a readFrom's text once, however many fields share it", () => {
    const document = buildDocument(thing, thing.operations.read as never, "read");
    assert.equal(document.split(SOURCE_SELECT).length - 1, 1, document);
    assert.match(document, /\{ thing\(id: \$id\) \{ id name kind location owner other \} \}/);
  });

  it("reads readFrom fields from the whole object, absent when the reader says so", () => {
    assert.deepEqual(readObject(thing.fields, { name: "n", kind: "GIT", location: "https://x" }), {
      name: "n",
      git: { url: "https://x" },
    });
    assert.deepEqual(readObject(thing.fields, { name: "n", kind: "NONE", location: null }), { name: "n" });
  });

  it("shapes the input object and derives arguments from the values", () => {
    const values = { name: "n", bucket: { name: "b" }, owner: "me" };
    const input = buildVariables(thing.operations.create as never, {
      values,
      fields: thing.fields,
      shapeInput: thing.hooks!.shapeInput!,
    });
    assert.deepEqual(input, {
      input: { name: "n", owner: "me", other: null, kind: "BUCKET", location: "b" },
    });
    assert.deepEqual(
      buildVariables(thing.operations.delete as never, { id: "t", values, fields: thing.fields }),
      {
        id: "t",
        owner: "ME",
      },
    );
    assert.deepEqual(
      buildVariables(thing.operations.delete as never, { id: "t", values: {}, fields: thing.fields }),
      { id: "t", owner: null },
    );
  });

  it("round-trips through the lifecycle: create sends the shaped input, read reports the block", async () => {
    let stored: JsonObject = {};
    const api = fakeApi({
      ThingCreate: (v) => {
        const input = v["input"] as JsonObject;
        stored = { id: "thing-1", ...input };
        return { thingCreate: stored };
      },
      ThingRead: () => ({ thing: stored }),
    });
    const engine = new ResourceEngine(thing, { api: api.port });
    const created = await engine.create({ name: "n", git: { url: "https://repo" } });
    assert.deepEqual(created.outs, { name: "n", git: { url: "https://repo" } });
    stored = { ...stored, kind: "BUCKET", location: "elsewhere" };
    const read = await engine.read("thing-1", created.outs);
    assert.deepEqual(read.props, { name: "n", bucket: { name: "elsewhere" } });
  });

  describe("conflictsWith", () => {
    it("blames every other field set together with the first", () => {
      const rule = conflictsWith("a", "b", "c");
      const state = (set: string[]) => (f: string) => (set.includes(f) ? "set" : "unset") as "set" | "unset";
      assert.deepEqual(evaluateRule(rule, state(["a", "b", "c"])), [
        { field: "b", reason: "conflicts with a: they cannot be set together" },
        { field: "c", reason: "conflicts with a: they cannot be set together" },
      ]);
      assert.deepEqual(evaluateRule(rule, state(["b", "c"])), [], "the others may be set together");
      assert.deepEqual(evaluateRule(rule, state(["a"])), []);
    });

    it("fails check with the property path", () => {
      const { failures } = checkInputs(thing, {}, { name: "n", git: { url: "u" }, bucket: { name: "b" } });
      assert.deepEqual(failures, [
        { property: "bucket", reason: "conflicts with git: they cannot be set together" },
      ]);
    });
  });

  describe("distinct", () => {
    it("fails check when two fields hold the same value", () => {
      const { failures } = checkInputs(thing, {}, { name: "n", owner: "x", other: "x" });
      assert.deepEqual(failures, [{ property: "other", reason: "must differ from owner" }]);
      assert.deepEqual(checkInputs(thing, {}, { name: "n", owner: "x", other: "y" }).failures, []);
    });

    it("does not judge unknown values", () => {
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      assert.deepEqual(checkInputs(thing, {}, { name: "n", owner: unknown, other: unknown }).failures, []);
    });

    it("is allowed on required fields, which other rules refuse", () => {
      assert.doesNotThrow(() =>
        defineResource({
          ...thing,
          fields: { ...thing.fields, owner: { ...thing.fields.owner, required: true } },
        }),
      );
    });
  });

  describe("anyTrue", () => {
    const set = () => "set" as const;
    it("fails when every field is known and none is true", () => {
      const values: Record<string, boolean> = { read: false, write: false };
      assert.deepEqual(
        evaluateRule(anyTrue("read", "write"), set, (f) => values[f]),
        [{ field: "read", reason: "at least one of read, write must be true" }],
      );
    });

    it("passes when one is true, and does not judge unset or unknown fields", () => {
      const values: Record<string, boolean> = { read: false, write: true };
      assert.deepEqual(
        evaluateRule(anyTrue("read", "write"), set, (f) => values[f]),
        [],
      );
      assert.deepEqual(
        evaluateRule(
          anyTrue("read", "write"),
          (f) => (f === "read" ? "unknown" : "set"),
          () => false,
        ),
        [],
      );
      assert.deepEqual(
        evaluateRule(
          anyTrue("read", "write"),
          (f) => (f === "read" ? "unset" : "set"),
          () => false,
        ),
        [],
      );
    });
  });

  it("describes every rule kind in a sentence for the reference", () => {
    assert.equal(describeRule(conflictsWith("a", "b", "c")), "`a` cannot be set together with `b`, `c`.");
    assert.equal(describeRule(distinct("a", "b")), "`a`, `b` must have different values.");
    assert.equal(describeRule(anyTrue("a", "b")), "At least one of `a`, `b` must be `true`.");
  });
});
