import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../../emulator";
import { resolveCredentials } from "../../../provider/auth/credentials";
import { SpaceliftClient } from "../../../provider/client/spaceliftClient";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import { ResourceEngine } from "../../../provider/engine/lifecycle";

/** One GraphQL request as the client sent it. */
export interface SentRequest {
  readonly operationName: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/**
 * An emulator on a settable clock, with engines for descriptors that talk to it through the real
 * client (in-process, no socket). The engines' `sleep` moves the same clock forward, so waits
 * (asynchronous deletes) take no time and their polls can be counted exactly.
 */
export class EmulatedEngines {
  /** Every wait an engine asked for, in milliseconds. */
  readonly sleeps: number[] = [];
  /** Every GraphQL request the engines sent, in order, as parsed from its body. */
  readonly sent: SentRequest[] = [];
  /** Runs when an engine is about to wait, before the clock moves. */
  beforeSleep: (() => Promise<void>) | undefined;
  private client: SpaceliftClient | undefined;

  private constructor(
    readonly emulator: EmulatorHandle,
    private readonly clock: { nowMs: number },
  ) {}

  /** Epoch milliseconds seen by the emulator and the engines; tests may move it forward. */
  get nowMs(): number {
    return this.clock.nowMs;
  }

  set nowMs(value: number) {
    this.clock.nowMs = value;
  }

  /**
   * Starts the emulator; `stackDeletionDelayMs` is how long a deleted stack lingers, and
   * `anonymousReads` how it answers reads bearing a token it no longer accepts.
   */
  static async start(
    options: Pick<EmulatorOptions, "stackDeletionDelayMs" | "anonymousReads"> = {},
  ): Promise<EmulatedEngines> {
    // The emulator needs the clock before the instance that owns it exists.
    const clock = { nowMs: Date.UTC(2025, 5, 1, 12, 0, 0) };
    const emulator = await startEmulator({
      port: 0,
      now: () => clock.nowMs,
      onError: () => undefined,
      ...options,
    });
    return new EmulatedEngines(emulator, clock);
  }

  /** An engine for `descriptor`; `env` is what it reads settings (the delete timeout) from. */
  engine(descriptor: ResourceDescriptor, env: Record<string, string> = {}): ResourceEngine {
    this.client ??= new SpaceliftClient(
      resolveCredentials(undefined, {
        SPACELIFT_API_KEY_ENDPOINT: this.emulator.url,
        SPACELIFT_API_KEY_ID: this.emulator.apiKey.id,
        SPACELIFT_API_KEY_SECRET: this.emulator.apiKey.secret,
      }),
      {
        fetch: (input, init) => {
          this.record(init?.body);
          return this.emulator.fetch(input, init);
        },
        rateLimit: null,
        clock: { now: () => this.nowMs },
      },
    );
    return new ResourceEngine(descriptor, {
      api: this.client,
      now: () => this.nowMs,
      sleep: async (ms) => {
        await this.beforeSleep?.();
        this.sleeps.push(ms);
        this.nowMs += ms;
      },
      env,
    });
  }

  /** How many requests named `operation` the emulator served since the last reset. */
  count(operation: string): number {
    return this.emulator.controls.requestCount(operation);
  }

  /** The variables of every request named `operation` sent so far, oldest first. */
  variablesOf(operation: string): Record<string, unknown>[] {
    return this.sent.filter((r) => r.operationName === operation).map((r) => r.variables);
  }

  private record(body: unknown): void {
    if (typeof body !== "string") return;
    try {
      const parsed = JSON.parse(body) as Partial<SentRequest>;
      if (typeof parsed.query !== "string") return;
      this.sent.push({
        operationName: parsed.operationName ?? /^\s*(?:query|mutation)\s+(\w+)/.exec(parsed.query)?.[1] ?? "",
        query: parsed.query,
        variables: parsed.variables ?? {},
      });
    } catch {
      // Not a GraphQL body (the API-key exchange form): nothing to record.
    }
  }

  /** Stops the emulator. */
  close(): Promise<void> {
    return this.emulator.close();
  }
}
