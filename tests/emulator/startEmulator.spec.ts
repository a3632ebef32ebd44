import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decodeJwt } from "jose";
import { startEmulator } from "../../emulator";
import { exchangeApiKey, postGraphQL, useEmulator } from "../helpers/emulator";

const STACK_CREATE =
  "mutation($input:StackInput!$manageState:Boolean!$slug:String!){stackCreate(input: $input, manageState: $manageState, slug: $slug){id,deleting}}";
const CONTEXT_CREATE = "mutation($input:ContextInput!){contextCreateV2(input: $input){id,name}}";

describe("startEmulator with the real schema", () => {
  let clock = Date.UTC(2030, 5, 1);
  const emulator = useEmulator({ tokenTtlSeconds: 600, stackDeletionDelayMs: 1000, now: () => clock });
  let token: string;

  before(async () => {
    token = await exchangeApiKey(emulator());
  });

  beforeEach(() => emulator().controls.resetStats());

  it("listens on 127.0.0.1 and issues tokens for its own URL", () => {
    assert.match(emulator().url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emulator().host, "127.0.0.1");
    assert.equal(emulator().url, `http://127.0.0.1:${emulator().port}`);
    const claims = decodeJwt(token);
    assert.deepEqual(claims.aud, [emulator().url]);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 600);
  });

  it("serves viewer, and null for anonymous callers", async () => {
    const me = await postGraphQL<{ viewer: { id: string } | null }>(emulator(), "{viewer{id,name}}", {
      token,
    });
    assert.equal(me.data?.viewer?.id, emulator().apiKey.id);
    const anonymous = await postGraphQL<{ viewer: null }>(emulator(), "{viewer{id}}");
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.data?.viewer, null);
  });

  it("accepts contexts() as the Terraform provider sends it, and counts it under its header name", async () => {
    const created = await postGraphQL(emulator(), CONTEXT_CREATE, {
      token,
      variables: { input: { name: "Empty Parens", description: null, labels: null, space: null } },
      headers: { "Spacelift-GraphQL-Mutation": "ContextCreate" },
    });
    assert.equal(created.errors, undefined);
    const listed = await postGraphQL<{ contexts: Array<{ id: string }> }>(
      emulator(),
      "{contexts(){id,name}}",
      {
        token,
        headers: { "Spacelift-GraphQL-Query": "ContextsRead" },
      },
    );
    assert.equal(listed.errors, undefined);
    assert.ok(listed.data?.contexts.some((c) => c.id === "empty-parens"));
    assert.deepEqual(emulator().controls.stats().byOperation, { ContextCreate: 1, ContextsRead: 1 });
  });

  it("accepts a non-null variable for a nullable argument (stackCreate slug)", async () => {
    const reply = await postGraphQL<{ stackCreate: { id: string } }>(emulator(), STACK_CREATE, {
      token,
      variables: {
        input: {
          name: "Slugged",
          repository: "repo",
          branch: "main",
          administrative: false,
          autodeploy: false,
        },
        manageState: true,
        slug: "custom-slug",
      },
    });
    assert.equal(reply.errors, undefined);
    assert.equal(reply.data?.stackCreate.id, "custom-slug");
  });

  it("passes stackDeletionDelayMs to the stack resolvers", async () => {
    await postGraphQL(emulator(), STACK_CREATE, {
      token,
      variables: {
        input: {
          name: "Doomed",
          repository: "repo",
          branch: "main",
          administrative: false,
          autodeploy: false,
        },
        manageState: true,
        slug: "doomed",
      },
    });
    const deleted = await postGraphQL<{ stackDelete: { deleting: boolean } }>(
      emulator(),
      'mutation{stackDelete(id: "doomed"){id,deleting}}',
      { token },
    );
    assert.equal(deleted.data?.stackDelete.deleting, true);
    const read = () =>
      postGraphQL<{ stack: { deleting: boolean } | null }>(emulator(), '{stack(id: "doomed"){deleting}}', {
        token,
      });
    clock += 999;
    assert.deepEqual((await read()).data?.stack, { deleting: true });
    clock += 1;
    assert.equal((await read()).data?.stack, null);
  });

  it("seeds with SeedInput over HTTP and returns the created ids", async () => {
    const response = await fetch(`${emulator().url}/_emulator/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contexts: [{ name: "Seeded Context" }] }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, created: { contexts: ["seeded-context"] } });
    const created = await emulator().controls.seed({ contexts: [{ name: "Seeded In Code" }] });
    assert.deepEqual(created, { contexts: ["seeded-in-code"] });
    const read = await postGraphQL<{ context: { name: string } | null }>(
      emulator(),
      '{context(id: "seeded-context"){name}}',
      {
        token,
      },
    );
    assert.equal(read.data?.context?.name, "Seeded Context");
    const bad = await fetch(`${emulator().url}/_emulator/seed`, { method: "POST", body: '{"stackz": []}' });
    assert.equal(bad.status, 400);
  });

  it("clears the data on reset; the root space comes back", async () => {
    await emulator().controls.seed({ contexts: [{ name: "Gone Soon" }] });
    const response = await fetch(`${emulator().url}/_emulator/data/reset`, { method: "POST" });
    assert.equal(response.status, 200);
    const reply = await postGraphQL<{ contexts: unknown[]; spaces: Array<{ id: string }> }>(
      emulator(),
      "{contexts(){id},spaces(){id}}",
      { token },
    );
    assert.deepEqual(reply.data?.contexts, []);
    assert.deepEqual(
      reply.data?.spaces.map((s) => s.id),
      ["root"],
    );
  });
});

describe("startEmulator state file", () => {
  let dir: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "spacelift-emulator-real-state-"));
  });

  after(() => fs.rm(dir, { recursive: true, force: true }));

  it("keeps contexts across a restart", async () => {
    const stateFile = path.join(dir, "state.json");
    const apiKeys = [{ id: "01J00000000000000000000001", secret: "state-file-test-secret" }];
    const first = await startEmulator({ stateFile, apiKeys });
    try {
      const created = await postGraphQL(first, CONTEXT_CREATE, {
        token: await exchangeApiKey(first),
        variables: { input: { name: "Durable" } },
      });
      assert.equal(created.errors, undefined);
    } finally {
      await first.close();
    }
    const second = await startEmulator({ stateFile, apiKeys });
    try {
      const read = await postGraphQL<{ context: { name: string } | null }>(
        second,
        '{context(id: "durable"){name}}',
        {
          token: await exchangeApiKey(second),
        },
      );
      assert.equal(read.data?.context?.name, "Durable");
      assert.deepEqual(await fs.readdir(dir), ["state.json"]);
    } finally {
      await second.close();
    }
  });
});
