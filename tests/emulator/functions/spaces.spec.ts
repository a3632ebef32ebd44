import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";

import { invokeFunction, secretResultPaths } from "../../../provider/functions/invoke";
import { exchangeApiKey, postGraphQL } from "../../helpers/emulator";
import { startFunctionBench, type FunctionBench } from "../../helpers/functions";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Resolves to the message of the error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as Error).message;
  }
  return assert.fail("expected the call to fail");
}

describe("data functions of spaces, contexts, their configuration and the account", () => {
  let bench: FunctionBench;
  let moduleId: string;

  before(async () => {
    bench = await startFunctionBench({ outgoingIPAddresses: ["198.51.100.7", "192.0.2.1"] });
    const seeded = await bench.emulator.controls.seed({
      spaces: [
        {
          id: "platform",
          name: "platform",
          description: "Shared platform",
          inheritEntities: true,
          // The marker label pulumi-spacelift adds to what it creates is never shown.
          labels: ["team", "pulumi-spacelift:abc", "core"],
        },
        { id: "prod", name: "production", parentSpace: "platform", inheritEntities: true },
        // Two siblings of the same name make their path ambiguous.
        { id: "twin-a", name: "twin", parentSpace: "platform" },
        { id: "twin-b", name: "twin", parentSpace: "platform" },
        { id: "sandbox", name: "sandbox" },
      ],
      stacks: [
        {
          name: "app",
          space: "prod",
          config: [
            { id: "PLAIN", type: "ENVIRONMENT_VARIABLE", value: "visible", writeOnly: false },
            { id: "secret.txt", type: "FILE_MOUNT", value: "aGlkZGVu", writeOnly: true },
          ],
        },
      ],
      modules: [
        {
          repository: "terraform-aws-net",
          space: "platform",
          config: [{ id: "MODULE_VAR", type: "ENVIRONMENT_VARIABLE", value: "m", writeOnly: false }],
        },
      ],
      contexts: [
        {
          name: "shared",
          description: "Shared settings",
          labels: ["env:prod", "pulumi-spacelift:def", "team:core"],
          space: "platform",
          hooks: { beforeInit: ["echo one", "echo two"], afterRun: ["echo done"] },
          config: [
            { id: "TOKEN", type: "ENVIRONMENT_VARIABLE", value: "s3cr3t-value", writeOnly: true },
            { id: "REGION", type: "ENVIRONMENT_VARIABLE", value: "eu-west-1", writeOnly: false },
            { id: "conf/app.json", type: "FILE_MOUNT", value: "eyJhIjoxfQ==", writeOnly: false },
          ],
        },
        { name: "staging", labels: ["env:staging"], space: "sandbox" },
      ],
    });
    moduleId = seeded.modules?.[0] as string;
    await bench.emulator.controls.seed({
      contextAttachments: [
        { context: "shared", stack: "app", priority: 3 },
        { context: "shared", stack: moduleId, priority: 7 },
      ],
    });
  });

  after(() => bench.close());

  beforeEach(() => bench.emulator.controls.resetStats());

  const requests = () => bench.emulator.controls.stats().total;

  describe("getSpace", () => {
    it("finds a space by id", async () => {
      assert.deepEqual(await bench.invoke("getSpace", { spaceId: "prod" }), {
        id: "prod",
        spaceId: "prod",
        name: "production",
        description: "",
        inheritEntities: true,
        labels: [],
        parentSpaceId: "platform",
      });
      const platform = await bench.invoke("getSpace", { spaceId: "platform" });
      assert.deepEqual(platform.labels, ["core", "team"]);
      assert.equal(platform.description, "Shared platform");
    });

    it("gives the root space an empty parent", async () => {
      const root = await bench.invoke("getSpace", { spaceId: "root" });
      assert.equal(root.parentSpaceId, "");
      assert.equal(root.id, "root");
    });

    it("names the argument when the space does not exist", async () => {
      assert.match(
        await failure(bench.invoke("getSpace", { spaceId: "nope" })),
        /no space "nope" \(spaceId\)/,
      );
    });

    it("refuses bad arguments before any request", async () => {
      assert.match(await failure(bench.invoke("getSpace", {})), /"spaceId" is required/);
      assert.match(await failure(bench.invoke("getSpace", { spaceId: 3 })), /"spaceId" must be a string/);
      assert.match(
        await failure(bench.invoke("getSpace", { spaceId: "x", other: 1 })),
        /unknown argument "other"/,
      );
      assert.equal(requests(), 0);
    });
  });

  describe("getSpaces", () => {
    it("lists every space, root included, sorted by id", async () => {
      const found = await bench.invoke("getSpaces");
      assert.equal(found.id, "spacelift-spaces");
      const spaces = found.spaces as Record<string, unknown>[];
      assert.deepEqual(
        spaces.map((s) => s.spaceId),
        ["platform", "prod", "root", "sandbox", "twin-a", "twin-b"],
      );
      assert.deepEqual(
        spaces.find((s) => s.spaceId === "platform"),
        {
          spaceId: "platform",
          name: "platform",
          description: "Shared platform",
          inheritEntities: true,
          labels: ["core", "team"],
          parentSpaceId: "root",
        },
      );
    });

    it("takes no arguments", async () => {
      assert.match(await failure(bench.invoke("getSpaces", { labels: [] })), /takes no arguments/);
      assert.equal(requests(), 0);
    });
  });

  describe("getSpaceByPath", () => {
    it("walks the tree down from root", async () => {
      const found = await bench.invoke("getSpaceByPath", { spacePath: "root/platform/production" });
      assert.equal(found.id, "prod");
      assert.equal(found.spacePath, "root/platform/production");
      assert.equal(found.parentSpaceId, "platform");
      assert.equal((await bench.invoke("getSpaceByPath", { spacePath: "root" })).id, "root");
    });

    it("says where the walk stops and when a step is ambiguous", async () => {
      assert.match(
        await failure(bench.invoke("getSpaceByPath", { spacePath: "root/platform/staging" })),
        /no space "root\/platform\/staging" \(spacePath\)/,
      );
      assert.match(
        await failure(bench.invoke("getSpaceByPath", { spacePath: "root/platform/twin" })),
        /"root\/platform\/twin" is ambiguous/,
      );
    });

    it("refuses a leading slash, an empty step and a relative path without a run token, before any request", async () => {
      assert.match(
        await failure(bench.invoke("getSpaceByPath", { spacePath: "/team/app" })),
        /must not start with "\/"/,
      );
      assert.match(
        await failure(bench.invoke("getSpaceByPath", { spacePath: "root//platform" })),
        /empty step/,
      );
      assert.match(
        await failure(bench.invoke("getSpaceByPath", { spacePath: "platform" })),
        /relative path "platform" needs the API token of a Spacelift run/,
      );
      assert.equal(requests(), 0);
    });

    it("takes a relative path from the space of the run's stack", async () => {
      const { jwt } = await bench.emulator.mintRunToken("app");
      // The stack "app" lives in "prod", which has no child of that name.
      assert.match(
        await invokeWithToken(jwt, "getSpaceByPath", { spacePath: "production" }),
        /no space "production\/production"/,
      );
      const { jwt: moduleJwt } = await bench.emulator.mintRunToken(moduleId);
      const fromModule = await invokeFunction(
        "getSpaceByPath",
        { spacePath: "production" },
        { get: (key) => (key === "spacelift:apiToken" ? moduleJwt : undefined) },
        {},
      );
      assert.equal(fromModule.id, "prod");
    });
  });

  /** Runs a function with a raw API token; resolves to its error message, or fails. */
  async function invokeWithToken(
    token: string,
    name: string,
    args: Record<string, unknown>,
  ): Promise<string> {
    return failure(
      invokeFunction(name, args, { get: (key) => (key === "spacelift:apiToken" ? token : undefined) }, {}),
    );
  }

  describe("getCurrentSpace", () => {
    const withToken = (token: string) =>
      invokeFunction(
        "getCurrentSpace",
        {},
        { get: (key) => (key === "spacelift:apiToken" ? token : undefined) },
        {},
      );

    it("finds the space of the stack or module whose run token the caller holds", async () => {
      assert.deepEqual(await withToken((await bench.emulator.mintRunToken("app")).jwt), { id: "prod" });
      assert.deepEqual(await withToken((await bench.emulator.mintRunToken(moduleId)).jwt), {
        id: "platform",
      });
    });

    it("fails clearly with an API key, before any request", async () => {
      assert.match(await failure(bench.invoke("getCurrentSpace")), /needs the API token of a Spacelift run/);
      assert.equal(requests(), 0);
    });

    it("fails clearly when the run's stack is gone", async () => {
      const { jwt } = await bench.emulator.mintRunToken("gone");
      assert.match(await failure(withToken(jwt)), /the run's stack or module "gone" does not exist/);
    });
  });

  describe("getContext", () => {
    it("finds a context with its hooks", async () => {
      assert.deepEqual(await bench.invoke("getContext", { contextId: "shared" }), {
        id: "shared",
        contextId: "shared",
        name: "shared",
        description: "Shared settings",
        labels: ["env:prod", "team:core"],
        spaceId: "platform",
        beforeInits: ["echo one", "echo two"],
        afterInits: [],
        beforePlans: [],
        afterPlans: [],
        beforeApplies: [],
        afterApplies: [],
        beforeDestroys: [],
        afterDestroys: [],
        beforePerforms: [],
        afterPerforms: [],
        afterRuns: ["echo done"],
      });
    });

    it("ignores hook arguments, as they only describe the context", async () => {
      const found = await bench.invoke("getContext", { contextId: "staging", beforeInits: ["ignored"] });
      assert.deepEqual(found.beforeInits, []);
      assert.equal(found.description, "");
    });

    it("names the argument when the context does not exist, and checks types first", async () => {
      assert.match(
        await failure(bench.invoke("getContext", { contextId: "nope" })),
        /no context "nope" \(contextId\)/,
      );
      bench.emulator.controls.resetStats();
      assert.match(
        await failure(bench.invoke("getContext", { contextId: "x", afterRuns: "a" })),
        /"afterRuns" must be a list/,
      );
      assert.equal(requests(), 0);
    });
  });

  describe("getContexts", () => {
    it("lists every context without filters", async () => {
      const found = await bench.invoke("getContexts");
      assert.equal(found.id, "spacelift-contexts");
      assert.equal(found.labels, undefined);
      const contexts = found.contexts as Record<string, unknown>[];
      assert.deepEqual(
        contexts.find((c) => c.contextId === "staging"),
        {
          contextId: "staging",
          name: "staging",
          description: "",
          labels: ["env:staging"],
          spaceId: "sandbox",
        },
      );
    });

    it("keeps contexts matching every filter, each on any of its labels", async () => {
      const names = async (labels: { anyOfs: string[] }[]) =>
        ((await bench.invoke("getContexts", { labels })).contexts as { name: string }[]).map((c) => c.name);
      assert.deepEqual(await names([{ anyOfs: ["env:prod", "env:staging"] }]), ["shared", "staging"]);
      assert.deepEqual(await names([{ anyOfs: ["env:prod", "env:staging"] }, { anyOfs: ["team:core"] }]), [
        "shared",
      ]);
      assert.deepEqual(await names([{ anyOfs: ["nothing"] }]), []);
      const echoed = await bench.invoke("getContexts", { labels: [{ anyOfs: ["env:prod"] }] });
      assert.deepEqual(echoed.labels, [{ anyOfs: ["env:prod"] }]);
    });

    it("pages through more contexts than one page holds", async () => {
      await bench.emulator.controls.seed({
        contexts: Array.from({ length: 120 }, (_, i) => ({
          name: `bulk-${String(i).padStart(3, "0")}`,
          labels: ["bulk"],
        })),
      });
      bench.emulator.controls.resetStats();
      const found = await bench.invoke("getContexts", { labels: [{ anyOfs: ["bulk"] }] });
      const names = (found.contexts as { name: string }[]).map((c) => c.name);
      assert.equal(names.length, 120);
      assert.equal(new Set(names).size, 120);
      assert.equal(names[0], "bulk-000");
      assert.equal(names[119], "bulk-119");
      const pages = bench.emulator.controls.stats().recent.filter((r) => r.operation === "GetContexts");
      // 122 contexts: two full pages of 50 and one of 22.
      assert.equal(pages.length, 3);
    });

    it("checks the filters before any request", async () => {
      assert.match(
        await failure(bench.invoke("getContexts", { labels: [{}] })),
        /"labels\[0\].anyOfs" is required/,
      );
      assert.match(
        await failure(bench.invoke("getContexts", { labels: [{ anyOf: ["x"] }] })),
        /unknown argument "labels\[0\].anyOf"/,
      );
      assert.equal(requests(), 0);
    });
  });

  describe("getContextAttachment", () => {
    it("finds the attachment to a stack and to a module", async () => {
      const toStack = await bench.invoke("getContextAttachment", { contextId: "shared", stackId: "app" });
      assert.equal(toStack.contextId, "shared");
      assert.equal(toStack.stackId, "app");
      assert.equal(toStack.moduleId, undefined);
      assert.equal(toStack.priority, 3);
      assert.equal(typeof toStack.id, "string");
      const toModule = await bench.invoke("getContextAttachment", { contextId: "shared", moduleId });
      assert.equal(toModule.moduleId, moduleId);
      assert.equal(toModule.priority, 7);
      assert.notEqual(toModule.id, toStack.id);
    });

    it("names what is missing", async () => {
      assert.match(
        await failure(bench.invoke("getContextAttachment", { contextId: "staging", stackId: "app" })),
        /context "staging" is not attached to stack "app" \(stackId\)/,
      );
      assert.match(
        await failure(bench.invoke("getContextAttachment", { contextId: "nope", stackId: "app" })),
        /no context "nope" \(contextId\)/,
      );
    });

    it("needs exactly one of stackId and moduleId, checked before any request", async () => {
      assert.match(
        await failure(bench.invoke("getContextAttachment", { contextId: "shared" })),
        /exactly one of "stackId" and "moduleId" \(got neither\)/,
      );
      assert.match(
        await failure(
          bench.invoke("getContextAttachment", { contextId: "shared", stackId: "a", moduleId: "b" }),
        ),
        /got both/,
      );
      assert.equal(requests(), 0);
    });
  });

  describe("getEnvironmentVariable", () => {
    it("returns a plain variable's value and a write-only one's checksum only", async () => {
      assert.deepEqual(
        await bench.invoke("getEnvironmentVariable", { contextId: "shared", name: "REGION" }),
        {
          id: "context/shared/REGION",
          name: "REGION",
          contextId: "shared",
          checksum: sha256("eu-west-1"),
          value: "eu-west-1",
          writeOnly: false,
        },
      );
      const secret = await bench.invoke("getEnvironmentVariable", { contextId: "shared", name: "TOKEN" });
      assert.equal(secret.value, "");
      assert.equal(secret.writeOnly, true);
      assert.equal(secret.checksum, sha256("s3cr3t-value"));
      assert.ok(!JSON.stringify(secret).includes("s3cr3t-value"));
    });

    it("reads variables of stacks and modules", async () => {
      const onStack = await bench.invoke("getEnvironmentVariable", { stackId: "app", name: "PLAIN" });
      assert.equal(onStack.id, "stack/app/PLAIN");
      assert.equal(onStack.stackId, "app");
      assert.equal(onStack.value, "visible");
      const onModule = await bench.invoke("getEnvironmentVariable", { moduleId, name: "MODULE_VAR" });
      assert.equal(onModule.id, `module/${moduleId}/MODULE_VAR`);
      assert.equal(onModule.value, "m");
    });

    it("marks the value secret", () => {
      assert.ok(secretPaths("getEnvironmentVariable").includes("value"));
    });

    it("names what is missing, a mounted file of that id included", async () => {
      assert.match(
        await failure(bench.invoke("getEnvironmentVariable", { contextId: "shared", name: "NOPE" })),
        /context "shared" has no environment variable "NOPE" \(name\)/,
      );
      assert.match(
        await failure(bench.invoke("getEnvironmentVariable", { contextId: "shared", name: "conf/app.json" })),
        /has no environment variable/,
      );
      assert.match(
        await failure(bench.invoke("getEnvironmentVariable", { stackId: "nope", name: "X" })),
        /no stack "nope" \(stackId\)/,
      );
      assert.match(
        await failure(bench.invoke("getEnvironmentVariable", { moduleId: "nope", name: "X" })),
        /no module "nope" \(moduleId\)/,
      );
    });

    it("needs exactly one parent, checked before any request", async () => {
      assert.match(await failure(bench.invoke("getEnvironmentVariable", { name: "X" })), /got none/);
      assert.match(
        await failure(bench.invoke("getEnvironmentVariable", { name: "X", stackId: "a", contextId: "b" })),
        /got "contextId" and "stackId"/,
      );
      assert.equal(requests(), 0);
    });
  });

  describe("getMountedfile", () => {
    it("returns a plain file's content, base64, and a write-only one's checksum only", async () => {
      assert.deepEqual(
        await bench.invoke("getMountedfile", { contextId: "shared", relativePath: "conf/app.json" }),
        {
          id: "context/shared/conf/app.json",
          relativePath: "conf/app.json",
          contextId: "shared",
          checksum: sha256("eyJhIjoxfQ=="),
          content: "eyJhIjoxfQ==",
          writeOnly: false,
        },
      );
      const hidden = await bench.invoke("getMountedfile", { stackId: "app", relativePath: "secret.txt" });
      assert.equal(hidden.content, "");
      assert.equal(hidden.writeOnly, true);
      assert.equal(hidden.stackId, "app");
    });

    it("marks the content secret", () => {
      assert.ok(secretPaths("getMountedfile").includes("content"));
    });

    it("names what is missing, a variable of that id included", async () => {
      assert.match(
        await failure(bench.invoke("getMountedfile", { contextId: "shared", relativePath: "REGION" })),
        /context "shared" has no mounted file "REGION" \(relativePath\)/,
      );
      assert.match(
        await failure(bench.invoke("getMountedfile", { contextId: "nope", relativePath: "a" })),
        /no context "nope" \(contextId\)/,
      );
    });

    it("needs exactly one parent, checked before any request", async () => {
      assert.match(await failure(bench.invoke("getMountedfile", { relativePath: "a" })), /got none/);
      assert.match(
        await failure(bench.invoke("getMountedfile", { contextId: "shared" })),
        /"relativePath" is required/,
      );
      assert.equal(requests(), 0);
    });
  });

  describe("getAccount and getIPs", () => {
    it("describe the emulator's account", async () => {
      assert.deepEqual(await bench.invoke("getAccount"), {
        id: "spacelift-account",
        name: "emulator",
        tier: "ENTERPRISE",
        awsAccountId: "000000000000",
      });
    });

    it("list the configured outgoing addresses, sorted", async () => {
      assert.deepEqual(await bench.invoke("getIPs"), {
        id: "spacelift-ips",
        ips: ["192.0.2.1", "198.51.100.7"],
      });
    });

    it("list RFC 5737 documentation addresses by default", async () => {
      const plain = await startFunctionBench();
      try {
        assert.deepEqual((await plain.invoke("getIPs")).ips, [
          "192.0.2.10",
          "192.0.2.11",
          "198.51.100.20",
          "198.51.100.21",
        ]);
      } finally {
        await plain.close();
      }
    });

    it("refuse arguments before any request", async () => {
      assert.match(await failure(bench.invoke("getAccount", { name: "x" })), /takes no arguments/);
      assert.equal(requests(), 0);
    });
  });

  describe("getUser and getIdpGroupMapping", () => {
    let userId: string;
    let groupId: string;

    before(async () => {
      // Users and group mappings cannot be seeded: they are made through the API.
      const token = await exchangeApiKey(bench.emulator);
      const reply = await postGraphQL<{ user: { id: string }; group: { id: string } }>(
        bench.emulator,
        `mutation {
          user: managedUserInvite(input: {
            username: "ada", invitationEmail: "ada@example.com",
            accessRules: [{ space: "sandbox", spaceAccessLevel: WRITE }, { space: "platform", spaceAccessLevel: READ }]
          }) { id }
          group: managedUserGroupCreate(input: {
            groupName: "sre", description: "On call",
            accessRules: [{ space: "prod", spaceAccessLevel: ADMIN }]
          }) { id }
        }`,
        { token },
      );
      assert.deepEqual(reply.errors, undefined);
      userId = reply.data?.user.id as string;
      groupId = reply.data?.group.id as string;
      bench.emulator.controls.resetStats();
    });

    it("finds a user by username, with its access sorted by space", async () => {
      assert.deepEqual(await bench.invoke("getUser", { username: "ada" }), {
        id: userId,
        username: "ada",
        invitationEmail: "ada@example.com",
        policies: [
          { spaceId: "platform", role: "READ" },
          { spaceId: "sandbox", role: "WRITE" },
        ],
      });
    });

    it("finds a group mapping by name", async () => {
      assert.deepEqual(await bench.invoke("getIdpGroupMapping", { name: "sre" }), {
        id: groupId,
        name: "sre",
        description: "On call",
        policies: [{ spaceId: "prod", role: "ADMIN" }],
      });
    });

    it("name the argument when nothing has that name", async () => {
      assert.match(await failure(bench.invoke("getUser", { username: "bob" })), /no user "bob" \(username\)/);
      assert.match(
        await failure(bench.invoke("getIdpGroupMapping", { name: "dev" })),
        /no IdP group mapping "dev" \(name\)/,
      );
    });

    it("refuse bad arguments before any request", async () => {
      assert.match(await failure(bench.invoke("getUser", {})), /"username" is required/);
      assert.match(
        await failure(bench.invoke("getIdpGroupMapping", { name: "" })),
        /"name" must not be empty/,
      );
      assert.equal(requests(), 0);
    });
  });
});

function secretPaths(name: string): string[] {
  return secretResultPaths(name);
}
