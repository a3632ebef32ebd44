import { strict as assert } from "node:assert";
import type { Fault } from "../../emulator/faults";
import { FaultInjector } from "../../emulator/faults";
import { parse } from "graphql";
import { identifyOperation, type OperationIdentity } from "../../emulator/operation";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { startFixtureEmulator, type FixtureEmulator } from "./fixtureSchema";

const CREATE = "mutation($id:ID!$text:String!){noteCreate(id: $id, text: $text){id}}";
const READ = "{notes{id}}";
const EXCHANGE = "mutation ApiKeyUser($id:ID!$secret:String!){apiKeyUser(id: $id, secret: $secret){jwt}}";

describe("fault rules matched by operation kind", () => {
  let emulator: FixtureEmulator;
  let token: string;
  let seq = 0;

  const create = () => {
    seq += 1;
    return postGraphQL(emulator, CREATE, { token, variables: { id: `kind-${seq}`, text: "t" } });
  };
  const read = () => postGraphQL(emulator, READ, { token });
  const exchange = () =>
    postGraphQL<{ apiKeyUser: { jwt: string } | null }>(emulator, EXCHANGE, {
      variables: { id: emulator.apiKey.id, secret: emulator.apiKey.secret },
    });
  const noteCount = () => emulator.store.collection("notes").size;
  const controlPost = async (body: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(async () => {
    emulator = await startFixtureEmulator();
    token = await exchangeApiKey(emulator);
  });

  after(() => emulator.close());

  beforeEach(() => emulator.controls.resetStats());

  afterEach(() => emulator.controls.clearFaults());

  it("loses the answer of exactly 10 % of mutations, sparing queries and credential exchanges", async () => {
    emulator.controls.addFault({
      operationKind: "mutation",
      share: 0.1,
      fault: { kind: "applyThenServerError" },
    });
    const before = noteCount();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const exchanged = await exchange();
      assert.equal(exchanged.status, 200);
      assert.ok(exchanged.data?.apiKeyUser?.jwt, "an exchange is never matched by operationKind");
      assert.equal((await read()).status, 200);
      statuses.push((await create()).status);
    }
    assert.deepEqual(
      statuses.flatMap((status, i) => (status === 200 ? [] : [[i + 1, status]])),
      [
        [10, 502],
        [20, 502],
      ],
    );
    assert.equal(noteCount(), before + 20, "every mutation was applied");
    assert.equal(emulator.controls.stats().answersLost, 2);
    assert.equal(emulator.controls.faults()[0].matched, 20);
  });

  it("matches a credential exchange when the rule names it", async () => {
    emulator.controls.addFault({
      operation: "ApiKeyUser",
      operationKind: "mutation",
      times: 1,
      fault: { kind: "serverError", status: 503 },
    });
    assert.equal((await exchange()).status, 503);
    assert.equal((await exchange()).status, 200);
  });

  it("combines every earlier fault kind with a query-only rule", async () => {
    const faults: Array<{ fault: Fault; status: number }> = [
      { fault: { kind: "serverError" }, status: 500 },
      { fault: { kind: "rateLimit", retryAfterSeconds: 3 }, status: 429 },
      { fault: { kind: "graphqlError", message: "reads are flaky" }, status: 200 },
    ];
    for (const { fault, status } of faults) {
      emulator.controls.addFault({ operationKind: "query", times: 1, fault });
      const before = noteCount();
      assert.equal((await create()).status, 200, `${fault.kind}: a mutation is not matched`);
      assert.equal(noteCount(), before + 1);
      const failed = await read();
      assert.equal(failed.status, status, fault.kind);
      assert.equal(failed.data ?? null, null, `${fault.kind}: the read did not run`);
      assert.equal((await read()).status, 200, `${fault.kind}: the rule is spent`);
    }
    assert.deepEqual(emulator.controls.faults(), []);
  });

  it("needs both the name and the kind to match when a rule gives both", async () => {
    emulator.controls.addFault({
      operation: "notes",
      operationKind: "mutation",
      times: 1,
      fault: { kind: "serverError" },
    });
    assert.equal((await read()).status, 200);
    assert.equal((await create()).status, 200);
    assert.equal(emulator.controls.faults()[0].matched, 0);
  });

  it("adds rules with operationKind and the new kinds over HTTP and lists them", async () => {
    const added = await controlPost({
      operationKind: "mutation",
      share: 0.5,
      fault: { kind: "applyThenServerError" },
    });
    assert.equal(added.status, 200);
    const { id, ...rule } = added.body;
    assert.equal(typeof id, "string");
    assert.deepEqual(rule, {
      operation: null,
      operationKind: "mutation",
      remaining: null,
      share: 0.5,
      matched: 0,
      fault: { kind: "applyThenServerError", status: 502 },
    });
    for (const fault of [
      { kind: "applyThenDrop" },
      { kind: "dropBeforeApply" },
      { kind: "slowAnswer", delayMs: 1500 },
    ]) {
      const reply = await controlPost({ operation: "NoteCreate", times: 2, fault });
      assert.equal(reply.status, 200, JSON.stringify(fault));
      assert.deepEqual(reply.body.fault, fault);
      assert.equal(reply.body.operationKind, null);
    }
    const listed = (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as {
      faults: Array<{ fault: { kind: string } }>;
    };
    assert.deepEqual(
      listed.faults.map((rule) => rule.fault.kind),
      ["applyThenServerError", "applyThenDrop", "dropBeforeApply", "slowAnswer"],
    );
  });

  it("rejects invalid rules for the new matcher and kinds with HTTP 400", async () => {
    for (const body of [
      { operationKind: "subscription", times: 1, fault: { kind: "serverError" } },
      { operationKind: "", times: 1, fault: { kind: "serverError" } },
      { operationKind: "mutation", fault: { kind: "applyThenDrop" } },
      { times: 1, fault: { kind: "applyThenServerError", status: 200 } },
      { times: 1, fault: { kind: "applyThenServerError", status: "502" } },
      { times: 1, fault: { kind: "slowAnswer" } },
      { times: 1, fault: { kind: "slowAnswer", delayMs: 0 } },
      { times: 1, fault: { kind: "slowAnswer", delayMs: 2.5 } },
      { times: 1, fault: { kind: "slowAnswer", delayMs: 2 ** 31 } },
      { times: 1, fault: { kind: "applyThenTeapot" } },
    ]) {
      const reply = await controlPost(body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(typeof reply.body.error, "string");
    }
    assert.deepEqual(emulator.controls.faults(), []);
  });
});

describe("FaultInjector matching", () => {
  const call = (name: string, kind: "query" | "mutation", exchange = false): OperationIdentity => ({
    name,
    kind,
    exchange,
  });

  it("leaves exchanges out of a mutation rule and matches them by name", () => {
    const injector = new FaultInjector();
    injector.add({ operationKind: "mutation", share: 1, fault: { kind: "applyThenDrop" } });
    assert.equal(injector.next(call("ApiKeyUser", "mutation", true)), null);
    assert.deepEqual(injector.next(call("StackCreate", "mutation")), { kind: "applyThenDrop" });
    assert.equal(injector.next(call("StackRead", "query")), null);

    const named = new FaultInjector();
    named.add({ operation: "ApiKeyUser", times: 1, fault: { kind: "dropBeforeApply" } });
    assert.deepEqual(named.next(call("ApiKeyUser", "mutation", true)), { kind: "dropBeforeApply" });
  });

  it("reports the defaults of the new kinds", () => {
    const injector = new FaultInjector();
    const rule = injector.add({ times: 1, fault: { kind: "applyThenServerError" } });
    assert.deepEqual(rule.fault, { kind: "applyThenServerError", status: 502 });
    assert.equal(rule.operationKind, null);
  });
});

describe("identifyOperation's exchange flag", () => {
  const identify = (query: string, headers: Record<string, string> = {}) =>
    identifyOperation(headers, parse(query), undefined);

  it("marks a mutation made only of apiKeyUser or oauthUser, and nothing else", () => {
    assert.equal(identify('mutation{apiKeyUser(id:"k",secret:"s"){jwt}}').exchange, true);
    assert.equal(identify('mutation O{oauthUser(token:"t"){jwt} __typename}').exchange, true);
    assert.equal(
      identify('mutation{apiKeyUser(id:"k",secret:"s"){jwt}}', { "spacelift-graphql-mutation": "Login" })
        .exchange,
      true,
    );
    assert.equal(identify('mutation{apiKeyUser(id:"k",secret:"s"){jwt} logout{id}}').exchange, false);
    assert.equal(identify("mutation{logout{id}}").exchange, false);
    assert.equal(
      identify('mutation{...F} fragment F on Mutation{apiKeyUser(id:"k",secret:"s"){jwt}}').exchange,
      false,
    );
    assert.equal(identify("{apiKeyUser{jwt}}").exchange, false, "a query is never an exchange");
  });
});
