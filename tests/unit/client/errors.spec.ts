import { strict as assert } from "node:assert";
import {
  AuthenticationError,
  classifyOutcome,
  isRefusal,
  NotFoundError,
  parseRetryAfter,
  PermissionError,
  ProtocolError,
  RateLimitedError,
  redact,
  SpaceliftError,
  TransportError,
  ValidationError,
  type ClassifyContext,
  type RequestOutcome,
  type SpaceliftErrorCode,
} from "../../../provider/client/errors";
import { assertNoLeak } from "./fakes";

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const context: ClassifyContext = { operation: "ContextCreate", auth: "refreshed", now: NOW };

function response(status: number, body?: unknown, headers: Record<string, string> = {}): RequestOutcome {
  return {
    kind: "response",
    status,
    headers: new Headers(headers),
    ...(body === undefined ? {} : { body: body as { data?: unknown; errors?: unknown } }),
  };
}

function errorOf(outcome: RequestOutcome, ctx: ClassifyContext = context): SpaceliftError {
  const classified = classifyOutcome(outcome, ctx);
  assert.ok(!classified.ok, "expected a failure");
  return classified.error;
}

const gqlError = (message: string, extensions?: Record<string, unknown>) => ({
  data: null,
  errors: [
    { message, path: ["contextCreateV2"], ...(extensions ? { extensions } : {}) },
    { message: "second" },
  ],
});

