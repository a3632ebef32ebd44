import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import type { EmulatorHandle } from "../../emulator/assemble";
import type * as Spacelift from "../../sdk";
import {
  CLI_BUILD_TIMEOUT_MS,
  REPO_ROOT,
  inlineStack,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import {
  TYPE_PREFIX,
  countKinds,
  exportDeployment,
  stateInventory,
  type Deployment,
} from "./helpers/stateVsEmulator";
import { everyKindProgram, everyKindResourceCount, type EveryKindOptions } from "./programs/everyKind";

const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/** Every pulumi-spacelift resource of a deployment, of any kind, with its URN and id. */
function managed(deployment: Deployment): { kind: string; urn: string; id: string }[] {
  return (deployment.resources ?? [])
    .filter((r) => r.type.startsWith(TYPE_PREFIX) && !r.external)
    .map((r) => ({ kind: r.type.slice(TYPE_PREFIX.length), urn: r.urn, id: String(r.id) }));
}

/** How many records the emulator holds, of every collection. */
function recordCount(emulator: EmulatorHandle): number {
  return Object.values(emulator.store.toJSON()).reduce((n, records) => n + Object.keys(records).length, 0);
}

/** Mutations that make an object: none may be sent while importing. */
const isCreate = (operation: string): boolean =>
  /Create$|Attach$|^stackDependency(Reference)?Create/i.test(operation);

/**
 * The `import` resource option: objects that exist in Spacelift (made by another stack here, then
 * forgotten by it) are taken over by a new stack's resources without creating anything.
 */
describe("the import resource option takes existing objects over (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;

  before(async () => {
    fixture = await startEmulatorSandbox({ emulator: { stackDeletionDelayMs: 100 } });
    ({ emulator, sandbox } = fixture);
  });

  after(() => fixture?.close());

  it("imports one object of each of the original kinds; nothing is created and a second up changes nothing", async () => {
    const options: EveryKindOptions = { run: randomBytes(3).toString("hex") };
    // The objects are made through the API by one stack, which then forgets them.
    const maker = await inlineStack(sandbox, {
      projectName: "import-maker",
      program: everyKindProgram(options),
    });
    assert.equal((await maker.up()).summary.result, "succeeded");
    const made = stateInventory(await exportDeployment(maker));
    assert.equal(made.length, everyKindResourceCount(options));
    const ids = new Map(made.map((item) => [item.urn.split("::").slice(-1)[0] + "|" + item.kind, item.id]));
    await maker.workspace.removeStack("test", { force: true });
    const stored = recordCount(emulator);

    // The same declarations, each given its object's id as the import option would give it.
    const importer = await inlineStack(sandbox, {
      projectName: "import-taker",
      program: async () => {
        pulumi.runtime.registerResourceTransform((args) => {
          const id = ids.get(`${args.name}|${args.type.split(":").slice(-1)[0]}`);
          return id === undefined
            ? undefined
            : { props: { ...args.props, __spaceliftImport: id }, opts: args.opts };
        });
        return everyKindProgram(options)();
      },
    });
    emulator.controls.resetStats();
    const up = await importer.up();
    assert.equal(up.summary.result, "succeeded");
    const creates = emulator.controls
      .stats()
      .recent.filter((r) => r.kind === "mutation" && isCreate(r.operation))
      .map((r) => r.operation);
    assert.deepEqual(creates, [], "nothing was created");
    assert.equal(recordCount(emulator), stored, "the account holds the same objects");
    const taken = stateInventory(await exportDeployment(importer));
    assert.deepEqual(countKinds(taken), countKinds(made));
    assert.deepEqual(taken.map((t) => t.id).sort(), made.map((m) => m.id).sort());

    await importer.up({ expectNoChanges: true });
    await importer.refresh({ expectNoChanges: true });
    assert.equal((await importer.destroy()).summary.result, "succeeded");
    await importer.workspace.removeStack("test");
  });

  it("imports one object of each of the 37 kinds of examples/everything; a second up changes nothing", async () => {
    const example = path.join(REPO_ROOT, "examples/everything/index.ts");
    // The example as an inline program: loaded afresh each time, so that it declares its resources.
    const everything = (transform?: pulumi.ResourceTransform) => async () => {
      if (transform) pulumi.runtime.registerResourceTransform(transform);
      delete require.cache[require.resolve(example)];
      require(example);
    };
    const prefix = `im${randomBytes(3).toString("hex")}`;
    const maker = await inlineStack(sandbox, {
      projectName: "spacelift-everything",
      stackName: "maker",
      program: everything(),
    });
    await maker.setConfig("prefix", { value: prefix });
    assert.equal((await maker.up()).summary.result, "succeeded");
    const made = managed(await exportDeployment(maker));
    const ids = new Map(made.map((item) => [item.urn, item.id]));
    await maker.workspace.removeStack("maker", { force: true });
    const stored = recordCount(emulator);

    const taker = await inlineStack(sandbox, {
      projectName: "spacelift-everything",
      stackName: "taker",
      program: everything((args) => {
        const id = [...ids].find(([urn]) => urn.endsWith(`${args.type}::${args.name}`))?.[1];
        return id === undefined
          ? undefined
          : { props: { ...args.props, __spaceliftImport: id }, opts: args.opts };
      }),
    });
    await taker.setConfig("prefix", { value: prefix });
    emulator.controls.resetStats();
    assert.equal((await taker.up()).summary.result, "succeeded");
    const creates = emulator.controls
      .stats()
      .recent.filter((r) => r.kind === "mutation" && isCreate(r.operation))
      .map((r) => r.operation);
    assert.deepEqual(creates, [], "nothing was created");
    assert.equal(recordCount(emulator), stored);
    const taken = managed(await exportDeployment(taker));
    assert.equal(new Set(taken.map((t) => t.kind)).size, 37);
    assert.deepEqual(taken.map((t) => t.id).sort(), made.map((m) => m.id).sort());
    await taker.up({ expectNoChanges: true });
    assert.equal((await taker.destroy()).summary.result, "succeeded");
  });

  it("the SDK turns the import option into a take-over, and a wrong id fails the preview", async () => {
    const run = randomBytes(3).toString("hex");
    const maker = await inlineStack(sandbox, {
      projectName: "import-sdk-maker",
      program: async () => {
        const space = new spacelift.Space("team", {
          name: `imp-${run}`,
          parentSpaceId: "root",
          description: "old",
        });
        const context = new spacelift.Context("shared", { name: `imp-ctx-${run}`, spaceId: "root" });
        return { spaceId: space.id, contextId: context.id };
      },
    });
    const made = await maker.up();
    const spaceId = String(made.outputs["spaceId"]?.value);
    const contextId = String(made.outputs["contextId"]?.value);
    await maker.workspace.removeStack("test", { force: true });

    const program = (id: string) => async () => {
      new spacelift.Space(
        "team",
        { name: `imp-${run}`, parentSpaceId: "root", description: "new" },
        { import: id },
      );
      // Left unnamed: an imported object keeps its name rather than taking a generated one.
      new spacelift.Context("shared", { spaceId: "root" }, { import: contextId });
    };
    const wrong = await inlineStack(sandbox, {
      projectName: "import-sdk-wrong",
      program: program("no-such-space"),
    });
    await assert.rejects(wrong.preview(), /there is no Space with id "no-such-space" in Spacelift to import/);
    await wrong.workspace.removeStack("test");

    const taker = await inlineStack(sandbox, { projectName: "import-sdk-taker", program: program(spaceId) });
    const preview = await taker.preview();
    assert.ok(
      preview.stdout.includes(
        `Space "${spaceId}" will be imported, not created; the update will set description`,
      ),
      preview.stdout,
    );
    emulator.controls.resetStats();
    const up = await taker.up();
    assert.equal(up.summary.result, "succeeded");
    assert.equal(emulator.controls.requestCount("SpaceCreate"), 0);
    assert.equal(emulator.controls.requestCount("ContextCreate"), 0);
    const state = stateInventory(await exportDeployment(taker));
    assert.deepEqual(state.map((s) => s.id).sort(), [contextId, spaceId].sort());
    const contexts = emulator.store.toJSON()["contexts"] ?? {};
    assert.equal((contexts[contextId] as { name?: string } | undefined)?.name, `imp-ctx-${run}`);
    await taker.up({ expectNoChanges: true });
    // The Pulumi stack itself is the third deletion.
    assert.equal((await taker.destroy()).summary.resourceChanges?.delete, 3);
    assert.equal(spaceId in (emulator.store.toJSON()["spaces"] ?? {}), false);
  });
});
