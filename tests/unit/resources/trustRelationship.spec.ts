import { strict as assert } from "node:assert";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { ResourceEngine } from "../../../provider/engine/lifecycle";
import { awsIntegrationAttachment } from "../../../provider/resources";
import { apiError, fakeApi, rejection } from "../engine/fakes";

const TRUST = "you need to configure trust relationship section in your AWS account";
const ATTACHED = { id: "att-1", stackId: "stk", isModule: false, read: true, write: true };

/** An engine whose attach is refused `refusals` times (with `message`) before it succeeds. */
function setup(refusals: number, message = TRUST) {
  let calls = 0;
  const api = fakeApi({
    AwsIntegrationAttach: () => {
      if (++calls <= refusals) throw apiError("validation", message);
      return { awsIntegrationAttach: ATTACHED };
    },
  });
  const sleeps: number[] = [];
  const engine = new ResourceEngine(awsIntegrationAttachment, {
    api: api.port,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { api, sleeps, engine };
}

const INPUTS = { integrationId: "aws-1", stackId: "stk", read: true, write: true };

describe("AwsIntegrationAttachment waits out AWS propagating the role's trust policy", () => {
  it("sends the attach again, ten seconds apart, while Spacelift asks for the trust relationship", async () => {
    const { api, sleeps, engine } = setup(2);
    const { id } = await engine.create(INPUTS);
    assert.equal(id, "aws-1/stk");
    assert.equal(api.calls("AwsIntegrationAttach").length, 3);
    assert.deepEqual(sleeps, [10_000, 10_000]);
  });

  it("gives up after five attempts with Spacelift's reason", async () => {
    const { api, sleeps, engine } = setup(10);
    const err = await rejection(() => engine.create(INPUTS));
    assert.ok(ResourceOperationError.isInstance(err));
    assert.match(err.message, /trust relationship/);
    assert.equal(api.calls("AwsIntegrationAttach").length, 5);
    assert.equal(sleeps.length, 4);
  });

  it("does not repeat any other refusal", async () => {
    const { api, sleeps, engine } = setup(1, "stack stk already has an AWS integration attached for read");
    await rejection(() => engine.create(INPUTS));
    assert.equal(api.calls("AwsIntegrationAttach").length, 1);
    assert.deepEqual(sleeps, []);
  });
});
