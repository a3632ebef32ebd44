import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import type { Values } from "../../../provider/engine/values";
import { awsIntegration, context, namedWebhook, policy, workerPool } from "../../../provider/resources";
import { EmulatedEngines } from "./emulatedEngine";

// What the provider sends, compared with what Spacelift's own clients send for the same program.
// Facts come from terraform-provider-spacelift (HEAD 8565261 unless a test says otherwise) and the
// Bruno collection; each test names the file.

// Spacelift parses a CSR only when a worker connects; any Base64 PEM certificate request will do.
const POOL_CSR = Buffer.from(
  "-----BEGIN CERTIFICATE REQUEST-----\nZmlkZWxpdHk=\n-----END CERTIFICATE REQUEST-----\n",
).toString("base64");

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

  it("WorkerPool sends driftDetectionRunLimit, -1 by default, on create and update", async () => {
    // terraform-provider-spacelift 8565261 resource_worker_pool.go: drift_detection_run_limit, default -1.
    const engine = env.engine(workerPool);
    const inputs = checked(workerPool, { name: "pool-limit", csr: POOL_CSR });
    const { id, outs } = await engine.create(inputs);
    assert.equal(outs["driftDetectionRunLimit"], -1);
    const updated = await engine.update(id, outs, { ...inputs, driftDetectionRunLimit: 3 });
    assert.equal(updated.outs["driftDetectionRunLimit"], 3);
    assert.equal(env.variablesOf("WorkerPoolCreate")[0]?.["driftDetectionRunLimit"], -1);
    assert.equal(env.variablesOf("WorkerPoolUpdate")[0]?.["driftDetectionRunLimit"], 3);
    const read = await engine.read(id, updated.outs);
    assert.equal(read.props?.["driftDetectionRunLimit"], 3);
  });

  it('NamedWebhook never sends secret "" on update, so an unset secret does not overwrite the stored one', async () => {
    // terraform-provider-spacelift 8565261 resource_named_webhook.go sends the secret only when non-empty.
    const engine = env.engine(namedWebhook);
    const inputs = checked(namedWebhook, {
      name: "hook-secret",
      endpoint: "https://example.com/hook",
      spaceId: "root",
    });
    const { id, outs } = await engine.create(inputs);
    await engine.update(id, outs, { ...inputs, enabled: false });
    for (const op of ["NamedWebhookCreate", "NamedWebhookUpdate"]) {
      const [variables] = env.variablesOf(op);
      assert.ok(variables, `${op} not sent`);
      assert.equal((variables["input"] as Record<string, unknown>)["secret"], null, op);
    }
  });

  it("updates re-send the stored space, engine type and the like that the program leaves unset", async () => {
    // Spacelift updates replace the whole object; its Terraform provider re-sends these from state
    // (8565261: resource_policy.go space_id and engine_type, resource_context.go and
    // resource_worker_pool.go space_id).
    await env.emulator.controls.seed({ spaces: [{ id: "team", name: "Team" }] });
    const policies = env.engine(policy);
    const first = checked(policy, { name: "resend", body: "package spacelift", type: "PLAN" });
    const made = await policies.create({ ...first, spaceId: "team", engineType: "REGO_V1" });
    const updated = await policies.update(made.id, made.outs, { ...first, body: "package x" });
    const [sent] = env.variablesOf("PolicyUpdate");
    assert.deepEqual(
      [
        (sent?.["input"] as Record<string, unknown>)["space"],
        (sent?.["input"] as Record<string, unknown>)["engineType"],
      ],
      ["team", "REGO_V1"],
    );
    assert.equal(updated.outs["spaceId"], "team");
    assert.equal(updated.outs["engineType"], "REGO_V1");

    const contexts = env.engine(context);
    const ctx = await contexts.create(checked(context, { name: "resend", spaceId: "team" }));
    const ctxUpdated = await contexts.update(
      ctx.id,
      ctx.outs,
      checked(context, { name: "resend", description: "d" }),
    );
    assert.equal(ctxUpdated.outs["spaceId"], "team");

    const pools = env.engine(workerPool);
    const pool = await pools.create(checked(workerPool, { name: "resend", csr: POOL_CSR, spaceId: "team" }));
    await pools.update(pool.id, pool.outs, checked(workerPool, { name: "resend", csr: POOL_CSR }));
    assert.equal(env.variablesOf("WorkerPoolUpdate")[0]?.["space"], "team");
  });
});
