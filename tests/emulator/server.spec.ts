import { strict as assert } from "node:assert";
import type { FixtureEmulator as EmulatorHandle } from "./fixtureSchema";
import { decodeJwt } from "jose";
import { stripEmptyArgumentLists } from "../../emulator/emptyArguments";
import { baseUrlFor, listeningUrl, resolveOptions } from "../../emulator/options";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { startFixtureEmulator } from "./fixtureSchema";

type NotesData = { notes: Array<{ id: string; text?: string }> };

describe("emulator request handling", () => {
  let emulator: EmulatorHandle;
  let token: string;

  before(async () => {
    emulator = await startFixtureEmulator();
    token = await exchangeApiKey(emulator);
    await emulator.controls.seed({
      notes: [
        { id: "n1", text: "first", label: "a" },
        { id: "n2", text: "second" },
      ],
    });
  });

  after(() => emulator.close());

  beforeEach(() => emulator.controls.resetStats());

  describe("stripEmptyArgumentLists", () => {
    it("removes empty argument lists", () => {
      assert.equal(
        stripEmptyArgumentLists("{contexts(){id},policies( ){id}}"),
        "{contexts{id},policies{id}}",
      );
    });

    it("leaves () inside strings, block strings and comments alone", () => {
      const doc = '{a(x:"()"){id} b(y:"""()"""){id} # c()\n}';
      assert.equal(stripEmptyArgumentLists(doc), doc);
    });

    it("returns text the lexer rejects unchanged, so the parser reports it", () => {
      assert.equal(stripEmptyArgumentLists('{a() "unterminated'), '{a() "unterminated');
    });
  });

  it("accepts the empty argument lists Spacelift's Terraform provider sends", async () => {
    const reply = await postGraphQL<NotesData>(emulator, "{notes(){id}}", { token });
    assert.equal(reply.status, 200);
    assert.equal(reply.errors, undefined);
    assert.deepEqual(reply.data?.notes.map((n) => n.id).sort(), ["n1", "n2"]);
  });

  it("keeps () inside string arguments", async () => {
    const reply = await postGraphQL<{ noteCreate: { text: string } }>(
      emulator,
      'mutation{noteCreate(id: "parens", text: "f()"){text}}',
      { token },
    );
    assert.equal(reply.data?.noteCreate.text, "f()");
  });

  it("accepts anonymous minified documents with aliases and inline fragments", async () => {
    const reply = await postGraphQL<{ all: Array<{ id: string; body: string }> }>(
      emulator,
      '{all:notes(label: "a"){id,... on Note{body:text}}}',
      { token },
    );
    assert.equal(reply.errors, undefined);
    assert.deepEqual(reply.data?.all, [{ id: "n1", body: "first" }]);
  });

  it("accepts a non-null variable declared for a nullable argument", async () => {
    const reply = await postGraphQL<NotesData>(emulator, "query($label:String!){notes(label: $label){id}}", {
      token,
      variables: { label: "a" },
    });
    assert.equal(reply.errors, undefined);
    assert.deepEqual(reply.data?.notes, [{ id: "n1" }]);
  });

  it("accepts Go-client style variable declarations with explicit nulls", async () => {
    const reply = await postGraphQL<{ noteCreate: { id: string; label: string | null } }>(
      emulator,
      "mutation($id:ID!$label:String$text:String!){noteCreate(id: $id, text: $text, label: $label){id,label}}",
      { token, variables: { id: "go-style", label: null, text: "t" } },
    );
    assert.equal(reply.errors, undefined);
    assert.deepEqual(reply.data?.noteCreate, { id: "go-style", label: null });
  });

  it("reports GraphQL validation and syntax errors with HTTP 200, even to clients preferring graphql-response+json", async () => {
    for (const query of ["{nope}", "{notes{id}"]) {
      const reply = await postGraphQL(emulator, query, {
        token,
        headers: { accept: "application/graphql-response+json, application/json" },
      });
      assert.equal(reply.status, 200);
      assert.equal(reply.errors?.length, 1);
    }
  });

  it("names requests after the Spacelift-GraphQL-Query/-Mutation headers", async () => {
    await postGraphQL(emulator, "{notes{id}}", {
      token,
      headers: { "Spacelift-GraphQL-Query": "NotesRead" },
    });
    await postGraphQL(emulator, "{notes{id}}", {
      token,
      headers: { "Spacelift-GraphQL-Query": "NotesRead" },
    });
    await postGraphQL(emulator, 'mutation{noteCreate(id: "h1", text: "x"){id}}', {
      token,
      headers: { "Spacelift-GraphQL-Mutation": "NoteCreate" },
    });
    const stats = emulator.controls.stats();
    assert.deepEqual(stats.byOperation, { NotesRead: 2, NoteCreate: 1 });
    assert.equal(emulator.controls.requestCount("NotesRead"), 2);
    assert.equal(emulator.controls.requestCount("Missing"), 0);
    assert.deepEqual(
      stats.recent.map((e) => [e.operation, e.kind, e.status]),
      [
        ["NotesRead", "query", 200],
        ["NotesRead", "query", 200],
        ["NoteCreate", "mutation", 200],
      ],
    );
  });

  it("falls back to the document's operation name, then to the first root field", async () => {
    await postGraphQL(emulator, "query ListNotes{notes{id}}", { token });
    await postGraphQL(emulator, "{viewer{id}}", { token });
    await postGraphQL(emulator, "query A{viewer{id}} query B{notes{id}}", { token });
    await postGraphQL(emulator, "not json at all");
    assert.deepEqual(emulator.controls.stats().byOperation, { ListNotes: 1, viewer: 1, unknown: 2 });
  });

  it("uses the operationName of the body to pick among several operations", async () => {
    const response = await fetch(emulator.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "query A{viewer{id}} query B{notes(){id}}", operationName: "B" }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(emulator.controls.stats().byOperation, { B: 1 });
  });

  it("logs requests without variables, documents or tokens", async () => {
    const secretish = "variable-value-that-must-not-be-logged";
    await postGraphQL(emulator, "mutation($id:ID!$text:String!){noteCreate(id: $id, text: $text){id}}", {
      token,
      variables: { id: "logged", text: secretish },
    });
    await postGraphQL(
      emulator,
      "mutation($id:ID!$secret:String!){apiKeyUser(id: $id, secret: $secret){jwt}}",
      {
        variables: { id: emulator.apiKey.id, secret: emulator.apiKey.secret },
      },
    );
    const stats = emulator.controls.stats();
    const served = JSON.stringify(await (await fetch(`${emulator.url}/_emulator/stats`)).json());
    for (const text of [JSON.stringify(stats), served]) {
      for (const forbidden of [secretish, emulator.apiKey.secret, token, "noteCreate(id"]) {
        assert.ok(!text.includes(forbidden), "stats must not contain request values");
      }
    }
    assert.deepEqual(
      stats.recent.map((e) => [e.operation, e.kind, e.credential, e.status]),
      [
        ["noteCreate", "mutation", emulator.apiKey.id, 200],
        ["apiKeyUser", "mutation", "anonymous", 200],
      ],
    );
  });

  it("serves the same handlers in-process through handle.fetch", async () => {
    const inProcess = await postGraphQL<NotesData>(emulator, "{notes(){id}}", { token, inProcess: true });
    const overNetwork = await postGraphQL<NotesData>(emulator, "{notes(){id}}", { token });
    assert.equal(inProcess.status, 200);
    assert.ok((inProcess.data?.notes.length ?? 0) >= 2);
    assert.deepEqual(inProcess.data, overNetwork.data);
    assert.equal(emulator.controls.requestCount("notes"), 2);
  });

  it("answers other paths and methods with JSON errors", async () => {
    const missing = await fetch(`${emulator.url}/nope`);
    assert.equal(missing.status, 404);
    const get = await fetch(emulator.graphqlUrl);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST");
    const control = await fetch(`${emulator.url}/_emulator/nope`);
    assert.equal(control.status, 404);
    const wrongMethod = await fetch(`${emulator.url}/_emulator/stats`, { method: "DELETE" });
    assert.equal(wrongMethod.status, 405);
    assert.equal(emulator.controls.stats().total, 0, "only POST /graphql requests are counted");
  });

  it("reports the emulator's base URL on GET /_emulator/health", async () => {
    const response = await fetch(`${emulator.url}/_emulator/health`);
    assert.deepEqual(await response.json(), { ok: true, url: emulator.url });
  });

  describe("addresses and options", () => {
    it("advertises loopback for wildcard hosts and brackets IPv6 hosts", () => {
      assert.equal(baseUrlFor("0.0.0.0", 4000), "http://127.0.0.1:4000");
      assert.equal(baseUrlFor("::", 4000), "http://[::1]:4000");
      assert.equal(baseUrlFor("localhost", 4000), "http://localhost:4000");
      assert.equal(listeningUrl("0.0.0.0", 4000), "http://0.0.0.0:4000");
      assert.equal(listeningUrl("::1", 4000), "http://[::1]:4000");
    });

    it("puts publicUrl in the token audience", async () => {
      const behindProxy = await startFixtureEmulator({ publicUrl: "http://emulator:4000/" });
      try {
        assert.equal(behindProxy.url, "http://emulator:4000");
        assert.equal(behindProxy.graphqlUrl, "http://emulator:4000/graphql");
        const jwt = await exchangeApiKey({
          ...behindProxy,
          graphqlUrl: `http://127.0.0.1:${behindProxy.port}/graphql`,
        });
        assert.deepEqual(decodeJwt(jwt).aud, ["http://emulator:4000"]);
      } finally {
        await behindProxy.close();
      }
    });

    it("rejects options that cannot work, naming the option", () => {
      assert.throws(() => resolveOptions({ port: 70000 }), /port/);
      assert.throws(() => resolveOptions({ tokenTtlSeconds: 0 }), /tokenTtlSeconds/);
      assert.throws(() => resolveOptions({ stackDeletionDelayMs: -1 }), /stackDeletionDelayMs/);
      assert.throws(() => resolveOptions({ apiKeys: [{ id: "x", secret: "" }] }), /API key/);
      assert.throws(() => resolveOptions({ publicUrl: "emulator:4000" }), /publicUrl/);
    });
  });
});
