import assert from "node:assert/strict";
import { Harness } from "./harness";

const BLUEPRINT =
  "id ulid name description state labels space { id } rawTemplate createdAt updatedAt publishedAt deleted";
const CREATE = `mutation($input: BlueprintCreateInput!) { blueprintCreate(input: $input) { ${BLUEPRINT} } }`;
const UPDATE = `mutation($id: ID!, $input: BlueprintCreateInput!) { blueprintUpdate(id: $id, input: $input) { ${BLUEPRINT} } }`;
const TEMPLATE = "inputs:\n  - id: stack_name\n    name: Stack Name\n    type: SHORT_STRING\n";

interface Blueprint {
  id: string;
  ulid: string;
  name: string;
  description: string | null;
  state: string;
  labels: string[];
  space: { id: string };
  rawTemplate: string | null;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  deleted: boolean;
}

const input = (extra: Record<string, unknown> = {}) => ({
  name: "my-blueprint",
  space: "root",
  state: "DRAFT",
  labels: [],
  ...extra,
});

describe("emulator blueprints", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function create(extra: Record<string, unknown> = {}): Promise<Blueprint> {
    return (await h.ok<{ blueprintCreate: Blueprint }>(CREATE, { input: input(extra) })).blueprintCreate;
  }

  it("creates a draft with a ULID id and keeps the template text verbatim", async () => {
    const b = await create({ description: "d", labels: ["a"], template: TEMPLATE });
    assert.match(b.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(b.ulid, b.id);
    assert.equal(b.rawTemplate, TEMPLATE);
    assert.equal(b.state, "DRAFT");
    assert.equal(b.publishedAt, null);
    assert.deepEqual(b.space, { id: "root" });
    const read = await h.ok<{ blueprint: Blueprint }>(
      `query($id: ID!) { blueprint(id: $id) { ${BLUEPRINT} } }`,
      {
        id: b.id,
      },
    );
    assert.deepEqual(read.blueprint, b);
  });

  it("refuses to publish without a template, and an unknown space", async () => {
    assert.match(await h.fails(CREATE, { input: input({ state: "PUBLISHED" }) }), /needs a template/);
    assert.match(await h.fails(CREATE, { input: input({ space: "nowhere" }) }), /space nowhere not found/);
    const draft = await create();
    assert.match(
      await h.fails(UPDATE, { id: draft.id, input: input({ state: "PUBLISHED" }) }),
      /needs a template/,
    );
  });

  it("publishes a draft by an update, stamping publishedAt once", async () => {
    const draft = await create({ template: TEMPLATE });
    h.nowMs += 60_000;
    const published = (
      await h.ok<{ blueprintUpdate: Blueprint }>(UPDATE, {
        id: draft.id,
        input: input({ state: "PUBLISHED", template: TEMPLATE }),
      })
    ).blueprintUpdate;
    assert.equal(published.publishedAt, Math.floor(h.nowMs / 1000));
    h.nowMs += 60_000;
    const renamed = (
      await h.ok<{ blueprintUpdate: Blueprint }>(UPDATE, {
        id: draft.id,
        input: input({ name: "renamed", state: "PUBLISHED", template: TEMPLATE }),
      })
    ).blueprintUpdate;
    assert.equal(renamed.publishedAt, published.publishedAt);
    assert.equal(renamed.createdAt, draft.createdAt);
    assert.equal(renamed.updatedAt, Math.floor(h.nowMs / 1000));
  });

  it("searches by name and deletes with a tombstone answer", async () => {
    const b = await create({ labels: ["x"] });
    await create({ name: "other" });
    const found = await h.ok<{ searchBlueprints: { edges: { node: { id: string } }[] } }>(
      `query($input: SearchInput!) { searchBlueprints(input: $input) { edges { node { id } } } }`,
      { input: { predicates: [{ field: "name", constraint: { stringMatches: ["my-blueprint"] } }] } },
    );
    assert.deepEqual(found.searchBlueprints.edges, [{ node: { id: b.id } }]);
    const deleted = await h.ok<{ blueprintDelete: Blueprint }>(
      `mutation($id: ID!) { blueprintDelete(id: $id) { id deleted } }`,
      { id: b.id },
    );
    assert.deepEqual(deleted.blueprintDelete, { id: b.id, deleted: true });
    assert.deepEqual(await h.ok(`query($id: ID!) { blueprint(id: $id) { id } }`, { id: b.id }), {
      blueprint: null,
    });
    assert.match(
      await h.fails(`mutation($id: ID!) { blueprintDelete(id: $id) { id } }`, { id: b.id }),
      /not found/,
    );
  });
});
