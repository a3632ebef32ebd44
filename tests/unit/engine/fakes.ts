import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import sinon from "sinon";
import type { ApiPort, OperationSpec } from "../../../provider/engine/api";
import { cron, max, min, pattern, slugName } from "../../../provider/engine/constraints";
import { arg, defineResource, mutation, query } from "../../../provider/engine/descriptor";
import { t } from "../../../provider/engine/fieldTypes";
import { atMostOneOf } from "../../../provider/engine/rules";

/** A handler answers one operation: it returns the GraphQL `data` object or throws. */
export type Handler = (variables: Record<string, unknown>) => unknown;

/** A fake {@link ApiPort} whose `run` is a sinon stub dispatching on the operation name. */
export interface FakeApi {
  readonly port: ApiPort;
  readonly run: sinon.SinonStub<[OperationSpec, Record<string, unknown>], Promise<unknown>>;
  /** Calls made for one operation name, as [spec, variables]. */
  calls(name: string): [OperationSpec, Record<string, unknown>][];
  /** Operation names in call order. */
  names(): string[];
}

/** Builds a {@link FakeApi}; an operation without a handler fails the test loudly. */
export function fakeApi(handlers: Record<string, Handler>): FakeApi {
  const run = sinon.stub<[OperationSpec, Record<string, unknown>], Promise<unknown>>();
  run.callsFake(async (op, variables) => {
    const handler = handlers[op.name];
    if (!handler) throw new Error(`unexpected operation ${op.name}`);
    return handler(variables);
  });
  const port: ApiPort = {
    run: <T>(op: OperationSpec, v: Record<string, unknown>) => run(op, v) as Promise<T>,
  };
  return {
    port,
    run,
    calls: (name) =>
      run
        .getCalls()
        .filter((c) => c.args[0].name === name)
        .map((c) => c.args),
    names: () => run.getCalls().map((c) => c.args[0].name),
  };
}

/** An error shaped like the client's SpaceliftError. */
export function apiError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Fails when `value` holds anything the host's `Struct.fromJavaScript` rejects: `undefined`,
 * functions, bigints, symbols, or instances of classes. Written independently of the engine's own
 * guard so the test does not trust the code under test.
 */
export function assertPlainJson(value: unknown, path = "<root>"): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    assert.ok(Number.isFinite(value), `${path} is not a finite number`);
    return;
  }
  assert.equal(typeof value, "object", `${path} is ${typeof value}`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlainJson(v, `${path}[${i}]`));
    return;
  }
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is a class instance`);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) assertPlainJson(v, `${path}.${k}`);
}

/** Fails when any of `secrets` appears in `value`'s JSON, its inspection, or (for errors) message and stack. */
export function assertNoLeak(value: unknown, secrets: readonly string[]): void {
  const texts = [inspect(value, { depth: 20 }), safeJson(value)];
  if (value instanceof Error) texts.push(value.message, value.stack ?? "");
  for (const s of secrets) {
    for (const text of texts) assert.ok(!text.includes(s), `secret leaked: ${text}`);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/** Runs `fn` and returns what it threw (failing when it did not throw). */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  assert.fail("expected a rejection");
}

const doc = "Test field.";

/**
 * A synthetic descriptor exercising every engine feature at once: types of every kind, nested
 * objects with rules and a nested replace-on-change field, serverDefault, computed and
 * write-only fields, and asynchronous deletion.
 */
export const widget = defineResource({
  kind: "Widget",
  doc: "A test resource.",
  fields: {
    name: { type: t.string(), required: true, doc, validate: [slugName()] },
    size: { type: t.int(), default: 1, doc, validate: [min(1), max(10)] },
    color: { type: t.enum(["RED", "BLUE"]), doc },
    region: { type: t.string(), replaceOnChange: true, doc },
    labels: { type: t.set(t.string()), doc },
    steps: { type: t.list(t.string()), doc },
    tags: { type: t.map(t.string()), doc },
    spaceId: { type: t.string(), gql: "space", serverDefault: true, doc },
    vendorConfig: {
      doc,
      type: t.object(
        {
          terraform: {
            doc,
            type: t.object({
              version: {
                type: t.string(),
                doc,
                validate: [pattern(/^\d+\.\d+\.\d+$/, "a semantic version")],
              },
              workspace: { type: t.string(), replaceOnChange: true, doc },
            }),
          },
          pulumi: { doc, type: t.object({ stackName: { type: t.string(), required: true, doc } }) },
        },
        [atMostOneOf("terraform", "pulumi")],
      ),
    },
    schedule: { type: t.string(), doc, validate: [cron()] },
    token: { type: t.string(), secret: true, writeOnly: { checksumField: "tokenChecksum" }, doc },
    tokenChecksum: { type: t.string(), computed: true, doc },
    createdAt: { type: t.int(), computed: true, doc },
  },
  operations: {
    create: mutation("WidgetCreate", "widgetCreate", { input: arg.input("WidgetInput!") }),
    read: query("WidgetRead", "widget", { id: arg.id() }, { extraSelection: ["deleting"] }),
    update: mutation("WidgetUpdate", "widgetUpdate", { id: arg.id(), input: arg.input("WidgetInput!") }),
    delete: mutation("WidgetDelete", "widgetDelete", { id: arg.id() }),
  },
  asyncDelete: { pollIntervalMs: 1000, failedWhen: (raw) => raw["deleting"] === false },
});

/** The serialized-provider text stand-in that must round-trip untouched. */
export const PROVIDER = "exports.handler = __f0; /* stub */";
