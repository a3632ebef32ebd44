import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { checkInputs } from "../../../provider/engine/check";
import { autoName } from "../../../provider/engine/names";
import { AUTO_NAME_KEY, RESOURCE_KEY, type Values } from "../../../provider/engine/values";
import { environmentVariable, space, stack } from "../../../provider/resources";
import { EmulatedEngines } from "../resources/emulatedEngine";

const KEY = "0123456789abcdef.fedcba9876543210";
const stackArgs = { repository: "infra", branch: "main", [RESOURCE_KEY]: KEY };

/** Checked stack inputs for `news` with the SDK's hint for an unset name, given the old inputs. */
function checkedStack(olds: Values, news: Values): Values {
  const result = checkInputs(stack, olds, news);
  assert.deepEqual(result.failures, []);
  return result.inputs;
}

describe("auto-naming of arguments the official provider auto-names", () => {
  it("names a new resource `<logical name>-<7 hex digits>`, the same on every check (preview and up)", () => {
    const first = checkedStack({}, { ...stackArgs, [AUTO_NAME_KEY]: "app" });
    assert.match(String(first["name"]), /^app-[0-9a-f]{7}$/);
    assert.equal(AUTO_NAME_KEY in first, false, "the hint is consumed, never stored");
    assert.equal(first[RESOURCE_KEY], KEY);
    const again = checkedStack({}, { ...stackArgs, [AUTO_NAME_KEY]: "app" });
    assert.equal(again["name"], first["name"]);
  });

  it("keeps the name of an existing resource across updates, re-checks, aliases and a changed logical name", () => {
    const created = checkedStack({}, { ...stackArgs, [AUTO_NAME_KEY]: "app" });
    const name = created["name"];
    const updated = checkedStack(created, { ...stackArgs, branch: "release", [AUTO_NAME_KEY]: "app" });
    assert.equal(updated["name"], name);
    assert.deepEqual(
      checkedStack(created, { ...stackArgs, branch: "release", [AUTO_NAME_KEY]: "app" }),
      updated,
    );
    // An alias carries the old inputs over to a new logical name (and so a new key).
    const renamed = checkedStack(updated, { ...stackArgs, [RESOURCE_KEY]: "aa.bb", [AUTO_NAME_KEY]: "web" });
    assert.equal(renamed["name"], name);
    // A name the official provider generated stays too.
    assert.equal(
      checkedStack({ name: "app-1a2b3c4" }, { ...stackArgs, [AUTO_NAME_KEY]: "app" })["name"],
      "app-1a2b3c4",
    );
  });

  it("uses the program's name when it gives one, and a name given earlier when it stops giving one", () => {
    const named = checkedStack({}, { ...stackArgs, name: "Production app" });
    assert.equal(named["name"], "Production app");
    assert.equal(checkedStack(named, { ...stackArgs, [AUTO_NAME_KEY]: "app" })["name"], "Production app");
    assert.equal(checkedStack(named, { ...stackArgs, name: "Renamed" })["name"], "Renamed");
  });

  it("differs between Pulumi stacks and resources, whose keys differ", () => {
    const a = checkedStack({}, { ...stackArgs, [AUTO_NAME_KEY]: "app" });
    const b = checkedStack({}, { ...stackArgs, [RESOURCE_KEY]: "1111.2222", [AUTO_NAME_KEY]: "app" });
    assert.notEqual(a["name"], b["name"]);
  });

  it("still requires the name without the SDK's hint", () => {
    const { failures } = checkInputs(stack, {}, stackArgs);
    assert.deepEqual(failures, [{ property: "name", reason: "is required" }]);
  });

  it("builds names every constraint of the argument accepts", () => {
    const env = checkInputs(
      environmentVariable,
      {},
      { stackId: "s", [RESOURCE_KEY]: KEY, [AUTO_NAME_KEY]: "db-url" },
    );
    assert.deepEqual(env.failures, []);
    assert.match(String(env.inputs["name"]), /^db_url_[0-9a-f]{7}$/);
    assert.match(autoName("identifier", "1st", KEY), /^_1st_[0-9a-f]{7}$/);
    // Control characters and surrounding whitespace are refused in names; overlong names are cut.
    assert.match(autoName("dash", " my\tapp ", KEY), /^my-app-[0-9a-f]{7}$/);
    const long = autoName("dash", "x".repeat(400), KEY);
    assert.equal(long.length, 255);
    assert.deepEqual(checkInputs(stack, {}, { ...stackArgs, [AUTO_NAME_KEY]: "x".repeat(400) }).failures, []);
  });

  describe("against the emulator", () => {
    let env: EmulatedEngines;
    before(async () => {
      env = await EmulatedEngines.start();
    });
    after(() => env.close());

    it("creates an auto-named stack whose id is a valid slug of the generated name", async () => {
      const inputs = checkedStack({}, { ...stackArgs, [AUTO_NAME_KEY]: "My App" });
      const { id, outs } = await env.engine(stack).create(inputs);
      assert.match(String(outs["name"]), /^My App-[0-9a-f]{7}$/);
      assert.match(id, /^my-app-[0-9a-f]{7}$/);
      assert.equal(outs["slug"], id);
    });

    it("creates an auto-named space and shows no change on the next check and diff", async () => {
      const engine = env.engine(space);
      const news = { parentSpaceId: "root", [RESOURCE_KEY]: KEY, [AUTO_NAME_KEY]: "team" };
      const first = checkInputs(space, {}, news);
      assert.deepEqual(first.failures, []);
      const { id, outs } = await engine.create(first.inputs);
      const next = checkInputs(space, first.inputs, news).inputs;
      assert.equal(next["name"], outs["name"]);
      assert.equal((await engine.diff(id, outs, next)).changes, false);
    });
  });

  it("is asked for by the SDK only when the program leaves the name unset", function () {
    this.timeout(60_000);
    const repoRoot = path.resolve(__dirname, "..", "..", "..");
    // Pulumi's mocks are process-wide, so the SDK runs in a child process of its own.
    const program = `
      const pulumi = require("@pulumi/pulumi");
      const inputs = {};
      pulumi.runtime.setMocks({
        newResource(args) { inputs[args.name] = args.inputs; return { id: args.name, state: args.inputs }; },
        call(args) { return args.inputs; },
      }, "project", "stack", false);
      const sdk = require("./sdk/index.ts");
      const made = [
        new sdk.Stack("auto", { repository: "r", branch: "main" }),
        new sdk.Stack("named", { name: "Named", repository: "r", branch: "main" }),
        new sdk.Mountedfile("file", { relativePath: "a", content: "YQ==" }),
      ];
      Promise.all(made.map((r) => new Promise((resolve) => r.urn.apply(resolve))))
        .then(() => process.stdout.write(JSON.stringify(inputs)));
    `;
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", program], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    const inputs = JSON.parse(out) as Record<string, Record<string, unknown>>;
    assert.equal(inputs["auto"]?.[AUTO_NAME_KEY], "auto");
    assert.equal(AUTO_NAME_KEY in (inputs["named"] ?? {}), false);
    assert.equal(AUTO_NAME_KEY in (inputs["file"] ?? {}), false, "kinds without auto-naming get no hint");
  });
});
