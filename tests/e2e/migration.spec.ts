import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";

import {
  CLI_BUILD_TIMEOUT_MS,
  REPO_ROOT,
  directoryStack,
  readBackendFiles,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { TYPE_PREFIX } from "./helpers/stateVsEmulator";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");
/** What the official provider left: see tests/fixtures/official-state/README.md. */
const OFFICIAL_STATE = path.join(FIXTURES, "official-state");
/** The config secret the official deployment was made with (a made-up value). */
const WEBHOOK_SECRET = "recorded-webhook-secret";
const OFFICIAL_IMPORT = 'import * as spacelift from "@spacelift-io/pulumi-spacelift";';

interface ExportedResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly provider?: string;
  readonly outputs?: Record<string, unknown>;
}

function resourcesOf(deployment: unknown): ExportedResource[] {
  return ((deployment as { resources?: ExportedResource[] }).resources ?? []).slice();
}

/** `name` of a URN: its last `::` part. */
const logicalName = (urn: string): string => urn.split("::").slice(-1)[0]!;

/** A Pulumi stack as the official provider left it, over an emulator holding its objects. */
interface OfficialStack {
  readonly fixture: EmulatorSandbox;
  readonly stack: Stack;
  /** The official provider's resources in the imported state. */
  readonly officialResources: readonly ExportedResource[];
  close(): Promise<void>;
}

/**
 * Starts an emulator on the recorded Spacelift objects (`emulator.json` of `stateDir`), stages
 * `program` with its import changed and nothing else, and imports the recorded state
 * (`deployment.json`) into its stack `dev` of `project`, configured by `config`. Without
 * `stateDir`, the emulator and the stack start empty.
 */
