import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import type { Values } from "../../../provider/engine/values";
import { awsIntegration } from "../../../provider/resources";
import { EmulatedEngines } from "./emulatedEngine";

// What the provider sends, compared with what Spacelift's own clients send for the same program.
// Facts come from terraform-provider-spacelift (HEAD 8565261 unless a test says otherwise) and the
// Bruno collection; each test names the file.

const checked = (descriptor: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(descriptor, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

describe("the provider sends what Spacelift's clients send", function () {
  let env: EmulatedEngines;

  before(async () => {
    env = await EmulatedEngines.start();
  });
  after(() => env.close());
  beforeEach(() => env.sent.splice(0));

  it('AwsIntegration declares externalID String! and sends "" when it is unset', async () => {
    // Bruno: Cloud Integrations/AWS/Update AWS Integration.bru declares `$externalID: String!`;
    // the Terraform provider (resource_aws_integration.go) sends "" for none.
    const engine = env.engine(awsIntegration);
    const inputs = checked(awsIntegration, {
      name: "aws-external",
      roleArn: "arn:aws:iam::123456789012:role/deployer",
    });
    const { id, outs } = await engine.create(inputs);
    assert.equal(outs["externalId"], undefined);
    await engine.update(id, outs, { ...inputs, durationSeconds: 1800 });
    for (const op of ["AwsIntegrationCreate", "AwsIntegrationUpdate"]) {
      const request = env.sent.find((r) => r.operationName === op);
      assert.ok(request, `${op} not sent`);
      assert.match(request.query, /\$externalID: String!/, op);
      assert.equal(request.variables["externalID"], "", op);
    }
  });
});
