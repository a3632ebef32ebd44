import assert from "node:assert/strict";
import { seed, seedFromUnknown } from "../../emulator/seed";
import { Store } from "../../emulator/store";
import { Harness } from "./harness";

describe("emulator seeding", () => {
  const now = Date.UTC(2025, 0, 1);

  it("creates every kind of object, later sections referring to earlier ones, and reports the ids", async () => {
    const h = new Harness();
    const result = h.seed({
      spaces: [{ id: "team", name: "Team", inheritEntities: true }],
      stacks: [
        {
          name: "Web App",
          space: "team",
          labels: ["web"],
          config: [{ id: "SECRET", type: "ENVIRONMENT_VARIABLE", value: "s3cr3t", writeOnly: true }],
        },
      ],
      modules: [{ repository: "terraform-aws-vpc", space: "team" }],
      contexts: [
        { name: "Shared", config: [{ id: "A", type: "ENVIRONMENT_VARIABLE", value: "1", writeOnly: false }] },
      ],
      policies: [{ name: "Plan", type: "PLAN" }],
      contextAttachments: [{ context: "shared", stack: "web-app", priority: 2 }],
      policyAttachments: [{ policy: "plan", stack: "terraform-aws-vpc" }],
    });
    assert.deepEqual(
      { ...result, contextAttachments: undefined, policyAttachments: undefined },
      {
        spaces: ["team"],
        stacks: ["web-app"],
        modules: ["terraform-aws-vpc"],
        contexts: ["shared"],
        policies: ["plan"],
        contextAttachments: undefined,
        policyAttachments: undefined,
      },
    );
    const data = await h.ok(`{
      stack(id: "web-app") { space repository branch managesStateFile labels config { id value }
        attachedContexts { id priority } }
      module(id: "terraform-aws-vpc") { space attachedPolicies { id } }
      context(id: "shared") { config { id value } }
    }`);
    assert.deepEqual(data, {
      stack: {
        space: "team",
        repository: "web-app",
        branch: "main",
        managesStateFile: true,
        labels: ["web"],
        config: [{ id: "SECRET", value: null }],
        attachedContexts: [{ id: result.contextAttachments?.[0], priority: 2 }],
      },
      module: { space: "team", attachedPolicies: [{ id: result.policyAttachments?.[0] }] },
      context: { config: [{ id: "A", value: "1" }] },
    });
  });

  it("checks items like API input and names the offending item", () => {
    const store = new Store();
    assert.throws(
      () => seedFromUnknown(store, { stacks: [{ name: "ok" }, { name: "bad", labels: [5] }] }, now),
      (err: Error) => {
        assert.match(err.message, /stacks\[1\]/);
        return true;
      },
    );
    assert.throws(
      () => seedFromUnknown(store, { policies: [{ name: "p", type: "NOPE" }] }, now),
      /policies\[0\].*NOPE/,
    );
    assert.throws(
      () => seedFromUnknown(store, { stacks: [{ name: "x", space: "nowhere" }] }, now),
      /stacks\[0\]: space nowhere not found/,
    );
  });

  it("refuses unknown sections", () => {
    assert.throws(() => seedFromUnknown(new Store(), { stackz: [] }, now), /unknown section\(s\) stackz/);
    assert.throws(() => seedFromUnknown(new Store(), [], now), /must be an object/);
  });

  it("leaves the store as it was when any item fails", () => {
    const store = new Store();
    seed(store, { stacks: [{ name: "Existing" }] }, now);
    const before = JSON.stringify(store.toJSON());
    assert.throws(
      () =>
        seed(
          store,
          { spaces: [{ id: "new-space", name: "New" }], stacks: [{ name: "Fresh" }, { name: "Existing" }] },
          now,
        ),
      /stacks\[1\]: .*already exists/,
    );
    assert.equal(JSON.stringify(store.toJSON()), before);
  });

  it("refuses a chosen space id that exists", () => {
    const store = new Store();
    assert.throws(
      () => seed(store, { spaces: [{ id: "root", name: "Again" }] }, now),
      /space root already exists/,
    );
  });
});
