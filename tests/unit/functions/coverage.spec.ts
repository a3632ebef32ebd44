import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

import { functionDescriptors } from "../../../provider/functions/registry";

const ROOT = path.join(__dirname, "../../..");

function sources(dir: string): string {
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => fs.readFileSync(path.join(ROOT, dir, f), "utf8"))
    .join("\n");
}

describe("every data function is exercised", () => {
  const names = functionDescriptors().map((d) => d.name);

  it("by examples/lookups, which CI runs end to end", () => {
    const example = sources("examples/lookups");
    assert.deepEqual(
      names.filter((name) => !new RegExp(`\\b${name}(?:Output)?\\(`).test(example)),
      [],
    );
  });

  it("by an emulator test", () => {
    const specs = sources("tests/emulator/functions");
    assert.deepEqual(
      names.filter((name) => !specs.includes(`"${name}"`)),
      [],
    );
  });
});
