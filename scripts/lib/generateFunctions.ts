/**
 * Renders the SDK side of the data functions from their descriptors: one module per function
 * (`sdk/functions/getStack.ts`, with `getStack`, `getStackOutput` and their argument and result
 * interfaces), the nested types in `sdk/types/input.ts` and `sdk/types/output.ts` (the names
 * Spacelift's official SDK uses, so that programs written for it compile), and `docs/functions.md`.
 *
 * @packageDocumentation
 */

import type { FunctionDescriptor, FunctionField, FunctionFields } from "../../provider/functions/descriptor";

/** One generated file: its repository-relative path and content (not yet formatted). */
export interface RenderedFile {
  /** Repository-relative path. */
  readonly path: string;
  /** Content. */
  readonly content: string;
}

/** Directory of the generated function modules. */
export const functionsDir = "sdk/functions";

const HAND_WRITTEN = new Set(["invoke.ts"]);

/** True for files in {@link functionsDir} that the generator does not own. */
export function isHandWrittenFunctionFile(name: string): boolean {
  return HAND_WRITTEN.has(name);
}

/** How the Promise form takes arguments: none, an optional object or a required one. */
export function argumentMode(descriptor: FunctionDescriptor): "none" | "optional" | "required" {
  const specs = Object.values(descriptor.args);
  if (specs.length === 0) return "none";
  return specs.every((s) => s.optional) ? "optional" : "required";
}

/** Types of the resource classes that `sdk/types` also exports, under the official SDK's names. */
export interface ResourceTypeExports {
  /** Lines appended to `sdk/types/input.ts`. */
  readonly input: readonly string[];
  /** Lines appended to `sdk/types/output.ts`. */
  readonly output: readonly string[];
}

/** Renders every function module, the types and the reference. */
export function renderFunctionFiles(
  descriptors: readonly FunctionDescriptor[],
  banner: string,
  resourceTypes: ResourceTypeExports = { input: [], output: [] },
): RenderedFile[] {
  const types = collectTypes(descriptors);
  // The official SDK also names each argument type with `Args` (its `Input`-wrapped form); these
  // are already `Input`-wrapped, so the two names are one type here.
  const argsAliases = types.input.map((t) => `export type ${t.name}Args = ${t.name};`);
  return [
    ...descriptors.map((d) => ({ path: `${functionsDir}/${d.name}.ts`, content: renderFunction(d, banner) })),
    {
      path: "sdk/types/input.ts",
      content: withLines(renderTypes(types.input, banner, "argument"), [
        ...argsAliases,
        ...resourceTypes.input,
      ]),
    },
    {
      path: "sdk/types/output.ts",
      content: withLines(renderTypes(types.output, banner, "result"), resourceTypes.output),
    },
    { path: "docs/functions.md", content: renderFunctionReference(descriptors, banner) },
  ];
}

interface NamedType {
  readonly name: string;
  readonly fields: FunctionFields;
  readonly owner: string;
}

