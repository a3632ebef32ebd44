/**
 * What Pulumi's dynamic-provider host shows of the provider's errors. For a failed check, diff,
 * read or delete the host prints `${err}: ${err.stack}` to its stderr, which Pulumi relays to the
 * user, and answers the engine with `err.message`; create and update answer with `err.message`
 * only. The provider's errors must therefore put no JavaScript stack trace in that line.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import {
  AuthenticationError,
  classifyOutcome,
  NotFoundError,
  PermissionError,
  ProtocolError,
  RateLimitedError,
  TransportError,
  ValidationError,
} from "../../../provider/client/errors";
import { ResourceInitError, ResourceOperationError } from "../../../provider/engine/errors";

/** The host's line for a failed check, diff, read or delete, as its source writes it. */
const hostLine = (e: Error): string => `${String(e)}: ${String(e.stack)}`;

function providerErrors(): [string, Error][] {
  const init = { operation: "ContextRead", detail: "could not reach Spacelift (ECONNREFUSED)" };
  const classified = classifyOutcome(
    { kind: "network", reason: "ENOTFOUND", sent: "no" },
    { operation: "ContextRead", auth: "refreshed", now: 0 },
  );
  assert.ok(!classified.ok);
  const errors: Error[] = [
    new ResourceOperationError("Context", "read", "ContextRead", "transport", "could not reach Spacelift"),
    new ResourceInitError("Spacelift Context create: read-back failed", "ctx-1", {}, ["ContextRead failed"]),
    new AuthenticationError(init),
    new PermissionError(init),
    new NotFoundError(init),
    new ValidationError(init),
    new RateLimitedError(init),
    new TransportError(init),
    new ProtocolError(init),
  ];
  return [...errors.map((e): [string, Error] => [e.name, e]), ["a classified failure", classified.error]];
}

describe("what Pulumi's dynamic-provider host shows of the provider's errors", () => {
  it("the host still prints `${e}: ${e.stack}` for check, diff, read and delete, and sends only the message", () => {
    const host = readFileSync(require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js"), "utf8");
    assert.equal(host.match(/console\.error\(`\$\{e\}: \$\{e\.stack\}`\)/g)?.length, 4);
    assert.match(host, /resp\.setMessage\(e\.message\)/);
    assert.match(host, /message: e\.message,/);
  });

  for (const [label, error] of providerErrors()) {
    it(`${label}: the message on one line, with no stack trace`, () => {
      const line = hostLine(error);
      assert.equal(line, `${error.name}: ${error.message}: `);
      assert.ok(!line.includes("\n"), line);
      assert.doesNotMatch(line, /\bat .*\.(ts|js):\d+/);
      assert.equal(line.split(error.message).length, 2, "the message appears once");
    });

    it(`${label}: util.inspect shows the message and no frames`, () => {
      const shown = inspect(error);
      assert.ok(shown.includes(error.message), shown);
      assert.doesNotMatch(shown, /\n\s+at /);
      assert.ok(!Object.keys(error).includes("stack"), "stack stays out of enumeration and JSON");
    });
  }
});
