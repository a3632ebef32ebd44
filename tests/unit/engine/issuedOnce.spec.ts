import { strict as assert } from "node:assert";
import { arg, DescriptorError, defineResource, mutation, query } from "../../../provider/engine/descriptor";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { fakeApi } from "./fakes";

const doc = "A field used in a test.";

/** An agent pool whose token only the create's answer carries; reads and updates give null. */
const agentPool = defineResource({
  kind: "AgentPool",
  doc: "A test pool.",
  fields: {
    name: { type: t.string(), required: true, doc },
    token: { type: t.string(), computed: true, issuedOnce: true, secret: true, doc },
  },
  operations: {
    create: mutation("AgentPoolCreate", "agentPoolCreate", { name: arg.field("name", "String!") }),
    read: query("AgentPoolRead", "agentPool", { id: arg.id() }),
    update: mutation("AgentPoolUpdate", "agentPoolUpdate", {
      id: arg.id(),
      name: arg.field("name", "String!"),
    }),
    delete: mutation("AgentPoolDelete", "agentPoolDelete", { id: arg.id() }),
  },
});

describe("engine: issuedOnce computed fields", () => {
  it("keeps the value the create's answer carried across reads and updates that give null", async () => {
    const api = fakeApi({
      AgentPoolCreate: (v) => ({ agentPoolCreate: { id: "a-1", name: v.name, token: "issued" } }),
      AgentPoolRead: () => ({ agentPool: { id: "a-1", name: "renamed", token: null } }),
      AgentPoolUpdate: (v) => ({ agentPoolUpdate: { id: "a-1", name: v.name, token: null } }),
    });
    const engine = new ResourceEngine(agentPool, { api: api.port });
    const created = await engine.create({ name: "pool" });
    assert.deepEqual(created.outs, { name: "pool", token: "issued" });
    assert.equal(api.calls("AgentPoolRead").length, 0, "a complete create answer needs no read-back");
    const updated = await engine.update("a-1", created.outs, { name: "renamed" });
    assert.deepEqual(updated.outs, { name: "renamed", token: "issued" });
    assert.equal(api.calls("AgentPoolRead").length, 0, "the missing token alone calls for no read-back");
    const read = await engine.read("a-1", updated.outs);
    assert.deepEqual(read.props, { name: "renamed", token: "issued" });
  });

  it("takes a value a later answer issues anew, and is absent after a get", async () => {
    const api = fakeApi({
      AgentPoolRead: () => ({ agentPool: { id: "a-1", name: "pool", token: "reissued" } }),
    });
    const engine = new ResourceEngine(agentPool, { api: api.port });
    assert.deepEqual((await engine.read("a-1", { name: "pool", token: "issued" })).props, {
      name: "pool",
      token: "reissued",
    });
    const quiet = fakeApi({ AgentPoolRead: () => ({ agentPool: { id: "a-1", name: "pool", token: null } }) });
    const got = await new ResourceEngine(agentPool, { api: quiet.port }).read("a-1");
    assert.deepEqual(got.props, { name: "pool" });
  });

  it("is refused on a field that is not computed", () => {
    assert.throws(
      () =>
        defineResource({
          kind: "Bad",
          doc: "Bad.",
          fields: { name: { type: t.string(), required: true, issuedOnce: true, doc } },
          operations: {
            create: mutation("BadCreate", "badCreate", { name: arg.field("name", "String!") }),
            read: query("BadRead", "bad", { id: arg.id() }),
            update: mutation("BadUpdate", "badUpdate", { id: arg.id(), name: arg.field("name", "String!") }),
            delete: mutation("BadDelete", "badDelete", { id: arg.id() }),
          },
        }),
      (err: unknown) =>
        err instanceof DescriptorError && /issuedOnce applies to computed fields only/.test(err.message),
    );
  });
});
