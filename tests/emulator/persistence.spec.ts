import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FixtureEmulator as EmulatorHandle } from "./fixtureSchema";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { startFixtureEmulator } from "./fixtureSchema";

const CREATE = "mutation($id:ID!$text:String!){noteCreate(id: $id, text: $text){id}}";
const NOTES = "{notes{id,text}}";

type NotesData = { notes: Array<{ id: string; text: string }> };

describe("emulator seeding, data reset and state file", () => {
  let dir: string;
  const running: EmulatorHandle[] = [];

  const start = async (options: Parameters<typeof startFixtureEmulator>[0] = {}) => {
    const emulator = await startFixtureEmulator(options);
    running.push(emulator);
    return emulator;
  };

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "spacelift-emulator-state-"));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("seeds objects programmatically and over POST /_emulator/seed", async () => {
    const emulator = await start();
    const token = await exchangeApiKey(emulator);
    await emulator.controls.seed({ notes: [{ id: "a", text: "from code" }] });
    const response = await fetch(`${emulator.url}/_emulator/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ notes: [{ id: "b", text: "over http" }] }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    const reply = await postGraphQL<NotesData>(emulator, NOTES, { token });
    assert.deepEqual(reply.data?.notes, [
      { id: "a", text: "from code" },
      { id: "b", text: "over http" },
    ]);
  });

  it("reports invalid seed input with HTTP 400", async () => {
    const emulator = await start();
    const response = await fetch(`${emulator.url}/_emulator/seed`, { method: "POST", body: '{"notes": 3}' });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: string }).error, /seed failed/);
    const notJson = await fetch(`${emulator.url}/_emulator/seed`, { method: "POST", body: "{" });
    assert.equal(notJson.status, 400);
  });

  it("clears the data on reset and keeps the settings", async () => {
    const emulator = await start({ stackDeletionDelayMs: 25 });
    await emulator.controls.seed({ notes: [{ id: "a", text: "x" }] });
    await emulator.controls.resetData();
    assert.equal(emulator.store.collection("notes").size, 0);
    await emulator.controls.seed({ notes: [{ id: "b", text: "y" }] });
    const response = await fetch(`${emulator.url}/_emulator/data/reset`, { method: "POST" });
    assert.equal(response.status, 200);
    assert.equal(emulator.store.collection("notes").size, 0);
    assert.equal(emulator.store.collection("settings").get("stackDeletionDelayMs"), 25);
  });

  it("stores stackDeletionDelayMs in the settings collection, 500 by default", async () => {
    const defaults = await start();
    assert.equal(defaults.store.collection("settings").get("stackDeletionDelayMs"), 500);
    const custom = await start({ stackDeletionDelayMs: 0 });
    assert.equal(custom.store.collection("settings").get("stackDeletionDelayMs"), 0);
  });

  it("keeps data across a restart with the same state file", async () => {
    const stateFile = path.join(dir, "round-trip.json");
    const first = await start({ stateFile });
    const token = await exchangeApiKey(first);
    await postGraphQL(first, CREATE, { token, variables: { id: "kept", text: "survives" } });
    const written = JSON.parse(await fs.readFile(stateFile, "utf8")) as Record<
      string,
      Record<string, unknown>
    >;
    assert.deepEqual(written.notes, { kept: { id: "kept", text: "survives", label: null } });
    await first.close();

    const second = await start({ stateFile });
    const reply = await postGraphQL<NotesData>(second, NOTES, { token: await exchangeApiKey(second) });
    assert.deepEqual(reply.data?.notes, [{ id: "kept", text: "survives" }]);
  });

  it("writes the state file only after executed mutations, and leaves no temporary file", async () => {
    const stateFile = path.join(dir, "writes.json");
    const emulator = await start({ stateFile });
    const token = await exchangeApiKey(emulator);
    await fs.rm(stateFile, { force: true });

    await postGraphQL(emulator, NOTES, { token });
    await assert.rejects(fs.stat(stateFile), { code: "ENOENT" });

    emulator.controls.failNext("noteCreate", 1, { kind: "serverError" });
    await postGraphQL(emulator, CREATE, { token, variables: { id: "blocked", text: "x" } });
    await assert.rejects(fs.stat(stateFile), { code: "ENOENT" });

    await Promise.all(
      ["c1", "c2", "c3", "c4"].map((id) =>
        postGraphQL(emulator, CREATE, { token, variables: { id, text: id } }),
      ),
    );
    const written = JSON.parse(await fs.readFile(stateFile, "utf8")) as { notes: Record<string, unknown> };
    assert.deepEqual(Object.keys(written.notes).sort(), ["c1", "c2", "c3", "c4"]);
    assert.deepEqual(
      (await fs.readdir(dir)).filter((name) => name.includes("writes.json")),
      ["writes.json"],
      "only the state file itself may remain",
    );
  });

  it("writes the state file after seeding and data resets", async () => {
    const stateFile = path.join(dir, "controls.json");
    const emulator = await start({ stateFile });
    await emulator.controls.seed({ notes: [{ id: "s", text: "seeded" }] });
    let written = JSON.parse(await fs.readFile(stateFile, "utf8")) as { notes?: Record<string, unknown> };
    assert.deepEqual(Object.keys(written.notes ?? {}), ["s"]);
    await emulator.controls.resetData();
    written = JSON.parse(await fs.readFile(stateFile, "utf8")) as { notes?: Record<string, unknown> };
    assert.equal(written.notes, undefined);
  });

  it("refuses to start on a corrupt state file, naming the file", async () => {
    const stateFile = path.join(dir, "corrupt.json");
    await fs.writeFile(stateFile, "{ not json");
    await assert.rejects(start({ stateFile }), (err: Error) => err.message.includes(stateFile));
    await fs.writeFile(stateFile, JSON.stringify({ notes: [1, 2] }));
    await assert.rejects(start({ stateFile }), (err: Error) => err.message.includes(stateFile));
  });
});
