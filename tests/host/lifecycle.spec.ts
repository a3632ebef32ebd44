import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type PropertyMap, type ProviderHost, unknownValue } from "../helpers/providerHost";
import { assertNoSecrets } from "../helpers/secrets";
import { type HostFixture, startHostFixture } from "./hostFixture";
import type { LifecycleCase } from "./lifecycleCase";
import { type CreatedResource, fillPlaceholders, type PlaceholderScope } from "./placeholders";
import { descriptors } from "../../provider/resources";
import { resourceClassesOf } from "../helpers/sdkClasses";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Every file in lifecycleCases/ contributes one table entry; adding a kind is adding a file. A file
// that fails to load becomes one failing test rather than taking the whole table down with it.
const casesDir = path.join(__dirname, "lifecycleCases");
const cases: LifecycleCase[] = [];
const brokenCaseFiles: { file: string; error: unknown }[] = [];
for (const file of fs
  .readdirSync(casesDir)
  .filter((f) => f.endsWith(".ts"))
  .sort()) {
  try {
    const loaded = (require(path.join(casesDir, file)) as { lifecycleCase?: LifecycleCase }).lifecycleCase;
    if (loaded === undefined) {
      throw new Error("it does not export `lifecycleCase`");
    }
    cases.push(loaded);
  } catch (error) {
    brokenCaseFiles.push({ file, error });
  }
}

const sdk = require("pulumi-spacelift") as Record<string, unknown>;
const exportedKinds = resourceClassesOf(sdk).map(([kind]) => kind);

describe("resource lifecycle through the dynamic-provider host", function () {
  this.timeout(120_000);

  let fixture: HostFixture;
  const run = randomBytes(3).toString("hex");

  before(async () => {
    fixture = await startHostFixture();
    await fixture.host.configure({});
  });

  after(async () => {
    await fixture?.close();
  });

  it("has a case only for kinds the SDK exports", () => {
    const unknownKinds = cases.map((c) => c.kind).filter((kind) => !exportedKinds.includes(kind));
    assert.deepEqual(unknownKinds, []);
  });

  it("has a case for every kind the SDK exports (add tests/host/lifecycleCases/<kind>.ts)", () => {
    const missing = exportedKinds.filter((k) => !cases.some((c) => c.kind === k));
    assert.deepEqual(missing, []);
  });

  // A case leaves a step out only where the descriptor says the step cannot happen, so a case
  // cannot silently skip coverage of something the resource supports.
  it("leaves out the in-place update only for kinds Spacelift cannot update", () => {
    const wrong = cases.filter((c) => !c.update && !descriptors[c.kind]?.immutable).map((c) => c.kind);
    assert.deepEqual(wrong, []);
  });

  it("leaves out the replacing change only for kinds with no argument that forces one", () => {
    const forcing = (kind: string) => {
      const d = descriptors[kind];
      return !!d && (!!d.immutable || Object.values(d.fields).some((f) => f.replaceOnChange));
    };
    const wrong = cases.filter((c) => !c.replace && forcing(c.kind)).map((c) => c.kind);
    assert.deepEqual(wrong, []);
  });

  it("leaves out the out-of-band change only for kinds nothing can change in place", () => {
    // Nothing Spacelift holds can drift for a kind whose arguments are only stored (localUpdate).
    const wrong = cases
      .filter((c) => !c.drift && !descriptors[c.kind]?.immutable && !descriptors[c.kind]?.localUpdate)
      .map((c) => c.kind);
    assert.deepEqual(wrong, []);
  });

  for (const { file, error } of brokenCaseFiles) {
    it(`lifecycleCases/${file} loads`, () => {
      throw error;
    });
  }

  for (const entry of cases) {
    describe(entry.kind, () => describeCase(entry, () => fixture, run));
  }
});

