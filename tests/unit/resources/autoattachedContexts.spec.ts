import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import type { Values } from "../../../provider/engine/values";
import { contextAttachment, policyAttachment } from "../../../provider/resources";
import { EmulatedEngines } from "./emulatedEngine";

const checked = (descriptor: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(descriptor, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

/**
 * Spacelift lists contexts and policies that an `autoattach:` label attaches among the attachments
 * it reads (`isAutoattached: true`). Such an entry is no attachment a program made: the provider
 * must never read one as its own, nor look one up by its target.
 */
describe("Attachments next to auto-attached contexts and policies", () => {
  let env: EmulatedEngines;

  before(async () => {
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 0 });
    await env.emulator.controls.seed({
      stacks: [{ name: "labelled", labels: ["prod"] }],
      contexts: [{ name: "prod-env", labels: ["autoattach:prod"] }],
      policies: [{ name: "prod-plan", type: "PLAN", labels: ["autoattach:prod"] }],
    });
  });
  after(() => env.close());

  for (const [descriptor, source] of [
    [contextAttachment, { contextId: "prod-env" }],
    [policyAttachment, { policyId: "prod-plan" }],
  ] as const) {
    const sourceId = Object.values(source)[0];

    it(`${descriptor.kind}: a lookup by target does not take the auto-attachment for an attachment`, async () => {
      const engine = env.engine(descriptor);
      assert.deepEqual(await engine.read(`${sourceId}/labelled`), {});
    });

    it(`${descriptor.kind}: attaching by hand makes a real attachment, which reads back as its own`, async () => {
      const engine = env.engine(descriptor);
      const { id, outs } = await engine.create(checked(descriptor, { ...source, stackId: "labelled" }));
      assert.doesNotMatch(String(outs["attachmentId"]), /^autoattach:/);
      assert.deepEqual((await engine.read(id)).props, outs);
      assert.deepEqual((await engine.read(`${sourceId}/labelled`)).props, outs);
      await engine.delete(id, outs);
      assert.deepEqual(await engine.read(`${sourceId}/labelled`), {});
    });
  }
});
