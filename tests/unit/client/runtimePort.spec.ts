/**
 * The runtime's engine port hands receipts and answered-by handles through, to the real client
 * and to an override, untouched.
 */
import { strict as assert } from "node:assert";
import sinon from "sinon";
import { clearSharedTokenSources } from "../../../provider/auth/registry";
import { AnsweredBy } from "../../../provider/client/answeredBy";
import { clearSharedClients } from "../../../provider/client/spaceliftClient";
import type { AnswerReceipt, ApiPort, OperationSpec } from "../../../provider/engine/api";
import { configureRuntime, resetRuntime, runtimeApiPort, setApiPort } from "../../../provider/runtime";
import { FakeSpacelift, KEY_ID, KEY_SECRET } from "./fakes";

const SPACE_READ: OperationSpec = {
  name: "SpaceRead",
  kind: "query",
  document: "query SpaceRead($id: ID!) { space(id: $id) { id } }",
};

describe("runtimeApiPort", () => {
  afterEach(() => {
    sinon.restore();
    resetRuntime();
    clearSharedClients();
    clearSharedTokenSources();
  });

  it("passes the receipt to the client and the handle back to its sign-in check", async () => {
    const fake = new FakeSpacelift({ apiKeys: { [KEY_ID]: KEY_SECRET } });
    fake.on("SpaceRead", () => ({ json: { data: { space: null } } }));
    sinon.replace(globalThis, "fetch", fake.fetch);
    const settings: Record<string, string> = {
      "spacelift:apiKeyEndpoint": "https://acme.app.spacelift.io",
      "spacelift:apiKeyId": KEY_ID,
      "spacelift:apiKeySecret": KEY_SECRET,
    };
    configureRuntime({ config: { get: (key: string) => settings[key] } });

    const receipt: AnswerReceipt = {};
    assert.deepEqual(await runtimeApiPort.run(SPACE_READ, { id: "gone" }, receipt), { space: null });
    assert.ok(receipt.answeredBy instanceof AnsweredBy);

    assert.equal(await runtimeApiPort.confirmSignedIn?.(receipt.answeredBy), "ok");
    const viewer = fake.calls.find((call) => call.operationName === "Viewer");
    assert.equal(viewer?.bearer, fake.issued[0]);
    assert.equal(fake.count("ApiKeyUser"), 1);
  });

  it("passes them to an override, and no more arguments than the engine gave", async () => {
    const run = sinon.stub().resolves({ ok: true });
    const confirm = sinon.stub().resolves("refreshed");
    setApiPort({ run, confirmSignedIn: confirm } as ApiPort);
    const receipt: AnswerReceipt = {};
    const handle = { opaque: true };

    await runtimeApiPort.run(SPACE_READ, { id: "a" }, receipt);
    await runtimeApiPort.run(SPACE_READ, { id: "b" });
    assert.equal(await runtimeApiPort.confirmSignedIn?.(handle), "refreshed");
    assert.equal(await runtimeApiPort.confirmSignedIn?.(), "refreshed");

    assert.deepEqual(
      run.args.map((args: unknown[]) => args.length),
      [3, 2],
    );
    assert.equal(run.firstCall.args[2], receipt, "the very receipt object, so the override can fill it");
    assert.deepEqual(confirm.args, [[handle], []]);
  });

  it("lets an override without the check keep every empty read", async () => {
    setApiPort({ run: sinon.stub().resolves({}) });
    assert.equal(await runtimeApiPort.confirmSignedIn?.({ opaque: true }), "ok");
  });
});
