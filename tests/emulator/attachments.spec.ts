import assert from "node:assert/strict";
import { Harness } from "./harness";

const ATTACH_CONTEXT = `mutation($id: ID!, $stack: ID!, $priority: Int!) {
  contextAttach(id: $id, stack: $stack, priority: $priority) { id stackId stackName isModule isAutoattached priority contextId }
}`;
const ATTACH_POLICY = `mutation($id: ID!, $stack: ID!) {
  policyAttach(id: $id, stack: $stack) { id stackId stackName isModule policyId policyType }
}`;

interface ContextAttachment {
  id: string;
  stackId: string;
  stackName: string;
  isModule: boolean;
  isAutoattached: boolean;
  priority: number;
  contextId: string;
}

describe("emulator context and policy attachments", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      stacks: [{ name: "App" }],
      modules: [{ repository: "terraform-aws-net" }],
      contexts: [{ name: "Shared" }],
      policies: [{ name: "Plan rules", type: "PLAN" }],
    });
  });

  it("attaches a context to a stack and to a module through the same `stack` argument", async () => {
    const toStack = await h.ok<{ contextAttach: ContextAttachment }>(ATTACH_CONTEXT, {
      id: "shared",
      stack: "app",
      priority: 3,
    });
    assert.match(toStack.contextAttach.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.deepEqual(
      { ...toStack.contextAttach, id: undefined },
      {
        id: undefined,
        stackId: "app",
        stackName: "App",
        isModule: false,
        isAutoattached: false,
        priority: 3,
        contextId: "shared",
      },
    );
    const toModule = await h.ok<{ contextAttach: ContextAttachment }>(ATTACH_CONTEXT, {
      id: "shared",
      stack: "terraform-aws-net",
      priority: 0,
    });
    assert.equal(toModule.contextAttach.isModule, true);
  });

  it("refuses to attach the same context twice, or to a missing stack or context", async () => {
    await h.ok(ATTACH_CONTEXT, { id: "shared", stack: "app", priority: 0 });
    assert.match(
      await h.fails(ATTACH_CONTEXT, { id: "shared", stack: "app", priority: 1 }),
      /already attached/,
    );
    assert.match(
      await h.fails(ATTACH_CONTEXT, { id: "shared", stack: "ghost", priority: 0 }),
      /stack ghost not found/,
    );
    assert.match(
      await h.fails(ATTACH_CONTEXT, { id: "ghost", stack: "app", priority: 0 }),
      /context ghost not found/,
    );
  });

  it("finds an attachment by the stack or module id, and detaches it by the attachment id", async () => {
    const { contextAttach } = await h.ok<{ contextAttach: ContextAttachment }>(ATTACH_CONTEXT, {
      id: "shared",
      stack: "app",
      priority: 0,
    });
    const read = `{ context(id: "shared") { attachedStack(id: "app") { id } attachedStacks { stackId } } stack(id: "app") { attachedContexts { contextId contextName } } }`;
    assert.deepEqual(await h.ok(read), {
      context: { attachedStack: { id: contextAttach.id }, attachedStacks: [{ stackId: "app" }] },
      stack: { attachedContexts: [{ contextId: "shared", contextName: "Shared" }] },
    });
    assert.deepEqual(
      await h.ok(`mutation($id: ID!) { contextDetach(id: $id) { id stackId } }`, { id: contextAttach.id }),
      {
        contextDetach: { id: contextAttach.id, stackId: "app" },
      },
    );
    assert.deepEqual(await h.ok(read), {
      context: { attachedStack: null, attachedStacks: [] },
      stack: { attachedContexts: [] },
    });
    assert.match(
      await h.fails(`mutation($id: ID!) { contextDetach(id: $id) { id } }`, { id: contextAttach.id }),
      /not found/,
    );
  });

  it("lets a stack use a context of its own space or of ancestors it inherits from, and no other", async () => {
    h.seed({
      spaces: [
        { id: "inheriting", name: "Inheriting", inheritEntities: true },
        { id: "closed", name: "Closed", inheritEntities: false },
      ],
      stacks: [
        { name: "Inherits", space: "inheriting" },
        { name: "Isolated", space: "closed" },
      ],
      contexts: [{ name: "Closed only", space: "closed" }],
    });
    await h.ok(ATTACH_CONTEXT, { id: "shared", stack: "inherits", priority: 0 });
    await h.ok(ATTACH_CONTEXT, { id: "closed-only", stack: "isolated", priority: 0 });
    assert.match(
      await h.fails(ATTACH_CONTEXT, { id: "shared", stack: "isolated", priority: 0 }),
      /cannot attach context, stack isolated space has no access to context space/,
    );
    assert.match(
      await h.fails(ATTACH_CONTEXT, { id: "closed-only", stack: "app", priority: 0 }),
      /no access/,
    );
    const attachable = await h.ok<{ a: { id: string }[]; b: { id: string }[] }>(`{
      a: attachableContextsInSpace(id: "inheriting") { id }
      b: attachableContextsInSpace(id: "closed") { id }
    }`);
    assert.deepEqual(attachable, { a: [{ id: "shared" }], b: [{ id: "closed-only" }] });
  });

  it("drops a context's attachments when the context is deleted", async () => {
    await h.ok(ATTACH_CONTEXT, { id: "shared", stack: "app", priority: 0 });
    await h.ok(`mutation { contextDelete(id: "shared") { id } }`);
    assert.deepEqual(await h.ok(`{ stack(id: "app") { attachedContexts { id } } }`), {
      stack: { attachedContexts: [] },
    });
  });

  it("attaches and detaches policies the same way", async () => {
    const { policyAttach } = await h.ok<{ policyAttach: { id: string } }>(ATTACH_POLICY, {
      id: "plan-rules",
      stack: "app",
    });
    assert.match(await h.fails(ATTACH_POLICY, { id: "plan-rules", stack: "app" }), /already attached/);
    await h.ok(ATTACH_POLICY, { id: "plan-rules", stack: "terraform-aws-net" });
    assert.deepEqual(
      await h.ok(`{ policy(id: "plan-rules") { attachedStack(id: "app") { id policyName isModule } } }`),
      {
        policy: { attachedStack: { id: policyAttach.id, policyName: "Plan rules", isModule: false } },
      },
    );
    await h.ok(`mutation($id: ID!) { policyDetach(id: $id) { id } }`, { id: policyAttach.id });
    assert.deepEqual(
      await h.ok(
        `{ stack(id: "app") { attachedPolicies { id } } module(id: "terraform-aws-net") { attachedPolicies { policyId } } }`,
      ),
      {
        stack: { attachedPolicies: [] },
        module: { attachedPolicies: [{ policyId: "plan-rules" }] },
      },
    );
    await h.ok(`mutation { policyDelete(id: "plan-rules") { id } }`);
    assert.deepEqual(await h.ok(`{ module(id: "terraform-aws-net") { attachedPolicies { id } } }`), {
      module: { attachedPolicies: [] },
    });
  });

  it("refuses to attach a login policy to a stack", async () => {
    h.seed({ policies: [{ name: "Who may log in", type: "LOGIN" }] });
    assert.match(await h.fails(ATTACH_POLICY, { id: "who-may-log-in", stack: "app" }), /login policy/);
  });

  it("drops a module's attachments and config when the module is deleted", async () => {
    await h.ok(ATTACH_CONTEXT, { id: "shared", stack: "terraform-aws-net", priority: 0 });
    await h.ok(
      `mutation { stackConfigAdd(stack: "terraform-aws-net", config: { id: "K", type: ENVIRONMENT_VARIABLE, value: "v", writeOnly: false }) { id } }`,
    );
    await h.ok(`mutation { moduleDelete(id: "terraform-aws-net") { id } }`);
    assert.deepEqual(await h.ok(`{ context(id: "shared") { attachedStacks { id } } }`), {
      context: { attachedStacks: [] },
    });
    h.seed({ modules: [{ repository: "terraform-aws-net" }] });
    assert.deepEqual(await h.ok(`{ module(id: "terraform-aws-net") { config { id } } }`), {
      module: { config: [] },
    });
  });
});
