import assert from "node:assert/strict";
import { Harness } from "./harness";

const CREATE = `mutation($stack: ID!, $input: WebhooksIntegrationInput!) {
  webhooksIntegrationCreate(stack: $stack, input: $input) { id enabled endpoint secret retryOnFailure deleted }
}`;
const UPDATE = `mutation($stack: ID!, $id: ID!, $input: WebhooksIntegrationInput!) {
  webhooksIntegrationUpdate(stack: $stack, id: $id, input: $input) { id enabled endpoint secret retryOnFailure }
}`;
const DELETE = `mutation($stack: ID!, $id: ID!) { webhooksIntegrationDelete(stack: $stack, id: $id) { id deleted } }`;
const STACK_WEBHOOKS = `query($id: ID!) {
  stack(id: $id) { integrations { webhooks { id enabled endpoint secret retryOnFailure } } }
}`;
const MODULE_WEBHOOKS = `query($id: ID!) { module(id: $id) { integrations { webhooks { id endpoint } } } }`;

interface Webhook {
  id: string;
  enabled: boolean;
  endpoint: string;
  secret: string;
  retryOnFailure: boolean;
}

/** The secret the emulator keeps for deliveries (never returned by the API). */
function storedSecret(h: Harness, id: string): unknown {
  return (h.store.collection<{ secret: string }>("webhooks").get(id) ?? {}).secret;
}

describe("emulator stack and module webhooks", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({ stacks: [{ name: "Hooked" }], modules: [{ repository: "terraform-aws-hooked" }] });
  });

  async function create(input: Record<string, unknown>, stack = "hooked"): Promise<Webhook> {
    const data = await h.ok<{ webhooksIntegrationCreate: Webhook & { deleted: boolean } }>(CREATE, {
      stack,
      input,
    });
    return data.webhooksIntegrationCreate;
  }

  it("creates a webhook with a ULID id, defaults retryOnFailure to false and never returns the secret", async () => {
    const created = await create({
      enabled: true,
      endpoint: "https://example.com/hook",
      secret: "s3cret-value",
    });
    assert.match(created.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.deepEqual(
      { ...created, id: undefined },
      {
        id: undefined,
        enabled: true,
        endpoint: "https://example.com/hook",
        secret: "",
        retryOnFailure: false,
        deleted: false,
      },
    );
    assert.equal(storedSecret(h, created.id), "s3cret-value");
  });

  it("lists the webhooks under the stack's integrations, secret blanked", async () => {
    const a = await create({ enabled: true, endpoint: "https://example.com/a", secret: "first-secret" });
    h.nowMs += 1000;
    const b = await create({
      enabled: false,
      endpoint: "https://example.com/b",
      secret: "second-secret",
      retryOnFailure: true,
    });
    const { stack } = await h.ok<{ stack: { integrations: { webhooks: Webhook[] } } }>(STACK_WEBHOOKS, {
      id: "hooked",
    });
    assert.deepEqual(stack.integrations.webhooks, [
      { id: a.id, enabled: true, endpoint: "https://example.com/a", secret: "", retryOnFailure: false },
      { id: b.id, enabled: false, endpoint: "https://example.com/b", secret: "", retryOnFailure: true },
    ]);
  });

  it("serves module webhooks through the same mutations, read under the module", async () => {
    const created = await create(
      { enabled: true, endpoint: "https://example.com/m", secret: "module-secret" },
      "terraform-aws-hooked",
    );
    const { module } = await h.ok<{ module: { integrations: { webhooks: { id: string }[] } } }>(
      MODULE_WEBHOOKS,
      { id: "terraform-aws-hooked" },
    );
    assert.deepEqual(
      module.integrations.webhooks.map((w) => w.id),
      [created.id],
    );
  });

  it("updates in place; an empty secret keeps the stored one, a new one replaces it", async () => {
    const created = await create({
      enabled: true,
      endpoint: "https://example.com/a",
      secret: "original-secret",
    });
    const { webhooksIntegrationUpdate } = await h.ok<{ webhooksIntegrationUpdate: Webhook }>(UPDATE, {
      stack: "hooked",
      id: created.id,
      input: { enabled: false, endpoint: "https://example.com/b", secret: "", retryOnFailure: true },
    });
    assert.deepEqual(webhooksIntegrationUpdate, {
      id: created.id,
      enabled: false,
      endpoint: "https://example.com/b",
      secret: "",
      retryOnFailure: true,
    });
    assert.equal(storedSecret(h, created.id), "original-secret");
    await h.ok(UPDATE, {
      stack: "hooked",
      id: created.id,
      input: { enabled: true, endpoint: "https://example.com/b", secret: "rotated-secret" },
    });
    assert.equal(storedSecret(h, created.id), "rotated-secret");
  });

  it("deletes, returning deleted: true, after which the webhook is gone and a second delete is not found", async () => {
    const created = await create({ enabled: true, endpoint: "https://example.com/a", secret: "" });
    const { webhooksIntegrationDelete } = await h.ok<{
      webhooksIntegrationDelete: { id: string; deleted: boolean };
    }>(DELETE, { stack: "hooked", id: created.id });
    assert.deepEqual(webhooksIntegrationDelete, { id: created.id, deleted: true });
    const { stack } = await h.ok<{ stack: { integrations: { webhooks: Webhook[] } } }>(STACK_WEBHOOKS, {
      id: "hooked",
    });
    assert.deepEqual(stack.integrations.webhooks, []);
    assert.match(await h.fails(DELETE, { stack: "hooked", id: created.id }), /not found/);
  });

  it("addresses a webhook through its own stack only", async () => {
    h.seed({ stacks: [{ name: "Other" }] });
    const created = await create({ enabled: true, endpoint: "https://example.com/a", secret: "" });
    const input = { enabled: true, endpoint: "https://example.com/a", secret: "" };
    assert.match(await h.fails(UPDATE, { stack: "other", id: created.id, input }), /webhook .* not found/);
    assert.match(await h.fails(DELETE, { stack: "other", id: created.id }), /not found/);
  });

  it("refuses an unknown stack and an endpoint that is not an http(s) URL, without quoting it", async () => {
    assert.match(
      await h.fails(CREATE, {
        stack: "nope",
        input: { enabled: true, endpoint: "https://example.com", secret: "" },
      }),
      /stack nope not found/,
    );
    for (const endpoint of ["not a url", "ftp://example.com/x", "/relative/path"]) {
      const message = await h.fails(CREATE, {
        stack: "hooked",
        input: { enabled: true, endpoint, secret: "" },
      });
      assert.match(message, /endpoint must be an absolute http or https URL/);
      assert.ok(!message.includes(endpoint), "the message quotes the endpoint");
    }
  });

  it("drops the webhooks of a module when the module is deleted", async () => {
    await create({ enabled: true, endpoint: "https://example.com/m", secret: "" }, "terraform-aws-hooked");
    await h.ok(`mutation { moduleDelete(id: "terraform-aws-hooked") { id } }`);
    assert.equal(h.store.collection("webhooks").size, 0);
  });

  it("refuses anonymous callers", async () => {
    const result = await h.run(
      CREATE,
      { stack: "hooked", input: { enabled: true, endpoint: "https://example.com", secret: "" } },
      { anonymous: true },
    );
    assert.match(result.errors?.[0]?.message ?? "", /unauthorized/);
  });
});

