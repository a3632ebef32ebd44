import { strict as assert } from "node:assert";
import { buildSchema, specifiedRules } from "graphql";

import { createDocumentCache } from "../../emulator/documentCache";

describe("emulator document cache", () => {
  const schema = buildSchema("type Query { stack(id: ID!): Stack } type Stack { id: ID! name: String! }");
  const other = buildSchema("type Query { space(id: ID!): String }");
  const text = 'query StackRead { stack(id: "a") { id name } }';

  it("parses a text once: the same text gives the same document object", () => {
    const cache = createDocumentCache();
    const first = cache.parse(text);
    assert.equal(cache.parse(text), first);
    assert.notEqual(cache.parse('query Other { stack(id: "b") { id } }'), first);
  });

  it("still reports a syntax error, every time", () => {
    const cache = createDocumentCache();
    assert.throws(() => cache.parse("query {"), /Syntax Error/);
    assert.throws(() => cache.parse("query {"), /Syntax Error/);
  });

  it("validates a document once per schema, keeping its errors", () => {
    const cache = createDocumentCache();
    const document = cache.parse(text);
    const errors = cache.validate(schema, document, specifiedRules);
    assert.deepEqual(errors, []);
    assert.equal(cache.validate(schema, document, specifiedRules), errors);
    // Against another schema the document is validated again, and is wrong there.
    const elsewhere = cache.validate(other, document, specifiedRules);
    assert.match(elsewhere.map((e) => e.message).join("\n"), /Cannot query field "stack"/);
    const invalid = cache.parse('query Bad { stack(id: "a") { nope } }');
    const reported = cache.validate(schema, invalid, specifiedRules);
    assert.match(reported[0]?.message ?? "", /Cannot query field "nope"/);
    assert.equal(cache.validate(schema, invalid, specifiedRules), reported);
  });
});
