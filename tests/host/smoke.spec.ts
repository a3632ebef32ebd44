import assert from "node:assert/strict";
import type { PropertyMap } from "../helpers/providerHost";
import { assertNoSecrets } from "../helpers/secrets";
import { type HostFixture, startHostFixture } from "./hostFixture";

// One Space through every RPC the engine sends during up, refresh, a second up and destroy, on the
// real dynamic-provider host: the stub is deserialized there and reaches the installed provider by
// module resolution, so this is the shortest end-to-end proof that the pieces fit.
describe("dynamic-provider host smoke test (Space)", function () {
  this.timeout(60_000);

  const kind = "Space";
  const name = "smoke";
  let fixture: HostFixture;
  let inputs: PropertyMap;
  let id: string;
  let outs: PropertyMap;
  const seen: unknown[] = [];

  before(async () => {
    fixture = await startHostFixture();
  });

  after(async () => {
    await fixture?.close();
  });

  it("Configure accepts the stack config", async () => {
    await fixture.host.configure({ "spacelift-test:unrelated": "value" });
  });

  it("Check reports a missing required argument by name", async () => {
    const result = await fixture.host.check(kind, name, {}, { description: "no name" });
    assert.ok(
      result.failures.some((f) => f.property === "name"),
      `expected a failure for name, got ${JSON.stringify(result.failures)}`,
    );
  });

  it("Check fills in defaults", async () => {
    const result = await fixture.host.check(kind, name, {}, { name: "smoke-space", description: "first" });
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs.name, "smoke-space");
    assert.equal(result.inputs.parentSpaceId, "root");
    inputs = result.inputs;
  });

  it("Create returns an ID and outputs that include the inputs", async () => {
    const result = await fixture.host.create(kind, name, inputs);
    seen.push(result);
    assert.ok(result.id, "no ID");
    for (const [key, value] of Object.entries(inputs)) {
      assert.deepEqual(result.outs[key], value, `output ${key}`);
    }
    ({ id, outs } = result);
  });

  it("Read (refresh) returns the same object", async () => {
    const result = await fixture.host.read(kind, name, id, outs, inputs);
    seen.push(result);
    assert.equal(result.id, id);
    assert.deepEqual(result.props, outs);
  });

  it("Read with only an ID and inputs (Space.get) finds the object", async () => {
    const result = await fixture.host.read(kind, "looked-up", id, undefined, {});
    seen.push(result);
    assert.equal(result.id, id);
    assert.equal(result.props.name, "smoke-space");
  });

  it("Diff reports nothing for unchanged inputs and an in-place change for a new description", async () => {
    const same = await fixture.host.diff(kind, name, id, outs, inputs, inputs);
    assert.equal(same.changes, "none");
    const next = (await fixture.host.check(kind, name, inputs, { ...inputs, description: "second" })).inputs;
    const changed = await fixture.host.diff(kind, name, id, outs, next, inputs);
    assert.equal(changed.changes, "some");
    assert.deepEqual(changed.replaces, []);
    inputs = next;
  });

  it("Update changes the object in place", async () => {
    const result = await fixture.host.update(kind, name, id, outs, inputs);
    seen.push(result);
    assert.equal(result.outs.description, "second");
    outs = result.outs;
    const reread = await fixture.host.read(kind, name, id, outs, inputs);
    assert.equal(reread.props.description, "second");
  });

  it("Delete removes it, and a later Read reports it gone", async () => {
    await fixture.host.delete(kind, name, id, outs);
    const gone = await fixture.host.read(kind, name, id, outs, inputs);
    assert.equal(gone.id, "");
  });

  it("leaks no credential or token into results or the host's output", () => {
    assertNoSecrets(
      { results: seen, stderr: fixture.host.stderr, stdout: fixture.host.stdout },
      fixture.credentials,
    );
  });
});
