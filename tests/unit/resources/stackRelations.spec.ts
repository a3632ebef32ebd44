import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/engine/check";
import { diffResource } from "../../../provider/engine/diff";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import type { Values } from "../../../provider/engine/values";
import {
  driftDetection,
  stack,
  stackDependency,
  stackDependencyReference,
} from "../../../provider/resources";
import { EmulatedEngines } from "./emulatedEngine";

const checked = (descriptor: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(descriptor, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

describe("DriftDetection, StackDependency and StackDependencyReference against the emulator", () => {
  let env: EmulatedEngines;
  let n = 0;
  const newStack = async (): Promise<string> => {
    const name = `relations-${++n}`;
    return (await env.engine(stack).create(checked(stack, { name, repository: "r", branch: "main" }))).id;
  };

  before(async () => {
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 0 });
  });
  after(() => env.close());

  describe("DriftDetection", () => {
    it("is keyed by the stack, defaults to UTC, updates in place and is gone once its schedule is", async () => {
      const engine = env.engine(driftDetection);
      const stackId = await newStack();
      const inputs = checked(driftDetection, { stackId, schedules: ["*/30 * * * *"] });
      assert.equal(inputs["timezone"], "UTC");
      const { id, outs } = await engine.create(inputs);
      assert.equal(id, stackId);
      assert.deepEqual(outs, {
        stackId,
        schedules: ["*/30 * * * *"],
        timezone: "UTC",
        reconcile: false,
        ignoreState: false,
      });

      // Resource.get: nothing but the id.
      assert.deepEqual((await engine.read(id)).props, outs);
      // ...or the id as Spacelift's Terraform provider imports it (8565261, integration_importer.go).
      assert.deepEqual((await engine.read(`stack/${stackId}`)).props, outs);

      const next = checked(driftDetection, {
        stackId,
        schedules: ["0 6 * * 1-5"],
        timezone: "Europe/Paris",
        reconcile: true,
      });
      assert.deepEqual(diffResource(driftDetection, outs, next).replaces, []);
      const updated = await engine.update(id, outs, next);
      assert.deepEqual((await engine.read(id, updated.outs)).props, updated.outs);

      env.emulator.controls.resetStats();
      await engine.delete(id, updated.outs);
      assert.equal(env.count("DriftDetectionDelete"), 1);
      assert.deepEqual(await engine.read(id, updated.outs), {}, "an empty schedule reads as gone");
      // Deleting again finds nothing and counts as done.
      await engine.delete(id, updated.outs);
    });

    it("takes `schedule`, its former name, and reads state written under it without a change", async () => {
      const engine = env.engine(driftDetection);
      const stackId = await newStack();
      const inputs = checked(driftDetection, { stackId, schedule: ["0 4 * * *"] });
      assert.deepEqual(inputs["schedules"], ["0 4 * * *"]);
      assert.equal("schedule" in inputs, false);
      const both = checkInputs(
        driftDetection,
        {},
        { stackId, schedule: ["0 4 * * *"], schedules: ["0 5 * * *"] },
      );
      assert.deepEqual(both.failures, [
        { property: "schedule", reason: "is the deprecated name of schedules; set only schedules" },
      ]);
      assert.deepEqual(
        checkInputs(driftDetection, {}, { stackId, schedule: ["0 4 * * *", "hourly"] }).failures.map(
          (f) => f.property,
        ),
        ["schedule[1]"],
        "a failure names the argument as the program spelled it",
      );

      // State an earlier version wrote: outputs (and stored inputs) under `schedule`.
      const { id, outs } = await engine.create(inputs);
      const { schedules, ...rest } = outs;
      const formerOuts = { ...rest, schedule: schedules };
      const news = checkInputs(driftDetection, formerOuts, { stackId, schedule: ["0 4 * * *"] }).inputs;
      assert.equal((await engine.diff(id, formerOuts, news)).changes, false);
      assert.deepEqual((await engine.read(id, formerOuts)).props, outs);
      const updated = await engine.update(id, formerOuts, { ...news, schedules: ["0 6 * * *"] });
      assert.deepEqual(updated.outs["schedules"], ["0 6 * * *"]);
      assert.equal("schedule" in updated.outs, false);
      await engine.delete(id, formerOuts);
      assert.deepEqual(await engine.read(id), {});
    });

    it("replaces on a change of stack, freeing the old stack first", () => {
      const outs = {
        stackId: "a",
        schedules: ["* * * * *"],
        timezone: "UTC",
        reconcile: false,
        ignoreState: false,
      };
      const diff = diffResource(driftDetection, outs, { ...outs, stackId: "b" });
      assert.deepEqual(diff, { changes: true, replaces: ["stackId"], deleteBeforeReplace: true });
    });
  });

  describe("StackDependency and StackDependencyReference", () => {
    it("creates a dependency with a composite id, then a reference on it, and reads both by id alone", async () => {
      const app = await newStack();
      const network = await newStack();
      const deps = env.engine(stackDependency);
      const dep = await deps.create(checked(stackDependency, { stackId: app, dependsOnStackId: network }));
      const dependencyId = String(dep.outs["dependencyId"]);
      assert.match(dependencyId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
      assert.equal(dep.id, `${app}/${dependencyId}`);
      assert.deepEqual((await deps.read(dep.id)).props, dep.outs);
      // The Terraform provider's import form, <stackId>/<dependsOnStackId> (8565261,
      // resource_stack_dependency.go), reads the same dependency; the id given is kept, as for
      // attachments, and a refresh with those outputs reads it by its own id.
      const foreign = await deps.read(`${app}/${network}`);
      assert.deepEqual(foreign.props, dep.outs);
      assert.deepEqual((await deps.read(`${app}/${network}`, foreign.props)).props, dep.outs);

      const refs = env.engine(stackDependencyReference);
      const ref = await refs.create(
        checked(stackDependencyReference, {
          stackDependencyId: dep.id,
          outputName: "vpc_id",
          inputName: "TF_VAR_vpc",
        }),
      );
      const referenceId = String(ref.outs["referenceId"]);
      assert.equal(ref.id, `${dep.id}/${referenceId}`);
      assert.deepEqual(ref.outs, {
        stackDependencyId: dep.id,
        outputName: "vpc_id",
        inputName: "TF_VAR_vpc",
        triggerAlways: false,
        referenceId,
      });
      assert.deepEqual((await refs.read(ref.id)).props, ref.outs);
      // The Terraform provider's import form, <stackId>/<dependsOnStackId>/<inputName> (8565261,
      // resource_stack_dependency_reference.go): the dependency is then named in that form too.
      assert.deepEqual((await refs.read(`${app}/${network}/TF_VAR_vpc`)).props, {
        ...ref.outs,
        stackDependencyId: `${app}/${network}`,
      });

      const next = checked(stackDependencyReference, {
        stackDependencyId: dep.id,
        outputName: "vpc",
        inputName: "TF_VAR_vpc_id",
        triggerAlways: true,
      });
      assert.deepEqual(diffResource(stackDependencyReference, ref.outs, next).replaces, []);
      const updated = await refs.update(ref.id, ref.outs, next);
      assert.deepEqual(updated.outs, { ...next, referenceId });
      assert.deepEqual((await refs.read(ref.id)).props, updated.outs);

      // Deleting the dependency takes the reference with it; both then read as gone.
      await deps.delete(dep.id, dep.outs);
      assert.deepEqual(await refs.read(ref.id, updated.outs), {});
      assert.deepEqual(await deps.read(dep.id, dep.outs), {});
      await refs.delete(ref.id, updated.outs);
    });

    it("surfaces Spacelift's refusal of a cycle", async () => {
      const a = await newStack();
      const b = await newStack();
      const deps = env.engine(stackDependency);
      await deps.create(checked(stackDependency, { stackId: a, dependsOnStackId: b }));
      await assert.rejects(
        deps.create(checked(stackDependency, { stackId: b, dependsOnStackId: a })),
        new RegExp(`dependency would create a cycle: ${b} -> ${a} -> ${b}`),
      );
    });

    it("refuses a stack depending on itself before any call", () => {
      const { failures } = checkInputs(stackDependency, {}, { stackId: "app", dependsOnStackId: "app" });
      assert.deepEqual(failures, [{ property: "dependsOnStackId", reason: "must differ from stackId" }]);
    });

    it("replaces a dependency on any change, deleting the old one first", () => {
      const outs = { stackId: "a", dependsOnStackId: "b", dependencyId: "01J00000000000000000000000" };
      assert.deepEqual(diffResource(stackDependency, outs, { stackId: "b", dependsOnStackId: "a" }), {
        changes: true,
        replaces: ["stackId", "dependsOnStackId"],
        deleteBeforeReplace: true,
      });
    });

    it("parses only well-formed ids", () => {
      for (const [descriptor, good, bad] of [
        [stackDependency, "app/01J00000000000000000000000", ["app", "app/", "/x", "a/b/c"]],
        [driftDetection, "app", ["", "stack/", "a/b", "stack/a/b"]],
        [
          stackDependencyReference,
          "app/01J00000000000000000000000/01J00000000000000000000001",
          ["app/01J0", "a/b/c/d", "a//c"],
        ],
      ] as const) {
        const id = descriptor.id;
        assert.ok(!("fromResult" in id));
        assert.equal(id.compose(id.parse(good)!), good);
        for (const text of bad) assert.equal(id.parse(text), undefined, text);
      }
      // The Terraform provider's import forms name the parts by what they are.
      const parse = (d: ResourceDescriptor, text: string) =>
        (d.id as { parse(id: string): unknown }).parse(text);
      assert.deepEqual(parse(stackDependency, "app/network"), {
        stackId: "app",
        dependsOnStackId: "network",
      });
      assert.deepEqual(parse(stackDependencyReference, "app/network/TF_VAR_x"), {
        stackDependencyId: "app/network",
        inputName: "TF_VAR_x",
      });
      assert.deepEqual(parse(driftDetection, "stack/app"), { stackId: "app" });
    });
  });
});
