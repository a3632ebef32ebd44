import { strict as assert } from "node:assert";
import { sha256Hex } from "../../../provider/engine/checksum";
import { checkInputs } from "../../../provider/engine/check";
import {
  arg,
  defineResource,
  DescriptorError,
  mutation,
  query,
  type ResourceDescriptor,
} from "../../../provider/engine/descriptor";
import { t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import {
  contextAttachment,
  environmentVariable,
  module,
  mountedFile,
  policy,
  policyAttachment,
} from "../../../provider/resources";
import { fakeApi, PROVIDER, rejection, type Handler } from "../engine/fakes";

function engine(descriptor: ResourceDescriptor, handlers: Record<string, Handler>) {
  const api = fakeApi(handlers);
  return { api, engine: new ResourceEngine(descriptor, { api: api.port }) };
}

const ATTACHMENT = "01HZX3V6Q4JYB5T2N8M0C7D9EA";
const OTHER_ATTACHMENT = "01HZX3V6Q4JYB5T2N8M0C7D9EB";

describe("ContextAttachment and PolicyAttachment", () => {
  const attached = (id: string, stackId: string, isModule: boolean, priority = 0) => ({
    id,
    stackId,
    isModule,
    priority,
  });

  it("attaches to a module through the `stack` argument and records it as moduleId", async () => {
    const { api, engine: e } = engine(contextAttachment, {
      ModuleContextAttach: () => ({ contextAttach: attached(ATTACHMENT, "terraform-aws-vpc", true, 3) }),
    });
    const { id, outs } = await e.create({
      contextId: "ctx",
      moduleId: "terraform-aws-vpc",
      priority: 3,
      __provider: PROVIDER,
    });
    assert.deepEqual(api.names(), ["ModuleContextAttach"]);
    assert.deepEqual(api.calls("ModuleContextAttach")[0]![1], {
      id: "ctx",
      stack: "terraform-aws-vpc",
      priority: 3,
    });
    assert.equal(id, `ctx/${ATTACHMENT}`);
    assert.deepEqual(outs, {
      contextId: "ctx",
      moduleId: "terraform-aws-vpc",
      priority: 3,
      attachmentId: ATTACHMENT,
    });
  });

  it("attaches to a stack with the stack variant, priority defaulting to 0", async () => {
    const { api, engine: e } = engine(policyAttachment, {
      StackPolicyAttach: () => ({ policyAttach: attached(ATTACHMENT, "infra", false) }),
    });
    const { id } = await e.create({ policyId: "pol", stackId: "infra" });
    assert.equal(id, `pol/${ATTACHMENT}`);
    assert.deepEqual(api.calls("StackPolicyAttach")[0]![1], { id: "pol", stack: "infra" });
    assert.equal(checkInputs(contextAttachment, {}, { contextId: "c", stackId: "s" }).inputs["priority"], 0);
  });

  it("reads by its own id from the parent's list, telling modules from stacks", async () => {
    const list = [
      attached(OTHER_ATTACHMENT, "infra", false),
      attached(ATTACHMENT, "terraform-aws-vpc", true, 1),
    ];
    const { api, engine: e } = engine(contextAttachment, {
      ContextAttachmentRead: () => ({ context: { attachedStacks: list } }),
    });
    // Resource.get: nothing but the id.
    const read = await e.read(`ctx/${ATTACHMENT}`);
    assert.deepEqual(read.props, {
      contextId: "ctx",
      moduleId: "terraform-aws-vpc",
      priority: 1,
      attachmentId: ATTACHMENT,
    });
    assert.deepEqual(api.calls("ContextAttachmentRead")[0]![1], { id: "ctx" });
  });

  it("looks an attachment up by <sourceId>/<stackOrModuleId>", async () => {
    const { engine: e } = engine(policyAttachment, {
      PolicyAttachmentRead: () => ({ policy: { attachedStacks: [attached(ATTACHMENT, "infra", false)] } }),
    });
    const read = await e.read("pol/infra");
    assert.equal(read.id, "pol/infra");
    assert.deepEqual(read.props, { policyId: "pol", stackId: "infra", attachmentId: ATTACHMENT });
  });

  it("reports an attachment re-created outside Pulumi (a new attachment id) as gone", async () => {
    const list = [attached(OTHER_ATTACHMENT, "infra", false, 5)];
    const { engine: e } = engine(contextAttachment, {
      ContextAttachmentRead: () => ({ context: { attachedStacks: list } }),
    });
    const state = { contextId: "ctx", stackId: "infra", priority: 0, attachmentId: ATTACHMENT };
    assert.deepEqual(await e.read(`ctx/${ATTACHMENT}`, state), {});
    list.push(attached(ATTACHMENT, "infra", false, 0));
    assert.equal((await e.read(`ctx/${ATTACHMENT}`, state)).props?.["priority"], 0);
  });

  it("detaches by the attachment id, and treats an attachment already gone as deleted", async () => {
    const { api, engine: e } = engine(policyAttachment, {
      PolicyDetach: () => {
        throw Object.assign(new Error("policy attachment x not found"), { code: "not_found" });
      },
    });
    await e.delete(`pol/${ATTACHMENT}`, { policyId: "pol", stackId: "infra", attachmentId: ATTACHMENT });
    assert.deepEqual(api.calls("PolicyDetach")[0]![1], { id: ATTACHMENT });
  });

  it("replaces on every change and detaches first", async () => {
    const olds = { contextId: "ctx", stackId: "infra", priority: 0, attachmentId: ATTACHMENT };
    const diff = await engine(contextAttachment, {}).engine.diff(`ctx/${ATTACHMENT}`, olds, {
      contextId: "ctx",
      moduleId: "mod",
      priority: 0,
    });
    assert.deepEqual([...diff.replaces].sort(), ["moduleId", "stackId"]);
    assert.equal(diff.deleteBeforeReplace, true);
  });

  it("composes and parses ids symmetrically and rejects malformed ones", () => {
    for (const d of [contextAttachment, policyAttachment]) {
      const id = d.id;
      assert.ok("parse" in id);
      const text = `src/${ATTACHMENT}`;
      assert.equal(id.compose(id.parse(text)!), text);
      for (const bad of ["src", "src/", "/x", "a/b/c"]) assert.equal(id.parse(bad), undefined, bad);
    }
  });
});

describe("MountedFile", () => {
  const content = Buffer.from("bacon is tasty").toString("base64");

  it("sends FILE_MOUNT with the Base64 content and keeps only the checksum of that text", async () => {
    const { api, engine: e } = engine(mountedFile, {
      StackMountedFileRead: () => ({ stack: { configElement: null } }),
      StackMountedFileCreate: () => ({
        stackConfigAdd: { id: "conf/app.json", writeOnly: true, description: null, checksum: "x" },
      }),
    });
    const { id, outs } = await e.create({ stackId: "infra", relativePath: "conf/app.json", content });
    assert.equal(id, "stack/infra/conf/app.json");
    assert.deepEqual(api.calls("StackMountedFileCreate")[0]![1], {
      stack: "infra",
      config: { id: "conf/app.json", value: content, writeOnly: true, description: null, type: "FILE_MOUNT" },
    });
    assert.equal(outs["checksum"], sha256Hex(content));
    assert.ok(!JSON.stringify(outs).includes(content));
    assert.ok("format" in mountedFile.id);
    assert.equal(
      mountedFile.id.format,
      "context/<contextId>/<relativePath>, stack/<stackId>/<relativePath> or module/<moduleId>/<relativePath>",
    );
  });

  it("parses ids whose path contains slashes", () => {
    const id = mountedFile.id;
    assert.ok("parse" in id);
    assert.deepEqual(id.parse("module/terraform-aws-vpc/a/b/c.txt"), {
      moduleId: "terraform-aws-vpc",
      relativePath: "a/b/c.txt",
    });
  });

  it("shares its operations' shape with EnvironmentVariable, differing in type and names", () => {
    const ops = (d: ResourceDescriptor) => JSON.stringify(d.operations);
    assert.ok(ops(environmentVariable).includes("ENVIRONMENT_VARIABLE"));
    assert.ok(ops(mountedFile).includes("FILE_MOUNT"));
    assert.ok(ops(mountedFile).includes("ContextMountedFileRead"));
  });
});

describe("Policy", () => {
  it("stores a deprecated type under its current name, so a read of the current name is no change", async () => {
    const checked = checkInputs(policy, {}, { name: "p", body: "package spacelift", type: "TERRAFORM_PLAN" });
    assert.deepEqual(checked.failures, []);
    assert.equal(checked.inputs["type"], "PLAN");
    const { engine: e } = engine(policy, {});
    const diff = await e.diff(
      "p",
      { name: "p", body: "package spacelift", type: "PLAN", spaceId: "root", engineType: "REGO_V0" },
      checked.inputs,
    );
    assert.equal(diff.changes, false);
  });

  it("sends type on create and leaves it out of the update input, which has no such member", async () => {
    const returned = {
      id: "p",
      name: "p",
      body: "b",
      type: "ACCESS",
      labels: [],
      space: "root",
      description: null,
      engineType: "REGO_V0",
    };
    const { api, engine: e } = engine(policy, {
      PolicyCreate: () => ({ policyCreatev2: returned }),
      PolicyUpdate: () => ({ policyUpdatev2: { ...returned, body: "c" } }),
    });
    const created = await e.create({ name: "p", body: "b", type: "STACK_ACCESS" });
    assert.equal((api.calls("PolicyCreate")[0]![1]["input"] as Record<string, unknown>)["type"], "ACCESS");
    await e.update("p", created.outs, { name: "p", body: "c", type: "ACCESS" });
    const input = api.calls("PolicyUpdate")[0]![1]["input"] as Record<string, unknown>;
    assert.ok(!("type" in input), JSON.stringify(input));
    assert.equal(input["body"], "c");
  });

  it("replaces on a type change", async () => {
    const olds = { name: "p", body: "b", type: "PLAN" };
    const diff = await engine(policy, {}).engine.diff("p", olds, { ...olds, type: "TRIGGER" });
    assert.deepEqual(diff.replaces, ["type"]);
  });
});

describe("Module", () => {
  const returned = {
    id: "terraform-aws-vpc",
    name: "vpc",
    terraformProvider: "aws",
    repository: "terraform-aws-vpc",
    branch: "main",
    space: "root",
    labels: [],
    administrative: false,
    protectFromDeletion: false,
    localPreviewEnabled: false,
    public: false,
    moduleShares: [],
    gitSparseCheckoutPaths: [],
    workflowTool: "TERRAFORM_FOSS",
    integrations: { aws: { assumeRolePolicyStatement: "{}" } },
    provider: "GITLAB",
    namespace: "infra-group",
    repositoryURL: null,
    vcsIntegration: { id: "gitlab-private" },
    workerPool: null,
    description: null,
    projectRoot: null,
    runnerImage: null,
  };

  it("nests settings under updateInput on create and folds the VCS block into provider and namespace", async () => {
    const { api, engine: e } = engine(module, { ModuleCreate: () => ({ moduleCreate: returned }) });
    const { id, outs } = await e.create({
      repository: "terraform-aws-vpc",
      branch: "main",
      labels: ["net"],
      gitlab: { namespace: "infra-group" },
    });
    assert.equal(id, "terraform-aws-vpc");
    const input = api.calls("ModuleCreate")[0]![1]["input"] as Record<string, unknown>;
    assert.deepEqual(input["updateInput"], {
      branch: "main",
      administrative: false,
      description: null,
      labels: ["net"],
      localPreviewEnabled: false,
      projectRoot: null,
      gitSparseCheckoutPaths: [],
      protectFromDeletion: false,
      runnerImage: null,
      sharedAccounts: [],
      workerPool: null,
      space: null,
    });
    assert.equal(input["provider"], "GITLAB");
    assert.equal(input["namespace"], "infra-group");
    assert.equal(input["vcsIntegrationId"], null);
    assert.equal(input["name"], null);
    assert.equal(input["branch"], undefined);
    // Inferred by the API, then kept.
    assert.equal(outs["name"], "vpc");
    assert.equal(outs["terraformProvider"], "aws");
    assert.equal((outs["gitlab"] as Record<string, unknown> | undefined)?.["namespace"], "infra-group");
  });

  it("sends the flat V2 input on update, without name and provider, and GitHub when no block is set", async () => {
    const { api, engine: e } = engine(module, {
      ModuleUpdate: () => ({ moduleUpdateV2: { ...returned, provider: "GITHUB", namespace: "" } }),
    });
    // Old outputs as the engine stores them: without the API's `id`, which Pulumi reserves (an `id`
    // output is what marks state written by the official provider, see provider/engine/takeover.ts).
    const olds: Record<string, unknown> = { ...returned };
    delete olds["id"];
    await e.update("terraform-aws-vpc", olds, {
      name: "vpc",
      terraformProvider: "aws",
      repository: "terraform-aws-vpc",
      branch: "dev",
    });
    const input = api.calls("ModuleUpdate")[0]![1]["input"] as Record<string, unknown>;
    assert.ok(!("name" in input) && !("terraformProvider" in input) && !("updateInput" in input));
    assert.equal(input["branch"], "dev");
    assert.equal(input["provider"], "GITHUB");
  });

  it("reads the block back from provider, namespace and integration, and ignores an unset integration id", async () => {
    const { engine: e } = engine(module, { ModuleRead: () => ({ module: returned }) });
    const read = await e.read("terraform-aws-vpc");
    assert.deepEqual(read.props?.["gitlab"], { namespace: "infra-group", id: "gitlab-private" });
    assert.equal(read.props?.["githubEnterprise"], undefined);
    const diff = await e.diff("terraform-aws-vpc", read.props ?? {}, {
      ...checkInputs(module, {}, { repository: "terraform-aws-vpc", branch: "main" }).inputs,
      gitlab: { namespace: "infra-group" },
    });
    assert.equal(diff.changes, false);
  });

  it("replaces on a name or provider change, updates in place otherwise", async () => {
    const olds = { name: "vpc", terraformProvider: "aws", repository: "r", branch: "main" };
    const e = engine(module, {}).engine;
    assert.deepEqual((await e.diff("x", olds, { ...olds, terraformProvider: "gcp" })).replaces, [
      "terraformProvider",
    ]);
    const inPlace = await e.diff("x", olds, { ...olds, branch: "dev" });
    assert.equal(inPlace.changes, true);
    assert.deepEqual(inPlace.replaces, []);
  });
});

describe("engine: enum aliases and per-operation input shapes", () => {
  const doc = "A field used in a test.";

  it("rejects an alias that maps to an unlisted or aliased value", () => {
    for (const aliases of [{ OLD: "GONE" }, { OLD: "MID", MID: "NEW" }] as Record<string, string>[]) {
      const err = (() => {
        try {
          defineResource({
            kind: "Thing",
            doc: "A thing.",
            fields: { kind: { type: t.enum(["NEW", "MID", "OLD"], aliases as never), doc } },
            operations: {
              create: mutation("ThingCreate", "thingCreate", { input: arg.input("ThingInput!") }),
              read: query("ThingRead", "thing", { id: arg.id() }),
              update: mutation("ThingUpdate", "thingUpdate", {
                id: arg.id(),
                input: arg.input("ThingInput!"),
              }),
              delete: mutation("ThingDelete", "thingDelete", { id: arg.id() }),
            },
          });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(DescriptorError.isInstance(err), JSON.stringify(aliases));
      assert.match(err.message, /enum alias/);
    }
  });

  it("still rejects values that are neither current nor aliases", async () => {
    const checked = checkInputs(policy, {}, { name: "p", body: "b", type: "PLANNING" });
    assert.deepEqual(
      checked.failures.map((f) => f.property),
      ["type"],
    );
    const err = await rejection(() =>
      engine(policy, {}).engine.create({ name: "p", body: "b", type: "nope" }),
    );
    assert.match(String(err), /type must be one of/);
  });
});
