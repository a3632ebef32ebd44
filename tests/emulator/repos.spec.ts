import assert from "node:assert/strict";
import type { ApiPort } from "../../provider/engine/api";
import { memoryJournal } from "../../provider/engine/createJournal";
import { ResourceEngine } from "../../provider/engine/lifecycle";
import type { Values } from "../../provider/engine/values";
import { repoFile } from "../../provider/resources";
import { Harness } from "./harness";

const REPO = "id name slug description labels isDefault space { id } vcsChecks stacks createdAt updatedAt";
const CREATE_REPO = `mutation($input: RepoCreateInput!) { repoCreate(input: $input) { ${REPO} } }`;
const COMMIT =
  "mutation($input: RevisionCreateInput!) { revisionCreate(input: $input) { id sha message authorName } }";
const HISTORY = `query($repo: ID!, $path: String!, $first: Int) {
  repoFileHistory(repoID: $repo, filePath: $path, first: $first) {
    edges { node { filePath isDeleted sizeBytes fileMode revision { sha message }
      content { sha256Hash content sizeBytes isEncrypted } } }
    pageInfo { hasNextPage }
  }
}`;

interface Version {
  filePath: string;
  isDeleted: boolean;
  sizeBytes: number | null;
  fileMode: string | null;
  revision: { sha: string; message: string };
  content: { sha256Hash: string; content: string | null; sizeBytes: number; isEncrypted: boolean } | null;
}

const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

function file(path: string, action: string, content?: string, extra: Record<string, unknown> = {}) {
  return { path, action, ...(content === undefined ? {} : { content: b64(content) }), ...extra };
}

describe("emulator repos", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function createRepo(name = "Infra Code"): Promise<{ id: string }> {
    return (await h.ok<{ repoCreate: { id: string } }>(CREATE_REPO, { input: { name, spaceID: "root" } }))
      .repoCreate;
  }

  async function commit(repo: string, message: string, files: Record<string, unknown>[]): Promise<string> {
    const r = await h.ok<{ revisionCreate: { sha: string } }>(COMMIT, {
      input: { repoID: repo, message, authorName: "tester", files },
    });
    return r.revisionCreate.sha;
  }

  async function history(repo: string, path: string, first?: number): Promise<Version[]> {
    const r = await h.ok<{ repoFileHistory: { edges: { node: Version }[] } }>(HISTORY, { repo, path, first });
    return r.repoFileHistory.edges.map((e) => e.node);
  }

  it("derives the ID from the name, keeps it and the space on update, and refuses a second repo of that slug", async () => {
    const repo = await createRepo();
    assert.equal(repo.id, "infra-code");
    const updated = await h.ok<{
      repoUpdate: { id: string; name: string; space: { id: string }; vcsChecks: string };
    }>(`mutation($id: ID!, $input: RepoUpdateInput!) { repoUpdate(id: $id, input: $input) { ${REPO} } }`, {
      id: repo.id,
      input: { name: "Renamed", vcsChecks: "ALL" },
    });
    assert.equal(updated.repoUpdate.id, "infra-code");
    assert.equal(updated.repoUpdate.name, "Renamed");
    assert.deepEqual(updated.repoUpdate.space, { id: "root" });
    assert.equal(updated.repoUpdate.vcsChecks, "ALL");
    assert.match(
      await h.fails(CREATE_REPO, { input: { name: "infra code", spaceID: "root" } }),
      /already exists/,
    );
    assert.match(
      await h.fails(CREATE_REPO, { input: { name: "x", spaceID: "nowhere" } }),
      /space nowhere not found/,
    );
  });

  it("adds, changes and deletes a file only through revisions, keeping its whole history newest first", async () => {
    const { id } = await createRepo();
    const first = await commit(id, "add", [file("main.tf", "CREATE", "# one\n")]);
    const second = await commit(id, "change", [file("main.tf", "UPDATE", "# two\n", { fileMode: "755" })]);
    const third = await commit(id, "remove", [{ path: "main.tf", action: "DELETE" }]);
    const versions = await history(id, "main.tf");
    assert.deepEqual(
      versions.map((v) => [v.revision.sha, v.revision.message, v.isDeleted]),
      [
        [third, "remove", true],
        [second, "change", false],
        [first, "add", false],
      ],
    );
    assert.equal(versions[0]!.content, null);
    assert.equal(versions[1]!.fileMode, "0755", "modes read back zero-padded");
    assert.equal(versions[1]!.content!.content, b64("# two\n"));
    assert.equal(versions[1]!.sizeBytes, 6);
    assert.equal((await history(id, "main.tf", 1)).length, 1);
  });

  it("refuses to add a file that exists, and to change or delete one that does not", async () => {
    const { id } = await createRepo();
    await commit(id, "add", [file("a.tf", "CREATE", "a")]);
    const refuse = (files: Record<string, unknown>[]) =>
      h.fails(COMMIT, { input: { repoID: id, message: "m", authorName: "t", files } });
    assert.match(await refuse([file("a.tf", "CREATE", "again")]), /a\.tf already exists/);
    assert.match(await refuse([file("b.tf", "UPDATE", "b")]), /b\.tf in repo infra-code not found/);
    assert.match(await refuse([{ path: "b.tf", action: "DELETE" }]), /not found/);
    assert.match(await refuse([{ path: "c.tf", action: "RENAME", content: b64("c") }]), /must be one of/);
    assert.match(await refuse([{ path: "c.tf", action: "CREATE", content: "# not base64" }]), /Base64/);
    // Bruno's Create Revision adds a file with the action ADDED.
    await commit(id, "bruno", [file("c.tf", "ADDED", "c")]);
    assert.equal((await history(id, "c.tf"))[0]!.isDeleted, false);
  });

  it("leaves files a revision does not name as they were, and never returns encrypted content", async () => {
    const { id } = await createRepo();
    await commit(id, "two files", [
      file("a.tf", "CREATE", "a"),
      file("secret.env", "CREATE", "TOKEN=x", { encrypt: true }),
    ]);
    await commit(id, "only a", [file("a.tf", "UPDATE", "aa")]);
    const secret = await history(id, "secret.env");
    assert.equal(secret.length, 1, "the second revision did not touch secret.env");
    assert.equal(secret[0]!.content!.isEncrypted, true);
    assert.equal(secret[0]!.content!.content, null);
    assert.equal(secret[0]!.content!.sizeBytes, 7);
    assert.match(secret[0]!.content!.sha256Hash, /^[0-9a-f]{64}$/);
  });

  it("lists the stacks whose source is the repo", async () => {
    const { id } = await createRepo();
    await h.ok("mutation($input: StackInput!) { stackCreate(input: $input, manageState: true) { id } }", {
      input: {
        name: "from-repo",
        repository: id,
        branch: "main",
        provider: "SPACELIFT",
        vcsIntegrationId: id,
        administrative: false,
        autodeploy: false,
      },
    });
    const read = await h.ok<{ repo: { stacks: string[] } }>(`query($id: ID!) { repo(id: $id) { ${REPO} } }`, {
      id,
    });
    assert.deepEqual(read.repo.stacks, ["from-repo"]);
  });
});

