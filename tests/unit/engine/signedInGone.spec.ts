import { strict as assert } from "node:assert";
import sinon from "sinon";
import type { AnswerReceipt, ApiPort, OperationSpec, SignInCheck } from "../../../provider/engine/api";
import {
  arg,
  defineResource,
  mutation,
  query,
  type ResourceDescriptor,
} from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { space } from "../../../provider/resources";
import { resetRuntime, runtimeApiPort, setApiPort } from "../../../provider/runtime";
import { apiError, assertNoLeak, fakeApi, rejection, widget, type FakeApi, type Handler } from "./fakes";

/**
 * Spacelift answers a token it no longer accepts as an anonymous caller, whose reads come back
 * empty. The engine must ask the port whether the caller is signed in before it reports anything
 * gone, and repeat the read once after a token refresh.
 */

const SPACE = {
  id: "team-01",
  name: "team",
  parentSpace: "root",
  description: "",
  inheritEntities: false,
  labels: [],
};

const doc = "Test field.";

/** Read from its parent's list, with a tombstone flag: the two other ways a read says "gone". */
const gadget = defineResource({
  kind: "Gadget",
  doc: "A test resource found in its shelf's list.",
  fields: {
    name: { type: t.string(), required: true, doc },
    shelfId: { type: t.string(), gql: false, required: true, doc },
  },
  id: {
    format: "<shelfId>/<name>",
    compose: (v) => `${String(v["shelfId"])}/${String(v["name"])}`,
    parse: (id) => {
      const [shelfId, name] = id.split("/");
      return shelfId && name ? { shelfId, name } : undefined;
    },
  },
  immutable: true,
  hooks: {
    selectFromList: (items, values) =>
      items.find((item) => (item as { name?: unknown }).name === values["name"]),
    isGone: (raw) => raw["retired"] === true,
  },
  operations: {
    create: mutation("GadgetCreate", "gadgetCreate", { shelf: arg.field("shelfId", "ID!") }),
    read: query(
      "GadgetRead",
      "shelf",
      { id: arg.field("shelfId", "ID!") },
      { path: [{ field: "gadgets", args: {} }], extraSelection: ["retired"] },
    ),
    delete: mutation("GadgetDelete", "gadgetDelete", { shelf: arg.field("shelfId", "ID!") }),
  },
});

interface Setup {
  readonly api: FakeApi;
  readonly confirm: sinon.SinonStub<[], Promise<SignInCheck>>;
  readonly engine: ResourceEngine;
}

/** An engine over a fake port whose `confirmSignedIn` answers with `confirmations` in turn. */
function setup(
  descriptor: ResourceDescriptor,
  handlers: Record<string, Handler>,
  ...confirmations: (SignInCheck | Error)[]
): Setup {
  const api = fakeApi(handlers);
  const confirm = sinon.stub<[], Promise<SignInCheck>>();
  confirmations.forEach((answer, i) => {
    if (answer instanceof Error) confirm.onCall(i).rejects(answer);
    else confirm.onCall(i).resolves(answer);
  });
  confirm.rejects(new Error("confirmSignedIn called more often than the test expected"));
  const port: ApiPort = { run: api.port.run, confirmSignedIn: () => confirm() };
  return {
    api,
    confirm,
    engine: new ResourceEngine(descriptor, { api: port, sleep: async () => undefined }),
  };
}

/** A handler answering each call with the next of `answers` (the last one repeats). */
function inTurn(...answers: unknown[]): Handler {
  let call = 0;
  return () => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
}

