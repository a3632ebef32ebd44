import type { AnonymousReads } from "./anonymousReads";
import type { ApiKeyCredential, GitHubTokenCredential } from "./credentials";

/** Options of `startEmulator`. Every field is optional. */
export interface EmulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port to listen on; 0 picks a free port. Default 0. */
  readonly port?: number;
  /**
   * Base URL advertised to clients (JWT `aud`, `url`), for when the emulator is reached through
   * another name than `host`, e.g. `http://emulator:4000` inside a container network. Default
   * `http://<host>:<port>`, with a wildcard host (`0.0.0.0`, `::`) replaced by the loopback address.
   */
  readonly publicUrl?: string;
  /** API keys accepted by `apiKeyUser`. Default: one generated key (ULID id, random secret). */
  readonly apiKeys?: readonly ApiKeyCredential[];
  /** GitHub tokens accepted by `oauthUser`, with the login each stands for. Default none. */
  readonly githubTokens?: readonly GitHubTokenCredential[];
  /** Lifetime of issued JWTs, seconds. Default 3600. */
  readonly tokenTtlSeconds?: number;
  /**
   * JSON file holding the store: loaded at start when present, rewritten atomically after every
   * executed mutation, seed, data reset and on close.
   */
  readonly stateFile?: string;
  /** How long a deleted stack stays visible with `deleting: true`, milliseconds. Default 500. */
  readonly stackDeletionDelayMs?: number;
  /**
   * What `outgoingIPAddresses` lists (IPv4 or IPv6 addresses). Default: four addresses of the
   * RFC 5737 documentation ranges, `192.0.2.10`, `192.0.2.11`, `198.51.100.20`, `198.51.100.21`.
   */
  readonly outgoingIPAddresses?: readonly string[];
  /**
   * What a query for one object answers a caller with a missing, expired or revoked token:
   * `unauthorized` (an error; the default) or `null` (as if the object did not exist). See
   * {@link AnonymousReads}.
   */
  readonly anonymousReads?: AnonymousReads;
  /** Clock, epoch milliseconds, for tests that move time. Default `Date.now`. */
  readonly now?: () => number;
  /** Receives problems that do not fail a request, e.g. a failed state-file write. Default: stderr. */
  readonly onError?: (message: string) => void;
  /**
   * Development tool: a file to which every GraphQL request the emulator executes or refuses
   * (injected faults that refuse before running aside) is appended as one JSON line,
   * `{ operationName, query, variables, response: { data, errors } }`, the query as the client sent
   * it (before empty `()` argument lists are removed); and, in order with them, every state upload
   * (`PUT` to a `stateUploadUrl`) as `{ stateUpload: objectId, status }`, without its body. Used to
   * record the documents real clients send (`tests/fixtures/clients/`,
   * `scripts/client-documents.ts`). The file holds whatever the client sent, secrets included: never
   * point it at a shared location. Default: no recording.
   */
  readonly recordDocumentsTo?: string;
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly apiKeys: readonly ApiKeyCredential[] | undefined;
  readonly githubTokens: readonly GitHubTokenCredential[];
  readonly tokenTtlSeconds: number;
  readonly stateFile: string | undefined;
  readonly stackDeletionDelayMs: number;
  readonly outgoingIPAddresses: readonly string[] | undefined;
  readonly anonymousReads: AnonymousReads;
  readonly now: () => number;
  readonly onError: (message: string) => void;
  readonly recordDocumentsTo: string | undefined;
}

/** Default lifetime of issued tokens, seconds (Spacelift documents one hour). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Default delay before a deleted stack disappears, milliseconds. */
export const DEFAULT_STACK_DELETION_DELAY_MS = 500;
/** Default listening interface. */
export const DEFAULT_HOST = "127.0.0.1";

/** Applies defaults and rejects values that cannot work, with messages that name the option. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new RangeError("port must be an integer from 0 to 65535");
  }
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!(Number.isInteger(tokenTtlSeconds) && tokenTtlSeconds > 0)) {
    throw new RangeError("tokenTtlSeconds must be a positive integer");
  }
  const stackDeletionDelayMs = options.stackDeletionDelayMs ?? DEFAULT_STACK_DELETION_DELAY_MS;
  if (!(Number.isFinite(stackDeletionDelayMs) && stackDeletionDelayMs >= 0)) {
    throw new RangeError("stackDeletionDelayMs must be a non-negative number");
  }
  for (const key of options.apiKeys ?? []) {
    if (!key.id || !key.secret) {
      throw new RangeError("every API key needs a non-empty id and secret");
    }
  }
  for (const token of options.githubTokens ?? []) {
    if (!token.token || !token.login) {
      throw new RangeError("every GitHub token needs a non-empty token and login");
    }
  }
  const anonymousReads = options.anonymousReads ?? "unauthorized";
  if (anonymousReads !== "unauthorized" && anonymousReads !== "null") {
    throw new RangeError('anonymousReads must be "unauthorized" or "null"');
  }
  if (options.publicUrl !== undefined && !/^https?:\/\/[^/]+$/.test(options.publicUrl.replace(/\/+$/, ""))) {
    throw new RangeError("publicUrl must be an http(s) origin such as http://emulator:4000");
  }
  return {
    host: options.host ?? DEFAULT_HOST,
    port,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    apiKeys: options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : undefined,
    githubTokens: options.githubTokens ?? [],
    tokenTtlSeconds,
    stateFile: options.stateFile,
    stackDeletionDelayMs,
    outgoingIPAddresses: options.outgoingIPAddresses,
    anonymousReads,
    now: options.now ?? Date.now,
    onError: options.onError ?? ((message) => process.stderr.write(`spacelift-emulator: ${message}\n`)),
    recordDocumentsTo: options.recordDocumentsTo,
  };
}

/** The base URL clients use for a bound host and port: wildcard hosts become loopback. */
export function baseUrlFor(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" || host === "[::]" ? "::1" : host;
  return listeningUrl(reachable, port);
}

/** `http://HOST:PORT` for the address a server is bound to, IPv6 hosts in brackets. */
export function listeningUrl(host: string, port: number): string {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${bracketed}:${port}`;
}
