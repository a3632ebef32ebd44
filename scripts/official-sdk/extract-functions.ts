/**
 * Builds `tests/fixtures/official-sdk/functions.json`: the names, arguments and result fields of
 * every function of Spacelift's official Pulumi SDK (`@spacelift-io/pulumi-spacelift`, Apache-2.0),
 * and the `types.input`/`types.output` interfaces they use. Only names and types are recorded:
 * they are facts of the API that programs written for that SDK compile against.
 *
 * Usage: `ts-node scripts/official-sdk/extract-functions.ts <git dir of pulumi-spacelift> [commit]`
 *
 * @packageDocumentation
 */

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** One member of an interface: its name, whether it is optional, and its type as written. */
interface Member {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
}

const [gitDir, commitArg] = process.argv.slice(2);
if (gitDir === undefined) throw new Error("usage: extract-functions.ts <git dir> [commit]");
const commit = commitArg ?? git(["rev-parse", "HEAD"]).trim();

function git(args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir as string, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
}

function interfaces(file: string): Map<string, Member[]> {
  const source = ts.createSourceFile(file, git(["show", `${commit}:${file}`]), ts.ScriptTarget.Latest, true);
  const found = new Map<string, Member[]>();
  const visit = (node: ts.Node, prefix: string): void => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const child of node.body.statements) visit(child, `${prefix}${node.name.getText()}.`);
      return;
    }
    if (ts.isInterfaceDeclaration(node)) {
      found.set(
        prefix + node.name.text,
        node.members.filter(ts.isPropertySignature).map((m) => ({
          name: m.name.getText(),
          optional: m.questionToken !== undefined,
          type: (m.type?.getText() ?? "unknown").replace(/\s+/g, " "),
        })),
      );
    }
    ts.forEachChild(node, (child) => visit(child, prefix));
  };
  visit(source, "");
  return found;
}

const files = git(["ls-tree", "--name-only", commit, "sdk/nodejs/"])
  .split("\n")
  .filter((f) => /\/get[A-Z][A-Za-z]*\.ts$/.test(f))
  .sort();

const functions = files.map((file) => {
  const name = path.basename(file, ".ts");
  const cap = name[0]?.toUpperCase() + name.slice(1);
  const found = interfaces(file);
  const text = git(["show", `${commit}:${file}`]);
  const token = /invoke\("([^"]+)"/.exec(text)?.[1];
  // How the Promise form takes its arguments: none, optional (every argument optional) or required.
  const signature = new RegExp(`export function ${name}\\(([^)]*)\\)`).exec(text)?.[1] ?? "";
  const params = signature.startsWith("opts")
    ? "none"
    : signature.startsWith("args?")
      ? "optional"
      : "required";
  return {
    name,
    token,
    params,
    args: found.get(`${cap}Args`) ?? [],
    result: found.get(`${cap}Result`) ?? [],
  };
});

const outputTypes = Object.fromEntries(
  [...interfaces("sdk/nodejs/types/output.ts")].filter(([n]) => /^Get[A-Z]/.test(n)),
);
const inputTypes = Object.fromEntries(
  [...interfaces("sdk/nodejs/types/input.ts")].filter(([n]) => /^Get[A-Z]/.test(n)),
);

const out = {
  source: "github.com/spacelift-io/pulumi-spacelift sdk/nodejs (Apache-2.0)",
  commit,
  note: "Names and types only, extracted by scripts/official-sdk/extract-functions.ts.",
  functions,
  inputTypes,
  outputTypes,
};
const target = path.join(__dirname, "..", "..", "tests", "fixtures", "official-sdk", "functions.json");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, JSON.stringify(out, null, 2) + "\n");
console.log(`${functions.length} functions, ${Object.keys(outputTypes).length} output types -> ${target}`);
