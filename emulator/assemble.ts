import type { GraphQLSchema } from "graphql";
import { createControlRoutes } from "./controlRoutes";
import { createControls, LatencySetting, type EmulatorControls } from "./controls";
import { CredentialRegistry, generateApiKey, type ApiKeyCredential } from "./credentials";
import { FaultInjector } from "./faults";
import { createGraphQLEndpoint, recordStateUpload } from "./graphqlEndpoint";
import { HeldAnswers } from "./heldAnswers";
import { isConnectionReset, type EmulatorRequest } from "./httpMessage";
import { baseUrlFor, resolveOptions, type EmulatorOptions } from "./options";
import { loadStateFile, StateFileWriter } from "./persistence";
import { DEFAULT_OUTGOING_IP_ADDRESSES, setOutgoingIPAddresses } from "./resolvers/outgoingAddresses";
import { failNextRuns } from "./resolvers/runs/records";
import { setStackDeletionDelayMs } from "./resolvers/settings";
import type { SeedInput, SeedResult } from "./seed";
import { handleStateUpload, STATE_UPLOAD_PREFIX } from "./resolvers/stateUploads";
import { listen, routeRequest, type RequestHandler } from "./server";
import { RequestRecorder } from "./stats";
import { Store } from "./store";
import { TokenService, type IssuedToken } from "./tokens";

/**
 * A running emulator. The type parameters are those of its seeding function (`emulator/seed.ts`'s
 * unless a test supplies its own schema).
 */
