import assert from "node:assert/strict";
import { Harness } from "./harness";

const CREATE_POLICY = `mutation($input: PolicyCreateInput!) {
  policyCreatev2(input: $input) { id name type engineType space createdAt updatedAt }
}`;

describe("emulator policies", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("uses the name's slug as id, defaults the engine to REGO_V0 and timestamps in Unix seconds", async () => {
    const data = await h.ok(CREATE_POLICY, {
      input: { name: "My first policy!", body: "package spacelift", type: "PLAN" },
    });
    const seconds = Math.floor(h.nowMs / 1000);
    assert.deepEqual(data, {
      policyCreatev2: {
        id: "my-first-policy",
        name: "My first policy!",
        type: "PLAN",
        engineType: "REGO_V0",
        space: "root",
        createdAt: seconds,
        updatedAt: seconds,
      },
    });
  });

  it("answers with the current name of a deprecated policy type", async () => {
    const cases: [string, string][] = [
      ["STACK_ACCESS", "ACCESS"],
      ["TASK_RUN", "TASK"],
      ["TERRAFORM_PLAN", "PLAN"],
    ];
    for (const [sent, returned] of cases) {
      const data = await h.ok<{ policyCreatev2: { type: string } }>(CREATE_POLICY, {
        input: { name: `p ${sent}`, body: "package spacelift", type: sent },
      });
      assert.equal(data.policyCreatev2.type, returned);
    }
  });

  it("keeps the id on rename, the type on update, and refuses a clashing slug", async () => {
    await h.ok(CREATE_POLICY, { input: { name: "Rules", body: "package spacelift", type: "TRIGGER" } });
    h.nowMs += 5000;
    const data = await h.ok(
      `mutation { policyUpdatev2(id: "rules", input: { name: "Renamed", body: "package x", engineType: REGO_V1 }) { id name type engineType updatedAt } }`,
    );
    assert.deepEqual(data, {
      policyUpdatev2: {
        id: "rules",
        name: "Renamed",
        type: "TRIGGER",
        engineType: "REGO_V1",
        updatedAt: Math.floor(h.nowMs / 1000),
      },
    });
    assert.match(
      await h.fails(CREATE_POLICY, { input: { name: "RULES", body: "package spacelift", type: "PLAN" } }),
      /policy with this slug already exists/,
    );
  });

  it('takes a null space or engine type on update as at creation, never as "keep"', async () => {
    // Spacelift updates replace the whole object; its Terraform provider (8565261, resource_policy.go)
    // re-sends space and engine type from state rather than relying on null keeping them.
    h.seed({ spaces: [{ id: "team", name: "Team" }] });
    await h.ok(CREATE_POLICY, {
      input: { name: "Kept", body: "package spacelift", type: "PLAN", space: "team", engineType: "REGO_V1" },
    });
    const data = await h.ok(
      `mutation { policyUpdatev2(id: "kept", input: { name: "Kept", body: "package x", space: null, engineType: null }) { space engineType } }`,
    );
    assert.deepEqual(data, { policyUpdatev2: { space: "root", engineType: "REGO_V0" } });
  });

  it("serves the deprecated policyCreate/policyUpdate as the v2 mutations, keeping what they cannot set", async () => {
    // Spacelift's Terraform provider up to v1.9 and its Kubernetes operator still send these.
    h.seed({ spaces: [{ id: "team", name: "Team" }] });
    const created = await h.ok(
      `mutation($labels: [String!], $space: ID) {
        policyCreate(name: "Old style", body: "package spacelift", type: TERRAFORM_PLAN, labels: $labels, space: $space) {
          id name type engineType description labels space
        }
      }`,
      { labels: ["a"], space: "team" },
    );
    assert.deepEqual(created, {
      policyCreate: {
        id: "old-style",
        name: "Old style",
        type: "PLAN",
        engineType: "REGO_V0",
        description: null,
        labels: ["a"],
        space: "team",
      },
    });
    await h.ok(
      `mutation { policyUpdatev2(id: "old-style", input: { name: "Old style", body: "package spacelift", description: "d", engineType: REGO_V1, space: "team" }) { id } }`,
    );
    const updated = await h.ok(
      `mutation { policyUpdate(id: "old-style", name: "Renamed", body: "package x", labels: null, space: null) { id name body type engineType description labels space } }`,
    );
    assert.deepEqual(updated, {
      policyUpdate: {
        id: "old-style",
        name: "Renamed",
        body: "package x",
        type: "PLAN",
        engineType: "REGO_V1",
        description: "d",
        labels: [],
        space: "root",
      },
    });
    assert.match(
      await h.fails(`mutation { policyUpdate(id: "nope", name: "x", body: "package x") { id } }`),
      /not found/,
    );
  });

  it("keeps login policies in the root space", async () => {
    h.seed({ spaces: [{ id: "team", name: "Team" }] });
    const message = await h.fails(CREATE_POLICY, {
      input: { name: "Login", body: "package spacelift", type: "LOGIN", space: "team" },
    });
    assert.match(message, /login policies cannot be moved out of root space/);
  });
});

describe("emulator contexts", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("uses the name's slug as id, keeps it on rename and refuses a clashing slug", async () => {
    const create = `mutation($input: ContextInput!) { contextCreateV2(input: $input) { id name space hooks { beforeInit } } }`;
    assert.deepEqual(
      await h.ok(create, { input: { name: "Provider test context foo", hooks: { beforeInit: ["echo"] } } }),
      {
        contextCreateV2: {
          id: "provider-test-context-foo",
          name: "Provider test context foo",
          space: "root",
          hooks: { beforeInit: ["echo"] },
        },
      },
    );
    assert.deepEqual(
      await h.ok(
        `mutation { contextUpdateV2(id: "provider-test-context-foo", input: { name: "Other" }) { id name hooks { beforeInit } } }`,
      ),
      { contextUpdateV2: { id: "provider-test-context-foo", name: "Other", hooks: { beforeInit: [] } } },
    );
    assert.match(
      await h.fails(create, { input: { name: "provider_test context-foo" } }),
      /context with this slug already exists/,
    );
  });

  it("returns null for a missing context or element and 'not found' for mutations on one", async () => {
    h.seed({ contexts: [{ name: "Here" }] });
    assert.deepEqual(
      await h.ok(
        `{ context(id: "ghost") { id } here: context(id: "here") { configElement(id: "X") { id } } }`,
      ),
      {
        context: null,
        here: { configElement: null },
      },
    );
    assert.match(await h.fails(`mutation { contextDelete(id: "ghost") { id } }`), /context ghost not found/);
    assert.match(
      await h.fails(`mutation { contextUpdateV2(id: "ghost", input: { name: "x" }) { id } }`),
      /not found/,
    );
  });
});