const NAMED_CREATE = `mutation($input: NamedWebhooksIntegrationInput!) {
  namedWebhooksIntegrationCreate(input: $input) {
    id name endpoint enabled labels space { id } secret secretHeaders retryOnFailure createdAt
  }
}`;
const NAMED_UPDATE = `mutation($id: ID!, $input: NamedWebhooksIntegrationInput!) {
  namedWebhooksIntegrationUpdate(id: $id, input: $input) { id name endpoint enabled labels secret retryOnFailure }
}`;
const NAMED_READ = `query($id: ID!) {
  namedWebhooksIntegration(id: $id) { id name endpoint enabled labels space { id } secret secretHeaders retryOnFailure }
}`;

interface NamedWebhook {
  id: string;
  name: string;
  endpoint: string;
  enabled: boolean;
  labels: string[];
  space: { id: string };
  secret: string;
  secretHeaders: string[];
  retryOnFailure: boolean;
  createdAt: number;
}

function namedInput(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Alerts",
    endpoint: "https://example.com/alerts",
    enabled: true,
    space: "root",
    labels: ["team"],
    ...extra,
  };
}

function storedNamed(
  h: Harness,
  id: string,
): { secret: string | null; secretHeaders: Record<string, string> } {
  const record = h.store
    .collection<{ secret: string | null; secretHeaders: Record<string, string> }>("namedWebhooks")
    .get(id);
  assert.ok(record, "no stored named webhook");
  return record;
}

