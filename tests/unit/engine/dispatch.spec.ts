import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as providerModule from "../../../provider";
import { dispatch, handler, resolveMethod, ResourceOperationError } from "../../../provider";
import { providerText } from "../../../sdk/registration";
import { currentConfig, resetRuntime, setApiPort } from "../../../provider/runtime";
import { assertNoLeak, assertPlainJson, fakeApi, PROVIDER, rejection } from "./fakes";

/** A fake API that creates context "ctx", reads it as gone and deletes it. */
function contextApi(): ReturnType<typeof fakeApi> {
  return fakeApi({
    ContextCreate: () => ({
      contextCreateV2: { id: "ctx", name: "Ctx", labels: [], space: "root", hooks: {} },
    }),
    ContextRead: () => ({ context: null }),
    ContextDelete: () => ({ contextDelete: { id: "ctx" } }),
  });
}

describe("dispatch", () => {
  afterEach(() => resetRuntime());

  it("stores configure's config before anything is awaited", () => {
    const values: Record<string, string> = { "spacelift:apiKeyId": "01ABC" };
    // Deliberately not awaited: the host may call CRUD methods before this promise settles.
    const pending = dispatch("Space", "configure", [{ config: { get: (k: string) => values[k] } }]);
    assert.equal(currentConfig().get("spacelift:apiKeyId"), "01ABC");
    assert.equal(currentConfig().get("spacelift:apiKeySecret"), undefined);
    return pending;
  });

  it("ignores non-string config values and tolerates a request without config", async () => {
    await dispatch("Space", "configure", [{ config: { get: () => 42 } }]);
    assert.equal(currentConfig().get("spacelift:apiKeyId"), undefined);
    await dispatch("Space", "configure", [{}]);
    await dispatch("Space", "configure", []);
    assert.equal(currentConfig().get("anything"), undefined);
  });

  it("rejects unknown kinds with a message naming the kind and the known ones", async () => {
    const err = await rejection(() => dispatch("Gizmo", "create", [{}]));
    assert.ok(err instanceof Error);
    assert.match(err.message, /unknown resource kind "Gizmo"/);
    // Every registered kind, sorted; other kinds join the list as they are added.
    assert.match(
      err.message,
      /This version knows (\w+, )*Context, (\w+, )*EnvironmentVariable, (\w+, )*Space(, \w+)*;/,
    );
  });

  it("rejects unknown methods (a newer stub) clearly", async () => {
    const err = await rejection(() => dispatch("Space", "import" as "create", []));
    assert.ok(err instanceof Error);
    assert.match(err.message, /unknown provider method "import" for Space/);
  });

  it("rejects id-based calls without an id", async () => {
    const err = await rejection(() => dispatch("Space", "read", [undefined, {}]));
    assert.ok(err instanceof Error);
    assert.match(err.message, /Space read needs a resource id/);
  });

  it("runs check without touching the API", async () => {
    const api = fakeApi({});
    setApiPort(api.port);
    const result = (await dispatch("EnvironmentVariable", "check", [
      {},
      { name: "1X", __provider: PROVIDER },
    ])) as {
      failures: { property: string }[];
      inputs: Record<string, unknown>;
    };
    assert.deepEqual(result.failures.map((f) => f.property).sort(), ["contextId", "name"]);
    assert.equal(result.inputs["__provider"], PROVIDER);
    assert.ok(api.run.notCalled);
  });

  it("routes CRUD through the bound API port, returning plain JSON", async () => {
    const api = contextApi();
    setApiPort(api.port);
    const created = await dispatch("Context", "create", [{ name: "Ctx", __provider: PROVIDER }]);
    assertPlainJson(created);
    assert.deepEqual(created, { id: "ctx", outs: { name: "Ctx", spaceId: "root" } });
    assert.deepEqual(await dispatch("Context", "read", ["ctx", { name: "Ctx" }]), {});
    assert.equal(await dispatch("Context", "delete", ["ctx", { name: "Ctx" }]), undefined);
    assert.deepEqual(api.names(), ["ContextCreate", "ContextRead", "ContextDelete"]);
  });

  describe("with the real client binding", () => {
    let saved: Record<string, string | undefined> = {};
    beforeEach(() => {
      saved = {};
      for (const key of Object.keys(process.env).filter((k) => k.startsWith("SPACELIFT_"))) {
        saved[key] = process.env[key];
        delete process.env[key];
      }
    });
    afterEach(() => {
      for (const [key, value] of Object.entries(saved)) process.env[key] = value;
    });

    it("reports missing credentials as an authentication failure of the step, without secrets", async () => {
      const secret = "half-configured-secret-do-not-print";
      await dispatch("Space", "configure", [
        { config: { get: (k: string) => (k === "spacelift:apiKeySecret" ? secret : undefined) } },
      ]);
      const err = await rejection(() => dispatch("Space", "read", ["team-01", {}]));
      assert.ok(ResourceOperationError.isInstance(err), String(err));
      assert.equal(err.code, "authentication");
      assert.match(err.message, /^Spacelift Space read failed \(SpaceRead, authentication\)/);
      assertNoLeak(err, [secret]);
    });
  });

  it("diff always answers with a boolean", async () => {
    const result = (await dispatch("Space", "diff", ["s", { name: "a" }, { name: "a" }])) as {
      changes: unknown;
    };
    assert.equal(typeof result.changes, "boolean");
  });

  describe("method families sent by serialized stubs", () => {
    // The exact argument lists Pulumi's dynamic-provider host passes to each provider method.
    const calls: [string, "observe" | "mutate", unknown[]][] = [
      ["configure", "observe", [{ config: { get: () => undefined } }]],
      ["check", "observe", [{}, { name: "a" }]],
      ["read", "observe", ["space-1", { name: "a" }]],
      ["read", "observe", ["space-1", undefined]],
      ["diff", "observe", ["space-1", { name: "a" }, { name: "b" }]],
      ["create", "mutate", [{ name: "a" }]],
      ["delete", "mutate", ["space-1", { name: "a" }]],
      ["update", "mutate", ["space-1", { name: "a" }, { name: "b" }]],
    ];
    for (const [method, family, args] of calls) {
      it(`resolves ${family} with ${args.length} argument(s) to ${method}`, () => {
        assert.equal(resolveMethod(family, args), method);
      });
    }

    it("leaves explicit method names alone", () => {
      assert.equal(resolveMethod("update", [{}]), "update");
    });

    it("stores configure's config synchronously when it arrives as observe", () => {
      void dispatch("Space", "observe", [
        { config: { get: (k: string) => (k === "spacelift:apiKeyId" ? "01XYZ" : undefined) } },
      ]);
      assert.equal(currentConfig()?.get("spacelift:apiKeyId"), "01XYZ");
    });

    it("runs check when observe is called with olds and news", async () => {
      const result = (await dispatch("Space", "observe", [{}, { name: "team" }])) as {
        inputs?: { name?: string };
      };
      assert.equal(result.inputs?.name, "team");
    });
  });
});

