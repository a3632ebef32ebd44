import { strict as assert } from "node:assert";
import type { EmulatorHandle } from "../../emulator";
import { exchangeApiKey, postGraphQL, useEmulator } from "../helpers/emulator";

const CREATE_SPACE =
  'mutation($name:String!){spaceCreate(input:{name:$name,description:"",inheritEntities:false,parentSpace:"root"}){id}}';
const VIEWER = "{viewer{id}}";
const SPACE = "query($id:ID!){space(id:$id){id,name}}";
const SPACES = "{spaces{id}}";

type SpaceData = { space: { id: string; name: string } | null };

/** Creates a space as the holder of `token` and returns its id. */
async function createSpace(emulator: EmulatorHandle, token: string, name: string): Promise<string> {
  const reply = await postGraphQL<{ spaceCreate: { id: string } }>(emulator, CREATE_SPACE, {
    token,
    variables: { name },
  });
  const id = reply.data?.spaceCreate.id;
  assert.ok(id, `spaceCreate failed: ${reply.text}`);
  return id;
}

/** Asserts that `token` is taken for an anonymous caller; returns its answer to a space read. */
async function assertAnonymous(emulator: EmulatorHandle, token: string, spaceId: string) {
  const viewer = await postGraphQL<{ viewer: unknown }>(emulator, VIEWER, { token });
  assert.equal(viewer.status, 200);
  assert.equal(viewer.data?.viewer, null, "viewer is null");
  const spaces = await postGraphQL<{ spaces: unknown[] }>(emulator, SPACES, { token });
  assert.deepEqual(spaces.data?.spaces, [], "lists are empty");
  const write = await postGraphQL<{ spaceCreate: unknown }>(emulator, CREATE_SPACE, {
    token,
    variables: { name: "refused" },
  });
  assert.deepEqual(
    write.errors?.map((e) => e.message),
    ["unauthorized"],
    "mutations are refused",
  );
  return postGraphQL<SpaceData>(emulator, SPACE, { token, variables: { id: spaceId } });
}

describe("revoking every token (anonymous reads answer unauthorized)", () => {
  const emulator = useEmulator({ port: 0 });

  it("makes earlier tokens anonymous, accepts new exchanges and keeps every object", async () => {
    const old = await exchangeApiKey(emulator());
    const { jwt: runToken } = await emulator().mintRunToken("some-stack");
    const id = await createSpace(emulator(), old, "kept-through-revoke");
    const objectsBefore = JSON.stringify(emulator().store.toJSON());

    emulator().controls.revokeTokens();

    for (const token of [old, runToken]) {
      const read = await assertAnonymous(emulator(), token, id);
      assert.equal(read.status, 200);
      assert.deepEqual(
        read.errors?.map((e) => [e.message, e.path]),
        [["unauthorized", ["space"]]],
      );
    }
    assert.equal(JSON.stringify(emulator().store.toJSON()), objectsBefore, "no object changed");

    const fresh = await exchangeApiKey(emulator());
    const viewer = await postGraphQL<{ viewer: { id: string } | null }>(emulator(), VIEWER, { token: fresh });
    assert.equal(viewer.data?.viewer?.id, emulator().apiKey.id);
    const read = await postGraphQL<SpaceData>(emulator(), SPACE, { token: fresh, variables: { id } });
    assert.deepEqual(read.data?.space, { id, name: "kept-through-revoke" });
    const { jwt: newRunToken } = await emulator().mintRunToken("some-stack");
    assert.notEqual(
      (await postGraphQL<{ viewer: unknown }>(emulator(), VIEWER, { token: newRunToken })).data?.viewer,
      null,
    );
  });

  it("revokes again and again, each time only the tokens issued before", async () => {
    const id = await createSpace(emulator(), await exchangeApiKey(emulator()), "revoked-twice");
    const tokens: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      tokens.push(await exchangeApiKey(emulator()));
      emulator().controls.revokeTokens();
      for (const token of tokens) {
        await assertAnonymous(emulator(), token, id);
      }
    }
    const fresh = await exchangeApiKey(emulator());
    const read = await postGraphQL<SpaceData>(emulator(), SPACE, { token: fresh, variables: { id } });
    assert.equal(read.data?.space?.name, "revoked-twice");
  });

  it("revokes through POST /_emulator/tokens/revoke", async () => {
    const token = await exchangeApiKey(emulator());
    const id = await createSpace(emulator(), token, "revoked-over-http");
    const response = await fetch(`${emulator().url}/_emulator/tokens/revoke`, { method: "POST" });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    await assertAnonymous(emulator(), token, id);
    const wrongMethod = await fetch(`${emulator().url}/_emulator/tokens/revoke`);
    assert.equal(wrongMethod.status, 405);
  });
});

describe("revoking every token (anonymous reads answer null)", () => {
  const emulator = useEmulator({ port: 0, anonymousReads: "null" });

  it("answers an old token's read of an existing object with null, and a new token's with the object", async () => {
    const old = await exchangeApiKey(emulator());
    const id = await createSpace(emulator(), old, "kept-null-mode");

    emulator().controls.revokeTokens();

    const read = await assertAnonymous(emulator(), old, id);
    assert.deepEqual(JSON.parse(read.text), { data: { space: null } });
    const fresh = await exchangeApiKey(emulator());
    const again = await postGraphQL<SpaceData>(emulator(), SPACE, { token: fresh, variables: { id } });
    assert.deepEqual(again.data?.space, { id, name: "kept-null-mode" });
  });
});
