/**
 * Receipts and token-specific sign-in checks: an empty answer is judged by the token it was given
 * to, not by whichever token is current when the engine asks.
 */
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { resolveCredentials, type Environment } from "../../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import { AnsweredBy } from "../../../provider/client/answeredBy";
import { AuthenticationError, NotFoundError, SpaceliftError } from "../../../provider/client/errors";
import { clearSharedClients, SpaceliftClient } from "../../../provider/client/spaceliftClient";
import type { AnswerReceipt, ApiPort, OperationSpec } from "../../../provider/engine/api";
import {
  assertNoLeak,
  type Call,
  ENDPOINT,
  FakeClock,
  FakeSpacelift,
  fetchFailed,
  graphqlError,
  type Handler,
  KEY_ENV,
  KEY_ID,
  KEY_SECRET,
  makeJwt,
  recordingSleep,
  rejection,
} from "./fakes";

const SPACE_READ: OperationSpec = {
  name: "SpaceRead",
  kind: "query",
  document: "query SpaceRead($id: ID!) { space(id: $id) { id } }",
};
const CONTEXT_CREATE: OperationSpec = {
  name: "ContextCreate",
  kind: "mutation",
  document: "mutation ContextCreate($name: String!) { contextCreateV2(name: $name) { id } }",
};

/** Spacelift's `space`: found for a signed-in caller, null for a missing one and for anyone anonymous. */
const spaceRead: Handler = (call, fake) => ({
  json: { data: { space: fake.authorised(call) && call.variables.id === "kept" ? { id: "kept" } : null } },
});

function setup(env: Environment = KEY_ENV) {
  const clock = new FakeClock();
  const fake = new FakeSpacelift({ apiKeys: { [KEY_ID]: KEY_SECRET }, clock });
  fake.on("SpaceRead", spaceRead);
  const client = new SpaceliftClient(resolveCredentials(undefined, env), {
    fetch: fake.fetch,
    sleep: recordingSleep(),
    clock,
    random: () => 0.5,
    rateLimit: null,
  });
  return { fake, client };
}

const viewerBearers = (fake: FakeSpacelift): (string | undefined)[] =>
  fake.calls.filter((call: Call) => call.operationName === "Viewer").map((call) => call.bearer);

/** Reads a space and returns the answer with its receipt. */
async function readSpace(port: ApiPort, id: string): Promise<{ space: unknown; receipt: AnswerReceipt }> {
  const receipt: AnswerReceipt = {};
  const data = await port.run<{ space: unknown }>(SPACE_READ, { id }, receipt);
  return { space: data.space, receipt };
}

describe("AnsweredBy", () => {
  it("shows nothing of the token however it is printed", async () => {
    const { fake, client } = setup();
    const { receipt } = await readSpace(client, "kept");
    const token = fake.issued[0] as string;
    const handle = receipt.answeredBy;
    assert.ok(handle instanceof AnsweredBy);
    const surfaces = [
      JSON.stringify(receipt),
      JSON.stringify({ handle }),
      inspect(receipt, { depth: 10, showHidden: true }),
      inspect(handle, { showHidden: true }),
      String(handle),
      `${String(handle)}`,
      Object.keys(handle as object).join(","),
      Object.getOwnPropertyNames(handle).join(","),
      JSON.stringify(Object.entries(handle as object)),
    ];
    for (const surface of surfaces) assert.ok(!surface.includes(token), `token visible in ${surface}`);
    assert.equal(String(handle), "[bearer token]");
    assert.equal(JSON.stringify(receipt), '{"answeredBy":"[bearer token]"}');
  });
});

describe("receipts", () => {
  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  it("name the token the final answer was given to, after a refusal and a fresh token", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    fake.expireAll();
    const receipt: AnswerReceipt = {};
    assert.deepEqual(await client.run(CONTEXT_CREATE, { name: "infra" }, receipt), { ok: true });
    assert.ok(receipt.answeredBy instanceof AnsweredBy);
    assert.equal(fake.count("ApiKeyUser"), 2);
    assert.equal(await client.confirmSignedIn(receipt.answeredBy), "ok");
    assert.deepEqual(viewerBearers(fake), [fake.issued[1]], "the handle is the fresh token's");
  });

  it("are filled for an answer that is an error, such as not found", async () => {
    const { fake, client } = setup();
    fake.on("SpaceRead", () => graphqlError("space not found", "space"));
    fake.handlers.get("SpaceRead")?.shift();
    const receipt: AnswerReceipt = {};
    const error = await rejection(() => client.run(SPACE_READ, { id: "gone" }, receipt));
    assert.ok(NotFoundError.isInstance(error));
    assert.ok(receipt.answeredBy instanceof AnsweredBy);
  });

  it("stay empty when no answer arrived", async () => {
    const { fake, client } = setup();
    fake.on("SpaceRead", () => ({ throws: fetchFailed("ECONNREFUSED", { syscall: "connect" }) }));
    fake.handlers.get("SpaceRead")?.shift();
    const receipt: AnswerReceipt = {};
    await rejection(() => client.run(SPACE_READ, { id: "kept" }, receipt));
    assert.deepEqual(receipt, {});
  });
});

