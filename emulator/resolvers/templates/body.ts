/**
 * Reading a template body, as far as the emulator needs it: the inputs it declares and the stacks
 * it would create. Spacelift's bodies are YAML (`inputs:` and `stacks:` lists of mappings); the
 * emulator ships no YAML parser, so it reads the block-style subset those bodies use: top-level
 * keys, `- key: value` list items and their plain `key: value` members. Anything it cannot read is
 * reported as an error, as Spacelift reports a body it cannot parse.
 *
 * @packageDocumentation
 */

/** The input types Spacelift's blueprint and template bodies know. */
export const INPUT_TYPES = [
  "short_text",
  "long_text",
  "secret",
  "number",
  "float",
  "boolean",
  "list",
] as const;

/** An input the body declares. */
export interface BodyInput {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly description: string | null;
  readonly default: string | null;
}

/** A stack the body declares: its name, with `${{ inputs.<id> }}` references still in it. */
export interface BodyStack {
  readonly name: string;
}

/** What {@link parseBody} found. */
export interface ParsedBody {
  readonly inputs: BodyInput[];
  readonly stacks: BodyStack[];
  /** Empty when the body can be published. */
  readonly errors: string[];
}

type Item = Record<string, string>;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

/** The list items under each top-level key: each item's scalar members at its own level. */
function topLevelLists(body: string, errors: string[]): Map<string, Item[]> {
  const lists = new Map<string, Item[]>();
  let key: string | null = null;
  let item: Item | null = null;
  let itemIndent = -1;
  const lines = body.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+#.*$/, "");
    if (line.trim() === "" || line.trim().startsWith("#")) return;
    const indent = line.length - line.trimStart().length;
    const text = line.trim();
    if (indent === 0) {
      const top = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(text);
      if (!top) {
        errors.push(`line ${index + 1}: expected a top-level key`);
        key = null;
        return;
      }
      key = top[1]!;
      item = null;
      if (!lists.has(key)) lists.set(key, []);
      return;
    }
    if (key === null) return;
    if (text.startsWith("- ")) {
      item = {};
      itemIndent = indent + 2;
      lists.get(key)!.push(item);
      const member = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(text.slice(2).trim());
      if (member && member[2] !== "") item[member[1]!] = unquote(member[2]!);
      return;
    }
    if (item !== null && indent === itemIndent) {
      const member = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(text);
      if (member && member[2] !== "") item[member[1]!] = unquote(member[2]!);
    }
    // Deeper lines (a stack's `vcs:` or `vendor:` blocks) are not needed by the emulator.
  });
  return lists;
}

const REFERENCE = /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g;

/** Reads a template body; see the module documentation for the subset understood. */
export function parseBody(body: string): ParsedBody {
  const errors: string[] = [];
  if (body.trim() === "") return { inputs: [], stacks: [], errors: ["template must not be empty"] };
  const lists = topLevelLists(body, errors);
  const inputs: BodyInput[] = [];
  for (const [index, item] of (lists.get("inputs") ?? []).entries()) {
    const id = item["id"];
    if (!id) {
      errors.push(`inputs[${index}]: id is required`);
      continue;
    }
    const type = item["type"] ?? "short_text";
    if (!(INPUT_TYPES as readonly string[]).includes(type)) {
      errors.push(
        `inputs[${index}]: unknown type ${JSON.stringify(type)} (one of ${INPUT_TYPES.join(", ")})`,
      );
    }
    if (inputs.some((i) => i.id === id)) errors.push(`inputs[${index}]: duplicate id ${JSON.stringify(id)}`);
    inputs.push({
      id,
      name: item["name"] ?? id,
      type,
      description: item["description"] ?? null,
      default: item["default"] ?? null,
    });
  }
  const stacks: BodyStack[] = [];
  const declared = lists.get("stacks");
  if (!declared || declared.length === 0)
    errors.push("template must declare at least one stack under stacks");
  for (const [index, item] of (declared ?? []).entries()) {
    const name = item["name"];
    if (!name) {
      errors.push(`stacks[${index}]: name is required`);
      continue;
    }
    for (const match of name.matchAll(REFERENCE)) {
      if (!inputs.some((i) => i.id === match[1])) {
        errors.push(`stacks[${index}]: name refers to undeclared input ${JSON.stringify(match[1])}`);
      }
    }
    stacks.push({ name });
  }
  return { inputs, stacks, errors };
}

/** `text` with every `${{ inputs.<id> }}` replaced by the input's value (its default when not given). */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(REFERENCE, (_all, id: string) => values.get(id) ?? "");
}
