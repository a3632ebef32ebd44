import { strict as assert } from "node:assert";
import { closestName } from "../../../provider/engine/check";
import { RESOURCE_KEY as SPACELIFT_KEY } from "../../../provider/engine/values";
import {
  arg,
  defineResource,
  mutation,
  query,
  type ResourceDescriptor,
} from "../../../provider/engine/descriptor";
import { GRAPHQL_INT, t } from "../../../provider/engine/fieldTypes";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import type { CheckFailure } from "../../../provider/engine/results";
import { UNKNOWN } from "../../../provider/engine/values";
import { contextAttachment, environmentVariable, space, stack } from "../../../provider/resources";
import { fakeApi, PROVIDER, widget } from "./fakes";

async function check(news: Record<string, unknown>, descriptor: ResourceDescriptor = widget) {
  const api = fakeApi({});
  const result = await new ResourceEngine(descriptor, { api: api.port }).check({}, news);
  assert.ok(api.run.notCalled, "check must not call the API");
  return result;
}

function failureFor(failures: CheckFailure[], property: string): CheckFailure {
  const f = failures.find((x) => x.property === property);
  assert.ok(f, `no failure for ${property}; got ${JSON.stringify(failures)}`);
  return f;
}

describe("engine check", () => {
  it("normalizes valid inputs: defaults applied, __provider passed through untouched", async () => {
    const { inputs, failures } = await check({ name: "w", labels: ["b", "a"], __provider: PROVIDER });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { name: "w", size: 1, labels: ["b", "a"], __provider: PROVIDER });
  });

  it("treats null as unset, so defaults apply and nulls are dropped", async () => {
    const { inputs, failures } = await check({ name: "w", size: null, color: null });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { name: "w", size: 1 });
  });

  it("applies defaults of every descriptor field (Space)", async () => {
    const { inputs } = await check({ name: "team" }, space);
    assert.deepEqual(inputs, {
      name: "team",
      parentSpaceId: "root",
      description: "",
      inheritEntities: false,
    });
  });

  const cases: { title: string; news: Record<string, unknown>; property: string; reason: RegExp }[] = [
    { title: "missing required field", news: {}, property: "name", reason: /is required/ },
    {
      title: "string expected",
      news: { name: 5 },
      property: "name",
      reason: /must be a string, got an integer/,
    },
    {
      title: "integer expected",
      news: { name: "w", size: 1.5 },
      property: "size",
      reason: /must be an integer/,
    },
    {
      title: "enum value",
      news: { name: "w", color: "GREEN" },
      property: "color",
      reason: /one of RED, BLUE/,
    },
    {
      title: "list element",
      news: { name: "w", labels: ["a", 2, "c"] },
      property: "labels[1]",
      reason: /string/,
    },
    {
      title: "null list element",
      news: { name: "w", steps: ["a", null] },
      property: "steps[1]",
      reason: /null/,
    },
    {
      title: "list expected",
      news: { name: "w", steps: "a" },
      property: "steps",
      reason: /a list of strings/,
    },
    { title: "map value", news: { name: "w", tags: { env: 1 } }, property: "tags.env", reason: /string/ },
    {
      title: "odd map key",
      news: { name: "w", tags: { "a b": 1 } },
      property: 'tags["a b"]',
      reason: /string/,
    },
    {
      title: "nested constraint",
      news: { name: "w", vendorConfig: { terraform: { version: "latest" } } },
      property: "vendorConfig.terraform.version",
      reason: /semantic version/,
    },
    {
      title: "nested required",
      news: { name: "w", vendorConfig: { pulumi: {} } },
      property: "vendorConfig.pulumi.stackName",
      reason: /is required/,
    },
    {
      title: "nested unknown property",
      news: { name: "w", vendorConfig: { terraform: { verison: "1.0.0" } } },
      property: "vendorConfig.terraform.verison",
      reason: /not a known property/,
    },
    {
      title: "nested mutually exclusive",
      news: { name: "w", vendorConfig: { terraform: {}, pulumi: { stackName: "s" } } },
      property: "vendorConfig.pulumi",
      reason: /conflicts with terraform/,
    },
    {
      title: "unknown top-level property",
      news: { name: "w", colour: "RED" },
      property: "colour",
      reason: /known/,
    },
    {
      title: "computed field set",
      news: { name: "w", createdAt: 1 },
      property: "createdAt",
      reason: /output/,
    },
    { title: "max", news: { name: "w", size: 11 }, property: "size", reason: /at most 10/ },
    { title: "min", news: { name: "w", size: 0 }, property: "size", reason: /at least 1/ },
    { title: "slug-able name", news: { name: "--" }, property: "name", reason: /letter or digit/ },
    {
      title: "cron field count",
      news: { name: "w", schedule: "* * *" },
      property: "schedule",
      reason: /five-field/,
    },
    {
      title: "cron range",
      news: { name: "w", schedule: "61 * * * *" },
      property: "schedule",
      reason: /minute/,
    },
  ];
  for (const c of cases) {
    it(`fails with a path and a reason: ${c.title}`, async () => {
      const { failures } = await check(c.news);
      assert.match(failureFor(failures, c.property).reason, c.reason);
    });
  }

  it("accepts valid cron expressions", async () => {
    for (const schedule of ["*/15 * * * *", "0 9-17 * * MON-FRI", "0 0 1,15 JAN *", "5 4 * * 7"]) {
      const { failures } = await check({ name: "w", schedule });
      assert.deepEqual(failures, [], schedule);
    }
  });

  it("never quotes the offending value in a reason", async () => {
    const { failures } = await check({ name: "---", color: "SECRET-ISH", size: 99 });
    assert.equal(failures.length, 3);
    for (const f of failures) {
      assert.ok(
        !f.reason.includes("---") && !f.reason.includes("SECRET-ISH") && !f.reason.includes("99"),
        f.reason,
      );
    }
  });

  it("skips unknown values at any depth: no validation, no default, kept as is", async () => {
    const news = {
      name: UNKNOWN,
      size: UNKNOWN,
      labels: ["a", UNKNOWN],
      vendorConfig: { terraform: { version: UNKNOWN } },
      tags: UNKNOWN,
      __provider: PROVIDER,
    };
    const { inputs, failures } = await check(news);
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, news);
  });

  describe("integers: the range of GraphQL Int, for every int field at any depth", () => {
    // A descriptor of its own, with no range constraint, so only the engine's rule is at work.
    const counter = defineResource({
      kind: "Counter",
      doc: "A test resource with integers in every position.",
      fields: {
        count: { type: t.int(), doc: "Top level." },
        steps: { type: t.list(t.int()), doc: "List elements." },
        limits: { type: t.map(t.int()), doc: "Map values." },
        nested: { type: t.object({ depth: { type: t.int(), doc: "Nested." } }), doc: "Nested object." },
      },
      operations: {
        create: mutation("CounterCreate", "counterCreate", { input: arg.input("CounterInput!") }),
        read: query("CounterRead", "counter", { id: arg.id() }),
        update: mutation("CounterUpdate", "counterUpdate", {
          id: arg.id(),
          input: arg.input("CounterInput!"),
        }),
        delete: mutation("CounterDelete", "counterDelete", { id: arg.id() }),
      },
    });

    it("accepts both ends of the range", async () => {
      const news = {
        count: GRAPHQL_INT.max,
        steps: [GRAPHQL_INT.min, 0],
        limits: { a: GRAPHQL_INT.max },
        nested: { depth: GRAPHQL_INT.min },
      };
      const { inputs, failures } = await check(news, counter);
      assert.deepEqual(failures, []);
      assert.deepEqual(inputs, news);
    });

    const outside: { what: string; news: Record<string, unknown>; property: string }[] = [
      { what: "one above the maximum", news: { count: GRAPHQL_INT.max + 1 }, property: "count" },
      { what: "one below the minimum", news: { count: GRAPHQL_INT.min - 1 }, property: "count" },
      { what: "far beyond a safe integer", news: { count: 1e20 }, property: "count" },
      { what: "a list element", news: { steps: [1, 2 ** 40] }, property: "steps[1]" },
      { what: "a map value", news: { limits: { b: -(2 ** 33) } }, property: "limits.b" },
      { what: "a nested field", news: { nested: { depth: 2 ** 31 } }, property: "nested.depth" },
    ];
    for (const o of outside) {
      it(`refuses ${o.what} (${o.property}) without quoting the value`, async () => {
        const { failures } = await check(o.news, counter);
        const reason = failureFor(failures, o.property).reason;
        assert.match(reason, /must be a 32-bit integer, from -2147483648 to 2147483647/);
        assert.ok(!/\d{11,}|e\+/.test(reason), reason);
      });
    }

    it("still refuses a fraction as not an integer", async () => {
      const { failures } = await check({ count: 1.5 }, counter);
      assert.match(failureFor(failures, "count").reason, /must be an integer, got a number/);
    });

    it("applies to the real descriptors' int fields too (a context attachment's priority)", async () => {
      const { failures } = await check(
        { contextId: "c", stackId: "s", priority: 2 ** 31 },
        contextAttachment,
      );
      assert.match(failureFor(failures, "priority").reason, /32-bit integer/);
    });
  });

  describe("undeclared arguments", () => {
    it("names a misspelt argument and the closest valid one", async () => {
      const { failures } = await check({ name: "team", parentSpaceID: "root" }, space);
      assert.equal(
        failureFor(failures, "parentSpaceID").reason,
        "is not a known property; did you mean parentSpaceId?",
      );
    });

    it("maps a GraphQL spelling to the argument (space → spaceId)", async () => {
      const { failures } = await check(
        { name: "infra", repository: "r", branch: "main", space: "root" },
        stack,
      );
      assert.match(failureFor(failures, "space").reason, /did you mean spaceId\?/);
    });

    it("explains id and urn, which Pulumi users reach for to adopt an object", async () => {
      const { failures } = await check({ name: "team", id: "team-01", urn: "urn:pulumi:x" }, space);
      assert.match(
        failureFor(failures, "id").reason,
        /Spacelift assigns the ID; .* look it up with Space.get/,
      );
      assert.match(failureFor(failures, "urn").reason, /Pulumi assigns every resource's URN/);
    });

    it("lists the arguments when nothing is close", async () => {
      const { failures } = await check({ name: "team", somethingElse: 1 }, space);
      const known = Object.entries(space.fields as ResourceDescriptor["fields"])
        .filter(([, f]) => !f.computed)
        .map(([n]) => n);
      assert.equal(
        failureFor(failures, "somethingElse").reason,
        `is not a known property (known: ${known.join(", ")})`,
      );
    });

    it("refuses __-prefixed members other than the reserved ones", async () => {
      const { inputs, failures } = await check({ name: "w", __secretSauce: "x", __provider: PROVIDER });
      assert.match(failureFor(failures, "__secretSauce").reason, /reserved/);
      assert.equal(inputs["__secretSauce"], undefined);
    });

    it(`passes ${SPACELIFT_KEY} and __provider through unchanged and never validates them`, async () => {
      for (const key of ["k-0123", "", "  odd\nvalue  ", UNKNOWN]) {
        const { inputs, failures } = await check({ name: "w", __provider: PROVIDER, [SPACELIFT_KEY]: key });
        assert.deepEqual(failures, [], JSON.stringify(key));
        assert.equal(inputs[SPACELIFT_KEY], key);
        assert.equal(inputs["__provider"], PROVIDER);
      }
    });

    it("accepts what the SDK sends: computed outputs it pre-declares as undefined are absent", async () => {
      const { failures } = await check({ name: "w", tokenChecksum: undefined, createdAt: undefined });
      assert.deepEqual(failures, []);
    });

    it("does not mistake Object.prototype members for arguments", async () => {
      const { failures } = await check(JSON.parse('{"name":"w","constructor":"x","toString":"y"}'));
      assert.ok(failures.some((f) => f.property === "constructor"));
      assert.ok(failures.some((f) => f.property === "toString"));
    });

    it("suggests only close names", () => {
      const known = ["name", "labels", "spaceId", "parentSpaceId"];
      assert.equal(closestName("labls", known), "labels");
      assert.equal(closestName("lables", known), "labels");
      assert.equal(closestName("SPACEID", known), "spaceId");
      assert.equal(closestName("id", known), undefined);
      assert.equal(closestName("colour", known), undefined);
    });
  });

  describe("EnvironmentVariable parents (exactly one of contextId, stackId, moduleId)", () => {
    const rows: { title: string; news: Record<string, unknown>; property?: string; reason?: RegExp }[] = [
      { title: "context only", news: { contextId: "c" } },
      { title: "module only", news: { moduleId: "m" } },
      {
        title: "none",
        news: {},
        property: "contextId",
        reason: /exactly one of contextId, stackId, moduleId/,
      },
      {
        title: "two",
        news: { contextId: "c", stackId: "s" },
        property: "stackId",
        reason: /conflicts with contextId/,
      },
      { title: "unknown during preview", news: { stackId: UNKNOWN } },
      { title: "one set, one unknown", news: { contextId: "c", stackId: UNKNOWN } },
    ];
    for (const r of rows) {
      it(r.title, async () => {
        const { failures } = await check({ name: "FOO", value: "v", ...r.news }, environmentVariable);
        if (!r.property) assert.deepEqual(failures, []);
        else assert.match(failureFor(failures, r.property).reason, r.reason!);
      });
    }

    it("rejects invalid variable names", async () => {
      for (const name of ["1ABC", "A-B", "", "A B"]) {
        const { failures } = await check({ name, contextId: "c" }, environmentVariable);
        assert.match(failureFor(failures, "name").reason, /environment variable name/, name);
      }
    });

    it("defaults writeOnly to true and value to the empty string", async () => {
      const { inputs } = await check({ name: "FOO", contextId: "c" }, environmentVariable);
      assert.deepEqual(inputs, { name: "FOO", contextId: "c", value: "", writeOnly: true });
    });
  });
});