describe("engine: an empty read is confirmed with a signed-in caller before it means gone", () => {
  it("finds a live object without asking whether the caller is signed in", async () => {
    const { api, confirm, engine } = setup(space, { SpaceRead: () => ({ space: SPACE }) });
    const result = await engine.read("team-01", {});
    assert.equal(result.id, "team-01");
    assert.equal(confirm.callCount, 0);
    assert.deepEqual(api.names(), ["SpaceRead"]);
  });

  it("reports a null read as gone without a check when the same answer's viewer is signed in", async () => {
    const { api, confirm, engine } = setup(space, {
      SpaceRead: () => ({ space: null, viewer: { id: "alice" } }),
    });
    assert.deepEqual(await engine.read("team-01", {}), {});
    assert.equal(confirm.callCount, 0);
    assert.deepEqual(api.names(), ["SpaceRead"]);
    assert.match(api.calls("SpaceRead")[0]![0].document, /\} viewer \{ id \} \}$/);
  });

  it("checks a null read whose own viewer is null (an anonymous answer) with the port, and reads again", async () => {
    const { api, confirm, engine } = setup(
      space,
      { SpaceRead: inTurn({ space: null, viewer: null }, { space: SPACE, viewer: { id: "alice" } }) },
      "refreshed",
    );
    assert.equal((await engine.read("team-01", {})).id, "team-01");
    assert.equal(confirm.callCount, 1);
    assert.deepEqual(api.names(), ["SpaceRead", "SpaceRead"]);
  });

  it("reports a null read as gone after exactly one confirmation that the caller is signed in", async () => {
    const { api, confirm, engine } = setup(space, { SpaceRead: () => ({ space: null }) }, "ok");
    assert.deepEqual(await engine.read("team-01", {}), {});
    assert.equal(confirm.callCount, 1);
    assert.deepEqual(api.names(), ["SpaceRead"], "the read is not repeated when the caller was signed in");
  });

  it("reads once more after a token refresh and returns what that read finds", async () => {
    const { api, confirm, engine } = setup(
      space,
      { SpaceRead: inTurn({ space: null }, { space: { ...SPACE, name: "team" } }) },
      "refreshed",
    );
    const result = await engine.read("team-01", {});
    assert.equal(result.id, "team-01");
    assert.equal(result.props?.["name"], "team");
    assert.equal(confirm.callCount, 1);
    assert.deepEqual(api.names(), ["SpaceRead", "SpaceRead"]);
  });

  it("confirms the re-read's empty answer too before reporting gone", async () => {
    const { api, confirm, engine } = setup(space, { SpaceRead: () => ({ space: null }) }, "refreshed", "ok");
    assert.deepEqual(await engine.read("team-01", {}), {});
    assert.equal(confirm.callCount, 2);
    assert.deepEqual(api.names(), ["SpaceRead", "SpaceRead"]);
  });

  it("judges each empty answer by the very token that received it", async () => {
    const api = fakeApi({ SpaceRead: () => ({ space: null }) });
    let reads = 0;
    const handles: unknown[] = [];
    const port: ApiPort = {
      async run<T>(op: OperationSpec, variables: Record<string, unknown>, receipt?: AnswerReceipt) {
        // Each read is answered with another token, as when parallel calls refresh it meanwhile.
        if (receipt) receipt.answeredBy = `handle-${++reads}`;
        return api.port.run<T>(op, variables);
      },
      async confirmSignedIn(answeredBy?: unknown) {
        handles.push(answeredBy);
        return handles.length === 1 ? "refreshed" : "ok";
      },
    };
    const engine = new ResourceEngine(space, { api: port, sleep: async () => undefined });
    assert.deepEqual(await engine.read("team-01", {}), {});
    assert.deepEqual(handles, ["handle-1", "handle-2"]);
  });

  it("never reports gone while every token that answered empty turns out refused", async () => {
    const refreshed: SignInCheck[] = Array.from({ length: 10 }, () => "refreshed");
    const { api, engine } = setup(space, { SpaceRead: () => ({ space: null }) }, ...refreshed);
    const err = await rejection(() => engine.read("team-01", {}));
    assert.ok(
      ResourceOperationError.isInstance(err),
      `expected a ResourceOperationError, got ${String(err)}`,
    );
    assert.equal(err.code, "authentication");
    assert.match(err.message, /could not confirm that the object is gone/);
    assert.equal(api.names().length, 5, "a bounded number of re-reads");
  });

  it("fails the read, reporting nothing gone, when the caller cannot be confirmed", async () => {
    const refusal = Object.assign(
      new Error(
        "Viewer failed: Spacelift treats these credentials as anonymous, even with a freshly issued token",
      ),
      { code: "authentication" },
    );
    const { confirm, engine } = setup(space, { SpaceRead: () => ({ space: null }) }, refusal);
    const err = await rejection(() => engine.read("team-01", {}));
    assert.ok(
      ResourceOperationError.isInstance(err),
      `expected a ResourceOperationError, got ${String(err)}`,
    );
    assert.equal(err.code, "authentication");
    assert.equal(err.step, "read");
    assert.match(
      err.message,
      /Space read failed \(Viewer, authentication\): could not confirm that the object is gone/,
    );
    assert.match(err.message, /treats these credentials as anonymous/);
    assert.equal(confirm.callCount, 1);
  });

  it("keeps secret input values out of a failed confirmation's message", async () => {
    const secret = "widget-token-do-not-print";
    const echo = Object.assign(new Error(`Viewer failed: transport error near ${secret}`), {
      code: "transport",
    });
    const { engine } = setup(widget, { WidgetRead: () => ({ widget: null }) }, echo);
    const err = await rejection(() => engine.read("w-1", { name: "w", token: secret }));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "transport");
    assertNoLeak(err, [secret]);
  });

  it("confirms a not-found answer too", async () => {
    const { confirm, engine } = setup(
      space,
      { SpaceRead: inTurn(apiError("not_found", "space not found"), { space: SPACE }) },
      "refreshed",
    );
    assert.equal((await engine.read("team-01", {})).id, "team-01");
    assert.equal(confirm.callCount, 1);
  });

  it("confirms an object missing from its parent's list, and a tombstone", async () => {
    for (const miss of [{ shelf: { gadgets: [] } }, { shelf: { gadgets: [{ name: "g", retired: true }] } }]) {
      const { api, confirm, engine } = setup(
        gadget,
        { GadgetRead: inTurn(miss, { shelf: { gadgets: [{ name: "g", retired: false }] } }) },
        "refreshed",
      );
      const result = await engine.read("s/g", {});
      assert.equal(result.id, "s/g", JSON.stringify(miss));
      assert.equal(confirm.callCount, 1);
      assert.deepEqual(api.names(), ["GadgetRead", "GadgetRead"]);
    }
  });

  it("reports a missing parent as gone after one confirmation", async () => {
    const { confirm, engine } = setup(gadget, { GadgetRead: () => ({ shelf: null }) }, "ok");
    assert.deepEqual(await engine.read("s/g", {}), {});
    assert.equal(confirm.callCount, 1);
  });

  it("reports gone without a check through a port that cannot confirm", async () => {
    const api = fakeApi({ SpaceRead: () => ({ space: null }) });
    const engine = new ResourceEngine(space, { api: api.port });
    assert.deepEqual(await engine.read("team-01", {}), {});
    assert.deepEqual(api.names(), ["SpaceRead"]);
  });

  it("does not rethrow other read failures as confirmation failures, nor confirm them", async () => {
    const { confirm, engine } = setup(space, {
      SpaceRead: () => {
        throw apiError("permission", "unauthorized");
      },
    });
    const err = await rejection(() => engine.read("team-01", {}));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.equal(err.code, "permission");
    assert.equal(confirm.callCount, 0);
  });

  describe("delete", () => {
    it("takes not-found from the delete mutation as success without a check", async () => {
      const { confirm, engine } = setup(space, {
        SpaceDelete: () => {
          throw apiError("not_found", "space not found");
        },
      });
      await engine.delete("team-01", { name: "team" });
      assert.equal(confirm.callCount, 0);
    });

    // Deletion polls are batched: the object is asked about under the alias d0.
    it("confirms before an asynchronous delete's poll concludes the object is gone", async () => {
      const deleting = { d0: { id: "w-1", name: "w", deleting: true } };
      const { api, confirm, engine } = setup(
        widget,
        {
          WidgetDelete: () => ({ widgetDelete: { id: "w-1" } }),
          WidgetRead: inTurn(deleting, { d0: null }),
        },
        "ok",
      );
      await engine.delete("w-1", { name: "w" });
      assert.equal(confirm.callCount, 1);
      assert.deepEqual(api.names(), ["WidgetDelete", "WidgetRead", "WidgetRead"]);
    });

    it("believes a poll's empty answer without a check when its own viewer is signed in", async () => {
      const { api, confirm, engine } = setup(widget, {
        WidgetDelete: () => ({ widgetDelete: { id: "w-1" } }),
        WidgetRead: () => ({ d0: null, viewer: { id: "alice" } }),
      });
      await engine.delete("w-1", { name: "w" });
      assert.equal(confirm.callCount, 0);
      assert.deepEqual(api.names(), ["WidgetDelete", "WidgetRead"]);
    });

    it("keeps waiting when the poll's empty answer came from a token that is no longer accepted", async () => {
      const deleting = { d0: { id: "w-1", name: "w", deleting: true } };
      const { api, confirm, engine } = setup(
        widget,
        {
          WidgetDelete: () => ({ widgetDelete: { id: "w-1" } }),
          WidgetRead: inTurn({ d0: null, viewer: null }, deleting, { d0: null }),
        },
        "refreshed",
        "ok",
      );
      await engine.delete("w-1", { name: "w" });
      assert.equal(confirm.callCount, 2);
      assert.deepEqual(api.names(), ["WidgetDelete", "WidgetRead", "WidgetRead", "WidgetRead"]);
    });
  });

  describe("runtime port", () => {
    afterEach(() => resetRuntime());

    it("passes the check on to an override that has it", async () => {
      const confirm = sinon.stub<[], Promise<SignInCheck>>().resolves("refreshed");
      setApiPort({ run: () => Promise.reject(new Error("no run expected")), confirmSignedIn: confirm });
      assert.equal(await runtimeApiPort.confirmSignedIn?.(), "refreshed");
      assert.equal(confirm.callCount, 1);
    });

    it("lets the empty reads of an override without the check stand", async () => {
      setApiPort({ run: () => Promise.reject(new Error("no run expected")) });
      assert.equal(await runtimeApiPort.confirmSignedIn?.(), "ok");
    });

    it("asks the client for the configured credentials otherwise, naming what is missing", async () => {
      const saved = { ...process.env };
      for (const key of Object.keys(process.env)) if (key.startsWith("SPACELIFT_")) delete process.env[key];
      try {
        await assert.rejects(
          () => runtimeApiPort.confirmSignedIn!(),
          /SPACELIFT_API_KEY_ENDPOINT|apiKeyEndpoint/,
        );
      } finally {
        Object.assign(process.env, saved);
      }
    });
  });
});