export interface EmulatorHandle<TSeedInput = SeedInput, TSeedResult = SeedResult> {
  /**
   * Base URL without `/graphql`, e.g. `http://127.0.0.1:41234`: the JWT audience and the value for
   * `SPACELIFT_API_KEY_ENDPOINT`.
   */
  readonly url: string;
  /** The interface the server listens on. */
  readonly host: string;
  /** The port the server listens on (the chosen one when 0 was asked for). */
  readonly port: number;
  /** `url` + `/graphql`. */
  readonly graphqlUrl: string;
  /** The first accepted API key (the generated one when none was configured). */
  readonly apiKey: ApiKeyCredential;
  /** Every accepted API key. */
  readonly apiKeys: readonly ApiKeyCredential[];
  /** Test controls; also served over HTTP under `/_emulator/`. */
  readonly controls: EmulatorControls<TSeedInput, TSeedResult>;
  /** The emulator's data, for assertions and direct setup in tests. */
  readonly store: Store;
  /**
   * A `fetch` that serves requests in-process (no socket) through the same handlers as the HTTP
   * server. Only the path of the URL is used. A reply the server would cut (`dropBeforeApply`,
   * `applyThenDrop`) rejects with a `TypeError`, as the platform `fetch` does on a reset connection.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * Mints a token shaped like the `SPACELIFT_API_TOKEN` Spacelift injects into runs
   * (`iss: "spacelift"`, `sub: "<stackId>/<runId>"`), accepted as a bearer token.
   */
  mintRunToken(stackId: string, runId?: string): Promise<IssuedToken>;
  /** Stops the server and writes the state file (when configured). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Adds objects to a store from unchecked input (a JSON body), throwing on invalid input; the
 * signature of `emulator/seed.ts`'s `seedFromUnknown`.
 */
export type SeedFunction<TSeedResult> = (store: Store, input: unknown, now: number) => TSeedResult;

/** The schema-dependent parts of an emulator. */
export interface EmulatorParts<TSeedResult> {
  /** Executable schema including the authentication resolvers. */
  readonly schema: GraphQLSchema;
  /** Seeding function behind `controls.seed` and `POST /_emulator/seed`. */
  readonly seed: SeedFunction<TSeedResult>;
}

/**
 * Starts an emulator from options and schema-dependent parts. `startEmulator` supplies the real
 * schema; tests of the server mechanics may supply a small one.
 */
export async function assembleEmulator<TSeedInput, TSeedResult>(
  options: EmulatorOptions | undefined,
  parts: EmulatorParts<TSeedResult>,
): Promise<EmulatorHandle<TSeedInput, TSeedResult>> {
  const resolved = resolveOptions(options);
  const { now, onError } = resolved;

  const store = new Store();
  if (resolved.stateFile) {
    await loadStateFile(resolved.stateFile, store);
  }
  const applySettings = (): void => {
    setStackDeletionDelayMs(store, resolved.stackDeletionDelayMs);
    setOutgoingIPAddresses(store, resolved.outgoingIPAddresses ?? DEFAULT_OUTGOING_IP_ADDRESSES);
  };
  applySettings();
  const writer = resolved.stateFile ? new StateFileWriter(resolved.stateFile, store) : null;
  const persist = async (): Promise<void> => {
    await writer?.save();
  };

  const server = await listen(resolved.host, resolved.port, onError);
  const url = resolved.publicUrl ?? baseUrlFor(resolved.host, server.port);
  const apiKeys = resolved.apiKeys ?? [generateApiKey()];
  const tokens = new TokenService({ audience: url, ttlSeconds: resolved.tokenTtlSeconds, now });
  const credentials = new CredentialRegistry(apiKeys, resolved.githubTokens);
  const recorder = new RequestRecorder();
  const faults = new FaultInjector();
  const latency = new LatencySetting();
  const heldAnswers = new HeldAnswers();

  const controls = createControls<TSeedInput, TSeedResult>(
    {
      recorder,
      faults,
      tokens,
      credentials,
      seed: async (input) => {
        const result = parts.seed(store, input, now());
        await persist();
        return result;
      },
      resetData: async () => {
        store.clear();
        applySettings();
        await persist();
      },
      failNextRuns: async (stack, count) => {
        failNextRuns(store, stack, count);
        await persist();
      },
    },
    latency,
  );
  const handler: RequestHandler = routeRequest({
    graphql: createGraphQLEndpoint({
      schema: parts.schema,
      store,
      tokens,
      credentials,
      recorder,
      faults,
      latency,
      heldAnswers,
      now,
      baseUrl: url,
      anonymousReads: resolved.anonymousReads,
      afterMutation: persist,
      reportError: onError,
      recordDocumentsTo: resolved.recordDocumentsTo,
    }),
    controls: createControlRoutes(controls, url),
    stateUploads: async (req) => {
      const reply = handleStateUpload(store, req);
      await persist();
      if (resolved.recordDocumentsTo !== undefined) {
        const objectId = req.path.slice(STATE_UPLOAD_PREFIX.length);
        recordStateUpload(resolved.recordDocumentsTo, objectId, reply.status, onError);
      }
      return reply;
    },
  });
  server.setHandler(handler);

  let closing: Promise<void> | null = null;
  return {
    url,
    host: resolved.host,
    port: server.port,
    graphqlUrl: `${url}/graphql`,
    apiKey: apiKeys[0],
    apiKeys,
    controls,
    store,
    fetch: (input, init) => fetchInProcess(handler, input, init),
    mintRunToken: (stackId, runId) => tokens.issueRunToken(stackId, runId),
    close: () => {
      closing ??= (async () => {
        // Held answers would otherwise keep their connections, and so the server, open.
        heldAnswers.releaseAll();
        await server.close();
        await persist();
      })();
      return closing;
    },
  };
}

async function fetchInProcess(
  handler: RequestHandler,
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  const request = new Request(input, init);
  request.signal.throwIfAborted();
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const req: EmulatorRequest = {
    method: request.method.toUpperCase(),
    path: new URL(request.url).pathname,
    headers,
    body: request.method === "GET" || request.method === "HEAD" ? "" : await request.text(),
    signal: request.signal,
  };
  const response = await handler(req);
  if (isConnectionReset(response)) {
    // What the platform fetch throws when a connection is reset, or the caller's own abort reason.
    request.signal.throwIfAborted();
    throw new TypeError("fetch failed", {
      cause: new Error("connection reset by the emulator (injected fault)"),
    });
  }
  return new Response(response.body, { status: response.status, headers: response.headers });
}
