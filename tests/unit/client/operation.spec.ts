import { strict as assert } from "node:assert";
import { defineOperation } from "../../../provider/client/operation";
import { EXCHANGE_OPERATIONS } from "../../../provider/client/spaceliftClient";

describe("defineOperation", () => {
  it("accepts a named document whose name and kind match", () => {
    const operation = defineOperation({
      name: "ContextCreate",
      kind: "mutation",
      document: "mutation ContextCreate($input: ContextInput!) { contextCreateV2(input: $input) { id } }",
    });
    assert.equal(operation.name, "ContextCreate");
    assert.equal(operation.kind, "mutation");
    assert.equal(operation.idempotent, false, "a mutation is not idempotent unless declared so");
    assert.ok(Object.isFrozen(operation));
  });

  it("treats every query as idempotent, and a mutation only when declared", () => {
    assert.equal(
      defineOperation({ name: "StackRead", kind: "query", document: "query StackRead { stacks { id } }" })
        .idempotent,
      true,
    );
    assert.equal(
      defineOperation({
        name: "ContextUpdate",
        kind: "mutation",
        document: "mutation ContextUpdate { contextUpdateV2 { id } }",
        idempotent: true,
      }).idempotent,
      true,
    );
  });

  it("allows fragments next to the one operation", () => {
    const operation = defineOperation({
      name: "StackRead",
      kind: "query",
      document:
        "query StackRead($id: ID!) { stack(id: $id) { ...StackFields } } fragment StackFields on Stack { id name }",
    });
    assert.equal(operation.name, "StackRead");
  });

  const refused: { name: string; spec: Parameters<typeof defineOperation>[0]; message: RegExp }[] = [
    {
      name: "an anonymous document",
      spec: { name: "StackRead", kind: "query", document: "query { stacks { id } }" },
      message: /operation StackRead: the document's operation is anonymous; name it StackRead/,
    },
    {
      name: "a shorthand query",
      spec: { name: "StackRead", kind: "query", document: "{ stacks { id } }" },
      message: /anonymous/,
    },
    {
      name: "a different name",
      spec: { name: "StackRead", kind: "query", document: "query StackList { stacks { id } }" },
      message: /operation StackRead: the document names its operation StackList/,
    },
    {
      name: "a different kind",
      spec: {
        name: "StackDelete",
        kind: "query",
        document: 'mutation StackDelete { stackDelete(id: "x") { id } }',
      },
      message: /declared as a query but the document is a mutation/,
    },
    {
      name: "a subscription",
      spec: { name: "Runs", kind: "mutation", document: "subscription Runs { runs { id } }" },
      message: /declared as a mutation but the document is a subscription/,
    },
    {
      name: "two operations",
      spec: { name: "A", kind: "query", document: "query A { a } query B { b }" },
      message: /exactly one operation, it holds 2/,
    },
    {
      name: "a syntax error",
      spec: { name: "A", kind: "query", document: "query A { a(" },
      message: /operation A: the document does not parse: Syntax Error/,
    },
    {
      name: "a query declared not idempotent",
      spec: { name: "A", kind: "query", document: "query A { a }", idempotent: false },
      message: /a query is always idempotent/,
    },
  ];
  for (const row of refused) {
    it(`refuses ${row.name}`, () => assert.throws(() => defineOperation(row.spec), row.message));
  }
});

describe("operations the client declares as data", () => {
  it("the token exchanges validate (they are checked at first use, not when the module loads)", () => {
    for (const spec of Object.values(EXCHANGE_OPERATIONS)) {
      assert.equal(defineOperation(spec).name, spec.name);
    }
  });

  it("loading the provider loads neither the GraphQL parser nor the HTTP client nor jose nor node-forge", async () => {
    // A fresh process: this one has loaded them all already.
    const { execFile } = await import("node:child_process");
    const loaded = await new Promise<string[]>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          "-e",
          'require("pulumi-spacelift/provider"); console.log(JSON.stringify(Object.keys(require.cache)))',
        ],
        (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as string[])),
      ),
    );
    const heavy = loaded.filter((file) =>
      /node_modules[\\/](graphql|graphql-request|jose|node-forge)[\\/]/.test(file),
    );
    assert.deepEqual(heavy, []);
    assert.ok(
      loaded.some((file) => /dist[\\/]provider[\\/]index\.js$/.test(file)),
      "the provider was not loaded",
    );
  });
});
