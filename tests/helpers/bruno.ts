import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * Reading Spacelift's public Bruno request collection (`spacelift-io/spacelift-api-bruno`): one
 * `.bru` file per GraphQL request, which tests use as the real clients' documents.
 *
 * The Bru format is a list of top-level blocks, `name {` ... `}` (or `name [` ... `]` for lists),
 * each closed by a line holding only the closing bracket at column 0, with the content indented by
 * two spaces. Content is kept verbatim apart from that indentation, so GraphQL text, JSON and
 * Markdown inside blocks need no escaping rules.
 */

/** The blocks of one `.bru` file by name (`meta`, `docs`, `body:graphql`, ...), content de-indented. */
export type BruBlocks = ReadonlyMap<string, string>;

/** One request of the collection. */
export interface BrunoRequest {
  /** Absolute path of the `.bru` file. */
  readonly file: string;
  /** Path relative to the collection's `Spacelift/` folder, with `/` separators, e.g. `Stacks/Get Stack.bru`. */
  readonly relativePath: string;
  /** The request's name from its `meta` block (e.g. `Get Stack`). */
  readonly name: string;
  /** Every block of the file. */
  readonly blocks: BruBlocks;
  /** The GraphQL document (`body:graphql`), or null for a file without one. */
  readonly graphql: string | null;
  /** The example variables (`body:graphql:vars`), parsed; `{}` when the file has none. */
  readonly variables: Record<string, unknown>;
  /** The request's documentation (`docs`), or null. */
  readonly docs: string | null;
}

const BLOCK_START = /^([A-Za-z][\w:-]*)\s*([{[])\s*$/;

/** Splits `.bru` text into its top-level blocks. Throws on a block that is never closed. */
export function parseBru(text: string): BruBlocks {
  const blocks = new Map<string, string>();
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = BLOCK_START.exec(lines[i]);
    if (!start) {
      continue;
    }
    const [, name, open] = start;
    const close = open === "{" ? "}" : "]";
    const end = lines.findIndex((line, j) => j > i && line === close);
    if (end === -1) {
      throw new Error(`unterminated block "${name}" at line ${i + 1}`);
    }
    const content = lines
      .slice(i + 1, end)
      .map((line) => (line.startsWith("  ") ? line.slice(2) : line))
      .join("\n")
      .trim();
    blocks.set(name, content);
    i = end;
  }
  return blocks;
}

/** The value of `key: value` in a dictionary block such as `meta`, or undefined. */
export function blockValue(block: string | undefined, key: string): string | undefined {
  for (const line of (block ?? "").split("\n")) {
    const separator = line.indexOf(":");
    if (separator > 0 && line.slice(0, separator).trim() === key) {
      return line.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/** Reads one request file. `requestsDir` is the collection's `Spacelift/` folder. */
export function readBrunoRequest(file: string, requestsDir: string): BrunoRequest {
  const blocks = parseBru(readFileSync(file, "utf8"));
  const varsText = blocks.get("body:graphql:vars");
  let variables: Record<string, unknown> = {};
  if (varsText) {
    const parsed: unknown = JSON.parse(varsText);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${file}: body:graphql:vars is not a JSON object`);
    }
    variables = parsed as Record<string, unknown>;
  }
  return {
    file,
    relativePath: path.relative(requestsDir, file).split(path.sep).join("/"),
    name: blockValue(blocks.get("meta"), "name") ?? path.basename(file, ".bru"),
    blocks,
    graphql: blocks.get("body:graphql") || null,
    variables,
    docs: blocks.get("docs") ?? null,
  };
}

/** Every `.bru` file under `dir`, recursively, sorted; folder settings files (`folder.bru`) excluded. */
export function listBruFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...listBruFiles(full));
    } else if (entry.isFile() && entry.name.endsWith(".bru") && entry.name !== "folder.bru") {
      files.push(full);
    }
  }
  return files.sort();
}

/** The repository root (the directory holding `package.json`). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/**
 * The collection's root directory: `$SPACELIFT_BRUNO_DIR` when set, else `../shared/spacelift-api-bruno`
 * next to the repository. Throws with both locations named when it is missing.
 */
export function brunoCollectionDir(): string {
  const dir = process.env.SPACELIFT_BRUNO_DIR
    ? path.resolve(process.env.SPACELIFT_BRUNO_DIR)
    : path.resolve(REPO_ROOT, "..", "shared", "spacelift-api-bruno");
  if (!existsSync(path.join(dir, "Spacelift"))) {
    throw new Error(
      `Bruno collection not found at ${dir} (expected a Spacelift/ folder there); ` +
        "set SPACELIFT_BRUNO_DIR to a checkout of spacelift-io/spacelift-api-bruno",
    );
  }
  return dir;
}

/** The collection's `Spacelift/` folder, which holds the request folders. */
export function brunoRequestsDir(): string {
  return path.join(brunoCollectionDir(), "Spacelift");
}

/** Every request in the given top-level folders (e.g. `["Stacks", "Contexts"]`), subfolders included. */
export function loadBrunoRequests(folders: readonly string[]): BrunoRequest[] {
  const requestsDir = brunoRequestsDir();
  return folders.flatMap((folder) =>
    listBruFiles(path.join(requestsDir, folder)).map((file) => readBrunoRequest(file, requestsDir)),
  );
}

/**
 * Replaces placeholders in example variables, deeply: every string equal to a key of
 * `replacements` (e.g. `STACK_ID_HERE`, or `{{SPACELIFT_API_KEY_ID}}`) becomes its value.
 */
export function replacePlaceholders(
  value: unknown,
  replacements: Readonly<Record<string, unknown>>,
): unknown {
  if (typeof value === "string") {
    return Object.prototype.hasOwnProperty.call(replacements, value) ? replacements[value] : value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => replacePlaceholders(v, replacements));
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replacePlaceholders(v, replacements)]),
    );
  }
  return value;
}
