import { strict as assert } from "node:assert";
import sinon from "sinon";
import { sha256Hex } from "../../../provider/engine/checksum";
import {
  arg,
  defineResource,
  mutation,
  query,
  type ResourceDescriptor,
} from "../../../provider/engine/descriptor";
import { ResourceInitError, ResourceOperationError } from "../../../provider/engine/errors";
import { t } from "../../../provider/engine/fieldTypes";
import { deleteTimeoutSeconds, ResourceEngine, type EngineDeps } from "../../../provider/engine/lifecycle";
import { context, environmentVariable, space } from "../../../provider/resources";
import {
  apiError,
  assertNoLeak,
  assertPlainJson,
  fakeApi,
  PROVIDER,
  rejection,
  widget,
  type Handler,
} from "./fakes";

const TOKEN = "tok-3f9a-do-not-print";
const VALUE = "env-value-do-not-print";

function engine(
  descriptor: ResourceDescriptor,
  handlers: Record<string, Handler>,
  deps: Partial<EngineDeps> = {},
) {
  const api = fakeApi(handlers);
  return { api, engine: new ResourceEngine(descriptor, { api: api.port, ...deps }) };
}

const WIDGET_OBJECT = {
  id: "w-1",
  name: "w",
  size: 1,
  color: null,
  region: "eu",
  labels: ["a"],
  steps: [],
  tags: null,
  space: "root",
  vendorConfig: null,
  schedule: null,
  tokenChecksum: "server-checksum",
  createdAt: 1700000000,
};

/** The widget object as a mutation that does not return computed values would. */
function withoutCreatedAt(): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...WIDGET_OBJECT };
  delete copy["createdAt"];
  return copy;
}