describe("RepoFile against the emulated repos", () => {
  let h: Harness;
  let sent: string[];
  let engine: ResourceEngine;

  beforeEach(async () => {
    h = new Harness();
    sent = [];
    const api: ApiPort = {
      async run<T>(op: { name: string; document: string }, variables: Record<string, unknown>): Promise<T> {
        sent.push(op.name);
        const result = await h.run(op.document, variables);
        const message = result.errors?.[0]?.message;
        if (message !== undefined) {
          throw Object.assign(new Error(message), {
            code: /not found/.test(message) ? "not_found" : "validation",
          });
        }
        return JSON.parse(JSON.stringify(result.data)) as T;
      },
    };
    engine = new ResourceEngine(repoFile, { api, journal: memoryJournal(), now: () => h.nowMs, env: {} });
    await h.ok('mutation { repoCreate(input: { name: "infra", spaceID: "root" }) { id } }');
  });

  async function checked(inputs: Values): Promise<Values> {
    const result = await engine.check({}, inputs);
    assert.deepEqual(result.failures, []);
    return result.inputs;
  }

  async function revisions(): Promise<{ message: string; authorName: string }[]> {
    const r = await h.ok<{
      repoFileHistory: { edges: { node: { revision: { message: string; authorName: string } } }[] };
    }>(
      `query { repoFileHistory(repoID: "infra", filePath: "main.tf") { edges { node { revision { message authorName } } } } }`,
    );
    return r.repoFileHistory.edges.map((e) => e.node.revision);
  }

  it("writes one revision per create, content update and delete; metadata alone writes none", async () => {
    const first = await checked({
      repoId: "infra",
      path: "main.tf",
      content: "# one\n",
      commitMessage: "Add main",
    });
    const created = await engine.create(first);
    assert.equal(created.id, "infra/main.tf");
    assert.equal(created.outs["revisionSha"]?.toString().length, 40);
    assert.equal(created.outs["commitMessage"], undefined, "commit metadata is not kept in state");

    // A new message alone is no change: nothing to preview, nothing written.
    const renamed = await checked({
      repoId: "infra",
      path: "main.tf",
      content: "# one\n",
      commitMessage: "Other",
    });
    assert.equal((await engine.diff(created.id, created.outs, renamed)).changes, false);

    const second = await checked({
      repoId: "infra",
      path: "main.tf",
      content: "# two\n",
      commitMessage: "Change main",
    });
    assert.equal((await engine.diff(created.id, created.outs, second)).changes, true);
    const updated = await engine.update(created.id, created.outs, second);
    assert.notEqual(updated.outs["revisionSha"], created.outs["revisionSha"]);

    await engine.delete(created.id, updated.outs);
    assert.deepEqual(await revisions(), [
      { message: "Managed by Pulumi", authorName: "Pulumi" },
      { message: "Change main", authorName: "Pulumi" },
      { message: "Add main", authorName: "Pulumi" },
    ]);
    assert.deepEqual(
      (await engine.read(created.id, updated.outs)).id,
      undefined,
      "a deleted file reads as gone",
    );
    assert.deepEqual(
      sent.filter((name) => name !== "RepoFileRead"),
      ["RepoFileCreate", "RepoFileUpdate", "RepoFileDelete"],
    );
  });

  it("keeps the content of an encrypted file, which Spacelift never returns, across a refresh", async () => {
    const created = await engine.create(
      await checked({ repoId: "infra", path: "main.tf", content: "TOKEN=x", encrypt: true }),
    );
    const refreshed = await engine.read(created.id, created.outs);
    assert.equal(refreshed.props?.["content"], "TOKEN=x");
    assert.equal(refreshed.props?.["encrypt"], true);
    assert.equal(refreshed.props?.["sizeBytes"], 7);
  });
});
