import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { descriptors } from "../../provider/resources";

const examples = path.resolve(__dirname, "..", "..", "examples");

/** The classes a program's sources construct (`new spacelift.Stack(`), by their canonical kind. */
function constructed(dir: string): Set<string> {
  const aliases = new Map<string, string>();
  for (const d of Object.values(descriptors))
    for (const alias of d.classAliases ?? []) aliases.set(alias, d.kind);
  const kinds = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    for (const match of source.matchAll(/new spacelift\.(\w+)\(/g)) {
      const name = match[1]!;
      kinds.add(aliases.get(name) ?? name);
    }
  }
  return kinds;
}

describe("the example programs", () => {
  it("declare every kind between them: everything the official provider's 37, newer the 18 added since", () => {
    const everything = constructed(path.join(examples, "everything"));
    const newer = constructed(path.join(examples, "newer"));
    const official = Object.values(descriptors).filter((d) => d.officialTypeToken !== undefined);
    const added = Object.values(descriptors).filter((d) => d.officialTypeToken === undefined);
    assert.equal(official.length + added.length, 55);
    assert.deepEqual(
      official.map((d) => d.kind).filter((kind) => !everything.has(kind)),
      [],
      "examples/everything declares each official kind",
    );
    assert.deepEqual(
      added.map((d) => d.kind).filter((kind) => !newer.has(kind)),
      [],
      "examples/newer declares each kind added since",
    );
    assert.equal(added.length, 18);
  });
});
