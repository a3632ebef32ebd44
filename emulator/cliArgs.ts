import { parseArgs } from "node:util";
import type { AnonymousReads } from "./anonymousReads";
import type { ApiKeyCredential, GitHubTokenCredential } from "./credentials";
import {
  DEFAULT_HOST,
  DEFAULT_STACK_DELETION_DELAY_MS,
  DEFAULT_TOKEN_TTL_SECONDS,
  type EmulatorOptions,
} from "./options";

/** What the command line asked for. */
export type CliCommand =
  { readonly kind: "help" } | { readonly kind: "start"; readonly options: EmulatorOptions };

/** A command-line mistake; the CLI prints the message and exits with status 2. */
export class CliUsageError extends Error {}

/** The `--help` text. */
export const USAGE = `Usage: spacelift-emulator [options]

Serves a local emulation of the Spacelift GraphQL API at http://HOST:PORT/graphql, with test
controls under http://HOST:PORT/_emulator/. The first line printed is
"spacelift-emulator listening on http://HOST:PORT".

Options:
  --host HOST                  interface to listen on (default ${DEFAULT_HOST})
  --port PORT                  port to listen on; 0 picks a free port (default 0)
  --public-url URL             base URL clients reach the emulator at, put in the JWT audience
                               (default http://HOST:PORT)
  --api-key ID:SECRET          accept this API key; repeatable. Without any, one is generated
                               and its secret printed
  --github-token LOGIN:TOKEN   accept this GitHub token in oauthUser; repeatable
  --token-ttl SECONDS          lifetime of issued JWTs (default ${DEFAULT_TOKEN_TTL_SECONDS})
  --state-file PATH            load data from PATH at start and save it after every change
  --stack-deletion-delay MS    how long a deleted stack stays visible as deleting
                               (default ${DEFAULT_STACK_DELETION_DELAY_MS})
  --anonymous-reads MODE       what a read of one object answers a caller without a valid
                               token: unauthorized (an error; default) or null
  --record-documents FILE      development tool: append every GraphQL request (document as
                               sent, variables, response) and every state upload (object
                               id and status, not the state) to FILE as one JSON line, to
                               record what a client sends; FILE then holds the client's secrets
  -h, --help                   show this help
`;

/**
 * Parses the emulator's command line. Values that would reveal a secret are never quoted back
 * in error messages.
 *
 * @param argv - arguments after the script name
 * @throws CliUsageError for unknown flags, missing values or malformed values
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "public-url": { type: "string" },
        "api-key": { type: "string", multiple: true },
        "github-token": { type: "string", multiple: true },
        "token-ttl": { type: "string" },
        "state-file": { type: "string" },
        "stack-deletion-delay": { type: "string" },
        "anonymous-reads": { type: "string" },
        "record-documents": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new CliUsageError(safeParseMessage(err));
  }
  if (values.help) {
    return { kind: "help" };
  }
  const options: {
    -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K];
  } = {};
  if (values.host !== undefined) {
    if (values.host === "") {
      throw new CliUsageError("--host needs a host name or address");
    }
    options.host = values.host;
  }
  if (values.port !== undefined) {
    options.port = integer("--port", values.port, 0, 65535);
  }
  if (values["public-url"] !== undefined) {
    if (!/^https?:\/\/[^/]+\/?$/.test(values["public-url"])) {
      throw new CliUsageError("--public-url must be an http(s) origin such as http://emulator:4000");
    }
    options.publicUrl = values["public-url"];
  }
  if (values["api-key"]) {
    options.apiKeys = values["api-key"].map((value) =>
      pair("--api-key", "ID:SECRET", value, (id, secret) => ({ id, secret })),
    );
  }
  if (values["github-token"]) {
    options.githubTokens = values["github-token"].map((value) =>
      pair("--github-token", "LOGIN:TOKEN", value, (login, token): GitHubTokenCredential => ({
        login,
        token,
      })),
    );
  }
  if (values["token-ttl"] !== undefined) {
    options.tokenTtlSeconds = integer("--token-ttl", values["token-ttl"], 1, Number.MAX_SAFE_INTEGER);
  }
  if (values["state-file"] !== undefined) {
    if (values["state-file"] === "") {
      throw new CliUsageError("--state-file needs a path");
    }
    options.stateFile = values["state-file"];
  }
  if (values["stack-deletion-delay"] !== undefined) {
    options.stackDeletionDelayMs = integer(
      "--stack-deletion-delay",
      values["stack-deletion-delay"],
      0,
      Number.MAX_SAFE_INTEGER,
    );
  }
  if (values["anonymous-reads"] !== undefined) {
    options.anonymousReads = anonymousReads(values["anonymous-reads"]);
  }
  if (values["record-documents"] !== undefined) {
    if (values["record-documents"] === "") {
      throw new CliUsageError("--record-documents needs a path");
    }
    options.recordDocumentsTo = values["record-documents"];
  }
  return { kind: "start", options };
}

const ANONYMOUS_READS: readonly AnonymousReads[] = ["unauthorized", "null"];

function anonymousReads(value: string): AnonymousReads {
  const mode = ANONYMOUS_READS.find((candidate) => candidate === value);
  if (mode === undefined) {
    // Not quoted: a shifted command line could have put a secret here.
    throw new CliUsageError("--anonymous-reads must be unauthorized or null");
  }
  return mode;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new CliUsageError(
      `${flag} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}`,
    );
  }
  return n;
}

/** Splits `LEFT:RIGHT` at the first colon; the value itself is never echoed (it holds a secret). */
function pair<T extends ApiKeyCredential | GitHubTokenCredential>(
  flag: string,
  shape: string,
  value: string,
  build: (left: string, right: string) => T,
): T {
  const colon = value.indexOf(":");
  if (colon <= 0 || colon === value.length - 1) {
    throw new CliUsageError(`${flag} expects ${shape}`);
  }
  return build(value.slice(0, colon), value.slice(colon + 1));
}

/**
 * `parseArgs` quotes the offending argument, which could be a secret passed to a misspelt flag
 * (`--api-kye ID:SECRET`); keep only the part naming the flag.
 */
function safeParseMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const flag = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
  const named = [...message.matchAll(/--[\w-]+/g)].pop()?.[0] ?? flag;
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${flag ?? ""}`.trim();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return message.includes("argument missing")
        ? `option ${named ?? ""} needs a value`
        : `option ${named ?? ""} does not take a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return "unexpected argument; options take the form --name value";
    default:
      return "invalid command line";
  }
}
