import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PropertyMap } from "../helpers/providerHost";
import type { BadInputCase } from "./badInputCase";
import { registeredKinds } from "../../provider/resources";
import { type HostFixture, startHostFixture } from "./hostFixture";

/** The table must stay at least this large: every kind needs its rejections pinned down. */
const MINIMUM_CASES = 30;
/** Rows every registered kind needs at least. */
const MINIMUM_PER_KIND = 3;

// Every file in badInputCases/ contributes rows; adding rows for a kind is adding a file.
const casesDir = path.join(__dirname, "badInputCases");
const files = fs
  .readdirSync(casesDir)
  .filter((file) => file.endsWith(".ts"))
  .sort();
const table: { readonly file: string; readonly row: BadInputCase }[] = files.flatMap((file) => {
  const rows = (require(path.join(casesDir, file)) as { badInputCases?: BadInputCase[] }).badInputCases;
  if (!Array.isArray(rows)) {
    throw new Error(`tests/host/badInputCases/${file} must export badInputCases: BadInputCase[]`);
  }
  return rows.map((row) => ({ file, row }));
});

describe("Check rejects bad input through the dynamic-provider host, before any API call", function () {
  this.timeout(120_000);

  let fixture: HostFixture;

  before(async () => {
    fixture = await startHostFixture();
    await fixture.host.configure({});
    // Starting the host talks to nobody, but count from a known zero all the same.
    fixture.emulator.controls.resetStats();
  });

  after(async () => {
    await fixture?.close();
  });

  it(`has at least ${MINIMUM_CASES} rows, and every file contributes some`, () => {
    assert.ok(table.length >= MINIMUM_CASES, `only ${table.length} rows`);
    for (const file of files) {
      assert.ok(
        table.some((entry) => entry.file === file),
        `${file} exports no rows`,
      );
    }
  });

  it(`has at least ${MINIMUM_PER_KIND} rows for every registered kind`, () => {
    const short = registeredKinds().filter(
      (kind) => table.filter((entry) => entry.row.kind === kind).length < MINIMUM_PER_KIND,
    );
    assert.deepEqual(short, []);
  });

  for (const { file, row } of table) {
    it(`${row.kind} (${file}): ${row.property} ${row.reason.source}`, async () => {
      const result = await fixture.host.check(row.kind, "bad-input", {}, row.inputs);
      const reasons = result.failures.map((f) => `${f.property}: ${f.reason}`);
      assert.ok(
        result.failures.some((f) => f.property === row.property && row.reason.test(f.reason)),
        `expected a failure for ${row.property} matching ${String(row.reason)}, got ${JSON.stringify(reasons)}`,
      );
    });
  }

  // The table's limits must not refuse what sits just inside them, nor the SDK's reserved member.
  const acceptable: { readonly kind: string; readonly inputs: PropertyMap }[] = [
    {
      kind: "Space",
      inputs: { name: "n".repeat(255), labels: ["team:platform", "a,b", "ünïcode"], __spaceliftKey: "k-1" },
    },
    { kind: "ContextAttachment", inputs: { contextId: "ctx", stackId: "infra", priority: 2 ** 31 - 1 } },
    { kind: "Webhook", inputs: { stackId: "infra", endpoint: "http://hooks.internal:8080/spacelift?x=1" } },
    {
      kind: "Stack",
      inputs: {
        name: "Infra (EU)",
        repository: "infra",
        branch: "main",
        rawGit: { namespace: "i", url: "https://git.example.com/i.git" },
      },
    },
    {
      kind: "MountedFile",
      inputs: { contextId: "ctx", relativePath: "dir with space/app.json", content: "YQ==" },
    },
  ];
  for (const { kind, inputs } of acceptable) {
    it(`${kind}: accepts values just inside the limits`, async () => {
      const result = await fixture.host.check(kind, "acceptable", {}, inputs);
      assert.deepEqual(result.failures, []);
      if (inputs["__spaceliftKey"] !== undefined) {
        assert.equal(result.inputs["__spaceliftKey"], inputs["__spaceliftKey"]);
      }
    });
  }

  // Runs after every row (mocha keeps definition order): the whole table must cost no request.
  it("made no request to the API for the whole table", () => {
    const stats = fixture.emulator.controls.stats();
    assert.equal(stats.total, 0, `requests made: ${JSON.stringify(stats.byOperation)}`);
  });
});
