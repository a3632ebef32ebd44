import { strict as assert } from "node:assert";
import { sha256Hex } from "../../../provider/engine/checksum";
import { memoryJournal, type CreateJournal } from "../../../provider/engine/createJournal";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { MadeHere } from "../../../provider/engine/madeHere";
import { markerLabel } from "../../../provider/engine/marker";
import { RESOURCE_KEY } from "../../../provider/engine/values";
import { context, contextAttachment, environmentVariable, space, webhook } from "../../../provider/resources";
import { apiError, assertNoLeak, fakeApi, rejection, type Handler } from "./fakes";

// Keys as the SDK makes them: `<stack part>.<resource part>`.
const KEY = "0a1b2c3d.00112233445566aa";
const SIBLING = "0a1b2c3d.ffeeddccbbaa9988";
const OTHER_STACK = "99999999.00112233445566aa";
const VALUE = "value-do-not-print";
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** An error shaped like the client's for an answer that was lost after the request was sent. */
function lostAnswer(): Error {
  return Object.assign(new Error("HTTP 502 Bad Gateway"), { code: "transport", mayHaveApplied: true });
}

function engine(
  descriptor: ResourceDescriptor,
  handlers: Record<string, Handler>,
  journal = memoryJournal(),
) {
  const api = fakeApi(handlers);
  const clock = { now: T0 };
  return {
    api,
    journal,
    clock,
    engine: new ResourceEngine(descriptor, {
      api: api.port,
      journal,
      now: () => clock.now,
      sleep: async () => undefined,
    }),
  };
}

function spaceObject(id: string, labels: string[], name = "team") {
  return { id, name, parentSpace: "root", description: "", inheritEntities: false, labels };
}