describe("classifyOutcome", () => {
  const table: {
    name: string;
    outcome: RequestOutcome;
    ctx?: Partial<ClassifyContext>;
    code: SpaceliftErrorCode;
  }[] = [
    { name: "timeout", outcome: { kind: "timeout", timeoutMs: 60_000 }, code: "transport" },
    { name: "network failure", outcome: { kind: "network", reason: "ECONNREFUSED" }, code: "transport" },
    { name: "HTTP 429", outcome: response(429, undefined, { "retry-after": "3" }), code: "rate_limited" },
    { name: "HTTP 502 with an HTML body", outcome: response(502), code: "transport" },
    { name: "HTTP 503 with GraphQL errors", outcome: response(503, gqlError("down")), code: "transport" },
    { name: "HTTP 401", outcome: response(401), code: "authentication" },
    { name: "HTTP 403 without errors", outcome: response(403), code: "permission" },
    { name: "HTTP 403 with errors", outcome: response(403, gqlError("nope")), code: "permission" },
    { name: "HTTP 200 that is not JSON", outcome: response(200), code: "protocol" },
    { name: "HTTP 200 with neither data nor errors", outcome: response(200, {}), code: "protocol" },
    {
      name: "HTTP 200 with data null and no errors",
      outcome: response(200, { data: null }),
      code: "protocol",
    },
    {
      name: "errors that are not a list",
      outcome: response(200, { errors: { message: "x" } }),
      code: "protocol",
    },
    { name: "HTTP 404 page", outcome: response(404), code: "protocol" },
    {
      name: "`unauthorized` on an anonymous request",
      outcome: response(200, gqlError("unauthorized")),
      ctx: { auth: "anonymous" },
      code: "authentication",
    },
    {
      name: "`unauthorized` after a fresh token",
      outcome: response(200, gqlError("could not create context: unauthorized")),
      code: "permission",
    },
    {
      name: "`unauthorized` with a token that cannot be refreshed",
      outcome: response(200, gqlError("unauthorized")),
      ctx: { auth: "unrefreshable" },
      code: "permission",
    },
    { name: "`not found`", outcome: response(200, gqlError("stack not found")), code: "not_found" },
    {
      name: "`could not find`",
      outcome: response(200, gqlError("could not find api key")),
      code: "not_found",
    },
    { name: "`denied`", outcome: response(200, gqlError("denied")), code: "permission" },
    {
      name: "`already exists`",
      outcome: response(200, gqlError("context with this slug already exists for this account")),
      code: "validation",
    },
    { name: "`invalid`", outcome: response(200, gqlError("invalid cron expression")), code: "validation" },
    { name: "`must`", outcome: response(200, gqlError("name must not be empty")), code: "validation" },
    {
      name: "schema error on HTTP 400",
      outcome: response(400, gqlError('Cannot query field "x"')),
      code: "validation",
    },
    {
      name: "extensions.code wins over the text",
      outcome: response(200, gqlError("no such thing", { code: "NOT_FOUND" })),
      code: "not_found",
    },
    {
      name: "a first error that is not an object",
      outcome: response(200, { errors: [42] }),
      code: "validation",
    },
  ];
  for (const row of table) {
    it(`${row.name} → ${row.code}`, () => {
      const error = errorOf(row.outcome, { ...context, ...row.ctx });
      assert.equal(error.code, row.code);
      assert.ok(SpaceliftError.isInstance(error));
      assert.ok(error.message.startsWith("ContextCreate failed: "), error.message);
    });
  }

  it("returns data on success, even alongside an empty errors list", () => {
    assert.deepEqual(classifyOutcome(response(200, { data: { a: 1 }, errors: [] }), context), {
      ok: true,
      data: { a: 1 },
    });
  });

  it("fails the call when data and errors are both present, using the first message", () => {
    const error = errorOf(
      response(200, { data: { a: 1 }, errors: [{ message: "partial failure must stop" }] }),
    );
    assert.equal(error.message, "ContextCreate failed: partial failure must stop");
    assert.equal(error.serverMessage, "partial failure must stop");
  });

  it("builds the message from the first server message and keeps its path", () => {
    const error = errorOf(response(200, gqlError("context with this slug already exists")));
    assert.ok(ValidationError.isInstance(error));
    assert.equal(error.message, "ContextCreate failed: context with this slug already exists");
    assert.deepEqual(error.graphqlPath, ["contextCreateV2"]);
    assert.equal(error.httpStatus, 200);
  });

  it("explains a permission refusal with the space hint", () => {
    const error = errorOf(response(200, gqlError("unauthorized")));
    assert.ok(PermissionError.isInstance(error));
    assert.match(error.message, /^ContextCreate failed: unauthorized - the credentials are valid/);
    assert.match(error.message, /may lack access to this space/);
    assert.match(error.message, /space ID, not a space name/);
  });

  it("uses the caller's hint for a refused anonymous request", () => {
    const error = errorOf(response(200, gqlError("unauthorized")), {
      ...context,
      operation: "ApiKeyUser",
      auth: "anonymous",
      anonymousRefusalHint: "check the API key secret (SPACELIFT_API_KEY_SECRET)",
    });
    assert.ok(AuthenticationError.isInstance(error));
    assert.equal(
      error.message,
      "ApiKeyUser failed: unauthorized - check the API key secret (SPACELIFT_API_KEY_SECRET)",
    );
  });

  it("reads Retry-After in seconds and as an HTTP date, on 429 and 503", () => {
    const seconds = errorOf(response(429, undefined, { "retry-after": "7" }));
    assert.ok(RateLimitedError.isInstance(seconds));
    assert.equal(seconds.retryAfterMs, 7000);
    const date = errorOf(response(503, undefined, { "retry-after": new Date(NOW + 12_000).toUTCString() }));
    assert.ok(TransportError.isInstance(date));
    assert.equal(date.retryAfterMs, 12_000);
    assert.equal(errorOf(response(429)).retryAfterMs, undefined);
  });

  it("describes transport failures without the request", () => {
    assert.equal(
      errorOf({ kind: "timeout", timeoutMs: 60_000 }).message,
      "ContextCreate failed: no answer within 60 s",
    );
    assert.equal(
      errorOf({ kind: "timeout", timeoutMs: 250 }).message,
      "ContextCreate failed: no answer within 250 ms",
    );
    assert.equal(
      errorOf({ kind: "network", reason: "ECONNREFUSED", sent: "no" }).message,
      "ContextCreate failed: could not reach Spacelift (ECONNREFUSED)",
    );
    assert.equal(
      errorOf({ kind: "network", reason: "ECONNRESET" }).message,
      "ContextCreate failed: the connection to Spacelift failed before an answer arrived (ECONNRESET)",
    );
    assert.equal(
      errorOf({ kind: "network", reason: "UND_ERR_SOCKET", sent: "yes" }).message,
      "ContextCreate failed: the connection to Spacelift broke while its answer was arriving (UND_ERR_SOCKET)",
    );
    assert.equal(errorOf(response(502)).message, "ContextCreate failed: Spacelift answered HTTP 502");
  });

  it("points a 404 page at the endpoint setting", () => {
    assert.match(errorOf(response(404)).message, /check the endpoint/);
  });

  it("redacts the given values from the server message", () => {
    const error = errorOf(response(200, gqlError("value hunter2-password is invalid")), {
      ...context,
      redact: ["hunter2-password", "abc"],
    });
    assert.equal(error.message, "ContextCreate failed: value [redacted] is invalid");
    assertNoLeak(error, ["hunter2-password"]);
  });
});

