import { strict as assert } from "node:assert";
import { RateLimitedError, TransportError, ValidationError } from "../../../provider/client/errors";
import { rateLimitFromEnv, TokenBucket } from "../../../provider/client/rateLimit";
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  delayBeforeRetry,
  isTransient,
  mayRepeat,
} from "../../../provider/client/retry";
import { FakeClock, recordingSleep } from "./fakes";

const policy = DEFAULT_RETRY_POLICY;

describe("backoffDelay", () => {
  it("doubles per retry, half fixed and half jitter, capped", () => {
    assert.deepEqual(
      [1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 0)),
      [250, 500, 1000],
    );
    assert.deepEqual(
      [1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 0.999999)),
      [500, 1000, 2000],
    );
    assert.equal(
      backoffDelay(20, policy, () => 0.999999),
      30_000,
    );
  });
});

describe("delayBeforeRetry", () => {
  const transport = new TransportError({ operation: "Op", detail: "HTTP 503", httpStatus: 503 });
  it("retries transport failures and rate limits until the attempts run out", () => {
    assert.equal(
      delayBeforeRetry(transport, 1, policy, () => 0),
      250,
    );
    assert.equal(
      delayBeforeRetry(transport, 3, policy, () => 0),
      1000,
    );
    assert.equal(
      delayBeforeRetry(transport, policy.maxAttempts, policy, () => 0),
      undefined,
    );
    assert.equal(
      delayBeforeRetry(new RateLimitedError({ operation: "Op", detail: "429" }), 1, policy, () => 0),
      250,
    );
  });
  it("waits exactly what Retry-After asks, and gives up when it asks more than the cap", () => {
    const asked = new RateLimitedError({ operation: "Op", detail: "429", retryAfterMs: 2000 });
    assert.equal(
      delayBeforeRetry(asked, 1, policy, () => 0.7),
      2000,
    );
    const tooLong = new RateLimitedError({ operation: "Op", detail: "429", retryAfterMs: 3_600_000 });
    assert.equal(
      delayBeforeRetry(tooLong, 1, policy, () => 0),
      undefined,
    );
  });
  it("never retries answers a repeat would reproduce", () => {
    assert.ok(!isTransient(new ValidationError({ operation: "Op", detail: "invalid" })));
    assert.ok(!isTransient(new TransportError({ operation: "Op", detail: "HTTP 501", httpStatus: 501 })));
    assert.ok(!isTransient(new Error("plain")));
    assert.equal(
      delayBeforeRetry(new ValidationError({ operation: "Op", detail: "x" }), 1, policy, () => 0),
      undefined,
    );
  });
});

describe("mayRepeat", () => {
  const applied = { operation: "ContextCreate", detail: "d", mayHaveApplied: true } as const;
  const notApplied = { operation: "ContextCreate", detail: "d", mayHaveApplied: false } as const;

  it("repeats an idempotent operation after any transient failure", () => {
    assert.ok(mayRepeat(new TransportError({ ...applied, httpStatus: 503 }), true));
    assert.ok(mayRepeat(new TransportError(applied), true));
    assert.ok(mayRepeat(new RateLimitedError(notApplied), true));
  });

  it("repeats any other only after a failure that proves it did not run", () => {
    assert.ok(mayRepeat(new RateLimitedError(notApplied), false));
    assert.ok(mayRepeat(new TransportError(notApplied), false), "a network failure before sending");
    assert.ok(!mayRepeat(new TransportError(applied), false), "a timeout or a reset after sending");
    assert.ok(!mayRepeat(new TransportError({ ...applied, httpStatus: 502 }), false));
    assert.ok(
      !mayRepeat(new TransportError({ ...notApplied, httpStatus: 502 }), false),
      "a 5xx never, even when mislabelled",
    );
  });

  it("never repeats what a repeat would reproduce", () => {
    assert.ok(!mayRepeat(new ValidationError(notApplied), true));
    assert.ok(!mayRepeat(new TransportError({ ...notApplied, httpStatus: 501 }), true));
    assert.ok(!mayRepeat(new Error("plain"), true));
  });

  it("decides delayBeforeRetry", () => {
    assert.equal(
      delayBeforeRetry(new TransportError(applied), 1, policy, () => 0, false),
      undefined,
    );
    assert.equal(
      delayBeforeRetry(new TransportError(notApplied), 1, policy, () => 0, false),
      250,
    );
    assert.equal(
      delayBeforeRetry(new TransportError(applied), 1, policy, () => 0),
      250,
      "idempotent unless told otherwise",
    );
  });
});

describe("client-side rate limit", () => {
  it("is on only when both variables are positive integers", () => {
    assert.deepEqual(
      rateLimitFromEnv({ SPACELIFT_MAX_REQUESTS_PER_SECOND: "5", SPACELIFT_MAX_REQUESTS_BURST: "10" }),
      { requestsPerSecond: 5, burst: 10 },
    );
    assert.equal(rateLimitFromEnv({ SPACELIFT_MAX_REQUESTS_PER_SECOND: "5" }), undefined);
    assert.equal(
      rateLimitFromEnv({ SPACELIFT_MAX_REQUESTS_PER_SECOND: "5", SPACELIFT_MAX_REQUESTS_BURST: "x" }),
      undefined,
    );
    assert.equal(
      rateLimitFromEnv({ SPACELIFT_MAX_REQUESTS_PER_SECOND: "0", SPACELIFT_MAX_REQUESTS_BURST: "1" }),
      undefined,
    );
    assert.equal(rateLimitFromEnv({}), undefined);
  });

  it("lets a burst through, then spaces concurrent callers at the rate", async () => {
    const clock = new FakeClock();
    const sleep = recordingSleep();
    const bucket = new TokenBucket({ requestsPerSecond: 2, burst: 2 }, clock, sleep);
    await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
    assert.deepEqual(
      sleep.args.map(([ms]) => ms),
      [500, 1000, 1500],
    );
    clock.advance(10_000);
    sleep.resetHistory();
    await bucket.take();
    assert.equal(sleep.callCount, 0, "the bucket refills with time");
  });
});
