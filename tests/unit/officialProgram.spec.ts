import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as ts from "typescript";
import { descriptors } from "../../provider/resources";

const fixtureDir = path.resolve(__dirname, "..", "fixtures", "official-program");

/** The diagnostics of the fixture program, compiled with its own tsconfig (the import mapped to `sdk/index.ts`). */
function compileFixture(): readonly ts.Diagnostic[] {
  const configPath = path.join(fixtureDir, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  assert.equal(read.error, undefined, "the fixture's tsconfig.json is readable");
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, fixtureDir);
  assert.deepEqual(parsed.errors, []);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts.getPreEmitDiagnostics(program);
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => fixtureDir,
    getNewLine: () => "\n",
  });
}

describe("a program written for the official SDK", function () {
  // Type-checking the SDK and @pulumi/pulumi from source takes several seconds.
  this.timeout(120_000);

  it("compiles against this package with only its import changed, for all 37 official classes", () => {
    const diagnostics = compileFixture();
    assert.equal(diagnostics.length, 0, format(diagnostics));
  });

  it("uses every official class, under its official name, through the official import", () => {
    const source = ts.sys.readFile(path.join(fixtureDir, "index.ts")) ?? "";
    assert.match(source, /from "@spacelift-io\/pulumi-spacelift"/);
    const used = new Set([...source.matchAll(/new spacelift\.(\w+)\(/g)].map((m) => m[1]));
    // The official name is the kind, or the alias the SDK exports for it (`Mountedfile`); kinds
    // the official provider lacks have no official type token.
    const official = Object.values(descriptors)
      .filter((d) => d.officialTypeToken !== undefined)
      .map((d) => d.classAliases?.[0] ?? d.kind);
    assert.equal(official.length, 37);
    assert.deepEqual([...used].sort(), official.sort());
  });

  it("is aliased, class by class, to the type tokens the official provider writes in state", () => {
    // What the official provider wrote for that program (tests/fixtures/official-state/README.md).
    const recorded = JSON.parse(
      ts.sys.readFile(path.resolve(fixtureDir, "..", "official-state", "deployment.json")) ?? "{}",
    ) as { deployment: { resources: { type: string }[] } };
    const written = new Set(
      recorded.deployment.resources.map((r) => r.type).filter((type) => type.startsWith("spacelift:index/")),
    );
    const aliased = Object.values(descriptors).flatMap((d) =>
      d.officialTypeToken === undefined ? [] : [d.officialTypeToken],
    );
    assert.deepEqual([...aliased].sort(), [...written].sort());
  });
});