describe("classifyOutcome: mayHaveApplied", () => {
  // Whether a failed mutation may nevertheless have been carried out: true exactly when the request
  // may have reached Spacelift and no answer proves it was not applied.
  const rows: { name: string; outcome: RequestOutcome; code: SpaceliftErrorCode; applied: boolean }[] = [
    { name: "HTTP 502", outcome: response(502), code: "transport", applied: true },
    {
      name: "HTTP 503 with GraphQL errors",
      outcome: response(503, gqlError("down")),
      code: "transport",
      applied: true,
    },
    { name: "HTTP 501", outcome: response(501), code: "transport", applied: true },
    { name: "a timeout", outcome: { kind: "timeout", timeoutMs: 60_000 }, code: "transport", applied: true },
    {
      name: "a reset after sending",
      outcome: { kind: "network", reason: "ECONNRESET", sent: "maybe" },
      code: "transport",
      applied: true,
    },
    {
      name: "a network failure of unknown stage",
      outcome: { kind: "network" },
      code: "transport",
      applied: true,
    },
    {
      name: "an answer cut off mid-body",
      outcome: { kind: "network", reason: "UND_ERR_SOCKET", sent: "yes" },
      code: "transport",
      applied: true,
    },
    { name: "an unreadable HTTP 200", outcome: response(200), code: "protocol", applied: true },
    {
      name: "HTTP 200 with neither data nor errors",
      outcome: response(200, {}),
      code: "protocol",
      applied: true,
    },
    {
      name: "a refused connection",
      outcome: { kind: "network", reason: "ECONNREFUSED", sent: "no" },
      code: "transport",
      applied: false,
    },
    { name: "HTTP 429", outcome: response(429), code: "rate_limited", applied: false },
    {
      name: "a GraphQL error in HTTP 200",
      outcome: response(200, gqlError("invalid")),
      code: "validation",
      applied: false,
    },
    { name: "`not found`", outcome: response(200, gqlError("not found")), code: "not_found", applied: false },
    {
      name: "HTTP 400 with errors",
      outcome: response(400, gqlError("bad")),
      code: "validation",
      applied: false,
    },
    { name: "HTTP 401", outcome: response(401), code: "authentication", applied: false },
    { name: "HTTP 403", outcome: response(403), code: "permission", applied: false },
    { name: "an HTML 404 page", outcome: response(404), code: "protocol", applied: false },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.code}, ${row.applied ? "may have applied" : "not applied"} a mutation`, () => {
      const error = errorOf(row.outcome, { ...context, mutation: true });
      assert.equal(error.code, row.code);
      assert.equal(error.mayHaveApplied, row.applied);
      assert.equal(errorOf(row.outcome, context).mayHaveApplied, false, "a query never applies anything");
      assert.equal(JSON.parse(JSON.stringify(error)).mayHaveApplied, row.applied);
    });
  }

  it("is false on every error built by hand", () => {
    assert.equal(new TransportError({ operation: "Op", detail: "d" }).mayHaveApplied, false);
    assert.equal(
      new TransportError({ operation: "Op", detail: "d", mayHaveApplied: true }).mayHaveApplied,
      true,
    );
  });
});

describe("isRefusal", () => {
  it("is true for HTTP 401 and for a first error saying unauthorized", () => {
    assert.ok(isRefusal(response(401)));
    assert.ok(isRefusal(response(200, gqlError("could not update space: unauthorized"))));
    assert.ok(isRefusal(response(200, gqlError("whatever", { code: "UNAUTHENTICATED" }))));
  });
  it("is false for everything else", () => {
    assert.ok(!isRefusal(response(200, { data: { a: 1 } })));
    assert.ok(!isRefusal(response(200, gqlError("not found"))));
    assert.ok(!isRefusal(response(503, gqlError("unauthorized"))));
    assert.ok(!isRefusal({ kind: "timeout", timeoutMs: 1 }));
  });
});

describe("SpaceliftError", () => {
  it("recognises each subclass by brand and code", () => {
    const classes = [
      AuthenticationError,
      PermissionError,
      NotFoundError,
      ValidationError,
      RateLimitedError,
      TransportError,
      ProtocolError,
    ];
    for (const Class of classes) {
      const error = new Class({ operation: "Op", detail: "d" });
      assert.ok(SpaceliftError.isInstance(error));
      assert.equal(error.name, Class.name);
      for (const Other of classes)
        assert.equal(Other.isInstance(error), Other === Class, `${Other.name} on ${Class.name}`);
    }
    assert.ok(!SpaceliftError.isInstance(new Error("x")));
    assert.ok(!SpaceliftError.isInstance(null));
    assert.ok(!SpaceliftError.isInstance({ code: "transport" }));
  });

  it("is recognised across two loaded copies of the module", () => {
    const path = require.resolve("../../../provider/client/errors");
    const cached = require.cache[path];
    delete require.cache[path];
    try {
      const copy =
        require("../../../provider/client/errors") as typeof import("../../../provider/client/errors");
      assert.notEqual(copy.NotFoundError, NotFoundError);
      const foreign = new copy.NotFoundError({ operation: "StackRead", detail: "stack not found" });
      assert.ok(!(foreign instanceof SpaceliftError), "instanceof fails across copies");
      assert.ok(SpaceliftError.isInstance(foreign));
      assert.ok(NotFoundError.isInstance(foreign));
      assert.ok(copy.NotFoundError.isInstance(new NotFoundError({ operation: "StackRead", detail: "x" })));
    } finally {
      if (cached !== undefined) require.cache[path] = cached;
    }
  });

  it("serialises to a summary without stack or cause", () => {
    const error = new RateLimitedError({
      operation: "StackRead",
      detail: "slow down",
      httpStatus: 429,
      retryAfterMs: 5,
    });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    assert.equal(json.code, "rate_limited");
    assert.equal(json.retryAfterMs, 5);
    assert.equal(json.message, "StackRead failed: slow down");
    assert.equal(json.stack, undefined);
    assert.equal(error.cause, undefined);
  });
});

describe("parseRetryAfter", () => {
  it("parses seconds, HTTP dates, and refuses garbage", () => {
    assert.equal(parseRetryAfter("0", NOW), 0);
    assert.equal(parseRetryAfter(" 30 ", NOW), 30_000);
    assert.equal(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW), 5000);
    assert.equal(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter("soon", NOW), undefined);
    assert.equal(parseRetryAfter("-1", NOW), undefined);
    assert.equal(parseRetryAfter(null, NOW), undefined);
  });
});

describe("redact", () => {
  it("cuts every occurrence of long enough values and bounds the length", () => {
    assert.equal(redact("a secret-1 b secret-1", ["secret-1"]), "a [redacted] b [redacted]");
    assert.equal(redact("the cat", ["cat"]), "the cat");
    assert.equal(redact("x".repeat(5000)).length, 1003);
  });
});
