import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceDescriptor } from "../../provider/engine/descriptor";
import * as sdk from "../../sdk";
import {
  type GeneratedFile,
  generate,
  loadDescriptors,
  repoRoot,
  resourcesDir,
} from "../../scripts/generate";

describe("generated SDK classes and resource reference", function () {
  // Formatting every file with Prettier takes a few seconds on a busy machine.
  this.timeout(60_000);

  let files: GeneratedFile[];

  before(async () => {
    files = await generate(loadDescriptors());
  });

  it("are up to date with the descriptors (run `npm run generate` when this fails)", () => {
    const stale = files.flatMap((file) => {
      const target = path.join(repoRoot, file.path);
      if (!fs.existsSync(target)) {
        return [`${file.path}: missing`];
      }
      const difference = firstDifference(fs.readFileSync(target, "utf8"), file.content);
      return difference === undefined ? [] : [`${file.path}: ${difference}`];
    });
    assert.deepEqual(stale, []);
  });

  it("leave no resource module in sdk/resources without a descriptor", () => {
    const expected = new Set(files.map((f) => f.path));
    const orphans = fs
      .readdirSync(path.join(repoRoot, resourcesDir))
      .map((entry) => `${resourcesDir}/${entry}`)
      .filter((relative) => !expected.has(relative));
    assert.deepEqual(orphans, []);
  });

  it("refuse a nested type whose name another module already exports", async () => {
    const fake = (kind: string, fields: Record<string, unknown>): ResourceDescriptor =>
      ({
        kind,
        doc: kind,
        fields,
        typeToken: `test:${kind}`,
        id: { fromResult: "id" },
      }) as unknown as ResourceDescriptor;
    const nested = { kind: "object", fields: { name: { type: { kind: "string" }, doc: "Name." } } };
    await assert.rejects(
      generate([
        fake("Stack", { dependency: { type: nested, doc: "Nested." } }),
        fake("StackDependency", {}),
      ]),
      /both export StackDependency/,
    );
  });

  it("mark a deprecated kind's class @deprecated and say so first in the reference", async () => {
    const fake = {
      kind: "OldThing",
      doc: "An old thing.",
      deprecated: "Use `NewThing` instead.",
      fields: {},
      typeToken: "test:OldThing",
      id: { fromResult: "id" },
    } as unknown as ResourceDescriptor;
    const generated = await generate([fake]);
    const module = generated.find((f) => f.path === `${resourcesDir}/oldThing.ts`);
    assert.ok(module, "no module for OldThing");
    assert.match(module.content, /\* @deprecated Use `NewThing` instead\.\n \*\/\nexport class OldThing/);
    const reference = generated.find((f) => f.path.endsWith("resources.md"));
    assert.match(
      reference?.content ?? "",
      /## OldThing\n\n\*\*Deprecated:\*\* Use `NewThing` instead\.\n\nAn old thing\./,
    );
  });

  it("generate one module per registered kind", () => {
    const kinds = loadDescriptors().map((d) => d.kind);
    const modules = files.filter((f) => f.path.startsWith(`${resourcesDir}/`));
    assert.equal(modules.length, kinds.length);
    for (const kind of kinds) {
      assert.ok(
        modules.some((m) => m.content.includes(`export class ${kind} extends pulumi.CustomResource`)),
        `no class for ${kind}`,
      );
    }
  });
});

/** Where two texts first differ, as `line N: expected … but found …`; undefined when equal. */
function firstDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) {
    return undefined;
  }
  const actualLines = actual.split("\n");
  const expectedLines = expected.split("\n");
  const index = expectedLines.findIndex((line, i) => line !== actualLines[i]);
  const at = index === -1 ? expectedLines.length : index;
  return `line ${at + 1}: expected ${JSON.stringify(expectedLines[at] ?? "<end>")} but found ${JSON.stringify(actualLines[at] ?? "<end>")}`;
}

describe("official class names", () => {
  it("exports MountedFile also as the official provider's Mountedfile, with its Args", () => {
    assert.equal(sdk.Mountedfile, sdk.MountedFile);
    // A program written for the official SDK types its arguments with MountedfileArgs.
    const args: sdk.MountedfileArgs = {
      contextId: "c",
      relativePath: "a.txt",
      content: "YQ==",
    };
    assert.equal(args.relativePath, "a.txt");
  });
});
