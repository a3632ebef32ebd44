/**
 * Test doubles shared by the auth and client unit tests: a settable clock, unsigned JWTs, and a
 * scriptable fake of the Spacelift GraphQL endpoint that plugs into the client's `fetch`.
 */
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { UnsecuredJWT } from "jose";
import sinon from "sinon";
import type { Clock } from "../../../provider/auth/clock";

/** The account URL the client tests talk to (never reached: requests go to a fake `fetch`). */
export const ENDPOINT = "https://acme.app.spacelift.io";
/** An API key id of the right shape. */
export const KEY_ID = "01HQAPIKEYAPIKEYAPIKEYAPIK";
/** An API key secret that must never be printed. */
export const KEY_SECRET = "api-key-secret-never-print";
/** The environment that configures that API key. */
export const KEY_ENV: Readonly<Record<string, string>> = {
  SPACELIFT_API_KEY_ENDPOINT: ENDPOINT,
  SPACELIFT_API_KEY_ID: KEY_ID,
  SPACELIFT_API_KEY_SECRET: KEY_SECRET,
};

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  constructor(public time = Date.UTC(2025, 0, 1, 12, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** An unsigned JWT with the given claims (clients never verify signatures). */
export function makeJwt(claims: {
  aud?: string | string[];
  exp?: number;
  iss?: string;
  sub?: string;
}): string {
  return new UnsecuredJWT({ ...claims }).encode();
}

/** One request the fake endpoint received. */
export interface Call {
  readonly url: string;
  readonly operationName: string | undefined;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly rawBody: string;
  readonly headers: Headers;
  readonly bearer: string | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * What a handler answers: a JSON body with status and headers, raw text, a thrown error, no
 * answer at all, or an answer whose body starts and then fails with `bodyBreaks`.
 */
export type Reply =
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly json: unknown }
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly text: string }
  | { readonly throws: unknown }
  | { readonly hang: true }
  | { readonly status?: number; readonly partial: string; readonly bodyBreaks: unknown };

/** Handles one operation; `undefined` falls through to the fake's default behaviour. */
export type Handler = (call: Call, fake: FakeSpacelift) => Reply | undefined | Promise<Reply | undefined>;

/** A handler that lets the fake answer as it normally would. */
export const passThrough: Handler = () => undefined;

/** Options of {@link FakeSpacelift}. */
export interface FakeSpaceliftOptions {
  readonly apiKeys?: Readonly<Record<string, string>>;
  readonly githubTokens?: readonly string[];
  readonly ttlSeconds?: number;
  readonly clock?: FakeClock;
}

/**
 * A scripted Spacelift endpoint. It answers `ApiKeyUser` and `OauthUser` by issuing tokens that
 * stay valid until {@link FakeSpacelift.expireAll}; other operations go to {@link FakeSpacelift.on}
 * handlers, which by default refuse callers whose token is not valid.
 */
export class FakeSpacelift {
  readonly calls: Call[] = [];
  readonly validTokens = new Set<string>();
  readonly issued: string[] = [];
  readonly handlers = new Map<string, Handler[]>();
  readonly fetch: sinon.SinonStub<[string | URL | Request, RequestInit?], Promise<Response>>;
  private readonly apiKeys: Readonly<Record<string, string>>;
  private readonly githubTokens: readonly string[];
  private readonly ttlSeconds: number;
  private readonly clock: FakeClock;

  constructor(options: FakeSpaceliftOptions = {}) {
    this.apiKeys = options.apiKeys ?? {};
    this.githubTokens = options.githubTokens ?? [];
    this.ttlSeconds = options.ttlSeconds ?? 3600;
    this.clock = options.clock ?? new FakeClock();
    this.fetch = sinon
      .stub<[string | URL | Request, RequestInit?], Promise<Response>>()
      .callsFake((input, init) => this.handle(input, init));
  }

  /** Queues handlers for an operation; the last one keeps answering once the others are used. */
  on(operation: string, ...handlers: Handler[]): this {
    this.handlers.set(operation, [...(this.handlers.get(operation) ?? []), ...handlers]);
    return this;
  }

  /** Requests received for an operation. */
  count(operation: string): number {
    return this.calls.filter((call) => call.operationName === operation).length;
  }

  /** Makes every issued token unacceptable, as a server-side expiry would. */
  expireAll(): void {
    this.validTokens.clear();
  }

  /** Whether the call carries a token this fake still accepts. */
  authorised(call: Call): boolean {
    return call.bearer !== undefined && this.validTokens.has(call.bearer);
  }

  private async handle(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const body = JSON.parse(String(init.body)) as { query: string; variables?: Record<string, unknown> };
    const auth = headers.get("authorization");
    const call: Call = {
      url: String(input),
      operationName:
        headers.get("spacelift-graphql-query") ?? headers.get("spacelift-graphql-mutation") ?? undefined,
      query: body.query,
      variables: body.variables ?? {},
      rawBody: String(init.body),
      headers,
      bearer: auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined,
      signal: init.signal ?? undefined,
    };
    this.calls.push(call);
    const reply = await this.reply(call);
    if ("throws" in reply) throw reply.throws;
    if ("hang" in reply) {
      return new Promise<Response>((_, reject) => {
        call.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    }
    if ("bodyBreaks" in reply) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(reply.partial));
          controller.error(reply.bodyBreaks);
        },
      });
      return new Response(body, {
        status: reply.status ?? 200,
        headers: { "content-type": "application/json" },
      });
    }
    const responseHeaders = { "content-type": "application/json", ...reply.headers };
    const text = "json" in reply ? JSON.stringify(reply.json) : reply.text;
    return new Response(text, { status: reply.status ?? 200, headers: responseHeaders });
  }

  private async reply(call: Call): Promise<Reply> {
    const queue = this.handlers.get(call.operationName ?? "");
    if (queue !== undefined && queue.length > 0) {
      const handler = queue.length > 1 ? (queue.shift() as Handler) : (queue[0] as Handler);
      const reply = await handler(call, this);
      if (reply !== undefined) return reply;
    }
    if (call.operationName === "ApiKeyUser") {
      const { id, secret } = call.variables as { id: string; secret: string };
      if (!(id in this.apiKeys)) return { json: { data: { apiKeyUser: null } } };
      if (this.apiKeys[id] !== secret) return unauthorized("apiKeyUser");
      return { json: { data: { apiKeyUser: this.issue() } } };
    }
    if (call.operationName === "OauthUser") {
      const { token } = call.variables as { token: string };
      if (!this.githubTokens.includes(token)) return unauthorized("oauthUser");
      return { json: { data: { oauthUser: this.issue() } } };
    }
    // Spacelift answers `viewer` for a token it does not accept as for an anonymous caller: null.
    if (call.operationName === "Viewer") {
      return { json: { data: { viewer: this.authorised(call) ? { id: "fake-viewer" } : null } } };
    }
    if (!this.authorised(call)) return unauthorized("viewer");
    return { json: { data: { ok: true } } };
  }

  private issue(): { jwt: string; validUntil: number } {
    const jwt = `issued-jwt-${this.issued.length + 1}-${Math.random().toString(36).slice(2, 10)}`;
    this.issued.push(jwt);
    this.validTokens.add(jwt);
    return { jwt, validUntil: Math.floor(this.clock.now() / 1000) + this.ttlSeconds };
  }
}

