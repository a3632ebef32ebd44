import assert from "node:assert/strict";
import { graphql } from "graphql";
import { emulatorSchema, Harness, TEST_VIEWER } from "./harness";

const LOCK = `mutation($id: ID!, $note: String) { stackLock(id: $id, note: $note) { id lockedBy lockedAt lockNote } }`;
const UNLOCK = `mutation($id: ID!) { stackUnlock(id: $id) { id lockedBy lockedAt lockNote } }`;
const SET_COMMIT = `mutation($id: ID!, $sha: String!) {
  stackSetCurrentCommit(id: $id, sha: $sha) { trackedCommit { hash message authorName authorLogin url timestamp } trackedCommitSetBy }
}`;
const SYNC = `mutation($id: ID!) { stackSyncCommit(id: $id) { trackedCommit { hash } trackedCommitSetBy } }`;
const READ = `query($id: ID!) { stack(id: $id) { lockedBy lockNote trackedCommit { hash } trackedCommitSetBy } }`;

interface Locked {
  id: string;
  lockedBy: string | null;
  lockedAt: number | null;
  lockNote: string | null;
}

describe("emulator stack locks and tracked commits", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      stacks: [
        { name: "Network", namespace: "acme", repository: "infra", provider: "GITHUB" },
        { name: "Elsewhere", provider: "GITLAB" },
      ],
    });
  });

  it("locks a stack for the caller, with the time and note, and unlocks it", async () => {
    const { stackLock } = await h.ok<{ stackLock: Locked }>(LOCK, { id: "network", note: "maintenance" });
    assert.deepEqual(stackLock, {
      id: "network",
      lockedBy: TEST_VIEWER.name,
      lockedAt: Math.floor(h.nowMs / 1000),
      lockNote: "maintenance",
    });
    const { stackUnlock } = await h.ok<{ stackUnlock: Locked }>(UNLOCK, { id: "network" });
    assert.deepEqual(stackUnlock, { id: "network", lockedBy: null, lockedAt: null, lockNote: null });
  });

  it("lets the holder lock again, keeping the lock time and replacing the note", async () => {
    await h.ok(LOCK, { id: "network", note: "first" });
    const lockedAt = Math.floor(h.nowMs / 1000);
    h.nowMs += 60_000;
    const { stackLock } = await h.ok<{ stackLock: Locked }>(LOCK, { id: "network" });
    assert.equal(stackLock.lockedAt, lockedAt);
    assert.equal(stackLock.lockNote, null);
  });

  it("refuses a lock held by someone else, whom an admin may still unlock", async () => {
    await h.ok(LOCK, { id: "network" });
    const other = await graphql({
      schema: emulatorSchema(),
      source: LOCK,
      variableValues: { id: "network" },
      contextValue: {
        viewer: { id: "someone", name: "Someone", credential: "other-key" },
        store: h.store,
        now: () => h.nowMs,
        baseUrl: "http://127.0.0.1:1",
      },
    });
    assert.match(other.errors?.[0]?.message ?? "", /already locked by Test/);
    await h.ok(UNLOCK, { id: "network" });
    await h.ok(UNLOCK, { id: "network" }); // unlocking an unlocked stack changes nothing
  });

  it("refuses to lock a missing stack or an anonymous caller", async () => {
    assert.match(await h.fails(LOCK, { id: "nope" }), /stack nope not found/);
    const anonymous = await h.run(LOCK, { id: "network" }, { anonymous: true });
    assert.match(anonymous.errors?.[0]?.message ?? "", /unauthorized/);
  });

  it("pins a commit, with its GitHub page and who set it, and syncing drops the pin", async () => {
    const sha = "0123456789ABCDEF0123456789abcdef01234567";
    const { stackSetCurrentCommit } = await h.ok<{
      stackSetCurrentCommit: { trackedCommit: Record<string, unknown>; trackedCommitSetBy: string };
    }>(SET_COMMIT, { id: "network", sha });
    assert.deepEqual(stackSetCurrentCommit, {
      trackedCommit: {
        hash: sha.toLowerCase(),
        message: "",
        authorName: "",
        authorLogin: null,
        url: `https://github.com/acme/infra/commit/${sha.toLowerCase()}`,
        timestamp: Math.floor(h.nowMs / 1000),
      },
      trackedCommitSetBy: TEST_VIEWER.name,
    });
    const { stackSyncCommit } = await h.ok(SYNC, { id: "network" });
    assert.deepEqual(stackSyncCommit, { trackedCommit: null, trackedCommitSetBy: null });
  });

  it("knows no commit page outside GitHub and refuses what is not a SHA", async () => {
    const data = await h.ok<{ stackSetCurrentCommit: { trackedCommit: { url: string | null } } }>(
      SET_COMMIT,
      {
        id: "elsewhere",
        sha: "abcdef1",
      },
    );
    assert.equal(data.stackSetCurrentCommit.trackedCommit.url, null);
    assert.match(await h.fails(SET_COMMIT, { id: "network", sha: "main" }), /is not a commit SHA/);
  });

  it("forgets the lock and the pinned commit of a deleted stack", async () => {
    await h.ok(LOCK, { id: "network" });
    await h.ok(SET_COMMIT, { id: "network", sha: "abcdef1" });
    await h.ok(`mutation { stackDelete(id: "network") { id } }`);
    h.nowMs += 60_000;
    assert.deepEqual(await h.ok(READ, { id: "network" }), { stack: null });
    h.seed({ stacks: [{ name: "Network" }] });
    assert.deepEqual(await h.ok(READ, { id: "network" }), {
      stack: { lockedBy: null, lockNote: null, trackedCommit: null, trackedCommitSetBy: null },
    });
  });
});

describe("emulator fields computed for spacectl", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      stacks: [{ name: "Network" }],
      contexts: [
        {
          name: "Attached",
          config: [{ id: "A", type: "ENVIRONMENT_VARIABLE", value: "1", writeOnly: false }],
        },
        { name: "Loose" },
      ],
      contextAttachments: [{ context: "attached", stack: "network" }],
      workerPools: [{ id: "pool", name: "Pool" }],
    });
  });

  it("answers hasAttachedStacks from the context's attachments", async () => {
    const data = await h.ok(`{ contexts { id hasAttachedStacks } }`);
    assert.deepEqual(data, {
      contexts: [
        { id: "attached", hasAttachedStacks: true },
        { id: "loose", hasAttachedStacks: false },
      ],
    });
  });

  it("lists an attached context's config elements on the attachment", async () => {
    const data = await h.ok(
      `{ stack(id: "network") { attachedContexts { contextId config { id value } } } }`,
    );
    assert.deepEqual(data, {
      stack: { attachedContexts: [{ contextId: "attached", config: [{ id: "A", value: "1" }] }] },
    });
  });

  it("gives the admin API key admin access and write rights", async () => {
    const data = await h.ok(`{ spaces { accessLevel } stack(id: "network") { canWrite } }`);
    assert.deepEqual(data, { spaces: [{ accessLevel: "ADMIN" }], stack: { canWrite: true } });
  });

  it("reports a worker pool's space and last change", async () => {
    const created = Math.floor(h.nowMs / 1000);
    h.nowMs += 10_000;
    await h.ok(`mutation { workerPoolUpdate(id: "pool", name: "Renamed") { id } }`);
    const data = await h.ok(
      `{ workerPool(id: "pool") { createdAt updatedAt spaceDetails { id } workers { id } } }`,
    );
    assert.deepEqual(data, {
      workerPool: { createdAt: created, updatedAt: created + 10, spaceDetails: { id: "root" }, workers: [] },
    });
  });
});