describe("emulator named webhooks", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function create(extra: Record<string, unknown> = {}): Promise<NamedWebhook> {
    return (
      await h.ok<{ namedWebhooksIntegrationCreate: NamedWebhook }>(NAMED_CREATE, { input: namedInput(extra) })
    ).namedWebhooksIntegrationCreate;
  }

  it("creates one in a space, blanks the secret on every read", async () => {
    const created = await create({ secret: "named-secret" });
    assert.match(created.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(created.secret, "");
    assert.deepEqual(created.space, { id: "root" });
    assert.equal(created.retryOnFailure, false);
    assert.equal(created.createdAt, Math.floor(h.nowMs / 1000));
    const { namedWebhooksIntegration } = await h.ok<{ namedWebhooksIntegration: NamedWebhook }>(NAMED_READ, {
      id: created.id,
    });
    assert.equal(namedWebhooksIntegration.secret, "");
    assert.equal(storedNamed(h, created.id).secret, "named-secret");
  });

  it('keeps the stored secret on an update with a null one, clears it with "", and replaces it with another', async () => {
    // terraform-provider-spacelift 8565261 resource_named_webhook.go leaves the secret null on update
    // unless it is non-empty, "to prevent accidental override of secrets": "" overrides it.
    const created = await create({ secret: "first-secret" });
    const { namedWebhooksIntegrationUpdate } = await h.ok<{ namedWebhooksIntegrationUpdate: NamedWebhook }>(
      NAMED_UPDATE,
      { id: created.id, input: namedInput({ name: "Renamed", labels: [], retryOnFailure: true }) },
    );
    assert.equal(namedWebhooksIntegrationUpdate.name, "Renamed");
    assert.deepEqual(namedWebhooksIntegrationUpdate.labels, []);
    assert.equal(namedWebhooksIntegrationUpdate.retryOnFailure, true);
    assert.equal(storedNamed(h, created.id).secret, "first-secret");
    await h.ok(NAMED_UPDATE, { id: created.id, input: namedInput({ secret: null }) });
    assert.equal(storedNamed(h, created.id).secret, "first-secret");
    await h.ok(NAMED_UPDATE, { id: created.id, input: namedInput({ secret: "" }) });
    assert.equal(storedNamed(h, created.id).secret, null);
    await h.ok(NAMED_UPDATE, { id: created.id, input: namedInput({ secret: "second-secret" }) });
    assert.equal(storedNamed(h, created.id).secret, "second-secret");
  });

  it("sets and deletes secret headers, returning only their keys", async () => {
    const created = await create();
    const set = await h.ok<{ namedWebhooksIntegrationSetHeaders: { secretHeaders: string[] } }>(
      `mutation($id: ID!, $input: NamedWebhookHeaderInput!) {
        namedWebhooksIntegrationSetHeaders(id: $id, input: $input) { secretHeaders }
      }`,
      {
        id: created.id,
        input: {
          entries: [
            { key: "X-Token", value: "header-secret-1" },
            { key: "A-Header", value: "header-secret-2" },
          ],
        },
      },
    );
    assert.deepEqual(set.namedWebhooksIntegrationSetHeaders.secretHeaders, ["A-Header", "X-Token"]);
    assert.ok(!JSON.stringify(set).includes("header-secret"), "a header value came back");
    assert.deepEqual(storedNamed(h, created.id).secretHeaders, {
      "X-Token": "header-secret-1",
      "A-Header": "header-secret-2",
    });
    // An update of the webhook itself keeps its headers.
    await h.ok(NAMED_UPDATE, { id: created.id, input: namedInput() });
    const deleted = await h.ok<{ namedWebhooksIntegrationDeleteHeaders: { secretHeaders: string[] } }>(
      `mutation($id: ID!, $keys: [String!]!) {
        namedWebhooksIntegrationDeleteHeaders(id: $id, headerKeys: $keys) { secretHeaders }
      }`,
      { id: created.id, keys: ["X-Token", "Not-There"] },
    );
    assert.deepEqual(deleted.namedWebhooksIntegrationDeleteHeaders.secretHeaders, ["A-Header"]);
  });

  it("reads null for an unknown id, and delete removes it", async () => {
    const created = await create();
    await h.ok(`mutation($id: ID!) { namedWebhooksIntegrationDelete(id: $id) { id } }`, { id: created.id });
    const { namedWebhooksIntegration } = await h.ok<{ namedWebhooksIntegration: null }>(NAMED_READ, {
      id: created.id,
    });
    assert.equal(namedWebhooksIntegration, null);
    assert.match(
      await h.fails(`mutation($id: ID!) { namedWebhooksIntegrationDelete(id: $id) { id } }`, {
        id: created.id,
      }),
      /not found/,
    );
  });

  it("refuses an unknown space and a bad endpoint", async () => {
    assert.match(
      await h.fails(NAMED_CREATE, { input: namedInput({ space: "nowhere" }) }),
      /space nowhere not found/,
    );
    assert.match(
      await h.fails(NAMED_CREATE, { input: namedInput({ endpoint: "example.com/no-scheme" }) }),
      /endpoint must be an absolute http or https URL/,
    );
  });

  it("lists and searches named webhooks; keeps their space from being deleted", async () => {
    h.seed({ spaces: [{ id: "hooks", name: "Hooks" }] });
    await create({ name: "Beta", space: "hooks", labels: ["x"] });
    await create({ name: "Alpha" });
    const { namedWebhooksIntegrations } = await h.ok<{ namedWebhooksIntegrations: { name: string }[] }>(
      `{ namedWebhooksIntegrations { name } }`,
    );
    assert.deepEqual(
      namedWebhooksIntegrations.map((w) => w.name),
      ["Alpha", "Beta"],
    );
    const { searchNamedWebhooksIntegrations } = await h.ok<{
      searchNamedWebhooksIntegrations: { edges: { node: { name: string } }[] };
    }>(
      `query($input: SearchInput!) { searchNamedWebhooksIntegrations(input: $input) { edges { node { name } } } }`,
      { input: { predicates: [{ field: "label", constraint: { stringMatches: ["x"] } }] } },
    );
    assert.deepEqual(
      searchNamedWebhooksIntegrations.edges.map((e) => e.node.name),
      ["Beta"],
    );
    assert.match(
      await h.fails(`mutation { spaceDelete(space: "hooks") { id } }`),
      /still contains 1 named webhook/,
    );
  });
});