/** Registers the steps of one case; they run in order and share the resource they create. */
function describeCase(entry: LifecycleCase, getFixture: () => HostFixture, run: string): void {
  const kind = entry.kind;
  const name = `lifecycle-${kind}`;
  const parents: Record<string, CreatedResource & { readonly kind: string }> = {};
  /** Program inputs as last declared (before check), and the checked inputs the engine would store. */
  let program: PropertyMap = {};
  let inputs: PropertyMap = {};
  let current: CreatedResource | undefined;
  /** Every output the provider returned, scanned at the end for hidden inputs and credentials. */
  const outputsSeen: PropertyMap[] = [];
  const hiddenValues: string[] = [];
  let host: ProviderHost;

  const scope = (): PlaceholderScope => ({ run, parents, ...(current ? { self: current } : {}) });
  const fill = <T extends PropertyMap>(value: T): T => fillPlaceholders(value, scope());
  const created = (): CreatedResource => {
    assert.ok(current, `${kind} does not exist; an earlier step failed`);
    return current;
  };
  const remember = (outs: PropertyMap): PropertyMap => {
    outputsSeen.push(outs);
    return outs;
  };
  const rememberHidden = (values: PropertyMap): void => {
    for (const key of entry.hiddenInputs ?? []) {
      const value = values[key];
      if (typeof value === "string" && value.length >= 6) {
        hiddenValues.push(value);
      }
    }
  };
  const checked = async (olds: PropertyMap, news: PropertyMap): Promise<PropertyMap> => {
    const result = await host.check(kind, name, olds, news);
    assert.deepEqual(result.failures, [], "check failed");
    return result.inputs;
  };
  // Expected outputs are a subset, in nested blocks too: a block may hold members the server
  // computes (a VCS block's default integration `id` and `isDefault`).
  const expectOutputs = (outs: PropertyMap, expected: PropertyMap, path = ""): void => {
    for (const [key, value] of Object.entries(expected)) {
      const actual = outs[key];
      if (isPlainObject(value) && isPlainObject(actual)) {
        expectOutputs(actual as PropertyMap, value as PropertyMap, `${path}${key}.`);
      } else {
        assert.deepEqual(actual, value, `output ${path}${key}`);
      }
    }
  };
  const withoutHidden = (values: PropertyMap): PropertyMap =>
    Object.fromEntries(Object.entries(values).filter(([key]) => !(entry.hiddenInputs ?? []).includes(key)));

  before(async () => {
    host = getFixture().host;
    for (const parent of entry.parents ?? []) {
      const parentInputs = fillPlaceholders(parent.inputs, scope());
      const result = await host.check(parent.kind, parent.ref, {}, parentInputs);
      assert.deepEqual(result.failures, [], `check of parent ${parent.ref} failed`);
      const made = await host.create(parent.kind, parent.ref, result.inputs);
      parents[parent.ref] = { kind: parent.kind, id: made.id, outs: made.outs };
    }
  });

  after(async () => {
    // Best effort: a failed step may have left objects behind, and the next case shares the emulator.
    if (current) {
      await host.delete(kind, name, current.id, current.outs).catch(() => undefined);
    }
    for (const parent of [...(entry.parents ?? [])].reverse()) {
      const made = parents[parent.ref];
      if (made) {
        await host.delete(made.kind, parent.ref, made.id, made.outs).catch(() => undefined);
      }
    }
  });

  it("check accepts the create inputs, even with values unknown during preview", async () => {
    program = fill(entry.create);
    rememberHidden(program);
    inputs = await checked({}, program);
    for (const { property } of entry.unknown) {
      const preview = await host.check(kind, name, {}, { ...program, [property]: unknownValue });
      assert.deepEqual(preview.failures, [], `preview check with unknown ${property}`);
      assert.equal(preview.inputs[property], unknownValue, `unknown ${property} was not kept`);
    }
  });

  it("create returns an ID and the expected outputs", async () => {
    const result = await host.create(kind, name, inputs);
    assert.ok(result.id, "no ID");
    current = { id: result.id, outs: remember(result.outs) };
    expectOutputs(result.outs, entry.expect ? fill(entry.expect) : withoutHidden(program));
  });

  it("read (refresh) returns the same outputs", async () => {
    const { id, outs } = created();
    const result = await host.read(kind, name, id, outs, inputs);
    assert.equal(result.id, id);
    assert.deepEqual(remember(result.props), outs);
  });

  it("diff reports no change when the program is unchanged", async () => {
    const { id, outs } = created();
    const result = await host.diff(kind, name, id, outs, await checked(inputs, program), inputs);
    assert.equal(result.changes, "none");
  });

  if (entry.update) {
    const update = entry.update;
    it("updates in place", async () => {
      const { id, outs } = created();
      program = { ...program, ...fill(update) };
      rememberHidden(program);
      const news = await checked(inputs, program);
      const diff = await host.diff(kind, name, id, outs, news, inputs);
      assert.equal(diff.changes, "some");
      assert.deepEqual(diff.replaces, []);
      const result = await host.update(kind, name, id, outs, news, inputs);
      inputs = news;
      current = { id, outs: remember(result.outs) };
      expectOutputs(result.outs, withoutHidden(program));
      const reread = await host.read(kind, name, id, result.outs, inputs);
      expectOutputs(remember(reread.props), withoutHidden(program));
    });
  }

  if (entry.replace) {
    const replace = entry.replace;
    it(`replaces on a change of ${replace.replaces.join(", ")}`, async () => {
      const old = created();
      program = { ...program, ...fill(replace.inputs) };
      rememberHidden(program);
      const news = await checked(inputs, program);
      const diff = await host.diff(kind, name, old.id, old.outs, news, inputs);
      assert.equal(diff.changes, "some");
      assert.deepEqual([...diff.replaces].sort(), [...replace.replaces].sort());
      assert.equal(diff.deleteBeforeReplace, replace.deleteBeforeReplace, "deleteBeforeReplace");
      // The engine's order: delete first only when asked to, otherwise create the replacement first.
      if (replace.deleteBeforeReplace) {
        await host.delete(kind, name, old.id, old.outs);
        current = undefined;
      }
      const result = await host.create(kind, name, news);
      const previous = current;
      current = { id: result.id, outs: remember(result.outs) };
      if (previous) {
        await host.delete(kind, name, previous.id, previous.outs);
      }
      inputs = news;
      expectOutputs(result.outs, withoutHidden(program));
      // A kind whose destroy only forgets it (a triggered run, a module version) leaves the old
      // object in Spacelift; one that forgets only in some states is not checked here.
      const forget = descriptors[kind]?.forgetOnDelete;
      if (result.id !== old.id && typeof forget !== "function") {
        const kept = forget === true;
        assert.equal(
          (await host.read(kind, name, old.id, old.outs, {})).id,
          kept ? old.id : "",
          kept
            ? "the old object is gone, though deleting should only forget it"
            : "the old object still exists",
        );
      }
      const reread = await host.read(kind, name, result.id, result.outs, inputs);
      assert.equal(reread.id, result.id);
    });
  }

  it("preview diff with unknown values reports a change, and replacement only where forced", async () => {
    const { id, outs } = created();
    for (const { property, replaces } of entry.unknown) {
      const news = (await host.check(kind, name, inputs, { ...program, [property]: unknownValue })).inputs;
      const diff = await host.diff(kind, name, id, outs, news, inputs);
      assert.equal(diff.changes, "some", `unknown ${property}`);
      assert.equal(diff.replaces.includes(property), replaces === true, `replaces for unknown ${property}`);
    }
  });

  if (entry.drift) {
    const drift = entry.drift;
    it("refresh sees a change made outside Pulumi, and diff wants to revert it", async () => {
      const { id, outs } = created();
      const call = drift.call;
      await getFixture().api(call.query, call.variables ? fill({ ...call.variables }) : undefined);
      const refreshed = await host.read(kind, name, id, outs, inputs);
      assert.equal(refreshed.id, id);
      expectOutputs(remember(refreshed.props), fill(drift.expect));
      current = { id, outs: refreshed.props };
      const diff = await host.diff(kind, name, id, refreshed.props, await checked(inputs, program), inputs);
      assert.equal(diff.changes, "some");
      assert.deepEqual([...diff.replaces].sort(), [...(drift.replaces ?? [])].sort());
    });
  }

  it("refresh sees a deletion made outside Pulumi, and delete still succeeds", async () => {
    const { id, outs } = created();
    await getFixture().api(
      entry.vanish.query,
      entry.vanish.variables ? fill({ ...entry.vanish.variables }) : undefined,
    );
    const refreshed = await host.read(kind, name, id, outs, inputs);
    assert.equal(refreshed.id, "", "read still finds the object");
    await host.delete(kind, name, id, outs);
    current = undefined;
  });

  it("never exposes hidden inputs or credentials in outputs or the host's logs", () => {
    assertNoSecrets({ outputs: outputsSeen, stderr: host.stderr, stdout: host.stdout }, [
      ...getFixture().credentials,
      ...hiddenValues,
    ]);
  });
}