async function officialStack(options: {
  /** The recorded state to start from; none starts from an empty account and stack. */
  readonly stateDir?: string;
  readonly program: string;
  readonly project: string;
  readonly config: (fixture: EmulatorSandbox) => ConfigMap;
}): Promise<OfficialStack> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-spacelift-migration-"));
  const removeWorkDir = () => fs.rmSync(workDir, { recursive: true, force: true });
  let fixture: EmulatorSandbox;
  try {
    const stateFile = path.join(workDir, "emulator.json");
    if (options.stateDir !== undefined)
      fs.copyFileSync(path.join(options.stateDir, "emulator.json"), stateFile);
    // The credentials come from the stack's config, where the official provider's users keep them.
    fixture = await startEmulatorSandbox({
      emulator: { stateFile, stackDeletionDelayMs: 100 },
      keyInSandbox: false,
    });
  } catch (err) {
    removeWorkDir();
    throw err;
  }
  const close = async () => {
    await fixture.close();
    removeWorkDir();
  };
  try {
    const source = fs.readFileSync(options.program, "utf8");
    assert.equal(source.split(OFFICIAL_IMPORT).length, 2, "the program imports the official SDK once");
    const programDir = path.join(workDir, "program");
    fs.mkdirSync(programDir);
    fs.writeFileSync(
      path.join(programDir, "index.ts"),
      source.replace(OFFICIAL_IMPORT, 'import * as spacelift from "pulumi-spacelift";'),
    );
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${options.project}\nruntime: nodejs\n`);
    // The program's dependencies, as `npm install pulumi-spacelift` would give it.
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(programDir, "node_modules"), "dir");

    const stack = await directoryStack(fixture.sandbox, programDir, "dev");
    await stack.setAllConfig(options.config(fixture));
    if (options.stateDir === undefined) return { fixture, stack, officialResources: [], close };
    const official = JSON.parse(fs.readFileSync(path.join(options.stateDir, "deployment.json"), "utf8")) as {
      deployment: { resources: ExportedResource[] };
    };
    await stack.importStack({ version: 3, deployment: official.deployment });
    const officialResources = official.deployment.resources.filter((r) =>
      r.type.startsWith("spacelift:index/"),
    );
    return { fixture, stack, officialResources, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Every record the emulator holds, as `collection/key`: its whole store but its settings. */
function storedRecords(fixture: EmulatorSandbox): string[] {
  return Object.entries(fixture.emulator.store.toJSON())
    .filter(([collection]) => collection !== "settings")
    .flatMap(([collection, records]) => Object.keys(records).map((key) => `${collection}/${key}`))
    .sort();
}

/** The mutations the emulator answered since its stats were last reset, by operation name. */
function mutationsOf(fixture: EmulatorSandbox): string[] {
  return fixture.emulator.controls
    .stats()
    .recent.filter((entry) => entry.kind === "mutation" && entry.operation !== "ApiKeyUser")
    .map((entry) => entry.operation);
}

/**
 * A stack the official provider manages, as its export and the Spacelift objects behind it,
 * moves to pulumi-spacelift with only the program's import changed and one `pulumi up`: the
 * state is converted in place, nothing is created or deleted in Spacelift, no plugin of the
 * official provider is needed, and refresh and destroy work afterwards.
 */
describe("migration from the official provider's state in place (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let migrating: OfficialStack | undefined;
  let fixture: EmulatorSandbox;
  let stack: Stack;
  let officialResources: readonly ExportedResource[];

  before(async () => {
    migrating = await officialStack({
      stateDir: OFFICIAL_STATE,
      program: path.join(FIXTURES, "official-program", "index.ts"),
      project: "official-migration",
      config: ({ emulator }) => ({
        "spacelift:apiKeyEndpoint": { value: emulator.url },
        "spacelift:apiKeyId": { value: emulator.apiKey.id },
        "spacelift:apiKeySecret": { value: emulator.apiKey.secret, secret: true },
        webhookSecret: { value: WEBHOOK_SECRET, secret: true },
      }),
    });
    ({ fixture, stack, officialResources } = migrating);
  });

  after(() => migrating?.close());

  it("holds every official kind, under the official provider, before the migration", () => {
    assert.equal(new Set(officialResources.map((r) => r.type)).size, 37);
    for (const resource of officialResources) {
      assert.match(resource.provider ?? "", /::pulumi:providers:spacelift::default_/, resource.urn);
      assert.ok(!("__provider" in (resource.outputs ?? {})), resource.urn);
    }
  });

  it("previews only updates, each saying it takes the object over", async () => {
    const preview = await stack.preview();
    assert.deepEqual(preview.changeSummary, { update: officialResources.length, same: 1 });
    const notices = preview.stdout.matchAll(
      /pulumi-spacelift: (\w+) "([^"]+)" was managed by the official Spacelift provider/g,
    );
    const taken = new Set([...notices].map((match) => `${match[1]} ${match[2]}`));
    assert.equal(taken.size, officialResources.length);
  });

  it("one up converts the state in place: nothing created or deleted in Spacelift, no plugin needed", async () => {
    const before = storedRecords(fixture);
    fixture.emulator.controls.resetStats();

    const up = await stack.up();
    assert.equal(up.summary.result, "succeeded");
    assert.deepEqual(up.summary.resourceChanges, { update: officialResources.length, same: 1 });
    assert.deepEqual(storedRecords(fixture), before, "no record was added or removed");
    // Only updates, and only where the program differs from Spacelift: the stacks take the
    // default of `enableSensitiveOutputsUpload`, which Terraform provider v1.9.3 never sent, and
    // the webhook secrets that the official state holds as empty strings are sent again.
    assert.deepEqual(mutationsOf(fixture).sort(), [
      "AuditTrailWebhookUpdate",
      "NamedWebhookUpdate",
      "StackUpdate",
      "StackUpdate",
    ]);

    const exported = await stack.exportStack();
    const resources = resourcesOf(exported.deployment);
    assert.deepEqual(
      resources.filter((r) => !r.type.startsWith(TYPE_PREFIX)).map((r) => r.type),
      ["pulumi:pulumi:Stack", "pulumi:providers:pulumi-nodejs"],
      "neither an official resource nor the official default provider is left in state",
    );
    const migrated = resources.filter((r) => r.type.startsWith(TYPE_PREFIX));
    assert.equal(migrated.length, officialResources.length);
    const officialIds = new Map(officialResources.map((r) => [logicalName(r.urn), r.id]));
    for (const item of migrated) {
      assert.equal(item.id, officialIds.get(logicalName(item.urn)), `${item.urn} keeps its id`);
    }
    for (const resource of resources.filter((r) => r.type.startsWith(TYPE_PREFIX))) {
      assert.ok("__provider" in (resource.outputs ?? {}), `${resource.urn} has the serialized provider`);
      assert.ok(!("__meta" in (resource.outputs ?? {})), `${resource.urn} keeps no bridge bookkeeping`);
    }
    const variable = resources.find((r) => r.urn.endsWith("EnvironmentVariable::token"));
    assert.ok(variable?.outputs, "the secret variable is in state");
    assert.ok(!("value" in variable.outputs), "a write-only value is not kept");
    assert.match(String(variable.outputs["checksum"]), /^[0-9a-f]{64}$/);

    const plugins = path.join(fixture.sandbox.env.PULUMI_HOME!, "plugins");
    const installed = fs.existsSync(plugins) ? fs.readdirSync(plugins) : [];
    assert.ok(
      !installed.some((name) => name.includes("spacelift")),
      `no official plugin: ${installed.join(", ")}`,
    );

    const backend = Object.values(readBackendFiles(fixture.sandbox)).join("\n");
    for (const secret of [WEBHOOK_SECRET, fixture.emulator.apiKey.secret]) {
      assert.ok(!backend.includes(secret), "no secret in plaintext in the state files");
      assert.ok(!up.stdout.includes(secret) && !up.stderr.includes(secret), "no secret in the output");
    }
  });

  it("then a preview and a refresh change nothing", async () => {
    fixture.emulator.controls.resetStats();
    const preview = await stack.preview();
    assert.deepEqual(preview.changeSummary, { same: officialResources.length + 1 });
    const refresh = await stack.refresh();
    assert.deepEqual(refresh.summary.resourceChanges, { same: officialResources.length + 1 });
    assert.deepEqual(mutationsOf(fixture), []);
  });

  it("and destroy removes every object Spacelift can delete", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.summary.result, "succeeded");
    assert.equal(resourcesOf((await stack.exportStack()).deployment).length, 0);
    // Spacelift cannot delete the account's security e-mail; the official provider only forgot it too.
    assert.deepEqual(storedRecords(fixture), ["securityEmail/account", "spaces/root"]);
  });
});

/**
 * A program that gives its resources an explicit official `spacelift.Provider` moves over the same
 * way: the provider becomes a pulumi-spacelift `Provider` with the same arguments (a new provider
 * resource in state; the official one is dropped without its plugin), and the resources are taken
 * over in place.
 */
describe("migration of a program with an explicit official provider (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let migrating: OfficialStack | undefined;

  before(async () => {
    migrating = await officialStack({
      stateDir: path.join(OFFICIAL_STATE, "explicit-provider"),
      program: path.join(OFFICIAL_STATE, "explicit-provider", "index.ts"),
      project: "explicit-provider",
      config: ({ emulator }) => ({
        endpoint: { value: emulator.url },
        keyId: { value: emulator.apiKey.id },
        keySecret: { value: emulator.apiKey.secret, secret: true },
      }),
    });
  });

  after(() => migrating?.close());

  it("takes the resources over with one up, then refreshes without change and destroys", async () => {
    const { fixture, stack, officialResources } = migrating!;
    assert.equal(officialResources.length, 2);
    const before = storedRecords(fixture);
    fixture.emulator.controls.resetStats();

    const up = await stack.up();
    assert.deepEqual(up.summary.resourceChanges, { create: 1, update: 2, delete: 1, same: 1 });
    assert.deepEqual(storedRecords(fixture), before, "no record was added or removed");
    assert.deepEqual(mutationsOf(fixture), []);
    const types = resourcesOf((await stack.exportStack()).deployment).map((r) => r.type);
    assert.deepEqual(types.filter((type) => !type.startsWith(TYPE_PREFIX)).sort(), [
      "pulumi:providers:pulumi-nodejs",
      "pulumi:pulumi:Stack",
    ]);

    const refresh = await stack.refresh();
    assert.deepEqual(refresh.summary.resourceChanges, { same: 4 });
    assert.equal((await stack.destroy()).summary.result, "succeeded");
    assert.deepEqual(storedRecords(fixture), ["spaces/root"]);
  });
});

/**
 * A resource the official program only reads (`Context.get`) stays in state as the official
 * provider's external resource, which the engine cannot drop without that provider's plugin. The
 * migration guide has the user remove such entries from the state first (they hold nothing; the
 * program reads them again), after which the migration goes as for any other program.
 */
describe("migration of a program that reads an object with get (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let migrating: OfficialStack | undefined;

  before(async () => {
    migrating = await officialStack({
      stateDir: path.join(OFFICIAL_STATE, "read-resource"),
      program: path.join(OFFICIAL_STATE, "read-resource", "index.ts"),
      project: "get-migration",
      config: ({ emulator }) => ({
        "spacelift:apiKeyEndpoint": { value: emulator.url },
        "spacelift:apiKeyId": { value: emulator.apiKey.id },
        "spacelift:apiKeySecret": { value: emulator.apiKey.secret, secret: true },
      }),
    });
  });

  after(() => migrating?.close());

  it("migrates once the read resources are removed from the state, as the guide says", async () => {
    const { fixture, stack } = migrating!;
    const external = resourcesOf((await stack.exportStack()).deployment).filter(
      (r) => r.type.startsWith("spacelift:index/") && (r as { external?: boolean }).external === true,
    );
    assert.equal(external.length, 1);
    for (const resource of external) {
      execFileSync("pulumi", ["state", "delete", "--yes", "--stack", "dev", resource.urn], {
        cwd: stack.workspace.workDir,
        env: { ...process.env, ...fixture.sandbox.env },
        stdio: "pipe",
      });
    }
    const before = storedRecords(fixture);
    const up = await stack.up();
    assert.deepEqual(up.summary.resourceChanges, { update: 1, same: 1 });
    assert.deepEqual(storedRecords(fixture), before);
    assert.equal(up.outputs["lookedName"]?.value, "shared-1b7fae2");
    const refresh = await stack.refresh();
    assert.deepEqual(refresh.summary.resourceChanges, { same: 3 });
    assert.equal((await stack.destroy()).summary.result, "succeeded");
    assert.deepEqual(storedRecords(fixture), ["spaces/root"]);
  });
});

/**
 * The same program, with its import changed, deploys from scratch as well: every argument a
 * program of the official SDK typically gives is accepted, and the result is stable.
 */
describe("a program of the official SDK deploys from scratch with only its import changed (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fresh: OfficialStack | undefined;

  before(async () => {
    fresh = await officialStack({
      program: path.join(FIXTURES, "official-program", "index.ts"),
      project: "official-program",
      config: ({ emulator }) => ({
        "spacelift:apiKeyEndpoint": { value: emulator.url },
        "spacelift:apiKeyId": { value: emulator.apiKey.id },
        "spacelift:apiKeySecret": { value: emulator.apiKey.secret, secret: true },
        webhookSecret: { value: WEBHOOK_SECRET, secret: true },
      }),
    });
  });

  after(() => fresh?.close());

  it("creates every resource, then previews no change, then destroys everything", async () => {
    const { fixture, stack } = fresh!;
    const up = await stack.up();
    assert.equal(up.summary.result, "succeeded");
    const created = resourcesOf((await stack.exportStack()).deployment).filter((r) =>
      r.type.startsWith(TYPE_PREFIX),
    );
    assert.equal(created.length, 39);
    assert.equal(new Set(created.map((r) => r.type)).size, 37);
    const preview = await stack.preview();
    assert.deepEqual(preview.changeSummary, { same: 40 });
    assert.equal((await stack.destroy()).summary.result, "succeeded");
    assert.deepEqual(storedRecords(fixture), ["securityEmail/account", "spaces/root"]);
  });
});
