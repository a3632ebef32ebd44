import assert from "node:assert/strict";
import { graphql, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { EmulatorContext, Viewer } from "../../emulator/context";
import { buildEmulatorSchema } from "../../emulator/schema";
import { seed, type SeedInput, type SeedResult } from "../../emulator/seed";
import { Store } from "../../emulator/store";

let schema: GraphQLSchema | undefined;

/** The emulator's executable schema, built once per test process. */
export function emulatorSchema(): GraphQLSchema {
  schema ??= buildEmulatorSchema();
  return schema;
}

/** The caller tests act as unless they ask to be anonymous. */
export const TEST_VIEWER: Viewer = { id: "01J0000000000000000000TEST", name: "Test", credential: "test-key" };

/**
 * A store, a settable clock and helpers to run GraphQL against the emulator schema directly (no
 * HTTP server), as the authenticated {@link TEST_VIEWER} or anonymously.
 */
export class Harness {
  readonly store = new Store();
  /** Current time, epoch milliseconds; tests move it forward. */
  nowMs = Date.UTC(2025, 5, 1, 12, 0, 0);

  /** Runs a document; returns the raw result, errors included. */
  async run(
    source: string,
    variableValues?: Record<string, unknown>,
    options: { anonymous?: boolean } = {},
  ): Promise<ExecutionResult> {
    const contextValue: EmulatorContext = {
      viewer: options.anonymous ? null : TEST_VIEWER,
      store: this.store,
      now: () => this.nowMs,
      baseUrl: "http://127.0.0.1:1",
    };
    return graphql({ schema: emulatorSchema(), source, variableValues, contextValue });
  }

  /** Runs a document that must succeed; returns its data. */
  async ok<T = Record<string, unknown>>(
    source: string,
    variableValues?: Record<string, unknown>,
  ): Promise<T> {
    const result = await this.run(source, variableValues);
    assert.deepEqual(result.errors?.map((e) => e.message) ?? [], [], "unexpected GraphQL errors");
    assert.ok(result.data, "no data");
    // graphql-js builds results on null-prototype objects; plain ones compare with deepEqual.
    return JSON.parse(JSON.stringify(result.data)) as T;
  }

  /** Runs a document that must fail; returns the first error message. */
  async fails(source: string, variableValues?: Record<string, unknown>): Promise<string> {
    const result = await this.run(source, variableValues);
    assert.ok(
      result.errors && result.errors.length > 0,
      `expected an error, got ${JSON.stringify(result.data)}`,
    );
    return result.errors[0].message;
  }

  /** Seeds objects directly (see `emulator/seed.ts`). */
  seed(input: SeedInput): SeedResult {
    return seed(this.store, input, this.nowMs);
  }
}

/** `StackInput` with the required fields filled in. */
export function stackInput(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, repository: "repo", branch: "main", administrative: false, autodeploy: false, ...extra };
}