/** Nested types used by arguments (input) and by results (output), each once, by name. */
function collectTypes(descriptors: readonly FunctionDescriptor[]): {
  input: NamedType[];
  output: NamedType[];
} {
  const input = new Map<string, NamedType>();
  const output = new Map<string, NamedType>();
  for (const d of descriptors) {
    const walk = (fields: FunctionFields, into: Map<string, NamedType>): void => {
      for (const spec of Object.values(fields)) {
        const name = nestedName(spec.type);
        if (name === undefined || into.has(name)) continue;
        const nested = d.types?.[name];
        if (nested === undefined) throw new Error(`${d.name}: type ${name} is not declared in its types`);
        const other = input.get(name) ?? output.get(name);
        if (other !== undefined && other.owner !== d.name && other.fields !== nested) {
          throw new Error(`${d.name} and ${other.owner} both declare a type named ${name}`);
        }
        into.set(name, { name, fields: nested, owner: d.name });
        walk(nested, into);
      }
    };
    walk(d.args, input);
    walk(d.result, output);
  }
  const sorted = (m: Map<string, NamedType>) => [...m.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { input: sorted(input), output: sorted(output) };
}

/** The nested type a field type names (`GetStackAnsible[]` → `GetStackAnsible`), if any. */
export function nestedName(type: string): string | undefined {
  return /^([A-Z]\w*)(\[\])?$/.exec(type)?.[1];
}

function hasSecret(d: FunctionDescriptor, fields: FunctionFields, seen = new Set<string>()): boolean {
  return Object.values(fields).some((spec) => {
    if (spec.secret) return true;
    const name = nestedName(spec.type);
    if (name === undefined || seen.has(name)) return false;
    const nested = d.types?.[name];
    return nested !== undefined && hasSecret(d, nested, new Set([...seen, name]));
  });
}

/** The TypeScript type of a field: `namespace` prefixes nested names; `input` wraps in pulumi.Input. */
function tsType(spec: FunctionField, namespace: "inputs" | "outputs" | "", input: boolean): string {
  const wrapInput = (t: string) => (input ? `pulumi.Input<${t}>` : t);
  const list = spec.type.endsWith("[]");
  const element = list ? spec.type.slice(0, -2) : spec.type;
  const base = nestedName(element) !== undefined && namespace !== "" ? `${namespace}.${element}` : element;
  let type = list ? wrapInput(`${wrapInput(base)}[]`) : wrapInput(base);
  if (!input && spec.secret) type = `pulumi.Output<${type}>`;
  return type;
}

function doc(paragraphs: readonly string[], indent = ""): string {
  const lines = paragraphs
    .filter((p) => p.trim() !== "")
    .flatMap((p, i) => [...(i > 0 ? [""] : []), ...p.replace(/\*\//g, "*\\/").split("\n")]);
  return `${indent}/**\n${lines.map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`).join("\n")}\n${indent} */\n`;
}

function fieldDoc(spec: FunctionField): string[] {
  return [spec.doc, ...(spec.secret ? ["A secret: a secret output, never plaintext."] : [])];
}

function members(
  fields: FunctionFields,
  namespace: "inputs" | "outputs",
  input: boolean,
  readonly: boolean,
): string {
  return Object.entries(fields)
    .map(
      ([name, spec]) =>
        `${doc(fieldDoc(spec), "  ")}  ${readonly ? "readonly " : ""}${name}${spec.optional ? "?" : ""}: ${tsType(spec, namespace, input)};`,
    )
    .join("\n\n");
}

/** Renders `sdk/functions/<name>.ts`. */
export function renderFunction(d: FunctionDescriptor, banner: string): string {
  const cap = d.name.charAt(0).toUpperCase() + d.name.slice(1);
  const mode = argumentMode(d);
  const secret = hasSecret(d, d.result);
  const usesInputs = Object.values(d.args).some((s) => nestedName(s.type.replace(/\[\]$/, "")) !== undefined);
  const usesOutputs = Object.values(d.result).some(
    (s) => nestedName(s.type.replace(/\[\]$/, "")) !== undefined,
  );
  const resultType = `${cap}Result`;
  const outputResult = secret ? `pulumi.Unwrap<${resultType}>` : resultType;
  const optsDoc =
    "@param opts - `provider` (a `spacelift.Provider`) or `parent` choose the account; by default the stack config and environment do, as for resources.";
  const argsParam = mode === "none" ? "" : `args${mode === "optional" ? "?" : ""}: ${cap}Args, `;
  const outArgsParam = mode === "none" ? "" : `args${mode === "optional" ? "?" : ""}: ${cap}OutputArgs, `;
  const argsValue = mode === "none" ? "undefined" : "args";
  const secretNote = secret ? "Secret fields of the result are secret outputs, never plaintext." : "";
  return `${banner}

import * as pulumi from "@pulumi/pulumi";
${usesInputs ? 'import type * as inputs from "../types/input";\n' : ""}${usesOutputs ? 'import type * as outputs from "../types/output";\n' : ""}import { invokeOutput, invokePromise } from "./invoke";
${
  mode === "none"
    ? ""
    : `
${doc([`The arguments of {@link ${d.name}}.`])}export interface ${cap}Args {
${members(d.args, "inputs", false, false)}
}

${doc([`The arguments of {@link ${d.name}Output}: as {@link ${cap}Args}, each may be an output.`])}export interface ${cap}OutputArgs {
${members(d.args, "inputs", true, false)}
}
`
}
${doc([`What {@link ${d.name}} finds.`])}export interface ${resultType} {
${members(d.result, "outputs", false, true)}
}

${doc([d.doc, `Corresponds to the Terraform data source \`${d.dataSource}\`. Runs in the program, with the credentials a resource would use.`, secretNote, [...(mode === "none" ? [] : ["@param args - what to look up"]), optsDoc].join("\n")])}export function ${d.name}(${argsParam}opts?: pulumi.InvokeOptions): Promise<${resultType}> {
  return invokePromise<${resultType}>(${JSON.stringify(d.name)}, ${argsValue}, opts);
}

${doc([`{@link ${d.name}} as an output: runs once its arguments are known.`, [...(mode === "none" ? [] : ["@param args - what to look up; plain values or outputs"]), optsDoc].join("\n")])}export function ${d.name}Output(${outArgsParam}opts?: pulumi.InvokeOptions): pulumi.Output<${outputResult}> {
  return invokeOutput<${outputResult}>(${JSON.stringify(d.name)}, ${argsValue}, opts);
}
`;
}

/** `text` with `lines` appended, after a blank line. */
function withLines(text: string, lines: readonly string[]): string {
  return lines.length === 0 ? text : `${text.trimEnd()}\n\n${lines.join("\n")}\n`;
}

function renderTypes(types: readonly NamedType[], banner: string, role: "argument" | "result"): string {
  const namespace = role === "argument" ? "inputs" : "outputs";
  const needsPulumi = types.some((t) => role === "argument" || Object.values(t.fields).some((f) => f.secret));
  const self = role === "argument" ? "input" : "output";
  const usesSelf = types.some((t) =>
    Object.values(t.fields).some((f) => nestedName(f.type.replace(/\[\]$/, "")) !== undefined),
  );
  const body = types
    .map(
      (t) =>
        `${doc([`Part of the ${role} of \`${t.owner}\`.`])}export interface ${t.name} {
${members(t.fields, namespace, role === "argument", role === "result")}
}`,
    )
    .join("\n\n");
  return `${banner}

${doc([`Nested ${role} types of the data functions and the resource classes, named as in Spacelift's official SDK (\`types.${self}\`).`])}
${needsPulumi ? 'import type * as pulumi from "@pulumi/pulumi";\n' : ""}${usesSelf ? `import type * as ${namespace} from "./${self}";\n` : ""}
${body || "export {};"}
`;
}

function renderFunctionReference(descriptors: readonly FunctionDescriptor[], banner: string): string {
  const table = (fields: FunctionFields) =>
    Object.entries(fields)
      .map(
        ([name, spec]) =>
          `| \`${name}\` | \`${spec.type}\` | ${spec.optional ? "" : "yes"} | ${spec.doc.replace(/\|/g, "\\|").replace(/\n/g, " ")}${spec.secret ? " (secret)" : ""} |`,
      )
      .join("\n");
  const sections = descriptors.map((d) => {
    const types = Object.entries(d.types ?? {})
      .map(
        ([name, fields]) =>
          `\n**${name}**\n\n| field | type | always | description |\n|---|---|---|---|\n${table(fields)}\n`,
      )
      .join("");
    return `## ${d.name}

${d.doc}

\`spacelift.${d.name}(${argumentMode(d) === "none" ? "" : "args, "}opts?)\` returns a Promise; \`spacelift.${d.name}Output(...)\` an output. Terraform data source: \`${d.dataSource}\`.
${
  Object.keys(d.args).length === 0
    ? "\nNo arguments.\n"
    : `\n| argument | type | required | description |\n|---|---|---|---|\n${table(d.args)}\n`
}
| result | type | always | description |
|---|---|---|---|
${table(d.result)}
${types}`;
  });
  return `<!-- ${banner.replace(/^\/\/ /gm, "").replace(/\n/g, " ")} -->

# Function reference

Data functions look things up in Spacelift from the program: \`getX(args, opts?)\` returns a
Promise, \`getXOutput(args, opts?)\` an output. They run in the program's process with the
credentials a resource would use (an explicit \`spacelift.Provider\` given as \`opts.provider\`,
else stack config, else the environment). Secret fields are Pulumi secrets.

${descriptors.map((d) => `- [${d.name}](#${d.name.toLowerCase()})`).join("\n")}

${sections.join("\n")}`;
}
