import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../emulator";

/** A decoded GraphQL response. */
export interface GraphQLReply<TData = Record<string, unknown>> {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** `data` of the body (undefined when absent or the body is not JSON). */
  readonly data: TData | null | undefined;
  /** `errors` of the body, if any. */
  readonly errors: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number> }> | undefined;
  /** The raw body text. */
  readonly text: string;
}

/** Options of {@link postGraphQL}. */
export interface PostOptions {
  /** Variables of the operation. */
  readonly variables?: Record<string, unknown>;
  /** Bearer token. */
  readonly token?: string;
  /** Extra headers, e.g. `Spacelift-GraphQL-Query`. */
  readonly headers?: Record<string, string>;
  /** Use the handle's in-process fetch instead of the network. */
  readonly inProcess?: boolean;
  /** Aborts the request, e.g. `AbortSignal.timeout(ms)` to act as a client that gives up. */
  readonly signal?: AbortSignal;
}

/**
 * Posts a GraphQL document to an emulator the way Spacelift clients do (JSON body, optional
 * bearer), and decodes the reply without throwing on HTTP or GraphQL errors.
 */
export async function postGraphQL<TData = Record<string, unknown>>(
  emulator: Pick<EmulatorHandle, "graphqlUrl" | "fetch">,
  query: string,
  options: PostOptions = {},
): Promise<GraphQLReply<TData>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  const body = JSON.stringify(options.variables ? { query, variables: options.variables } : { query });
  const send = options.inProcess ? emulator.fetch : fetch;
  const response = await send(emulator.graphqlUrl, { method: "POST", headers, body, signal: options.signal });
  const text = await response.text();
  let decoded: { data?: TData | null; errors?: GraphQLReply["errors"] } = {};
  try {
    decoded = JSON.parse(text) as typeof decoded;
  } catch {
    // Non-JSON bodies are left to the caller through `text`.
  }
  return {
    status: response.status,
    headers: response.headers,
    data: decoded.data,
    errors: decoded.errors,
    text,
  };
}

/** Exchanges the emulator's first API key for a JWT, failing loudly if the exchange fails. */
export async function exchangeApiKey(
  emulator: Pick<EmulatorHandle, "graphqlUrl" | "fetch" | "apiKey">,
): Promise<string> {
  const reply = await postGraphQL<{ apiKeyUser: { jwt: string } | null }>(
    emulator,
    "mutation($id:ID!$secret:String!){apiKeyUser(id: $id, secret: $secret){jwt,validUntil}}",
    { variables: { id: emulator.apiKey.id, secret: emulator.apiKey.secret } },
  );
  const jwt = reply.data?.apiKeyUser?.jwt;
  if (reply.status !== 200 || !jwt) {
    throw new Error(
      `API key exchange failed: HTTP ${reply.status}, ${reply.errors?.[0]?.message ?? "no user"}`,
    );
  }
  return jwt;
}

/**
 * Starts an emulator (real schema) in a mocha `before` hook and closes it in `after`. Call at the
 * top of a `describe`; the returned function gives the running emulator inside tests and hooks.
 *
 * @param options - emulator options; `host`/`port` default to 127.0.0.1 and a free port
 */
export function useEmulator(options: EmulatorOptions = {}): () => EmulatorHandle {
  let emulator: EmulatorHandle | undefined;
  before(async () => {
    emulator = await startEmulator(options);
  });
  after(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return () => {
    if (!emulator) {
      throw new Error("the emulator runs only between the before and after hooks of its describe");
    }
    return emulator;
  };
}
