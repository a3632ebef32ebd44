import assert from "node:assert/strict";
import { Harness } from "./harness";

const CREATE = `mutation($input: SpaceInput!) { spaceCreate(input: $input) { id name parentSpace inheritEntities labels description } }`;

function spaceInput(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, description: "", inheritEntities: false, parentSpace: "root", ...extra };
}

describe("emulator spaces", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("always has the root space, even in an empty or cleared store", async () => {
    const expected = { spaces: [{ id: "root", parentSpace: null }] };
    assert.deepEqual(await h.ok(`{ spaces { id parentSpace } }`), expected);
    h.seed({ spaces: [{ name: "Temporary" }] });
    h.store.clear();
    assert.deepEqual(await h.ok(`{ spaces { id parentSpace } }`), expected);
  });

  it("gives a new space an id made of the name's slug and a unique suffix", async () => {
    const first = await h.ok<{ spaceCreate: { id: string } }>(CREATE, {
      input: spaceInput("My First Space"),
    });
    const second = await h.ok<{ spaceCreate: { id: string } }>(CREATE, {
      input: spaceInput("My First Space"),
    });
    assert.match(first.spaceCreate.id, /^my-first-space-[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.notEqual(first.spaceCreate.id, second.spaceCreate.id);
  });

  it("builds a hierarchy and refuses an unknown parent", async () => {
    const parent = await h.ok<{ spaceCreate: { id: string } }>(CREATE, { input: spaceInput("Parent") });
    const child = await h.ok<{ spaceCreate: { parentSpace: string } }>(CREATE, {
      input: spaceInput("Child", {
        parentSpace: parent.spaceCreate.id,
        inheritEntities: true,
        labels: ["x"],
      }),
    });
    assert.equal(child.spaceCreate.parentSpace, parent.spaceCreate.id);
    assert.match(
      await h.fails(CREATE, { input: spaceInput("Orphan", { parentSpace: "missing" }) }),
      /parent space missing not found/,
    );
  });

  it("updates a space and refuses to move it under itself or a descendant", async () => {
    h.seed({
      spaces: [
        { id: "a", name: "A" },
        { id: "b", name: "B", parentSpace: "a" },
      ],
    });
    const update = `mutation($space: ID!, $input: SpaceInput!) { spaceUpdate(space: $space, input: $input) { id name parentSpace } }`;
    assert.deepEqual(await h.ok(update, { space: "b", input: spaceInput("B2") }), {
      spaceUpdate: { id: "b", name: "B2", parentSpace: "root" },
    });
    await h.ok(update, { space: "b", input: spaceInput("B2", { parentSpace: "a" }) });
    assert.match(
      await h.fails(update, { space: "a", input: spaceInput("A", { parentSpace: "b" }) }),
      /descendants/,
    );
    assert.match(
      await h.fails(update, { space: "a", input: spaceInput("A", { parentSpace: "a" }) }),
      /itself/,
    );
  });

  it("refuses to modify or delete the root space", async () => {
    const update = `mutation($input: SpaceInput!) { spaceUpdate(space: "root", input: $input) { id } }`;
    assert.match(await h.fails(update, { input: spaceInput("root") }), /root space cannot be modified/);
    assert.match(
      await h.fails(`mutation { spaceDelete(space: "root") { id } }`),
      /root space cannot be deleted/,
    );
  });

  it("refuses to delete a space with child spaces or objects in it, naming what is left", async () => {
    h.seed({
      spaces: [
        { id: "team", name: "Team" },
        { id: "sub", name: "Sub", parentSpace: "team" },
        { id: "full", name: "Full" },
      ],
      stacks: [{ name: "S", space: "full" }],
      modules: [{ repository: "terraform-aws-mod", updateInput: { space: "full" } }],
      contexts: [{ name: "C", space: "full" }],
      policies: [{ name: "P", type: "PLAN", space: "full" }],
    });
    assert.match(await h.fails(`mutation { spaceDelete(space: "team") { id } }`), /child spaces \(sub\)/);
    const message = await h.fails(`mutation { spaceDelete(space: "full") { id } }`);
    for (const part of ["1 stack", "1 module", "1 context", "1 policy"]) {
      assert.ok(message.includes(part), `${JSON.stringify(message)} should mention ${part}`);
    }
    assert.deepEqual(await h.ok(`mutation { spaceDelete(space: "sub") { id } }`), {
      spaceDelete: { id: "sub" },
    });
    assert.deepEqual(await h.ok(`{ space(id: "sub") { id } }`), { space: null });
  });

  it("returns null for a missing space and 'not found' for mutations on one", async () => {
    assert.deepEqual(await h.ok(`{ space(id: "ghost") { id } }`), { space: null });
    assert.match(await h.fails(`mutation { spaceDelete(space: "ghost") { id } }`), /space ghost not found/);
  });
});