describe("engine create", () => {
  it("sends the full input, returns normalized inputs + computed outputs, keeps write-only values out", async () => {
    const { api, engine: e } = engine(widget, { WidgetCreate: () => ({ widgetCreate: WIDGET_OBJECT }) });
    const { id, outs } = await e.create({
      name: "w",
      region: "eu",
      labels: ["a"],
      token: TOKEN,
      __provider: PROVIDER,
    });

    assert.equal(id, "w-1");
    assert.deepEqual(outs, {
      name: "w",
      size: 1,
      region: "eu",
      labels: ["a"],
      spaceId: "root",
      tokenChecksum: sha256Hex(TOKEN),
      createdAt: 1700000000,
    });
    assertPlainJson(outs);
    assertNoLeak(outs, [TOKEN]);

    const [spec, variables] = api.calls("WidgetCreate")[0]!;
    assert.equal(spec.idempotent, false, "creates must not be retried blindly");
    assert.match(
      spec.document,
      /^mutation WidgetCreate\(\$input: WidgetInput!\) \{ widgetCreate\(input: \$input\)/,
    );
    assert.deepEqual(variables, {
      input: {
        name: "w",
        size: 1,
        color: null,
        region: "eu",
        labels: ["a"],
        steps: [],
        tags: null,
        space: null,
        vendorConfig: null,
        schedule: null,
        token: TOKEN,
      },
    });
    assert.deepEqual(api.names(), ["WidgetCreate"], "no read-back when the result is complete");
  });

  it("reads the object back when the mutation result lacks computed values", async () => {
    const partial = withoutCreatedAt();
    const { api, engine: e } = engine(widget, {
      WidgetCreate: () => ({ widgetCreate: partial }),
      WidgetRead: (v) => ({ widget: { ...WIDGET_OBJECT, id: v["id"] } }),
    });
    const { outs } = await e.create({ name: "w", __provider: PROVIDER });
    assert.deepEqual(api.names(), ["WidgetCreate", "WidgetRead"]);
    assert.equal(outs["createdAt"], 1700000000);
  });

  it("reports a failure after the object exists as a partial result that Pulumi records", async () => {
    const partial = withoutCreatedAt();
    const { engine: e } = engine(widget, {
      WidgetCreate: () => ({ widgetCreate: partial }),
      WidgetRead: () => {
        throw apiError("transport", `connection reset while sending ${TOKEN}`);
      },
    });
    const err = await rejection(() => e.create({ name: "w", token: TOKEN, __provider: PROVIDER }));
    assert.ok(ResourceInitError.isInstance(err), String(err));
    assert.equal(err.id, "w-1");
    assert.equal(err.properties["__provider"], PROVIDER, "later deletes need the provider text");
    assert.equal(err.properties["name"], "w");
    assert.equal(err.properties["tokenChecksum"], sha256Hex(TOKEN));
    assert.equal(err.reasons.length, 1);
    assert.match(err.reasons[0]!, /WidgetRead/);
    assertPlainJson(err.properties);
    assertNoLeak(err, [TOKEN]);
  });

  it("names kind, step and operation in API errors, and redacts secrets and tokens", async () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const { engine: e } = engine(widget, {
      WidgetCreate: () => {
        throw apiError("validation", `token ${TOKEN} is invalid for bearer ${jwt}`);
      },
    });
    const err = await rejection(() => e.create({ name: "w", token: TOKEN }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "validation");
    assert.match(err.message, /^Spacelift Widget create failed \(WidgetCreate, validation\): /);
    assertNoLeak(err, [TOKEN, jwt]);
  });

  it("fails on invalid inputs before any API call", async () => {
    const { api, engine: e } = engine(widget, {});
    const err = await rejection(() => e.create({ size: 3 }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "input");
    assert.match(err.message, /name is required/);
    assert.ok(api.run.notCalled);
  });

  it("fails clearly when the mutation returns no object", async () => {
    const { engine: e } = engine(widget, { WidgetCreate: () => ({ widgetCreate: null }) });
    const err = await rejection(() => e.create({ name: "w" }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "protocol");
  });

  it("Space: parentSpaceId travels as parentSpace, with Spacelift's non-null defaults", async () => {
    const { api, engine: e } = engine(space, {
      SpaceList: () => ({ spaces: [] }),
      SpaceCreate: (v) => ({ spaceCreate: { id: "team-01", ...(v["input"] as object), labels: [] } }),
    });
    const { id, outs } = await e.create({ name: "team" });
    assert.equal(id, "team-01");
    assert.deepEqual(api.calls("SpaceCreate")[0]![1], {
      input: { name: "team", parentSpace: "root", description: "", inheritEntities: false, labels: [] },
    });
    assert.deepEqual(outs, { name: "team", parentSpaceId: "root", description: "", inheritEntities: false });
  });

  it("Context: hooks go nested under hooks with the API's names; the server-chosen space is kept", async () => {
    const { api, engine: e } = engine(context, {
      ContextCreate: () => ({
        contextCreateV2: { id: "ctx", name: "Ctx", description: null, labels: [], space: "root", hooks: {} },
      }),
    });
    const { outs } = await e.create({
      name: "Ctx",
      beforePlans: ["echo plan"],
      afterApplies: ["echo 1", "echo 2"],
    });
    const input = (api.calls("ContextCreate")[0]![1] as { input: Record<string, unknown> }).input;
    assert.equal(input["space"], null);
    assert.deepEqual(input["hooks"], {
      afterApply: ["echo 1", "echo 2"],
      afterDestroy: [],
      afterInit: [],
      afterPerform: [],
      afterPlan: [],
      afterRun: [],
      beforeApply: [],
      beforeDestroy: [],
      beforeInit: [],
      beforePerform: [],
      beforePlan: ["echo plan"],
    });
    assert.deepEqual(outs, {
      name: "Ctx",
      spaceId: "root",
      afterApplies: ["echo 1", "echo 2"],
      beforePlans: ["echo plan"],
    });
  });

  describe("EnvironmentVariable", () => {
    const element = { id: "FOO", writeOnly: true, description: null, checksum: sha256Hex(VALUE) };
    const parents = [
      {
        parent: { contextId: "ctx" },
        op: "ContextEnvironmentVariableCreate",
        vars: { context: "ctx" },
        id: "context/ctx/FOO",
      },
      {
        parent: { stackId: "stk" },
        op: "StackEnvironmentVariableCreate",
        vars: { stack: "stk" },
        id: "stack/stk/FOO",
      },
      {
        parent: { moduleId: "mod" },
        op: "ModuleEnvironmentVariableCreate",
        vars: { stack: "mod" },
        id: "module/mod/FOO",
      },
    ];
    for (const p of parents) {
      it(`on a ${Object.keys(p.parent)[0]}: ${p.op}, id ${p.id}, checksum but no value in outputs`, async () => {
        const root = p.op.startsWith("Context") ? "contextConfigAdd" : "stackConfigAdd";
        // The add mutation is an upsert, so the engine first makes sure no such variable exists.
        const read = p.op.replace("Create", "Read");
        const parentField = Object.keys(p.parent)[0]!.replace("Id", "");
        const { api, engine: e } = engine(environmentVariable, {
          [read]: () => ({ [parentField]: { configElement: null } }),
          [p.op]: () => ({ [root]: element }),
        });
        const { id, outs } = await e.create({ ...p.parent, name: "FOO", value: VALUE, __provider: PROVIDER });
        assert.equal(id, p.id);
        assert.deepEqual(api.names(), [read, p.op]);
        assert.deepEqual(api.calls(p.op)[0]![1], {
          ...p.vars,
          config: {
            id: "FOO",
            type: "ENVIRONMENT_VARIABLE",
            value: VALUE,
            writeOnly: true,
            description: null,
          },
        });
        assert.deepEqual(outs, { ...p.parent, name: "FOO", writeOnly: true, checksum: sha256Hex(VALUE) });
        assert.ok(!("value" in outs));
        assertNoLeak(outs, [VALUE]);
      });
    }
  });
});

describe("engine read", () => {
  it("returns {} when the object is gone (null result)", async () => {
    const { engine: e } = engine(space, { SpaceRead: () => ({ space: null }) });
    assert.deepEqual(await e.read("team-01", { name: "team" }), {});
  });

  it("returns {} when the API says not found", async () => {
    const { engine: e } = engine(space, {
      SpaceRead: () => {
        throw apiError("not_found", "space not found");
      },
    });
    assert.deepEqual(await e.read("team-01", {}), {});
  });

  it("returns {} when the parent of a nested object is gone", async () => {
    for (const data of [{ context: null }, { context: { configElement: null } }]) {
      const { engine: e } = engine(environmentVariable, { ContextEnvironmentVariableRead: () => data });
      assert.deepEqual(await e.read("context/ctx/FOO", {}), {});
    }
  });

  it("rethrows other API failures", async () => {
    const { engine: e } = engine(space, {
      SpaceRead: () => {
        throw apiError("permission", "unauthorized");
      },
    });
    const err = await rejection(() => e.read("team-01", {}));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "permission");
    assert.match(err.message, /Space read failed \(SpaceRead, permission\)/);
  });

  it("maps what the API returned into props and inputs", async () => {
    const { api, engine: e } = engine(space, {
      SpaceRead: () => ({
        space: {
          id: "team-01",
          name: "renamed",
          parentSpace: "root",
          description: "",
          inheritEntities: true,
          labels: ["x"],
        },
      }),
    });
    const result = await e.read("team-01", { name: "team", parentSpaceId: "root", __provider: PROVIDER });
    const expected = {
      name: "renamed",
      parentSpaceId: "root",
      description: "",
      inheritEntities: true,
      labels: ["x"],
    };
    assert.deepEqual(result, { id: "team-01", props: expected, inputs: expected });
    assert.deepEqual(api.calls("SpaceRead")[0]![1], { id: "team-01" });
    assert.equal(api.calls("SpaceRead")[0]![0].idempotent, true);
  });

  it("works with only a composite id (Resource.get), never returning a write-only value", async () => {
    const { api, engine: e } = engine(environmentVariable, {
      StackEnvironmentVariableRead: () => ({
        stack: {
          configElement: { id: "FOO", writeOnly: false, description: "d", checksum: "abc", value: VALUE },
        },
      }),
    });
    const result = await e.read("stack/stk/FOO", { __provider: PROVIDER });
    assert.deepEqual(api.calls("StackEnvironmentVariableRead")[0]![1], { stack: "stk", name: "FOO" });
    assert.deepEqual(result, {
      id: "stack/stk/FOO",
      props: { stackId: "stk", name: "FOO", writeOnly: false, description: "d", checksum: "abc" },
      inputs: { stackId: "stk", name: "FOO", writeOnly: false, description: "d", checksum: "abc" },
    });
    assertNoLeak(result, [VALUE]);
  });

  it("shows drift of a write-only value in props and inputs, so a second refresh finds nothing new", async () => {
    const applied = sha256Hex(VALUE);
    const { engine: e } = engine(environmentVariable, {
      ContextEnvironmentVariableRead: () => ({
        context: {
          configElement: { id: "FOO", writeOnly: true, description: null, checksum: "changed-remotely" },
        },
      }),
    });
    const result = await e.read("context/ctx/FOO", {
      contextId: "ctx",
      name: "FOO",
      writeOnly: true,
      checksum: applied,
    });
    assert.equal(result.props?.["checksum"], "changed-remotely");
    assert.equal(result.inputs?.["checksum"], "changed-remotely");
    // The program's value still differs from what Spacelift holds, so the next up puts it back.
    const diff = await e.diff("context/ctx/FOO", result.props, {
      contextId: "ctx",
      name: "FOO",
      value: VALUE,
    });
    assert.equal(diff.changes, true);
    assert.notEqual(applied, "changed-remotely");
  });

  it("rejects a malformed composite id with the expected form", async () => {
    const { api, engine: e } = engine(environmentVariable, {});
    const err = await rejection(() => e.read("FOO", {}));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.match(err.message, /context\/<contextId>\/<name>/);
    assert.ok(api.run.notCalled);
  });
});

describe("engine update", () => {
  it("sends the full input with the id (Space's id argument is named space) and returns full outputs", async () => {
    const { api, engine: e } = engine(space, {
      SpaceUpdate: (v) => ({ spaceUpdate: { id: v["space"], ...(v["input"] as object) } }),
    });
    const olds = {
      name: "team",
      parentSpaceId: "root",
      description: "old",
      inheritEntities: false,
      labels: ["a"],
    };
    const { outs } = await e.update("team-01", olds, {
      name: "team",
      description: "new",
      __provider: PROVIDER,
    });
    assert.deepEqual(api.calls("SpaceUpdate")[0]![1], {
      space: "team-01",
      input: { name: "team", parentSpace: "root", description: "new", inheritEntities: false, labels: [] },
    });
    assert.deepEqual(outs, {
      name: "team",
      parentSpaceId: "root",
      description: "new",
      inheritEntities: false,
    });
    assertPlainJson(outs);
  });

  it("keeps a server-chosen value the program leaves unset", async () => {
    const { engine: e } = engine(context, {
      ContextUpdate: () => ({
        contextUpdateV2: { id: "ctx", name: "c2", labels: [], space: "team", hooks: {} },
      }),
    });
    const { outs } = await e.update("ctx", { name: "c", spaceId: "team" }, { name: "c2" });
    assert.deepEqual(outs, { name: "c2", spaceId: "team" });
  });

  it("reads back when the update result is empty, and reports a read-back failure as partial", async () => {
    const { engine: e } = engine(widget, {
      WidgetUpdate: () => ({ widgetUpdate: null }),
      WidgetRead: () => {
        throw apiError("rate_limited", "slow down");
      },
    });
    const err = await rejection(() =>
      e.update("w-1", { name: "w", createdAt: 5 }, { name: "w", size: 2, __provider: PROVIDER }),
    );
    assert.ok(ResourceInitError.isInstance(err));
    assert.equal(err.id, "w-1");
    assert.deepEqual(err.properties, { name: "w", size: 2, createdAt: 5, __provider: PROVIDER });
  });

  it("surfaces not-found as an error naming kind, step and operation", async () => {
    const { engine: e } = engine(space, {
      SpaceUpdate: () => {
        throw apiError("not_found", "space not found");
      },
    });
    const err = await rejection(() => e.update("gone", {}, { name: "x" }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.match(err.message, /Space update failed \(SpaceUpdate, not_found\)/);
  });

  it("refuses to update an immutable resource", async () => {
    const { api, engine: e } = engine(environmentVariable, {});
    const err = await rejection(() => e.update("context/c/FOO", {}, { contextId: "c", name: "FOO" }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.ok(api.run.notCalled);
  });
});

describe("engine delete", () => {
  it("deletes by id (delete selects only the id and may be retried)", async () => {
    const { api, engine: e } = engine(space, { SpaceDelete: () => ({ spaceDelete: { id: "team-01" } }) });
    await e.delete("team-01", { name: "team" });
    const [spec, vars] = api.calls("SpaceDelete")[0]!;
    assert.deepEqual(vars, { space: "team-01" });
    assert.equal(spec.document, "mutation SpaceDelete($space: ID!) { spaceDelete(space: $space) { id } }");
    assert.equal(spec.idempotent, true);
  });

  it("treats not-found as success", async () => {
    const { engine: e } = engine(context, {
      ContextDelete: () => {
        throw apiError("not_found", "context not found");
      },
    });
    await e.delete("ctx", {});
  });

  it("rethrows other failures", async () => {
    const { engine: e } = engine(context, {
      ContextDelete: () => {
        throw apiError("permission", "unauthorized");
      },
    });
    const err = await rejection(() => e.delete("ctx", {}));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "permission");
  });

  it("uses the parent kind from a composite id, even with no stored outputs", async () => {
    const { api, engine: e } = engine(environmentVariable, {
      ModuleEnvironmentVariableDelete: () => ({ stackConfigDelete: { id: "FOO" } }),
    });
    await e.delete("module/mod/FOO", {});
    assert.deepEqual(api.calls("ModuleEnvironmentVariableDelete")[0]![1], { stack: "mod", id: "FOO" });
  });

  describe("asynchronous deletion", () => {
    function clock() {
      let now = 0;
      const sleep = sinon.stub<[number], Promise<void>>().callsFake(async (ms) => {
        now += ms;
      });
      return { now: () => now, sleep };
    }

    it("polls until the object is gone", async () => {
      const c = clock();
      let polls = 0;
      const { api, engine: e } = engine(
        widget,
        {
          WidgetDelete: () => ({ widgetDelete: { id: "w-1" } }),
          // Polls are batched: the object is asked about under the alias d0.
          WidgetRead: () => ({ d0: ++polls < 3 ? { ...WIDGET_OBJECT, deleting: true } : null }),
        },
        { ...c, env: {} },
      );
      await e.delete("w-1", {});
      assert.deepEqual(api.names(), ["WidgetDelete", "WidgetRead", "WidgetRead", "WidgetRead"]);
      // The first poll waits 500 ms (the delete cannot have finished sooner), then the pause
      // doubles up to the descriptor's 1000 ms interval.
      assert.deepEqual(
        c.sleep.getCalls().map((x) => x.args[0]),
        [500, 1000, 1000],
      );
      assert.match(
        api.calls("WidgetRead")[0]![0].document,
        /^query WidgetRead\(\$id_0: ID!\) \{ d0: widget\(id: \$id_0\) \{ .* deleting \} viewer \{ id \} \}$/,
      );
      assert.deepEqual(api.calls("WidgetRead")[0]![1], { id_0: "w-1" });
    });

    it("gives up after SPACELIFT_DELETE_TIMEOUT_SECONDS with a clear error", async () => {
      const c = clock();
      const { api, engine: e } = engine(
        widget,
        {
          WidgetDelete: () => ({ widgetDelete: { id: "w-1" } }),
          WidgetRead: () => ({ d0: { ...WIDGET_OBJECT, deleting: true } }),
        },
        { ...c, env: { SPACELIFT_DELETE_TIMEOUT_SECONDS: "3" } },
      );
      const err = await rejection(() => e.delete("w-1", {}));
      assert.ok(ResourceOperationError.isInstance(err));
      assert.equal(err.code, "timeout");
      assert.match(err.message, /3s/);
      assert.match(err.message, /SPACELIFT_DELETE_TIMEOUT_SECONDS/);
      // Polls at 0.5, 1.5, 2.5 and 3 s (the last wait is cut to the deadline).
      assert.equal(api.calls("WidgetRead").length, 4);
      assert.ok(c.now() <= 3000);
    });

    it("fails as soon as the API stops deleting", async () => {
      const c = clock();
      const { engine: e } = engine(
        widget,
        {
          WidgetDelete: () => ({ widgetDelete: { id: "w-1" } }),
          WidgetRead: () => ({ d0: { ...WIDGET_OBJECT, deleting: false } }),
        },
        { ...c, env: {} },
      );
      const err = await rejection(() => e.delete("w-1", {}));
      assert.ok(ResourceOperationError.isInstance(err));
      assert.match(err.message, /stopped deleting/);
      // Only the wait before the first poll.
      assert.deepEqual(
        c.sleep.getCalls().map((x) => x.args[0]),
        [500],
      );
    });

    it("reads the timeout from the environment, falling back to 300 seconds", () => {
      const rows: [string | undefined, number][] = [
        [undefined, 300],
        ["60", 60],
        [" 90 ", 90],
        ["0", 300],
        ["-5", 300],
        ["soon", 300],
      ];
      for (const [raw, expected] of rows) {
        const env = raw === undefined ? {} : { SPACELIFT_DELETE_TIMEOUT_SECONDS: raw };
        assert.equal(deleteTimeoutSeconds(env), expected, String(raw));
      }
    });
  });
});

describe("engine hooks for list results and tombstones", () => {
  const doc = "A field used in a test.";
  const attachment = defineResource({
    kind: "TestAttachment",
    doc: "An attachment read from its parent's list.",
    fields: {
      contextId: { type: t.string(), required: true, gql: false, doc },
      stackId: { type: t.string(), required: true, gqlInput: false, doc },
      priority: { type: t.int(), default: 0, gqlInput: false, doc },
      attachmentId: { type: t.string(), computed: true, gqlOutput: "id", doc },
      isModule: { type: t.boolean(), computed: true, doc },
    },
    immutable: true,
    id: {
      format: "<contextId>/<attachmentId>",
      compose: (v) =>
        typeof v["contextId"] === "string" && typeof v["attachmentId"] === "string"
          ? `${v["contextId"]}/${v["attachmentId"]}`
          : undefined,
      parse: (id) => {
        const [contextId, attachmentId, ...rest] = id.split("/");
        return contextId && attachmentId && rest.length === 0 ? { contextId, attachmentId } : undefined;
      },
    },
    hooks: {
      selectFromList: (items, values) =>
        items.find(
          (i) =>
            typeof i === "object" && i !== null && !Array.isArray(i) && i["id"] === values["attachmentId"],
        ),
      isGone: (raw) => raw["deleted"] === true,
    },
    operations: {
      create: mutation("TestAttach", "contextAttach", {
        id: arg.field("contextId", "ID!"),
        stack: arg.field("stackId", "ID!"),
        priority: arg.field("priority", "Int!"),
      }),
      read: query(
        "TestAttachmentRead",
        "context",
        { id: arg.field("contextId", "ID!", "context") },
        { path: [{ field: "attachedStacks", args: {} }], extraSelection: ["deleted"] },
      ),
      delete: mutation("TestDetach", "contextDetach", { id: arg.field("attachmentId", "ID!") }),
    },
  });
  const list = [
    { id: "att-1", stackId: "a", priority: 0, isModule: false, deleted: false },
    { id: "att-2", stackId: "b", priority: 3, isModule: false, deleted: false },
    { id: "att-3", stackId: "c", priority: 0, isModule: true, deleted: true },
    { id: "att-9", stackId: "b", priority: 1, isModule: true, deleted: false },
  ];

  it("composes the id from an input and a computed output, and reads back by both", async () => {
    const { api, engine: e } = engine(attachment, {
      TestAttach: () => ({ contextAttach: { id: "att-9", stackId: "b", priority: 1 } }),
      TestAttachmentRead: () => ({ context: { attachedStacks: list } }),
    });
    const { id, outs } = await e.create({ contextId: "ctx", stackId: "b", priority: 1 });
    assert.equal(id, "ctx/att-9");
    assert.deepEqual(outs, {
      contextId: "ctx",
      stackId: "b",
      priority: 1,
      attachmentId: "att-9",
      isModule: true,
    });
    assert.deepEqual(api.calls("TestAttach")[0]![1], { id: "ctx", stack: "b", priority: 1 });
    assert.deepEqual(api.names(), ["TestAttach", "TestAttachmentRead"]);
  });

  it("finds the object in a list by the parts of its id", async () => {
    const { api, engine: e } = engine(attachment, {
      TestAttachmentRead: () => ({ context: { attachedStacks: list } }),
    });
    const result = await e.read("ctx/att-2", {});
    assert.deepEqual(result.props, {
      contextId: "ctx",
      stackId: "b",
      priority: 3,
      attachmentId: "att-2",
      isModule: false,
    });
    // A read asks `viewer` too: an empty answer then proves by itself that the token was accepted.
    assert.equal(
      api.calls("TestAttachmentRead")[0]![0].document,
      "query TestAttachmentRead($context: ID!) { context(id: $context) { attachedStacks { stackId priority id isModule deleted } } viewer { id } }",
    );
  });

  it("treats an entry missing from the list, or a tombstone, as gone", async () => {
    const { engine: e } = engine(attachment, {
      TestAttachmentRead: () => ({ context: { attachedStacks: list } }),
    });
    assert.deepEqual(await e.read("ctx/att-404", {}), {});
    assert.deepEqual(await e.read("ctx/att-3", {}), {});
  });

  it("fails clearly on a list result without selectFromList", async () => {
    const { engine: e } = engine(space, { SpaceRead: () => ({ space: [] }) });
    const err = await rejection(() => e.read("s", {}));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "protocol");
  });
});