/** Loads a `__provider` text the way Pulumi's dynamic-provider host does, with this repository's provider. */
function loadProviderText(text: string): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const exports: { handler?: () => Record<string, (...args: unknown[]) => Promise<unknown>> } = {};
  const requireProvider = (id: string): unknown => {
    assert.equal(id, "pulumi-spacelift/provider");
    return providerModule;
  };
  // A sloppy-mode CommonJS body, as require-from-string compiles it (old stubs use `with`).
  new Function("exports", "require", text)(exports, requireProvider);
  const provider = exports.handler?.();
  assert.ok(provider, "the text exports no handler");
  return provider;
}

describe("handler", () => {
  afterEach(() => resetRuntime());

  it("has every lifecycle method, one object per kind", () => {
    assert.deepEqual(Object.keys(handler("Context")).sort(), [
      "check",
      "configure",
      "create",
      "delete",
      "diff",
      "read",
      "update",
    ]);
    assert.equal(handler("Context"), handler("Context"));
    assert.notEqual(handler("Context"), handler("Space"));
  });

  it("stores configure's config before anything is awaited", () => {
    const pending = handler("Space").configure({ config: { get: () => "01XYZ" } });
    assert.equal(currentConfig().get("spacelift:apiKeyId"), "01XYZ");
    return pending;
  });

  it("answers each method by its own name, whatever arguments it gets", async () => {
    const api = fakeApi({
      ContextRead: () => ({ context: null }),
      ContextDelete: () => ({ contextDelete: { id: "ctx" } }),
    });
    setApiPort(api.port);
    const context = handler("Context");
    // A read with a missing outputs argument would be taken for a check by argument counting.
    assert.deepEqual(await context.read("ctx"), {});
    const checked = (await context.check({}, { name: "Ctx", __provider: PROVIDER })) as {
      failures: unknown[];
    };
    assert.deepEqual(checked.failures, []);
    assert.equal(await context.delete("ctx", { name: "Ctx" }), undefined);
    assert.deepEqual(api.names(), ["ContextRead", "ContextDelete"]);
  });

  const earlierText = fs.readFileSync(
    path.join(__dirname, "..", "..", "fixtures", "provider-text", "two-function-stub-context.js"),
    "utf8",
  );
  for (const [label, text] of [
    ["the SDK's __provider text", providerText("Context")],
    ["an earlier version's two-function stub (still in old state)", earlierText],
  ] as const) {
    it(`serves ${label}`, async () => {
      const api = contextApi();
      setApiPort(api.port);
      const provider = loadProviderText(text);
      await provider["configure"]?.({ config: { get: () => undefined } });
      const checked = (await provider["check"]?.({}, { name: "Ctx", __provider: text })) as {
        inputs: Record<string, unknown>;
      };
      assert.equal(checked.inputs["__provider"], text);
      const created = await provider["create"]?.(checked.inputs);
      assert.deepEqual(created, { id: "ctx", outs: { name: "Ctx", spaceId: "root" } });
      assert.deepEqual(await provider["read"]?.("ctx", { name: "Ctx" }), {});
      assert.equal(await provider["delete"]?.("ctx", { name: "Ctx" }), undefined);
      assert.deepEqual(api.names(), ["ContextCreate", "ContextRead", "ContextDelete"]);
    });
  }
});
