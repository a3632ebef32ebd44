import assert from "node:assert/strict";
import { Harness } from "./harness";

// Behaviour that Spacelift's Kubernetes operator relies on (tests/fixtures/clients/spacelift-operator-*.json).

describe("emulator policyCreate and policyUpdate (deprecated)", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it("takes a description on create, and on update sets it when given and keeps it otherwise", async () => {
    await h.ok(
      `mutation { policyCreate(name: "Checks", body: "package spacelift", type: PLAN, description: "First") { id } }`,
    );
    const update = (description: string): string =>
      `mutation { policyUpdate(id: "checks", name: "Checks", body: "package x"${description}) { description body } }`;
    assert.deepEqual(await h.ok(update(`, description: "Second"`)), {
      policyUpdate: { description: "Second", body: "package x" },
    });
    assert.deepEqual(await h.ok(update("")), { policyUpdate: { description: "Second", body: "package x" } });
  });

  it("answers with the policy's stack attachments, which the operator reconciles", async () => {
    h.seed({ stacks: [{ name: "Web", repository: "web" }] });
    await h.ok(`mutation { policyCreate(name: "Checks", body: "package spacelift", type: PLAN) { id } }`);
    const attachment = await h.ok<{ policyAttach: { id: string } }>(
      `mutation { policyAttach(id: "checks", stack: "web") { id } }`,
    );
    assert.deepEqual(
      await h.ok(
        `mutation { policyUpdate(id: "checks", name: "Checks", body: "package x", description: "") { attachedStacks { id stackId isAutoattached } } }`,
      ),
      {
        policyUpdate: {
          attachedStacks: [{ id: attachment.policyAttach.id, stackId: "web", isAutoattached: false }],
        },
      },
    );
  });
});

describe("emulator ContextInput.stackAttachments", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      spaces: [{ id: "team", name: "Team" }],
      stacks: [
        { name: "One", repository: "one" },
        { name: "Two", repository: "two" },
        { name: "Team stack", repository: "team", space: "team" },
      ],
    });
  });

  const CREATE = `mutation($input: ContextInput!) { contextCreateV2(input: $input) { id } }`;
  const UPDATE = `mutation($input: ContextInput!) { contextUpdateV2(id: "shared", input: $input) { id } }`;
  const ATTACHED = `{ context(id: "shared") { attachedStacks { id stackId priority } } }`;
  type Attached = { context: { attachedStacks: { id: string; stackId: string; priority: number }[] } | null };

  it("attaches the context on create, and on update replaces the attachments, keeping the ids of those kept", async () => {
    await h.ok(CREATE, {
      input: {
        name: "Shared",
        stackAttachments: [
          { stack: "one", priority: 0 },
          { stack: "two", priority: 1 },
        ],
      },
    });
    const before = (await h.ok<Attached>(ATTACHED)).context!.attachedStacks;
    assert.deepEqual(
      before.map((a) => [a.stackId, a.priority]),
      [
        ["one", 0],
        ["two", 1],
      ],
    );
    await h.ok(UPDATE, { input: { name: "Shared", stackAttachments: [{ stack: "two", priority: 5 }] } });
    const two = before.find((a) => a.stackId === "two")!;
    assert.deepEqual((await h.ok<Attached>(ATTACHED)).context!.attachedStacks, [
      { id: two.id, stackId: "two", priority: 5 },
    ]);
    // Without the list the attachments stay; an empty list removes them all.
    await h.ok(UPDATE, { input: { name: "Shared" } });
    assert.equal((await h.ok<Attached>(ATTACHED)).context!.attachedStacks.length, 1);
    await h.ok(UPDATE, { input: { name: "Shared", stackAttachments: [] } });
    assert.deepEqual((await h.ok<Attached>(ATTACHED)).context!.attachedStacks, []);
  });

  it("on a refused attachment creates nothing, and on update changes nothing", async () => {
    assert.match(
      await h.fails(CREATE, {
        input: { name: "Shared", stackAttachments: [{ stack: "missing", priority: 0 }] },
      }),
      /not found/,
    );
    assert.deepEqual(await h.ok(ATTACHED), { context: null });

    await h.ok(CREATE, { input: { name: "Shared", stackAttachments: [{ stack: "one", priority: 0 }] } });
    const before = (await h.ok<Attached>(ATTACHED)).context!.attachedStacks;
    // A context of the team space cannot be attached to a stack of the root space.
    assert.match(
      await h.fails(UPDATE, {
        input: {
          name: "Renamed",
          space: "team",
          stackAttachments: [
            { stack: "team-stack", priority: 0 },
            { stack: "one", priority: 0 },
          ],
        },
      }),
      /space has no access to context space/,
    );
    assert.match(
      await h.fails(UPDATE, {
        input: {
          name: "Renamed",
          stackAttachments: [
            { stack: "two", priority: 0 },
            { stack: "two", priority: 1 },
          ],
        },
      }),
      /listed more than once/,
    );
    assert.deepEqual(
      await h.ok(`{ context(id: "shared") { name space attachedStacks { id stackId priority } } }`),
      {
        context: { name: "Shared", space: "root", attachedStacks: before },
      },
    );
  });
});

describe("emulator Stack.attachedAwsIntegrations", () => {
  it("lists the stack's AWS integration attachments", async () => {
    const h = new Harness();
    h.seed({
      stacks: [{ name: "Web", repository: "web" }],
      awsIntegrations: [
        { id: "01JC11ENTAWS1NTEGRAT10N001", name: "Prod", roleArn: "arn:aws:iam::123456789012:role/x" },
      ],
      awsIntegrationAttachments: [{ integration: "01JC11ENTAWS1NTEGRAT10N001", stack: "web" }],
    });
    const fields = "id integrationId stackId read write";
    const byIntegration = await h.ok<{ awsIntegration: { attachedStacks: unknown[] } }>(
      `{ awsIntegration(id: "01JC11ENTAWS1NTEGRAT10N001") { attachedStacks { ${fields} } } }`,
    );
    assert.equal(byIntegration.awsIntegration.attachedStacks.length, 1);
    assert.deepEqual(await h.ok(`{ stack(id: "web") { attachedAwsIntegrations { ${fields} } } }`), {
      stack: { attachedAwsIntegrations: byIntegration.awsIntegration.attachedStacks },
    });
    assert.deepEqual(await h.ok(`{ stack(id: "web") { attachedContexts { id } } }`), {
      stack: { attachedContexts: [] },
    });
  });
});