describe("exactly-once creates", () => {
  describe("Space (generated ids, marker label, listed once per process)", () => {
    it("sends its marker label, and keeps it out of outputs", async () => {
      const { api, engine: e } = engine(space, {
        SpaceList: () => ({ spaces: [] }),
        SpaceCreate: (v) => ({ spaceCreate: { id: "team-1", ...(v["input"] as object) } }),
      });
      const { outs } = await e.create({ name: "team", labels: ["a"], [RESOURCE_KEY]: KEY });
      const input = api.calls("SpaceCreate")[0]![1]["input"] as { labels: string[] };
      assert.deepEqual(input.labels, ["a", markerLabel(KEY)]);
      assert.deepEqual(outs["labels"], ["a"]);
    });

    it("adopts the space a lost answer hid, instead of creating a second one", async () => {
      const spaces: object[] = [];
      const { api, engine: e } = engine(space, {
        SpaceList: () => ({ spaces }),
        SpaceCreate: (v) => {
          spaces.push({ id: "team-1", ...(v["input"] as object) });
          throw lostAnswer();
        },
        SpaceRead: () => ({ space: spaces[0] }),
      });
      const { id } = await e.create({ name: "team", [RESOURCE_KEY]: KEY });
      assert.equal(id, "team-1");
      assert.equal(api.calls("SpaceCreate").length, 1);
      assert.equal(spaces.length, 1);
    });

    it("sends again when the lost answer's create made nothing", async () => {
      let creates = 0;
      const { api, engine: e } = engine(space, {
        SpaceList: () => ({ spaces: [] }),
        SpaceCreate: (v) => {
          if (++creates === 1) throw lostAnswer();
          return { spaceCreate: { id: "team-2", ...(v["input"] as object) } };
        },
      });
      const { id } = await e.create({ name: "team", [RESOURCE_KEY]: KEY });
      assert.equal(id, "team-2");
      assert.equal(api.calls("SpaceCreate").length, 2);
      // One listing before the first create, one after the lost answer.
      assert.equal(api.calls("SpaceList").length, 2);
    });

    it("adopts, without creating, a space an interrupted earlier deployment made (found by its marker)", async () => {
      const earlier = spaceObject("team-0", [markerLabel(KEY)]);
      const handmade = spaceObject("team-x", []);
      const { api, engine: e } = engine(space, { SpaceList: () => ({ spaces: [handmade, earlier] }) });
      const { id, outs } = await e.create({ name: "team", [RESOURCE_KEY]: KEY });
      assert.equal(id, "team-0");
      assert.equal(outs["labels"], undefined);
      assert.deepEqual(api.names(), ["SpaceList"]);
    });

    it("updates an adopted space whose settings the program has changed since", async () => {
      const earlier = spaceObject("team-0", [markerLabel(KEY)]);
      const { api, engine: e } = engine(space, {
        SpaceList: () => ({ spaces: [earlier] }),
        SpaceUpdate: (v) => ({ spaceUpdate: { id: "team-0", ...(v["input"] as object) } }),
      });
      const { id, outs } = await e.create({ name: "team", description: "new", [RESOURCE_KEY]: KEY });
      assert.equal(id, "team-0");
      assert.equal(outs["description"], "new");
      const input = api.calls("SpaceUpdate")[0]![1]["input"] as { labels: string[] };
      assert.deepEqual(input.labels, [markerLabel(KEY)]);
    });

    it("never takes the space it replaces, which carries the same marker, for the new one", async () => {
      const predecessor = spaceObject("team-0", [markerLabel(KEY)]);
      const spaces: object[] = [predecessor];
      const { api, engine: e } = engine(space, {
        SpaceList: () => ({ spaces }),
        SpaceCreate: (v) => {
          const made = { id: "team-1", ...(v["input"] as object) };
          spaces.push(made);
          return { spaceCreate: made };
        },
      });
      const inputs = { name: "team", [RESOURCE_KEY]: KEY };
      // Pulumi checks a resource it holds in state with its old inputs before replacing it.
      await e.check({ name: "team", parentSpaceId: "root" }, inputs);
      const { id } = await e.create(inputs);
      assert.equal(id, "team-1");
      assert.equal(api.calls("SpaceCreate").length, 1);
    });

    it("lists the spaces once per process, however many spaces it creates", async () => {
      let n = 0;
      const { api, engine: e } = engine(space, {
        SpaceList: () => ({ spaces: [] }),
        SpaceCreate: (v) => ({ spaceCreate: { id: `s-${++n}`, ...(v["input"] as object) } }),
      });
      await Promise.all(
        ["a", "b", "c"].map((name, i) => e.create({ name, [RESOURCE_KEY]: `0a1b2c3d.${i}` })),
      );
      assert.equal(api.calls("SpaceList").length, 1);
      assert.equal(api.calls("SpaceCreate").length, 3);
    });
  });

  describe("Context (slug ids: Spacelift refuses a duplicate)", () => {
    const refusal = () => {
      throw apiError(
        "validation",
        "could not persist context: context with this slug already exists for this account (shared)",
      );
    };
    const contextObject = (labels: string[]) => ({
      id: "shared",
      name: "shared",
      description: null,
      labels,
      space: "root",
      createdAt: T0 / 1000 - 3600,
    });

    it("adopts its own context after a refusal, by its marker", async () => {
      const { engine: e } = engine(context, {
        ContextCreate: refusal,
        ContextList: () => ({ contexts: [contextObject([markerLabel(KEY)])] }),
      });
      const { id } = await e.create({ name: "shared", spaceId: "root", [RESOURCE_KEY]: KEY });
      assert.equal(id, "shared");
    });

    for (const [labels, why] of [
      [[], /no pulumi-spacelift marker/],
      [[markerLabel(SIBLING)], /marker of another resource of this Pulumi stack/],
      [[markerLabel(OTHER_STACK)], /marker of a resource of another Pulumi stack/],
    ] as const) {
      it(`refuses a context it did not make, saying why (${why.source})`, async () => {
        const { api, engine: e } = engine(context, {
          ContextCreate: refusal,
          ContextList: () => ({ contexts: [contextObject([...labels])] }),
        });
        const err = await rejection(() => e.create({ name: "shared", [RESOURCE_KEY]: KEY }));
        assert.ok(ResourceOperationError.isInstance(err));
        assert.match(err.message, /context "shared" already exists in Spacelift \(id "shared"\)/);
        assert.match(err.message, /was not created by this Pulumi resource/);
        assert.match(err.message, why);
        assert.match(err.message, /Context\.get\(name, "shared"\)/);
        assert.deepEqual(api.names(), ["ContextCreate", "ContextList"]);
      });
    }
  });

  describe("EnvironmentVariable (the add mutation is an upsert)", () => {
    const element = (createdAtMs: number, value = VALUE) => ({
      id: "MANUAL_VAR",
      type: "ENVIRONMENT_VARIABLE",
      value: null,
      writeOnly: true,
      description: null,
      checksum: sha256Hex(value),
      createdAt: Math.floor(createdAtMs / 1000),
    });
    const inputs = { contextId: "ctx", name: "MANUAL_VAR", value: VALUE, [RESOURCE_KEY]: KEY };

    it("refuses to overwrite a variable someone set by hand, naming it, and sends nothing", async () => {
      const { api, engine: e } = engine(environmentVariable, {
        ContextEnvironmentVariableRead: () => ({
          context: { configElement: element(T0 - 60_000, "by hand") },
        }),
      });
      const err = await rejection(() => e.create(inputs));
      assert.ok(ResourceOperationError.isInstance(err));
      assert.match(err.message, /environment variable "MANUAL_VAR" on context "ctx" already exists/);
      assert.match(err.message, /Nothing was changed or overwritten/);
      assert.deepEqual(api.names(), ["ContextEnvironmentVariableRead"]);
      assertNoLeak(err, [VALUE]);
    });

    it("refuses an identical variable it has no record of making", async () => {
      const { api, engine: e } = engine(environmentVariable, {
        ContextEnvironmentVariableRead: () => ({ context: { configElement: element(T0 - 60_000) } }),
      });
      await rejection(() => e.create(inputs));
      assert.deepEqual(api.names(), ["ContextEnvironmentVariableRead"]);
    });

    it("adopts the variable an interrupted create of this resource made (journal and creation time agree)", async () => {
      const journal = memoryJournal();
      journal.begin(KEY, "EnvironmentVariable", T0 - 10_000);
      const { api, engine: e } = engine(
        environmentVariable,
        { ContextEnvironmentVariableRead: () => ({ context: { configElement: element(T0 - 9_000) } }) },
        journal,
      );
      const { id, outs } = await e.create(inputs);
      assert.equal(id, "context/ctx/MANUAL_VAR");
      assert.equal(outs["checksum"], sha256Hex(VALUE));
      assert.deepEqual(api.names(), ["ContextEnvironmentVariableRead"]);
      assert.equal(journal.get(KEY)?.id, id);
    });

    it("refuses a variable made before this resource's interrupted create was sent", async () => {
      const journal = memoryJournal();
      journal.begin(KEY, "EnvironmentVariable", T0 - 10_000);
      const { engine: e } = engine(
        environmentVariable,
        { ContextEnvironmentVariableRead: () => ({ context: { configElement: element(T0 - 3_600_000) } }) },
        journal,
      );
      await rejection(() => e.create(inputs));
    });

    it("adopts what a create whose answer was lost made", async () => {
      let stored: object | null = null;
      const { api, engine: e } = engine(environmentVariable, {
        ContextEnvironmentVariableRead: () => ({ context: { configElement: stored } }),
        ContextEnvironmentVariableCreate: () => {
          stored = element(T0);
          throw lostAnswer();
        },
      });
      const { id } = await e.create(inputs);
      assert.equal(id, "context/ctx/MANUAL_VAR");
      assert.deepEqual(api.names(), [
        "ContextEnvironmentVariableRead",
        "ContextEnvironmentVariableCreate",
        "ContextEnvironmentVariableRead",
      ]);
    });

    it("adopts what a slow create made before its answer was lost, judging from when it was sent", async () => {
      let stored: object | null = null;
      const {
        api,
        clock,
        engine: e,
      } = engine(environmentVariable, {
        ContextEnvironmentVariableRead: () => ({ context: { configElement: stored } }),
        ContextEnvironmentVariableCreate: () => {
          stored = element(clock.now);
          // The answer times out a minute later.
          clock.now += 60_000;
          throw lostAnswer();
        },
      });
      await e.create(inputs);
      assert.equal(api.calls("ContextEnvironmentVariableCreate").length, 1);
    });

    it("lets only one of two resources declaring the same variable have it", async () => {
      let stored: object | null = null;
      const journal = memoryJournal();
      const { api, engine: e } = engine(
        environmentVariable,
        {
          ContextEnvironmentVariableRead: () => ({ context: { configElement: stored } }),
          ContextEnvironmentVariableCreate: () => {
            stored = element(T0);
            return { contextConfigAdd: stored };
          },
        },
        journal,
      );
      const results = await Promise.allSettled([
        e.create(inputs),
        e.create({ ...inputs, [RESOURCE_KEY]: SIBLING }),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ["fulfilled", "rejected"],
      );
      assert.equal(api.calls("ContextEnvironmentVariableCreate").length, 1);
    });
  });

  describe("ContextAttachment (no marker, no creation time)", () => {
    const attached = { id: "att-1", stackId: "stk", isModule: false, priority: 0 };
    const inputs = { contextId: "ctx", stackId: "stk", [RESOURCE_KEY]: KEY };

    it("adopts the attachment a lost answer hid", async () => {
      const list: object[] = [];
      const { api, engine: e } = engine(contextAttachment, {
        StackContextAttach: () => {
          list.push(attached);
          throw lostAnswer();
        },
        ContextAttachmentRead: () => ({ context: { attachedStacks: list } }),
      });
      const { id } = await e.create(inputs);
      assert.equal(id, "ctx/att-1");
      assert.equal(api.calls("StackContextAttach").length, 1);
    });

    it("refuses an attachment that was there already, unless its journal says it made it", async () => {
      const handlers = {
        StackContextAttach: () => {
          throw apiError("validation", "context ctx is already attached to stack stk");
        },
        ContextAttachmentRead: () => ({ context: { attachedStacks: [attached] } }),
      };
      const err = await rejection(() => engine(contextAttachment, handlers).engine.create(inputs));
      assert.match(String(err), /the attachment of context "ctx" to stack "stk" already exists/);
      const journal: CreateJournal = memoryJournal();
      journal.begin(KEY, "ContextAttachment", T0 - 5000);
      const { id } = await engine(contextAttachment, handlers, journal).engine.create(inputs);
      assert.equal(id, "ctx/att-1");
    });
  });

  describe("Webhook (duplicates accepted, no marker)", () => {
    it("adopts the webhook a lost answer hid, though Spacelift never reports its secret", async () => {
      const hooks: object[] = [];
      const { api, engine: e } = engine(webhook, {
        StackWebhookRead: () => ({ stack: { integrations: { webhooks: hooks } } }),
        WebhookCreate: (v) => {
          hooks.push({ id: "wh-1", ...(v["input"] as object), secret: "" });
          throw lostAnswer();
        },
      });
      const { id, outs } = await e.create({
        stackId: "stk",
        endpoint: "https://example.com/hook",
        secret: VALUE,
        [RESOURCE_KEY]: KEY,
      });
      assert.equal(id.split("/").pop(), "wh-1");
      assert.equal(api.calls("WebhookCreate").length, 1);
      assert.equal(hooks.length, 1);
      assertNoLeak(outs, [VALUE]);
    });

    it("never takes a webhook that was there before its create for the one it made", async () => {
      const before = {
        id: "wh-0",
        endpoint: "https://example.com/hook",
        enabled: true,
        secret: "",
        retryOnFailure: false,
      };
      const hooks: object[] = [before];
      let creates = 0;
      const { api, engine: e } = engine(webhook, {
        StackWebhookRead: () => ({ stack: { integrations: { webhooks: hooks } } }),
        WebhookCreate: (v) => {
          creates += 1;
          if (creates === 1) throw lostAnswer();
          const made = { id: "wh-1", ...(v["input"] as object) };
          hooks.push(made);
          return { webhooksIntegrationCreate: made };
        },
      });
      const { id } = await e.create({
        stackId: "stk",
        endpoint: "https://example.com/hook",
        [RESOURCE_KEY]: KEY,
      });
      assert.notEqual(id.split("/").pop(), "wh-0");
      assert.equal(api.calls("WebhookCreate").length, 2);
    });
  });

  describe("a config element inside a parent this process made (madeHere.ts)", () => {
    /** One Context and one EnvironmentVariable engine sharing what the process made, as in the provider. */
    function engines(contextHandler: Handler) {
      const elements = new Map<string, object>();
      const api = fakeApi({
        ContextCreate: contextHandler,
        // What a lost create made: the context with this resource's marker.
        ContextList: () => ({
          contexts: [
            {
              id: "fresh",
              name: "fresh",
              description: null,
              labels: [markerLabel(SIBLING)],
              space: "root",
              createdAt: T0 / 1000,
            },
          ],
        }),
        ContextDelete: () => ({ contextDelete: { id: "fresh" } }),
        ContextEnvironmentVariableRead: (v) => ({
          context: { configElement: elements.get(`${String(v["context"])}/${String(v["name"])}`) ?? null },
        }),
        ContextEnvironmentVariableCreate: (v) => {
          const config = v["config"] as { id: string; value: string };
          const element = {
            id: config.id,
            type: "ENVIRONMENT_VARIABLE",
            value: null,
            writeOnly: true,
            description: null,
            checksum: sha256Hex(config.value),
            createdAt: Math.floor(T0 / 1000),
          };
          elements.set(`${String(v["context"])}/${config.id}`, element);
          return { contextConfigAdd: element };
        },
      });
      const deps = {
        api: api.port,
        journal: memoryJournal(),
        now: () => T0,
        sleep: async () => undefined,
        madeHere: new MadeHere(),
      };
      return {
        api,
        context: new ResourceEngine(context, deps),
        variable: new ResourceEngine(environmentVariable, deps),
      };
    }
    const made = () => ({
      contextCreateV2: { id: "fresh", name: "fresh", labels: [], space: "root", hooks: {} },
    });
    const variable = (name: string, key = KEY) => ({
      contextId: "fresh",
      name,
      value: VALUE,
      [RESOURCE_KEY]: key,
    });

    it("creates each new name without reading first: nothing can be there yet", async () => {
      const { api, context: c, variable: v } = engines(made);
      await c.create({ name: "fresh", [RESOURCE_KEY]: SIBLING });
      await v.create(variable("A"));
      await v.create(variable("B", OTHER_STACK));
      assert.deepEqual(api.names(), [
        "ContextCreate",
        "ContextEnvironmentVariableCreate",
        "ContextEnvironmentVariableCreate",
      ]);
    });

    it("reads before a second create of one name, and refuses to overwrite the first", async () => {
      const { api, context: c, variable: v } = engines(made);
      await c.create({ name: "fresh", [RESOURCE_KEY]: SIBLING });
      await v.create(variable("A"));
      const err = await rejection(() => v.create(variable("A", OTHER_STACK)));
      assert.ok(ResourceOperationError.isInstance(err));
      assert.match(err.message, /environment variable "A" on context "fresh" already exists/);
      assert.deepEqual(api.names(), [
        "ContextCreate",
        "ContextEnvironmentVariableCreate",
        "ContextEnvironmentVariableRead",
      ]);
    });

    it("reads first in a context it did not make", async () => {
      const { api, variable: v } = engines(made);
      await v.create(variable("A"));
      assert.deepEqual(api.names(), ["ContextEnvironmentVariableRead", "ContextEnvironmentVariableCreate"]);
    });

    it("reads first in a context it made and then deleted: one made later under its id is not known empty", async () => {
      const { api, context: c, variable: v } = engines(made);
      await c.create({ name: "fresh", [RESOURCE_KEY]: SIBLING });
      await c.delete("fresh", { name: "fresh" });
      await v.create(variable("A"));
      assert.deepEqual(api.names().slice(-3), [
        "ContextDelete",
        "ContextEnvironmentVariableRead",
        "ContextEnvironmentVariableCreate",
      ]);
    });

    it("reads first in a context it adopted after a lost answer: that one may hold variables already", async () => {
      const {
        api,
        context: c,
        variable: v,
      } = engines(() => {
        throw lostAnswer();
      });
      const { id } = await c.create({ name: "fresh", [RESOURCE_KEY]: SIBLING });
      assert.equal(id, "fresh", "the context was adopted");
      await v.create(variable("A"));
      assert.deepEqual(api.names(), [
        "ContextCreate",
        "ContextList",
        "ContextEnvironmentVariableRead",
        "ContextEnvironmentVariableCreate",
      ]);
    });
  });
});
