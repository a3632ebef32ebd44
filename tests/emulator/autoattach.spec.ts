import assert from "node:assert/strict";
import { Harness } from "./harness";

/**
 * Semantics Spacelift's own clients depend on beyond single objects: `autoattach:` labels,
 * `Stack.runtimeConfig` as spacectl's `stack environment list` reads it, and stack search by
 * `namespace/name` as spacectl's stack selector sends it.
 */

const ATTACHED = `query($id: ID!) {
  stack(id: $id) {
    attachedContexts { id contextId isAutoattached priority }
    attachedPolicies { id policyId isAutoattached }
  }
}`;

interface Attached {
  stack: {
    attachedContexts: { id: string; contextId: string; isAutoattached: boolean; priority: number }[];
    attachedPolicies: { id: string; policyId: string; isAutoattached: boolean }[];
  };
}

const env = (id: string, value: string) => ({
  id,
  type: "ENVIRONMENT_VARIABLE" as const,
  value,
  writeOnly: false,
});

describe("emulator: autoattach labels, runtime configuration and repository search", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("attaches a context labelled autoattach:<label> to the stacks and modules with that label", async () => {
    h.seed({
      stacks: [
        { name: "prod-app", labels: ["prod"] },
        { name: "dev-app", labels: ["dev"] },
      ],
      modules: [{ repository: "terraform-aws-net", updateInput: { labels: ["prod"] } }],
      contexts: [{ name: "prod-secrets", labels: ["autoattach:prod"] }, { name: "plain" }],
    });
    const prod = await h.ok<Attached>(ATTACHED, { id: "prod-app" });
    assert.deepEqual(
      prod.stack.attachedContexts.map((a) => [a.contextId, a.isAutoattached]),
      [["prod-secrets", true]],
    );
    const dev = await h.ok<Attached>(ATTACHED, { id: "dev-app" });
    assert.deepEqual(dev.stack.attachedContexts, []);

    const context = await h.ok<{
      context: {
        attachedStacks: { stackId: string; isModule: boolean; isAutoattached: boolean }[];
        attachedStack: { stackId: string; isAutoattached: boolean } | null;
      };
    }>(
      `query { context(id: "prod-secrets") {
        attachedStacks { stackId isModule isAutoattached }
        attachedStack(id: "terraform-aws-net") { stackId isAutoattached }
      } }`,
    );
    assert.deepEqual(context.context.attachedStacks, [
      { stackId: "prod-app", isModule: false, isAutoattached: true },
      { stackId: "terraform-aws-net", isModule: true, isAutoattached: true },
    ]);
    assert.deepEqual(context.context.attachedStack, { stackId: "terraform-aws-net", isAutoattached: true });
  });

  it("follows the label: removing it from the stack or the context detaches", async () => {
    h.seed({
      stacks: [{ name: "app", labels: ["prod"] }],
      contexts: [{ name: "shared", labels: ["autoattach:prod"] }],
    });
    assert.equal((await h.ok<Attached>(ATTACHED, { id: "app" })).stack.attachedContexts.length, 1);
    await h.ok(`mutation { contextUpdateV2(id: "shared", input: { name: "shared", labels: [] }) { id } }`);
    assert.deepEqual((await h.ok<Attached>(ATTACHED, { id: "app" })).stack.attachedContexts, []);
  });

  it("attaches autoattach:* everywhere the context's space can be used, and nowhere else", async () => {
    h.seed({
      spaces: [
        { id: "team", name: "Team", inheritEntities: true },
        { id: "isolated", name: "Isolated", inheritEntities: false },
      ],
      stacks: [
        { name: "in-root", labels: [] },
        { name: "in-team", space: "team" },
        { name: "in-isolated", space: "isolated" },
      ],
      contexts: [{ name: "everywhere", labels: ["autoattach:*"] }],
    });
    for (const [stack, expected] of [
      ["in-root", 1],
      ["in-team", 1],
      ["in-isolated", 0],
    ] as const) {
      const attached = await h.ok<Attached>(ATTACHED, { id: stack });
      assert.equal(attached.stack.attachedContexts.length, expected, stack);
    }
  });

  it("lists a context attached both by hand and by label once, as attached by hand", async () => {
    h.seed({
      stacks: [{ name: "app", labels: ["prod"] }],
      contexts: [
        { name: "both", labels: ["autoattach:prod"] },
        { name: "zeta", labels: ["autoattach:prod"] },
      ],
      contextAttachments: [{ context: "both", stack: "app", priority: 3 }],
    });
    const attached = await h.ok<Attached>(ATTACHED, { id: "app" });
    assert.deepEqual(
      attached.stack.attachedContexts.map((a) => [a.contextId, a.isAutoattached, a.priority]),
      [
        ["both", false, 3],
        ["zeta", true, 0],
      ],
    );
    const auto = attached.stack.attachedContexts[1];
    const refusal = await h.fails(`mutation($id: ID!) { contextDetach(id: $id) { id } }`, { id: auto.id });
    assert.match(refusal, /not found/);
  });

  it("auto-attaches policies too, but never a login policy", async () => {
    h.seed({
      stacks: [{ name: "app", labels: ["prod"] }],
      policies: [
        { name: "plan-rules", type: "PLAN", labels: ["autoattach:prod"] },
        { name: "login-rules", type: "LOGIN", labels: ["autoattach:*"] },
      ],
    });
    const attached = await h.ok<Attached>(ATTACHED, { id: "app" });
    assert.deepEqual(
      attached.stack.attachedPolicies.map((a) => [a.policyId, a.isAutoattached]),
      [["plan-rules", true]],
    );
    const policy = await h.ok<{ policy: { attachedStacks: { stackId: string; isAutoattached: boolean }[] } }>(
      `query { policy(id: "plan-rules") { attachedStacks { stackId isAutoattached } } }`,
    );
    assert.deepEqual(policy.policy.attachedStacks, [{ stackId: "app", isAutoattached: true }]);
  });

  it("merges runtimeConfig: the stack's own elements win, then contexts by priority; auto-attached ones are left out", async () => {
    h.seed({
      stacks: [{ name: "app", labels: ["prod"], config: [env("REGION", "stack"), env("OWN", "1")] }],
      contexts: [
        { name: "low", config: [env("REGION", "low"), env("TIER", "low"), env("ONLY_LOW", "x")] },
        { name: "high", config: [env("TIER", "high"), env("REGION", "high")] },
        { name: "auto", labels: ["autoattach:prod"], config: [env("AUTO", "y")] },
      ],
      contextAttachments: [
        { context: "low", stack: "app", priority: 5 },
        { context: "high", stack: "app", priority: 1 },
      ],
    });
    const result = await h.ok<{
      stack: {
        runtimeConfig: { context: { contextName: string } | null; element: { id: string; value: string } }[];
      };
    }>(
      `query { stack(id: "app") { runtimeConfig { context { id contextName } element { id value runtime } } } }`,
    );
    const seen = Object.fromEntries(
      result.stack.runtimeConfig.map((e) => [
        e.element.id,
        `${e.element.value}@${e.context?.contextName ?? "stack"}`,
      ]),
    );
    assert.deepEqual(seen, {
      OWN: "1@stack",
      REGION: "stack@stack",
      TIER: "high@high",
      ONLY_LOW: "x@low",
    });
  });

  it("finds stacks and modules by repository as `namespace/name` or by the bare name", async () => {
    h.seed({
      stacks: [
        { name: "web", repository: "onboarding", namespace: "acme" },
        { name: "other", repository: "onboarding", namespace: "someone-else" },
      ],
    });
    const search = async (pattern: string) =>
      (
        await h.ok<{ searchStacks: { edges: { node: { id: string } }[] } }>(
          `query($input: SearchInput!) { searchStacks(input: $input) { edges { node { id } } } }`,
          { input: { predicates: [{ field: "repository", constraint: { stringMatches: [pattern] } }] } },
        )
      ).searchStacks.edges.map((e) => e.node.id);
    assert.deepEqual(await search("acme/onboarding"), ["web"]);
    assert.deepEqual(await search("onboarding"), ["other", "web"]);
  });
});
