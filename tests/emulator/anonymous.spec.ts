import assert from "node:assert/strict";
import { Harness, stackInput } from "./harness";

/**
 * The real API answers an anonymous caller (no, expired or invalid token) with HTTP 200: lists and
 * searches are empty, reading one object or changing anything is an `unauthorized` error.
 */
describe("emulator domain resolvers for an anonymous caller", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      stacks: [{ name: "S" }],
      modules: [{ repository: "terraform-aws-m1" }],
      contexts: [{ name: "C" }],
      policies: [{ name: "P", type: "PLAN" }],
    });
  });

  it("sees empty lists and empty search results", async () => {
    const page = "edges { node { id } } pageInfo { hasNextPage endCursor }";
    const result = await h.run(
      `{
        spaces { id } stacks { id } contexts { id } policies { id } modules { id }
        attachableContextsInSpace(id: "root") { id } attachablePoliciesInSpace(id: "root") { id }
        searchStacks(input: {}) { ${page} } searchContexts(input: {}) { ${page} }
        searchPolicies(input: {}) { ${page} } searchModules(input: {}) { ${page} }
      }`,
      undefined,
      { anonymous: true },
    );
    assert.equal(result.errors, undefined);
    const emptyPage = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    assert.deepEqual(JSON.parse(JSON.stringify(result.data)), {
      spaces: [],
      stacks: [],
      contexts: [],
      policies: [],
      modules: [],
      attachableContextsInSpace: [],
      attachablePoliciesInSpace: [],
      searchStacks: emptyPage,
      searchContexts: emptyPage,
      searchPolicies: emptyPage,
      searchModules: emptyPage,
    });
  });

  const forbidden: [string, string, Record<string, unknown>?][] = [
    ["space", `{ space(id: "root") { id } }`],
    ["stack", `{ stack(id: "s") { id } }`],
    ["context", `{ context(id: "c") { id } }`],
    ["policy", `{ policy(id: "p") { id } }`],
    ["module", `{ module(id: "terraform-aws-m1") { id } }`],
    [
      "spaceCreate",
      `mutation { spaceCreate(input: { name: "x", description: "", inheritEntities: false, parentSpace: "root" }) { id } }`,
    ],
    [
      "stackCreate",
      `mutation($i: StackInput!) { stackCreate(input: $i, manageState: true) { id } }`,
      { i: stackInput("x") },
    ],
    ["stackDelete", `mutation { stackDelete(id: "s") { id } }`],
    ["contextCreateV2", `mutation { contextCreateV2(input: { name: "x" }) { id } }`],
    [
      "contextConfigAdd",
      `mutation { contextConfigAdd(context: "c", config: { id: "A", type: ENVIRONMENT_VARIABLE, value: "v", writeOnly: true }) { id } }`,
    ],
    ["contextAttach", `mutation { contextAttach(id: "c", stack: "s", priority: 0) { id } }`],
    ["policyCreatev2", `mutation { policyCreatev2(input: { name: "x", body: "b", type: PLAN }) { id } }`],
    ["policyAttach", `mutation { policyAttach(id: "p", stack: "s") { id } }`],
    ["moduleDelete", `mutation { moduleDelete(id: "terraform-aws-m1") { id } }`],
  ];
  for (const [field, document, variables] of forbidden) {
    it(`gets an unauthorized error from ${field}, and changes nothing`, async () => {
      const before = JSON.stringify(h.store.toJSON());
      const result = await h.run(document, variables, { anonymous: true });
      assert.ok(result.errors && result.errors.length === 1, "expected one error");
      assert.match(result.errors[0].message, /unauthorized/);
      assert.deepEqual(result.errors[0].path, [field]);
      assert.equal(JSON.stringify(h.store.toJSON()), before);
    });
  }
});
