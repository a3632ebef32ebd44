import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { parseCliArgs } from "../../emulator/cliArgs";
import { postGraphQL } from "../helpers/emulator";

describe("recording the documents clients send (--record-documents)", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "record-documents-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("maps the flag to the option, and refuses an empty path", () => {
    assert.deepEqual(parseCliArgs(["--record-documents", "requests.jsonl"]), {
      kind: "start",
      options: { recordDocumentsTo: "requests.jsonl" },
    });
    assert.throws(() => parseCliArgs(["--record-documents="]), /--record-documents needs a path/);
  });

  it("appends one JSON line per request: document as sent, variables and answer", async () => {
    const file = join(dir, "requests.jsonl");
    const emulator = await startEmulator({ recordDocumentsTo: file });
    try {
      const login = await postGraphQL<{ apiKeyUser: { jwt: string } }>(
        emulator,
        "mutation Login($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt } }",
        { variables: { id: emulator.apiKey.id, secret: emulator.apiKey.secret }, inProcess: true },
      );
      const token = login.data?.apiKeyUser.jwt;
      await postGraphQL(emulator, "query { spaces() { id } }", { token, inProcess: true });
      await postGraphQL(emulator, "query { noSuchField }", { token, inProcess: true });
    } finally {
      await emulator.close();
    }
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 3);
    assert.equal(lines[0].operationName, null);
    assert.deepEqual(lines[0].variables, { id: emulator.apiKey.id, secret: emulator.apiKey.secret });
    assert.equal(
      typeof (lines[0].response as { data: { apiKeyUser: { jwt: string } } }).data.apiKeyUser.jwt,
      "string",
    );
    assert.equal(lines[1].query, "query { spaces() { id } }", "the document as received, with its ()");
    assert.deepEqual(lines[1].response, { data: { spaces: [{ id: "root" }] } });
    const failed = lines[2].response as { data: unknown; errors: Array<{ message: string }> };
    assert.equal(failed.data, null);
    assert.match(failed.errors[0].message, /noSuchField/);
  });

  it("records each state upload as its own line, in order, with its status but not the state", async () => {
    const file = join(dir, "requests.jsonl");
    const emulator = await startEmulator({ recordDocumentsTo: file });
    const secretState = '{"version":4,"outputs":{"password":{"value":"hunter2"}}}';
    try {
      const token = (
        await postGraphQL<{ apiKeyUser: { jwt: string } }>(
          emulator,
          "mutation($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt } }",
          { variables: { id: emulator.apiKey.id, secret: emulator.apiKey.secret }, inProcess: true },
        )
      ).data?.apiKeyUser.jwt;
      const upload = await postGraphQL<{ stateUploadUrl: { objectId: string; url: string } }>(
        emulator,
        "mutation StateUploadUrl { stateUploadUrl { objectId url } }",
        { token, inProcess: true },
      );
      const url = upload.data?.stateUploadUrl.url ?? "";
      const put = await emulator.fetch(url, { method: "PUT", body: secretState });
      assert.equal(put.status, 200);
      const again = await emulator.fetch(`${emulator.url}/state-uploads/no-such-object`, {
        method: "PUT",
        body: secretState,
      });
      assert.equal(again.status, 403);
      await postGraphQL(emulator, "query { spaces() { id } }", { token, inProcess: true });
    } finally {
      await emulator.close();
    }
    const text = readFileSync(file, "utf8");
    assert.ok(!text.includes("hunter2"), "the uploaded state must not be recorded");
    const lines = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 5);
    const objectId = (lines[1].response as { data: { stateUploadUrl: { objectId: string } } }).data
      .stateUploadUrl.objectId;
    assert.deepEqual(lines[2], { stateUpload: objectId, status: 200 });
    assert.deepEqual(lines[3], { stateUpload: "no-such-object", status: 403 });
    assert.equal(lines[4].query, "query { spaces() { id } }");
  });
});
