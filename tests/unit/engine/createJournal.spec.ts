import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileJournal, journalDirectory, JOURNAL_DIR_ENV } from "../../../provider/engine/createJournal";

describe("create journal", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-test-"));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("survives the process: a second journal on the same directory sees what the first wrote", () => {
    const first = fileJournal(dir);
    first.begin("0a1b2c3d.0011", "Space", 1000);
    // A fresh instance stands for the next deployment's process after a kill.
    assert.deepEqual(fileJournal(dir).get("0a1b2c3d.0011"), {
      key: "0a1b2c3d.0011",
      kind: "Space",
      startedAt: 1000,
    });
    first.finish("0a1b2c3d.0011", "team-1", 2000);
    assert.deepEqual(fileJournal(dir).get("0a1b2c3d.0011"), {
      key: "0a1b2c3d.0011",
      kind: "Space",
      startedAt: 1000,
      finishedAt: 2000,
      id: "team-1",
    });
  });

  it("replaces an entry when the same resource starts a new create", () => {
    const journal = fileJournal(dir);
    journal.begin("k.1", "Space", 1000);
    journal.finish("k.1", "old", 1500);
    journal.begin("k.1", "Space", 5000);
    assert.deepEqual(fileJournal(dir).get("k.1"), { key: "k.1", kind: "Space", startedAt: 5000 });
  });

  it("leaves no temporary file behind and keeps entries small", () => {
    const journal = fileJournal(dir);
    for (let i = 0; i < 5; i++) journal.begin(`k.${i}`, "Context", i);
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 5);
    assert.ok(
      files.every((f) => f.endsWith(".json")),
      files.join(", "),
    );
    for (const f of files) assert.ok(fs.statSync(path.join(dir, f)).size < 200);
  });

  it("prunes entries older than 30 days when it first writes", () => {
    const stale = path.join(dir, "stale.json");
    fs.writeFileSync(stale, "{}");
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    fs.utimesSync(stale, old, old);
    fileJournal(dir).begin("k.1", "Space", Date.now());
    assert.ok(!fs.existsSync(stale));
    assert.ok(fs.existsSync(path.join(dir, "k.1.json")));
  });

  it("falls back to memory when the directory cannot be written, never failing a create", () => {
    const blocked = path.join(dir, "file-not-dir");
    fs.writeFileSync(blocked, "");
    const journal = fileJournal(path.join(blocked, "creates"));
    journal.begin("k.1", "Space", 1);
    journal.finish("k.1", "s-1", 2);
    assert.equal(journal.get("k.1")?.id, "s-1");
  });

  it("ignores an entry that is not its own (a corrupt or foreign file)", () => {
    fs.writeFileSync(
      path.join(dir, "k.1.json"),
      JSON.stringify({ key: "other", kind: "Space", startedAt: 1 }),
    );
    assert.equal(fileJournal(dir).get("k.1"), undefined);
    fs.writeFileSync(path.join(dir, "k.2.json"), "not json");
    assert.equal(fileJournal(dir).get("k.2"), undefined);
  });

  it("lives under PULUMI_HOME unless its own setting names a directory", () => {
    assert.equal(journalDirectory({ PULUMI_HOME: "/p" }), path.join("/p", "pulumi-spacelift", "creates"));
    assert.equal(journalDirectory({ PULUMI_HOME: "/p", [JOURNAL_DIR_ENV]: "/j" }), "/j");
    assert.equal(journalDirectory({}), path.join(os.homedir(), ".pulumi", "pulumi-spacelift", "creates"));
  });
});
