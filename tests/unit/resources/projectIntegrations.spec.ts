import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { ResourceOperationError } from "../../../provider/engine/errors";
import { RESOURCE_KEY, type Values } from "../../../provider/engine/values";
import {
  awsRole,
  gcpServiceAccount,
  module,
  stack,
  stackGcpServiceAccount,
} from "../../../provider/resources";
import { EmulatedEngines } from "./emulatedEngine";
import { rejection } from "../engine/fakes";

const checked = (descriptor: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(descriptor, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

const ROLE = "arn:aws:iam::123456789012:role/legacy";

describe("per-stack integrations (AwsRole, GcpServiceAccount) against the emulator", () => {
  let env: EmulatedEngines;
  let n = 0;
  const newStack = async (): Promise<string> =>
    (
      await env
        .engine(stack)
        .create(checked(stack, { name: `per-stack-${++n}`, repository: "r", branch: "main" }))
    ).id;
  const newModule = async (): Promise<string> =>
    (
      await env.engine(module).create(
        checked(module, {
          name: `per-module-${++n}`,
          terraformProvider: "aws",
          repository: "r",
          branch: "main",
        }),
      )
    ).id;

  before(async () => {
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 0 });
  });
  after(() => env.close());

  it("gets a module's role by Terraform's import ID, module/<id>, and a stack's by its bare ID", async () => {
    const engine = env.engine(awsRole);
    const moduleId = await newModule();
    const onModule = await engine.create(checked(awsRole, { moduleId, roleArn: ROLE }));
    assert.equal(onModule.id, moduleId, "the ID is the module's, as Terraform's");
    assert.deepEqual((await engine.read(`module/${moduleId}`)).props, onModule.outs);
    // A bare ID names a stack, as Terraform's read does when its state names no module.
    assert.deepEqual(await engine.read(moduleId), {});

    const stackId = await newStack();
    const onStack = await engine.create(checked(awsRole, { stackId, roleArn: ROLE, durationSeconds: 2400 }));
    assert.deepEqual((await engine.read(stackId)).props, onStack.outs);
    assert.deepEqual((await engine.read(`stack/${stackId}`)).props, onStack.outs);
    const malformed = await rejection(() => engine.read(`space/${stackId}`));
    assert.ok(ResourceOperationError.isInstance(malformed));
    assert.match(malformed.message, /<stackOrModuleId>/);
  });

  it("refuses to take over a role someone else set, and changes nothing", async () => {
    const stackId = await newStack();
    const other = "arn:aws:iam::123456789012:role/someone-else";
    await env
      .engine(awsRole)
      .create({ ...checked(awsRole, { stackId, roleArn: other }), [RESOURCE_KEY]: "first-program" });
    const err = await rejection(() =>
      env
        .engine(awsRole)
        .create({ ...checked(awsRole, { stackId, roleArn: ROLE }), [RESOURCE_KEY]: "other-program" }),
    );
    assert.ok(ResourceOperationError.isInstance(err));
    assert.match(err.message, /already exists/);
    assert.equal((await env.engine(awsRole).read(stackId)).props?.["roleArn"], other);
  });

  it("keeps a service account's email when its scopes change, and reads the module variant", async () => {
    const engine = env.engine(stackGcpServiceAccount);
    const moduleId = await newModule();
    const made = await engine.create(checked(stackGcpServiceAccount, { moduleId, tokenScopes: ["a"] }));
    const email = made.outs["serviceAccountEmail"];
    assert.match(String(email), /@[a-z0-9-]+\.iam\.gserviceaccount\.com$/);
    const { outs } = await engine.update(
      made.id,
      made.outs,
      checked(stackGcpServiceAccount, { moduleId, tokenScopes: ["a", "b"] }),
    );
    assert.equal(outs["serviceAccountEmail"], email);
    assert.deepEqual((await env.engine(gcpServiceAccount).read(`module/${moduleId}`)).props, outs);
    await engine.delete(made.id, outs);
    assert.deepEqual(await engine.read(made.id, outs), {});
  });
});
