import assert from "node:assert/strict";
import { Harness } from "./harness";

const SEARCH = `query($input: SearchInput!) {
  searchStacks(input: $input) { edges { cursor node { id } } pageInfo { endCursor hasNextPage hasPreviousPage } }
}`;

interface Page {
  searchStacks: {
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
  };
}

const ids = (page: Page) => page.searchStacks.edges.map((e) => e.node.id);

describe("emulator search", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("pages by 50 by default, in a stable order, following endCursor until hasNextPage is false", async () => {
    h.seed({
      stacks: Array.from({ length: 120 }, (_, i) => ({ name: `stack ${String(i).padStart(3, "0")}` })),
    });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page = await h.ok<Page>(SEARCH, { input: { after } });
      pages++;
      assert.equal(page.searchStacks.pageInfo.hasPreviousPage, after !== null);
      seen.push(...ids(page));
      if (!page.searchStacks.pageInfo.hasNextPage) {
        break;
      }
      after = page.searchStacks.pageInfo.endCursor;
    }
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 120 }, (_, i) => `stack-${String(i).padStart(3, "0")}`),
    );
  });

  it("honours `first`, and keeps a cursor valid when earlier records disappear", async () => {
    h.seed({ stacks: ["a", "b", "c", "d"].map((name) => ({ name })) });
    const first = await h.ok<Page>(SEARCH, { input: { first: 2 } });
    assert.deepEqual(ids(first), ["a", "b"]);
    assert.equal(first.searchStacks.pageInfo.endCursor, first.searchStacks.edges[1].cursor);
    h.store.collection("stacks").delete("a");
    const next = await h.ok<Page>(SEARCH, {
      input: { first: 2, after: first.searchStacks.pageInfo.endCursor },
    });
    assert.deepEqual(ids(next), ["c", "d"]);
    assert.equal(next.searchStacks.pageInfo.hasNextPage, false);
  });

  it("filters by full text, name, label, space and excluded predicates, and orders as asked", async () => {
    h.seed({
      spaces: [{ id: "team", name: "Team" }],
      stacks: [
        { name: "Alpha", labels: ["prod"], description: "the payment service" },
        { name: "Beta", labels: ["dev"], space: "team" },
        { name: "Gamma", labels: ["prod", "eu"], space: "team" },
      ],
    });
    const search = async (input: Record<string, unknown>) => ids(await h.ok<Page>(SEARCH, { input }));
    assert.deepEqual(await search({ fullTextSearch: "PAYMENT" }), ["alpha"]);
    const label = (values: string[], exclude = false) => ({
      field: "label",
      constraint: { stringMatches: values },
      exclude,
    });
    assert.deepEqual(await search({ predicates: [label(["prod"])] }), ["alpha", "gamma"]);
    assert.deepEqual(await search({ predicates: [label(["prod"], true)] }), ["beta"]);
    assert.deepEqual(
      await search({
        predicates: [label(["prod"]), { field: "space", constraint: { stringMatches: ["team"] } }],
      }),
      ["gamma"],
    );
    assert.deepEqual(
      await search({ predicates: [{ field: "name", constraint: { stringMatches: ["*a"] } }] }),
      ["alpha", "beta", "gamma"],
    );
    assert.deepEqual(
      await search({ predicates: [{ field: "vendor", constraint: { enumEquals: ["Terraform"] } }] }),
      ["alpha", "beta", "gamma"],
    );
    assert.deepEqual(await search({ orderBy: { field: "name", direction: "DESC" } }), [
      "gamma",
      "beta",
      "alpha",
    ]);
  });

  it("rejects an unknown predicate field and a cursor it did not issue", async () => {
    const unknownField = await h.fails(SEARCH, {
      input: { predicates: [{ field: "colour", constraint: { stringMatches: ["red"] } }] },
    });
    assert.match(unknownField, /unsupported search predicate field "colour"/);
    assert.match(await h.fails(SEARCH, { input: { after: "garbage" } }), /invalid cursor/);
  });

  it("searches contexts, policies and modules the same way", async () => {
    h.seed({
      contexts: [{ name: "C1", labels: ["x"] }, { name: "C2" }],
      policies: [
        { name: "P1", type: "PLAN" },
        { name: "P2", type: "TRIGGER" },
      ],
      modules: [{ repository: "terraform-aws-one" }, { repository: "terraform-gcp-two" }],
    });
    const data = await h.ok(`{
      searchContexts(input: { predicates: [{ field: "label", constraint: { stringMatches: ["x"] } }] }) { edges { node { id } } }
      searchPolicies(input: { predicates: [{ field: "type", constraint: { enumEquals: ["TRIGGER"] } }] }) { edges { node { id } } }
      searchModules(input: { first: 1 }) { edges { node { id } } pageInfo { hasNextPage } }
    }`);
    assert.deepEqual(data, {
      searchContexts: { edges: [{ node: { id: "c1" } }] },
      searchPolicies: { edges: [{ node: { id: "p2" } }] },
      searchModules: { edges: [{ node: { id: "terraform-aws-one" } }], pageInfo: { hasNextPage: true } },
    });
  });
});
