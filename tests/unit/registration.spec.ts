import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

// The package is loaded by name, as users load it: this is the built SDK in dist/.
const spacelift = require("pulumi-spacelift") as typeof import("../../sdk");

/** What the mock monitor saw of one registration. */
interface Seen {
  readonly name: string;
  readonly sourceUri: string | undefined;
}

/**
 * Counts the stack traces formatted while `declare` runs, split by whether they had frames: Pulumi's
 * promise bookkeeping formats one per promise, the resource's own source position one more.
 */
function countTraces(declare: () => void): { withFrames: number; empty: number } {
  const counts = { withFrames: 0, empty: 0 };
  const original = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.length > 0) counts.withFrames++;
    else counts.empty++;
    return original
      ? original(error, frames)
      : `${String(error)}\n${frames.map((f) => `    at ${String(f)}`).join("\n")}`;
  };
  try {
    declare();
  } finally {
    Error.prepareStackTrace = original;
  }
  return counts;
}

describe("resource registration in the program (sdk/registration.ts)", () => {
  const seen: Seen[] = [];
  let savedLeakSetting: string | undefined;

  before(async () => {
    savedLeakSetting = process.env["PULUMI_DEBUG_PROMISE_LEAKS"];
    delete process.env["PULUMI_DEBUG_PROMISE_LEAKS"];
    await pulumi.runtime.setMocks(
      {
        newResource: (args: pulumi.runtime.MockResourceArgs) => ({
          id: `${args.name}-id`,
          state: args.inputs,
        }),
        call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
      },
      "registration",
      "test",
      false,
    );
    // The mock monitor drops the source position before calling newResource; read it off the request.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource(
        req: { getName(): string; getSourceposition(): { getUri(): string } | undefined },
        cb: unknown,
      ): unknown;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      seen.push({ name: req.getName(), sourceUri: req.getSourceposition()?.getUri() });
      return register(req, cb);
    };
  });

  after(() => {
    if (savedLeakSetting === undefined) delete process.env["PULUMI_DEBUG_PROMISE_LEAKS"];
    else process.env["PULUMI_DEBUG_PROMISE_LEAKS"] = savedLeakSetting;
  });

  const stackArgs = { name: "reg", repository: "infra", branch: "main" };

  it("formats no stack trace for the promises behind a resource's ~50 declared properties", async () => {
    let stack: InstanceType<typeof spacelift.Stack> | undefined;
    const counts = countTraces(() => {
      stack = new spacelift.Stack("traces", stackArgs);
    });
    // One for the source position Pulumi records (and at most one more of its own); none per property.
    assert.ok(counts.withFrames <= 2, `${counts.withFrames} traces with frames were formatted`);
    assert.ok(
      counts.empty >= 50 * 4,
      `expected the property promises to ask for traces, got ${counts.empty}`,
    );
    // The outputs still work.
    assert.equal(await new Promise((resolve) => stack!.name.apply(resolve)), "reg");
  });

  it("keeps every trace when PULUMI_DEBUG_PROMISE_LEAKS asks for them", () => {
    process.env["PULUMI_DEBUG_PROMISE_LEAKS"] = "1";
    try {
      const counts = countTraces(() => new spacelift.Stack("debugging", stackArgs));
      assert.ok(counts.withFrames >= 50 * 4, `only ${counts.withFrames} traces with frames`);
    } finally {
      delete process.env["PULUMI_DEBUG_PROMISE_LEAKS"];
    }
  });

  it("restores the stack trace limit, also when Pulumi refuses the registration", () => {
    const limit = Error.stackTraceLimit;
    new spacelift.Space("restored", { name: "restored" });
    assert.equal(Error.stackTraceLimit, limit);
    // Pulumi throws synchronously for a resource without a name.
    const error = (() => {
      try {
        new spacelift.Space("", { name: "nameless" });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof Error, "Pulumi accepted a resource without a name");
    assert.match(error.message, /Missing resource name/);
    assert.equal(Error.stackTraceLimit, limit);
    // The error points at the program that declared the resource, not at an empty trace.
    assert.match(error.stack ?? "", /registration\.spec\.ts/);
  });

  it("records the program's line, not the SDK's, as the resource's source position", async () => {
    const space = new spacelift.Space("positioned", { name: "positioned" });
    await new Promise((resolve) => space.urn.apply(resolve));
    const registration = seen.find((s) => s.name === "positioned");
    assert.ok(registration, "the registration was not seen");
    assert.match(registration.sourceUri ?? "", /registration\.spec\.ts$/);
  });
});
