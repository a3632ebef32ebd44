import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";

import { descriptors } from "../../../provider/resources";
import { DESCRIPTOR_LOADERS, knownKinds, loadDescriptor } from "../../../provider/resources/loaders";

describe("descriptor loaders (provider/resources/loaders.ts)", () => {
  it("know exactly the registered kinds", () => {
    assert.deepEqual(knownKinds(), Object.keys(descriptors).sort());
  });

  it("load each kind's registered descriptor, and nothing for an unknown kind", () => {
    for (const kind of Object.keys(DESCRIPTOR_LOADERS))
      assert.equal(loadDescriptor(kind), descriptors[kind], kind);
    assert.equal(loadDescriptor("Gizmo"), undefined);
    assert.equal(loadDescriptor("toString"), undefined);
  });

  it("let a provider process serving one kind load that kind's descriptor and no other", async () => {
    // A fresh process, as Pulumi starts one per operation; this one has loaded every descriptor.
    const program = `
      const provider = require("pulumi-spacelift/provider");
      provider.handler("Space").check({}, { name: "team" }).then(() => {
        console.log(JSON.stringify(Object.keys(require.cache)));
      });`;
    const loaded = await new Promise<string[]>((resolve, reject) =>
      execFile(process.execPath, ["-e", program], (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout) as string[]),
      ),
    );
    const resources = loaded
      .filter((file) => /dist[\\/]provider[\\/]resources[\\/]/.test(file))
      .map((file) => file.replace(/^.*dist[\\/]provider[\\/]resources[\\/]/, ""));
    assert.ok(resources.includes("space.js"), `space.js not loaded: ${resources.join(", ")}`);
    for (const other of ["stack.js", "workerPool.js", "context.js", "index.js"]) {
      assert.ok(!resources.includes(other), `${other} was loaded to serve Space`);
    }
  });
});
