import { strict as assert } from "node:assert";
import { sha256Hex } from "../../../provider/engine/checksum";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { DiffResult } from "../../../provider/engine/results";
import { UNKNOWN } from "../../../provider/engine/values";
import { context, environmentVariable, space } from "../../../provider/resources";
import { fakeApi, PROVIDER, widget } from "./fakes";

async function diff(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  descriptor: ResourceDescriptor = widget,
): Promise<DiffResult> {
  const api = fakeApi({});
  const result = await new ResourceEngine(descriptor, { api: api.port }).diff("id-1", olds, news);
  assert.ok(api.run.notCalled, "diff must not call the API");
  assert.equal(typeof result.changes, "boolean", "changes must always be a boolean");
  return result;
}

const TOKEN = "tok-do-not-print";

/** Old outputs as create would have stored them. */
const OLD = {
  name: "w",
  size: 1,
  region: "eu",
  labels: ["a", "b"],
  steps: ["init", "plan"],
  spaceId: "root",
  vendorConfig: { terraform: { version: "1.5.0", workspace: "default" } },
  tokenChecksum: sha256Hex(TOKEN),
  createdAt: 1700000000,
  __provider: PROVIDER,
};
/** The checked inputs that produced {@link OLD}. */
const NEW = {
  name: "w",
  size: 1,
  region: "eu",
  labels: ["a", "b"],
  steps: ["init", "plan"],
  vendorConfig: { terraform: { version: "1.5.0", workspace: "default" } },
  token: TOKEN,
  __provider: PROVIDER,
};

describe("engine diff", () => {
  const rows: { title: string; news: Record<string, unknown>; changes: boolean; replaces: string[] }[] = [
    { title: "no change", news: NEW, changes: false, replaces: [] },
    { title: "in-place change", news: { ...NEW, size: 2 }, changes: true, replaces: [] },
    { title: "replace-on-change field", news: { ...NEW, region: "us" }, changes: true, replaces: ["region"] },
    {
      title: "nested replace-on-change field replaces the top-level argument",
      news: { ...NEW, vendorConfig: { terraform: { version: "1.5.0", workspace: "prod" } } },
      changes: true,
      replaces: ["vendorConfig"],
    },
    {
      title: "other nested change is in place",
      news: { ...NEW, vendorConfig: { terraform: { version: "1.6.0", workspace: "default" } } },
      changes: true,
      replaces: [],
    },
    { title: "set order ignored", news: { ...NEW, labels: ["b", "a", "a"] }, changes: false, replaces: [] },
    { title: "list order matters", news: { ...NEW, steps: ["plan", "init"] }, changes: true, replaces: [] },
    {
      title: "absent equals empty",
      news: { ...NEW, tags: {}, color: undefined },
      changes: false,
      replaces: [],
    },
    { title: "unset serverDefault keeps the API's value", news: NEW, changes: false, replaces: [] },
    { title: "set serverDefault differs", news: { ...NEW, spaceId: "team" }, changes: true, replaces: [] },
    { title: "write-only value changed", news: { ...NEW, token: "other" }, changes: true, replaces: [] },
    { title: "write-only value removed", news: { ...NEW, token: undefined }, changes: true, replaces: [] },
    {
      title: "__provider text is not data",
      news: { ...NEW, __provider: "other" },
      changes: false,
      replaces: [],
    },
    { title: "unknown value is a change", news: { ...NEW, name: UNKNOWN }, changes: true, replaces: [] },
    {
      title: "unknown replace field replaces",
      news: { ...NEW, region: UNKNOWN },
      changes: true,
      replaces: ["region"],
    },
    {
      title: "unknown object with a nested replace field replaces",
      news: { ...NEW, vendorConfig: UNKNOWN },
      changes: true,
      replaces: ["vendorConfig"],
    },
    {
      title: "unknown list element is a change",
      news: { ...NEW, labels: ["a", UNKNOWN] },
      changes: true,
      replaces: [],
    },
    { title: "unknown write-only value", news: { ...NEW, token: UNKNOWN }, changes: true, replaces: [] },
  ];
  for (const r of rows) {
    it(r.title, async () => {
      const result = await diff(OLD, r.news);
      assert.equal(result.changes, r.changes);
      assert.deepEqual(result.replaces, r.replaces);
      assert.equal(result.deleteBeforeReplace, false);
    });
  }

  it("compares write-only values by checksum, case-insensitively on the stored side", async () => {
    const result = await diff({ ...OLD, tokenChecksum: sha256Hex(TOKEN).toUpperCase() }, NEW);
    assert.equal(result.changes, false);
  });

  describe("EnvironmentVariable (immutable, names unique per parent)", () => {
    const old = {
      contextId: "ctx",
      name: "FOO",
      writeOnly: true,
      checksum: sha256Hex("v1"),
      __provider: PROVIDER,
    };
    const news = { contextId: "ctx", name: "FOO", value: "v1", writeOnly: true, __provider: PROVIDER };

    it("same value: no change", async () => {
      assert.deepEqual(await diff(old, news, environmentVariable), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: true,
      });
    });

    it("every change replaces, deleting first", async () => {
      const result = await diff(old, { ...news, description: "d", value: "v2" }, environmentVariable);
      assert.deepEqual(result, {
        changes: true,
        replaces: ["value", "description"],
        deleteBeforeReplace: true,
      });
    });

    it("moving to another parent replaces", async () => {
      const result = await diff(old, { ...news, contextId: undefined, stackId: "stk" }, environmentVariable);
      assert.deepEqual(result.replaces, ["contextId", "stackId"]);
    });
  });

  it("Context: an unset spaceId keeps the server's space; hooks compare in order", async () => {
    const old = { name: "c", spaceId: "root", afterApplies: ["a", "b"], labels: [] };
    assert.equal((await diff(old, { name: "c", afterApplies: ["a", "b"] }, context)).changes, false);
    assert.equal((await diff(old, { name: "c", afterApplies: ["b", "a"] }, context)).changes, true);
    assert.equal(
      (await diff(old, { name: "c", afterApplies: ["a", "b"] }, context)).deleteBeforeReplace,
      true,
    );
  });

  it("Space: moving to another parent is an in-place update", async () => {
    const old = { name: "s", parentSpaceId: "root", description: "", inheritEntities: false };
    const result = await diff(old, { ...old, parentSpaceId: "team" }, space);
    assert.deepEqual(result, { changes: true, replaces: [], deleteBeforeReplace: false });
  });
});