describe("confirmSignedIn(answeredBy)", () => {
  afterEach(() => {
    clearSharedClients();
    clearSharedTokenSources();
  });

  it("does not let a parallel refresh turn a stale anonymous answer into 'gone'", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    const [tokenA] = fake.issued;
    fake.expireAll();

    // Token A, no longer accepted, gets the anonymous answer: the space looks missing.
    const stale = await readSpace(client, "kept");
    assert.equal(stale.space, null);
    // Meanwhile a parallel operation is refused with A, and the token source replaces it with B.
    await client.run(CONTEXT_CREATE, { name: "infra" });
    const [, tokenB] = fake.issued;
    assert.equal(fake.count("ApiKeyUser"), 2);

    assert.equal(
      await client.confirmSignedIn(stale.receipt.answeredBy),
      "refreshed",
      "the empty answer came from a token Spacelift does not accept, so the read must be repeated",
    );
    assert.deepEqual(viewerBearers(fake), [tokenA, tokenB], "A is asked, then the B already current");
    assert.equal(fake.count("ApiKeyUser"), 2, "B was already current: no exchange");

    // What the current token says is beside the point, and is what the handle-less check reports.
    assert.equal(await client.confirmSignedIn(), "ok");

    // An empty answer given to B, which Spacelift accepts, stands.
    const missing = await readSpace(client, "missing");
    assert.equal(missing.space, null);
    assert.equal(await client.confirmSignedIn(missing.receipt.answeredBy), "ok");
    assert.deepEqual(viewerBearers(fake), [tokenA, tokenB, tokenB, tokenB]);
    assert.equal(fake.count("ApiKeyUser"), 2);
  });

  it("replaces the token it asked about when it is still current, with one exchange", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    fake.expireAll();
    const stale = await readSpace(client, "kept");
    assert.equal(await client.confirmSignedIn(stale.receipt.answeredBy), "refreshed");
    assert.equal(fake.count("ApiKeyUser"), 2);
    assert.deepEqual(viewerBearers(fake), [fake.issued[0], fake.issued[1]]);
  });

  it("replaces a current token that was not freshly obtained and is anonymous too", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    fake.expireAll();
    const stale = await readSpace(client, "kept");
    await client.run(CONTEXT_CREATE, { name: "infra" });
    // B, obtained by the parallel refresh, stops being accepted as well.
    fake.expireAll();
    assert.equal(await client.confirmSignedIn(stale.receipt.answeredBy), "refreshed");
    assert.equal(fake.count("ApiKeyUser"), 3);
    assert.deepEqual(viewerBearers(fake), fake.issued);
  });

  it("fails, reporting nothing gone, when the freshly obtained token is anonymous too", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    fake.on("Viewer", () => ({ json: { data: { viewer: null } } }));
    const stale = await readSpace(client, "kept");
    const error = await rejection(() => client.confirmSignedIn(stale.receipt.answeredBy));
    assert.ok(AuthenticationError.isInstance(error));
    assert.match(error.message, /treats these credentials as anonymous, even with a freshly issued token/);
    assert.match(error.message, /refuses to report objects as deleted/);
    // The first token, then three fresh ones in a row, all refused.
    assert.equal(fake.count("ApiKeyUser"), 4);
    assert.equal(viewerBearers(fake).length, 4);
    assertNoLeak(error, [KEY_SECRET, ...fake.issued]);
  });

  it("does not blame the credentials when one fresh token is revoked before it is checked", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    let checks = 0;
    // The first two tokens asked about are refused (the second one fresh), the next is accepted.
    fake.on("Viewer", () => ({ json: { data: { viewer: ++checks <= 2 ? null : { id: "u" } } } }));
    const stale = await readSpace(client, "kept");
    assert.equal(await client.confirmSignedIn(stale.receipt.answeredBy), "refreshed");
    assert.equal(fake.count("ApiKeyUser"), 3);
  });

  it("shares one Viewer request among parallel checks of the same token", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    fake.expireAll();
    const stale = await Promise.all(Array.from({ length: 10 }, () => readSpace(client, "kept")));
    const checks = await Promise.all(stale.map(({ receipt }) => client.confirmSignedIn(receipt.answeredBy)));
    assert.deepEqual(new Set(checks), new Set(["refreshed"]));
    assert.equal(fake.count("ApiKeyUser"), 2);
    assert.deepEqual(viewerBearers(fake), [fake.issued[0], fake.issued[1]]);
  });

  it("fails for a raw API token that is answered as anonymous, without exchanging anything", async () => {
    const token = makeJwt({ aud: [ENDPOINT], exp: Date.UTC(2025, 0, 1, 13, 0, 0) / 1000, iss: "spacelift" });
    const { fake, client } = setup({ SPACELIFT_API_TOKEN: token });
    const stale = await readSpace(client, "kept");
    const error = await rejection(() => client.confirmSignedIn(stale.receipt.answeredBy));
    assert.ok(AuthenticationError.isInstance(error));
    assert.match(error.message, /the API token is no longer accepted/);
    assert.equal(viewerBearers(fake).length, 1);
    assert.equal(fake.count("ApiKeyUser") + fake.count("OauthUser"), 0);
    assertNoLeak(error, [token]);
  });

  it("treats anything that is not one of its handles as no handle", async () => {
    const { fake, client } = setup();
    await readSpace(client, "kept");
    for (const foreign of [undefined, null, "issued-jwt-1", {}, { token: fake.issued[0] }]) {
      assert.equal(await client.confirmSignedIn(foreign), "ok");
    }
    assert.deepEqual(viewerBearers(fake), Array(5).fill(fake.issued[0]));
  });

  it("reports the check's own failure as it is", async () => {
    const { fake, client } = setup();
    const { receipt } = await readSpace(client, "kept");
    fake.on("Viewer", () => ({ status: 503, text: "" }));
    const error = await rejection(() => client.confirmSignedIn(receipt.answeredBy));
    assert.ok(SpaceliftError.isInstance(error));
    assert.equal(error.code, "transport");
    assert.equal(fake.count("ApiKeyUser"), 1, "a transport failure says nothing about the token");
  });
});
