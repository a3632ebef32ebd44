import type { Store } from "../../store";
import { unixSeconds } from "../ids";
import { SETTINGS_COLLECTION } from "../settings";

/** `RunType` values the emulator triggers: `TASK` runs a command (`taskCreate`). */
export type RunType = "TRACKED" | "PROPOSED" | "TASK";

/** A run as stored: only what was decided when it was triggered; its state follows from the clock. */
export interface RunRecord {
  /** A ULID. */
  readonly id: string;
  readonly stack: string;
  readonly type: RunType;
  readonly commitSha: string | null;
  readonly triggeredBy: string | null;
  /** Epoch milliseconds. */
  readonly createdAtMs: number;
  /** Whether the stack auto-deploys: a tracked run applies without confirmation. */
  readonly autodeploy: boolean;
  /** The run fails while planning (set by the `runs/fail` test control). */
  readonly failing: boolean;
  /** When `runDiscardAll` discarded it, epoch milliseconds; null otherwise. */
  readonly discardedAtMs: number | null;
  /** A task's command; absent for other runs. */
  readonly command?: string;
  /** Whether a task skips the stack's initialization (`init`); absent for other runs. */
  readonly skipInitialization?: boolean;
}

/** A run as the API shows it at one moment. */
export interface RunView {
  readonly id: string;
  readonly state: string;
  readonly type: RunType;
  readonly finished: boolean;
  readonly commitSha: string | null;
  readonly triggeredBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

const RUNS = "runs";
const FAILURES = "runFailures";
const PHASE_KEY = "runPhaseMs";

/** How long each phase of a run lasts when no setting is stored, in milliseconds. */
export const DEFAULT_RUN_PHASE_MS = 200;

/** States after which nothing more happens to a run. */
const FINAL = new Set(["FINISHED", "FAILED", "DISCARDED"]);

/** How long each phase (queued, preparing, planning, applying) of a run lasts, in milliseconds. */
export function runPhaseMs(store: Store): number {
  const value = store.collection<unknown>(SETTINGS_COLLECTION).get(PHASE_KEY);
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : DEFAULT_RUN_PHASE_MS;
}

/** Sets {@link runPhaseMs}; throws a RangeError for a negative or non-finite value. */
export function setRunPhaseMs(store: Store, ms: number): void {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError("runPhaseMs must be a non-negative number");
  store.collection<number>(SETTINGS_COLLECTION).set(PHASE_KEY, ms);
}

function runs(store: Store): Map<string, RunRecord> {
  return store.collection<RunRecord>(RUNS);
}

/** Stores a new or changed run. */
export function saveRun(store: Store, run: RunRecord): void {
  runs(store).set(run.id, run);
}

/** The stack's runs, oldest first. */
export function runsOfStack(store: Store, stackId: string): RunRecord[] {
  return [...runs(store).values()]
    .filter((r) => r.stack === stackId)
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/** The stack's run with this id, or undefined. */
export function findRun(store: Store, stackId: string, id: string): RunRecord | undefined {
  const run = runs(store).get(id);
  return run?.stack === stackId ? run : undefined;
}

/** Forgets the runs of a stack that is gone. */
export function removeRunsOf(store: Store, stackId: string): void {
  for (const run of runsOfStack(store, stackId)) runs(store).delete(run.id);
  store.collection<number>(FAILURES).delete(stackId);
}

/** Makes the next `count` runs triggered on the stack fail while planning (a test control). */
export function failNextRuns(store: Store, stackId: string, count: number): void {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError("count must be a non-negative integer");
  if (typeof stackId !== "string" || stackId === "") throw new RangeError("stack must be a stack id");
  if (count === 0) store.collection<number>(FAILURES).delete(stackId);
  else store.collection<number>(FAILURES).set(stackId, count);
}

/** Whether the next run of the stack is to fail; counts it off. */
export function takeFailure(store: Store, stackId: string): boolean {
  const left = store.collection<number>(FAILURES).get(stackId) ?? 0;
  if (left <= 0) return false;
  failNextRuns(store, stackId, left - 1);
  return true;
}

/**
 * The run's state at `nowMs`, computed from the time since it was triggered (no timers, so an
 * injected clock drives it exactly): one phase each of QUEUED, PREPARING and PLANNING (PERFORMING
 * for a task), then a proposed run or a task is FINISHED; a tracked run is APPLYING for one phase and then FINISHED, or waits
 * UNCONFIRMED when its stack does not auto-deploy. A failing run is FAILED after planning; a
 * discarded run is DISCARDED from then on.
 */
export function stateAt(run: RunRecord, nowMs: number, phaseMs: number): { state: string; sinceMs: number } {
  if (run.discardedAtMs !== null && run.discardedAtMs <= nowMs) {
    return { state: "DISCARDED", sinceMs: run.discardedAtMs };
  }
  // A task performs its command where other runs plan, and needs no confirmation.
  const phases = ["QUEUED", "PREPARING", run.type === "TASK" ? "PERFORMING" : "PLANNING"];
  const planned = run.createdAtMs + phases.length * phaseMs;
  const elapsed = nowMs - run.createdAtMs;
  const index = phaseMs === 0 ? phases.length : Math.floor(elapsed / phaseMs);
  if (index < phases.length) return { state: phases[index]!, sinceMs: run.createdAtMs + index * phaseMs };
  if (run.failing) return { state: "FAILED", sinceMs: planned };
  if (run.type === "PROPOSED" || run.type === "TASK") return { state: "FINISHED", sinceMs: planned };
  if (!run.autodeploy) return { state: "UNCONFIRMED", sinceMs: planned };
  const applied = planned + phaseMs;
  return nowMs < applied ? { state: "APPLYING", sinceMs: planned } : { state: "FINISHED", sinceMs: applied };
}

/** Whether nothing more will happen to a run in this state. */
export function isFinal(state: string): boolean {
  return FINAL.has(state);
}

/** The run as the API shows it at `nowMs`. */
export function runView(store: Store, run: RunRecord, nowMs: number): RunView {
  const { state, sinceMs } = stateAt(run, nowMs, runPhaseMs(store));
  return {
    id: run.id,
    state,
    type: run.type,
    finished: isFinal(state),
    commitSha: run.commitSha,
    triggeredBy: run.triggeredBy,
    createdAt: unixSeconds(run.createdAtMs),
    updatedAt: unixSeconds(sinceMs),
  };
}
