import type { Fault, FaultInjector, FaultRule, FaultRuleInput } from "./faults";
import type { SeedInput, SeedResult } from "./seed";
import type { RequestRecorder, RequestStats } from "./stats";
import type { TokenService } from "./tokens";
import { generateApiKey, type ApiKeyCredential, type CredentialRegistry } from "./credentials";

/**
 * Test controls of a running emulator. They are not part of the Spacelift API; the same operations
 * are served over HTTP under `/_emulator/`. Nothing they return contains a secret, a token or a
 * request's variables.
 *
 * The type parameters are those of the seeding function: `emulator/seed.ts`'s for a normal emulator.
 */
export interface EmulatorControls<TSeedInput = SeedInput, TSeedResult = SeedResult> {
  /** Request counts (per operation name and per credential) and the recent-request log. */
  stats(): RequestStats;
  /** How many requests named `operation` were served since the last reset (0 if none). */
  requestCount(operation: string): number;
  /** Forgets request counts and the log. */
  resetStats(): void;

  /** Delays every GraphQL request by `ms` milliseconds before it is answered; 0 turns it off. */
  setLatency(ms: number): void;
  /** The injected latency, milliseconds. */
  latency(): number;

  /**
   * Makes the next `times` calls of `operation` fail with `fault`. Most faults stop the call before
   * it runs; `applyThenServerError`, `applyThenDrop` and `slowAnswer` run it and spoil its answer.
   */
  failNext(operation: string, times: number, fault: Fault): FaultRule;
  /**
   * Makes a deterministic share (0..1) of calls fail with `fault` until cleared; of every call, or of
   * calls of `operation` when given. Share 0.25 fails the 4th, 8th, 12th… matching call.
   */
  failShare(share: number, fault: Fault, operation?: string): FaultRule;
  /** Adds a fault rule in its general form, e.g. to match every mutation with `operationKind`. */
  addFault(rule: FaultRuleInput): FaultRule;
  /** The active fault rules. */
  faults(): FaultRule[];
  /** Removes every fault rule. */
  clearFaults(): void;

  /** Invalidates every token issued so far: requests bearing them are treated as anonymous. */
  expireAllTokens(): void;
  /**
   * Revokes every token issued so far, as a restart with a new signing key would, and keeps every
   * object: requests bearing old tokens are anonymous, and new exchanges give accepted tokens.
   */
  revokeTokens(): void;

  /**
   * Accepts one more API key (a fresh one when none is given) and returns it, as creating a key in
   * Spacelift does; with {@link deleteApiKey}, this is how a test rotates a key.
   */
  addApiKey(key?: ApiKeyCredential): ApiKeyCredential;
  /** Deletes an API key: exchanging it fails from now on, as for a key deleted in Spacelift. */
  deleteApiKey(id: string): boolean;

  /**
   * Adds objects to the store directly (see `SeedInput` in `emulator/seed.ts`), all or nothing, and
   * returns the ids of the created objects.
   */
  seed(input: TSeedInput): Promise<TSeedResult>;
  /** Clears every stored object; the root space reappears on next use. Settings are kept. */
  resetData(): Promise<void>;

  /**
   * Makes the next `count` runs triggered on stack `stack` fail while planning (0 clears it); runs
   * otherwise finish. Cleared with the data.
   */
  failNextRuns(stack: string, count: number): Promise<void>;
}

/** What {@link createControls} operates on. */
export interface ControlTargets<TSeedResult> {
  readonly recorder: RequestRecorder;
  readonly faults: FaultInjector;
  readonly tokens: TokenService;
  /** The API keys and GitHub tokens the emulator accepts. */
  readonly credentials: CredentialRegistry;
  /** Seeds the store and persists it. */
  readonly seed: (input: unknown) => Promise<TSeedResult>;
  /** Clears the store, restores settings and persists it. */
  readonly resetData: () => Promise<void>;
  /** Sets how many of the stack's next runs fail, and persists it. */
  readonly failNextRuns: (stack: string, count: number) => Promise<void>;
}

/** Holds the injected latency; shared by the controls and the request handler. */
export class LatencySetting {
  private value = 0;

  /** Current latency, milliseconds. */
  get ms(): number {
    return this.value;
  }

  /** Sets the latency; throws a RangeError unless `ms` is a non-negative finite number. */
  set(ms: number): void {
    if (!(typeof ms === "number" && Number.isFinite(ms) && ms >= 0)) {
      throw new RangeError("latency must be a non-negative number of milliseconds");
    }
    this.value = ms;
  }
}

/** Builds the {@link EmulatorControls} over the emulator's parts. */
export function createControls<TSeedInput, TSeedResult>(
  targets: ControlTargets<TSeedResult>,
  latency: LatencySetting,
): EmulatorControls<TSeedInput, TSeedResult> {
  const { recorder, faults, tokens } = targets;
  return {
    stats: () => recorder.snapshot(),
    requestCount: (operation) => recorder.count(operation),
    resetStats: () => recorder.reset(),
    setLatency: (ms) => latency.set(ms),
    latency: () => latency.ms,
    failNext: (operation, times, fault) => faults.add({ operation, times, fault }),
    failShare: (share, fault, operation) =>
      faults.add(operation === undefined ? { share, fault } : { operation, share, fault }),
    addFault: (rule) => faults.add(rule),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    expireAllTokens: () => tokens.expireAll(),
    revokeTokens: () => tokens.revokeAll(),
    addApiKey: (key = generateApiKey()) => (targets.credentials.addApiKey(key), key),
    deleteApiKey: (id) => targets.credentials.deleteApiKey(id),
    seed: (input) => targets.seed(input),
    resetData: () => targets.resetData(),
    failNextRuns: (stack, count) => targets.failNextRuns(stack, count),
  };
}
