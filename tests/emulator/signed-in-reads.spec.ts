/**
 * The engine, through the real client over a real port, never takes an anonymous answer for a
 * deleted object: after the emulator stops accepting every token it has issued, a read still finds
 * what exists, and a read of what is really gone costs one `Viewer` query and no exchange.
 */
import { strict as assert } from "node:assert";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../emulator";
import { resolveCredentials, type Environment } from "../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../provider/auth/registry";
import { clearSharedClients, SpaceliftClient } from "../../provider/client/spaceliftClient";
import type { ResourceDescriptor } from "../../provider/engine/descriptor";
import { ResourceOperationError } from "../../provider/engine/errors";
import { ResourceEngine } from "../../provider/engine/lifecycle";
import { context, environmentVariable, space } from "../../provider/resources";
import { assertNoLeak } from "../unit/engine/fakes";

const KEY = { id: "01J0SIGNEDINREADSKEY000000", secret: "signed-in-reads-secret-never-print" };
const VALUE = "variable-value-never-print";

/** An emulator on a real port, and engines that reach it through the real client. */
async function emulated(options: EmulatorOptions) {
  const emulator = await startEmulator({ apiKeys: [KEY], port: 0, onError: () => undefined, ...options });
  const keyEnv: Environment = {
    SPACELIFT_API_KEY_ENDPOINT: emulator.url,
    SPACELIFT_API_KEY_ID: KEY.id,
    SPACELIFT_API_KEY_SECRET: KEY.secret,
  };
  const client = (env: Environment = keyEnv) =>
    new SpaceliftClient(resolveCredentials(undefined, env), { rateLimit: null });
  const shared = client();
  return {
    emulator,
    client,
    engine: (descriptor: ResourceDescriptor, api = shared) => new ResourceEngine(descriptor, { api }),
    count: (operation: string) => emulator.controls.requestCount(operation),
  };
}

type Emulated = Awaited<ReturnType<typeof emulated>>;

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}-${++counter}`;

afterEach(() => {
  clearSharedClients();
  clearSharedTokenSources();
});

describe("reads after the server stops accepting the token (anonymous reads answer null)", () => {
  let it_: Emulated;
  let emulator: EmulatorHandle;

  before(async () => {
    it_ = await emulated({ anonymousReads: "null" });
    emulator = it_.emulator;
  });

  after(async () => {
    await emulator?.close();
  });

  beforeEach(() => emulator.controls.resetStats());

  it("the emulator answers an anonymous read of an existing space with null, not an error", async () => {
    const reply = await emulator.fetch(emulator.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: 'query SpaceRead { space(id: "root") { id } }' }),
    });
    assert.deepEqual(await reply.json(), { data: { space: null } });
  });

  it("the emulator still refuses an anonymous mutation, and takes no unknown mode", async () => {
    const reply = await emulator.fetch(emulator.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: 'mutation SpaceDelete { spaceDelete(space: "root") { id } }' }),
    });
    const body = (await reply.json()) as { errors?: { message: string }[] };
    assert.equal(body.errors?.[0]?.message, "unauthorized");
    await assert.rejects(
      startEmulator({ port: 0, anonymousReads: "empty" as EmulatorOptions["anonymousReads"] }),
      /anonymousReads must be "unauthorized" or "null"/,
    );
  });

  it("still finds a space, with one exchange and a Viewer query per token more", async () => {
    const spaces = it_.engine(space);
    const { id, outs } = await spaces.create({ name: uniqueName("kept") });
    emulator.controls.resetStats();
    emulator.controls.expireAllTokens();

    const result = await spaces.read(id, outs);

    assert.equal(result.id, id);
    assert.deepEqual(result.props, outs);
    // One Viewer query finds the old token anonymous, one confirms the fresh token is not.
    assert.equal(it_.count("Viewer"), 2);
    assert.equal(it_.count("ApiKeyUser"), 1);
    assert.equal(it_.count("SpaceRead"), 2, "the empty read and the one after the refresh");
  });

  it("still finds a context's variable, read through its parent", async () => {
    const contexts = it_.engine(context);
    const variables = it_.engine(environmentVariable);
    const parent = await contexts.create({ name: uniqueName("ctx") });
    const created = await variables.create({ contextId: parent.id, name: "TOKEN", value: VALUE });
    emulator.controls.resetStats();
    emulator.controls.expireAllTokens();

    const result = await variables.read(created.id, created.outs);

    assert.equal(result.id, created.id);
    assert.equal(result.props?.["checksum"], created.outs["checksum"]);
    assert.equal(it_.count("Viewer"), 2);
    assert.equal(it_.count("ApiKeyUser"), 1);
  });

  it("reports a deleted space gone from one read that proves its own sign-in, with no Viewer query", async () => {
    const spaces = it_.engine(space);
    const { id, outs } = await spaces.create({ name: uniqueName("gone") });
    await spaces.delete(id, outs);
    emulator.controls.resetStats();

    assert.deepEqual(await spaces.read(id, outs), {});

    // The read asks `viewer` alongside the space; the emulator answers it for the accepted token.
    assert.equal(it_.count("Viewer"), 0);
    assert.equal(it_.count("ApiKeyUser"), 0);
    assert.equal(it_.count("SpaceRead"), 1);
  });

  it("fails the read of a raw API token the server no longer accepts, reporting nothing gone", async () => {
    const spaces = it_.engine(space);
    const { id, outs } = await spaces.create({ name: uniqueName("raw") });
    const { jwt } = await emulator.mintRunToken("some-stack");
    const rawClient = it_.client({ SPACELIFT_API_TOKEN: jwt });
    const withRawToken = it_.engine(space, rawClient);
    assert.equal((await withRawToken.read(id, outs)).id, id, "found while the token is accepted");
    emulator.controls.resetStats();
    emulator.controls.expireAllTokens();

    let failure: unknown;
    try {
      await withRawToken.read(id, outs);
    } catch (err) {
      failure = err;
    }

    assert.ok(ResourceOperationError.isInstance(failure), `expected a failed read, got ${String(failure)}`);
    assert.equal(failure.code, "authentication");
    assert.match(failure.message, /the API token is no longer accepted/);
    assert.match(failure.message, /refuses to report objects as deleted/);
    assert.equal(it_.count("Viewer"), 1);
    assert.equal(it_.count("ApiKeyUser") + it_.count("OauthUser"), 0);
    assertNoLeak(failure, [jwt, KEY.secret]);
  });
});

describe("reads after the server stops accepting the token (anonymous reads answer unauthorized)", () => {
  let it_: Emulated;

  before(async () => {
    it_ = await emulated({});
  });

  after(async () => {
    await it_?.emulator.close();
  });

  it("finds the space through the client's refusal retry, with no Viewer query", async () => {
    const spaces = it_.engine(space);
    const { id, outs } = await spaces.create({ name: uniqueName("refused") });
    it_.emulator.controls.resetStats();
    it_.emulator.controls.expireAllTokens();

    assert.equal((await spaces.read(id, outs)).id, id);

    assert.equal(it_.count("Viewer"), 0);
    assert.equal(it_.count("ApiKeyUser"), 1);
    assert.equal(it_.count("SpaceRead"), 2);
  });
});