/** Spacelift's answer to a caller it does not accept. */
export function unauthorized(field: string): Reply {
  return { json: { data: null, errors: [{ message: "unauthorized", path: [field] }] } };
}

/** A GraphQL error answer with the given first message. */
export function graphqlError(message: string, field = "op"): Reply {
  return { json: { data: null, errors: [{ message, path: [field] }] } };
}

/**
 * What Node's `fetch` (undici) rejects with when the connection fails: `TypeError("fetch failed")`
 * whose `cause` is the system, undici or OpenSSL error carrying `code` (and `syscall` for system
 * errors). The shapes were taken from Node 20's fetch against real sockets: refused
 * (`connect ECONNREFUSED`), DNS (`getaddrinfo ENOTFOUND`), a self-signed certificate
 * (`DEPTH_ZERO_SELF_SIGNED_CERT`, no syscall), `https` to a plain-HTTP port
 * (`ERR_SSL_WRONG_VERSION_NUMBER`), a reset after sending (`read ECONNRESET`), and a server that
 * closes after reading the request (undici's `SocketError`, `UND_ERR_SOCKET`, "other side closed").
 */
export function fetchFailed(
  code: string,
  options: { syscall?: string; name?: string; message?: string } = {},
): TypeError {
  const cause = Object.assign(new Error(options.message ?? `${options.syscall ?? "socket"} ${code}`), {
    code,
    ...(options.syscall === undefined ? {} : { syscall: options.syscall }),
  });
  if (options.name !== undefined) cause.name = options.name;
  return new TypeError("fetch failed", { cause });
}

/** What reading the body of an undici answer rejects with when the connection breaks mid-body. */
export function bodyTerminated(code = "UND_ERR_SOCKET"): TypeError {
  const cause = Object.assign(new Error("other side closed"), { code, name: "SocketError" });
  return new TypeError("terminated", { cause });
}

/** A resolved promise, for an injected sleep that records instead of waiting. */
export function recordingSleep(): sinon.SinonStub<[number], Promise<void>> {
  return sinon.stub<[number], Promise<void>>().resolves();
}

/** Asserts that no secret appears anywhere an error can surface. */
export function assertNoLeak(error: unknown, secrets: readonly string[]): void {
  assert.ok(error instanceof Error, "expected an Error");
  const surfaces = [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 })];
  for (const secret of secrets) {
    for (const surface of surfaces) {
      assert.ok(!surface.includes(secret), `secret leaked into an error surface: ${surface.slice(0, 200)}`);
    }
  }
}

/** Runs `fn` and returns what it rejected with; fails when it resolves. */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}
