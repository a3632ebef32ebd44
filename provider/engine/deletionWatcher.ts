/**
 * Waits for asynchronous deletions (a stack's) to finish, for every object of one kind at once.
 *
 * Spacelift deletes some objects in the background: the delete mutation answers `deleting: true`
 * and the object is gone some time later. Polling each object on its own makes one request per
 * object and round; a destroy deletes many objects of a kind concurrently, so the watcher asks
 * about all of those awaited in ONE request per round, each object under its own alias, with
 * `viewer { id }` in the same document as proof that the token was accepted. Each object keeps its
 * own schedule, deadline, `failedWhen` check and error; an error for one alias fails that object
 * only.
 *
 * @packageDocumentation
 */

import { MAX_GONE_CONFIRMATIONS, NOT_CONFIRMED_GONE, TOKENS_KEPT_REFUSED } from "./goneConfirmation";
import { apiErrorCode, type AnswerReceipt, type ApiErrorCode, type ApiPort, type SignInCheck } from "./api";
import type { OperationDef } from "./descriptor";
import { messageOf } from "./errors";
import { batchAlias, batchedSpec, batchVariable, MAX_BATCH, SIGNED_IN_FIELD } from "./operationDocument";
import type { ResourceDescriptor } from "./descriptor";
import { isRecord, type JsonObject, type Values } from "./values";

/**
 * Objects awaiting their first poll that start a round at once instead of at the first one's due
 * time. Each waiting deletion holds one of Pulumi's parallel operations (8 on a 2-core machine by
 * default), so when several wait, the engine is mostly waiting on them; one request asks about
 * them all and frees them as soon as Spacelift has deleted them. Objects polled before keep their
 * backoff, so a slow deletion is not asked about in a loop. Measured with `npm run bench` (99
 * stacks deleted by one destroy, instant deletion): 4 made the destroy 0.90 of the floor's time
 * with 25 polls; none, 1.15 with 13; 5 stays under the 0.05 requests per resource polls may add.
 */
export const EARLY_ROUND_OBJECTS = 5;

/** Makes the error a failed wait rejects with; the engine names the kind and step. */
export type WaitFailure = (
  operation: string | undefined,
  code: ApiErrorCode | "timeout" | "internal",
  detail: string,
) => Error;

/** One object whose deletion Spacelift has accepted, to be awaited. */
export interface DeletionWait {
  /** The read operation that asks about the object (resolved from the descriptor's slot). */
  readonly op: OperationDef;
  /** The read's variables for this object, under their plain names. */
  readonly variables: Record<string, unknown>;
  /** The object's values, for `selectFromList`-style picking. */
  readonly values: Values;
  /** Longest pause between two polls of this object. */
  readonly intervalMs: number;
  /** The pause before the first poll (the delete cannot have finished sooner). */
  readonly firstPollMs: number;
  /** How long the deletion may take in all. */
  readonly timeoutMs: number;
  /** True when a poll's raw object shows that Spacelift gave up deleting it. */
  readonly failedWhen?: (raw: JsonObject) => boolean;
  /** Builds this object's errors (with its secrets redacted from `detail`). */
  readonly fail: WaitFailure;
  /** The environment variable named by the timeout's message. */
  readonly timeoutSetting: string;
}

/** What the watcher needs from the engine that owns it. */
export interface DeletionWatcherDeps {
  readonly descriptor: ResourceDescriptor;
  readonly api: ApiPort;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /**
   * The live object in what one alias answered (picked along the read's path, and from a list as
   * the descriptor's hooks do), or undefined when the answer says the object is gone.
   */
  readonly pick: (op: OperationDef, answer: unknown, values: Values) => JsonObject | undefined;
}

/** A wait in progress. */
interface Entry {
  readonly wait: DeletionWait;
  readonly deadline: number;
  /** The next pause after a poll finds the object still there; doubles up to the interval. */
  pause: number;
  /** When the object is next due to be asked about. */
  dueAt: number;
  /** Empty answers of refused tokens so far, each followed by a refresh and another poll. */
  refreshed: number;
  /** Whether a round has asked about the object yet. */
  asked: boolean;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * Polls the deletions of one kind in batches. One watcher per engine, so per kind and provider
 * process; all its requests go through the engine's port and so use the process's credentials.
 */
export class DeletionWatcher {
  private readonly entries = new Set<Entry>();
  /** When the pending wake-up fires, if one is pending. */
  private wakeAt: number | undefined;
  /**
   * Bumped by every new wake-up, so a superseded one does nothing when its sleep ends. (A sleep is
   * not cancelled: a fake one that moves a test's clock still moves it when it ends.)
   */
  private generation = 0;
  private polling = false;

  /** @param deps - the descriptor, port, clock and how to pick an object from an answer. */
  constructor(private readonly deps: DeletionWatcherDeps) {}

  /**
   * Resolves once the object is gone (an answer given to an accepted token says so); rejects when
   * Spacelift gives up deleting it, when the timeout passes, or when asking about it fails.
   */
  watch(wait: DeletionWait): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const now = this.deps.now();
      const first = Math.min(wait.firstPollMs, wait.intervalMs, wait.timeoutMs);
      this.entries.add({
        wait,
        deadline: now + wait.timeoutMs,
        pause: Math.min(first * 2, wait.intervalMs),
        dueAt: now + first,
        refreshed: 0,
        asked: false,
        resolve,
        reject,
      });
      this.schedule();
    });
  }

  /**
   * Arranges the next round for the earliest due object, unless one is already arranged sooner;
   * at once when {@link EARLY_ROUND_OBJECTS} objects await their first poll.
   */
  private schedule(): void {
    if (this.polling || this.entries.size === 0) return;
    let at = Infinity;
    let unasked = 0;
    for (const entry of this.entries) {
      at = Math.min(at, entry.dueAt);
      if (!entry.asked) unasked++;
    }
    if (unasked >= EARLY_ROUND_OBJECTS) at = Math.min(at, this.deps.now());
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.wakeAt = at;
    const generation = ++this.generation;
    void this.deps.sleep(Math.max(0, at - this.deps.now())).then(() => {
      if (generation !== this.generation) return;
      this.wakeAt = undefined;
      void this.round();
    });
  }

  /**
   * Asks about every watched object, due or not, one request per read operation and
   * {@link MAX_BATCH} objects. The round's request is sent anyway; asking about the objects not yet
   * due costs no request and finds them gone sooner, and every wait here holds one of Pulumi's
   * parallel operations. An object still there keeps its own schedule.
   */
  private async round(): Promise<void> {
    this.polling = true;
    const asked: Entry[] = [];
    try {
      const byOp = new Map<OperationDef, Entry[]>();
      for (const entry of this.entries) {
        entry.asked = true;
        asked.push(entry);
        const group = byOp.get(entry.wait.op) ?? [];
        group.push(entry);
        byOp.set(entry.wait.op, group);
      }
      const batches: Promise<void>[] = [];
      for (const [op, group] of byOp) {
        for (let i = 0; i < group.length; i += MAX_BATCH)
          batches.push(this.poll(op, group.slice(i, i + MAX_BATCH)));
      }
      await Promise.all(batches);
    } catch (err) {
      // Nothing above should throw; if something does, no wait may hang on it.
      for (const entry of asked) this.settle(entry, entry.wait.fail(undefined, "internal", messageOf(err)));
    } finally {
      this.polling = false;
      this.schedule();
    }
  }

  /** One request about `batch`, and what each object's part of the answer means for it. */
  private async poll(op: OperationDef, batch: readonly Entry[]): Promise<void> {
    const variables: Record<string, unknown> = {};
    batch.forEach((entry, i) => {
      for (const [name, value] of Object.entries(entry.wait.variables))
        variables[batchVariable(name, i)] = value;
    });
    const receipt: AnswerReceipt = {};
    let data: unknown;
    try {
      data = await this.deps.api.run<unknown>(
        batchedSpec(this.deps.descriptor, op, batch.length),
        variables,
        receipt,
      );
    } catch (err) {
      await this.failedPoll(op, batch, err, receipt);
      return;
    }
    const answer = isRecord(data) ? data : {};
    const empty: Entry[] = [];
    batch.forEach((entry, i) => {
      // A descriptor hook that throws (a list where one object was expected) fails its object only.
      try {
        const raw = this.deps.pick(op, answer[batchAlias(i)], entry.wait.values);
        if (raw === undefined) empty.push(entry);
        else this.stillThere(entry, raw);
      } catch (err) {
        this.settle(entry, entry.wait.fail(op.name, "protocol", messageOf(err)));
      }
    });
    if (empty.length > 0) await this.judgeEmpty(empty, isRecord(answer[SIGNED_IN_FIELD]), receipt);
  }

  /**
   * A poll that failed. An error about one alias (its GraphQL path starts there) concerns that
   * object only: not-found counts as an empty answer, anything else fails it; the others are asked
   * again at once. Any other failure fails every object of the batch, as their own polls would have.
   */
  private async failedPoll(
    op: OperationDef,
    batch: readonly Entry[],
    err: unknown,
    receipt: AnswerReceipt,
  ): Promise<void> {
    // A batch of one is about that object whatever the error's path.
    const index = batch.length === 1 ? 0 : aliasIndex(err, batch.length);
    const code = apiErrorCode(err) ?? "transport";
    if (index === undefined) {
      for (const entry of batch) this.settle(entry, entry.wait.fail(op.name, code, messageOf(err)));
      return;
    }
    const culprit = batch[index]!;
    // An error carries no `viewer`, so a not-found needs the port's own check before it means gone.
    if (code === "not_found") await this.judgeEmpty([culprit], false, receipt);
    else this.settle(culprit, culprit.wait.fail(op.name, code, messageOf(err)));
    const rest = batch.filter((entry) => entry !== culprit && this.entries.has(entry));
    if (rest.length > 0) await this.poll(op, rest);
  }

  /** An object the poll found: failed, timed out, or due again after its next pause. */
  private stillThere(entry: Entry, raw: JsonObject): void {
    const { wait } = entry;
    if (wait.failedWhen?.(raw)) {
      this.settle(
        entry,
        wait.fail(undefined, "internal", "Spacelift stopped deleting the object before it was gone"),
      );
      return;
    }
    const now = this.deps.now();
    const remaining = entry.deadline - now;
    if (remaining <= 0) {
      this.settle(
        entry,
        wait.fail(
          undefined,
          "timeout",
          `the object still exists ${wait.timeoutMs / 1000}s after deletion was requested; ` +
            `raise ${wait.timeoutSetting} or run the destroy again later`,
        ),
      );
      return;
    }
    entry.dueAt = now + Math.min(entry.pause, remaining);
    entry.pause = Math.min(entry.pause * 2, wait.intervalMs);
  }

  /**
   * Objects a poll answered empty. Gone when the same answer's `viewer` shows its token accepted;
   * otherwise the port checks that token once for all of them: accepted, they are gone; refused
   * and replaced, they are asked again at once with the fresh token (a bounded number of times).
   */
  private async judgeEmpty(
    empty: readonly Entry[],
    signedIn: boolean,
    receipt: AnswerReceipt,
  ): Promise<void> {
    const confirm = this.deps.api.confirmSignedIn;
    let check: SignInCheck = "ok";
    if (!signedIn && confirm) {
      try {
        check = await confirm.call(this.deps.api, receipt.answeredBy);
      } catch (err) {
        for (const entry of empty) {
          const detail = `${NOT_CONFIRMED_GONE}: ${messageOf(err)}`;
          this.settle(entry, entry.wait.fail("Viewer", apiErrorCode(err) ?? "transport", detail));
        }
        return;
      }
    }
    for (const entry of empty) {
      if (check === "ok") {
        this.settle(entry, undefined);
      } else if (++entry.refreshed >= MAX_GONE_CONFIRMATIONS) {
        this.settle(entry, entry.wait.fail("Viewer", "authentication", TOKENS_KEPT_REFUSED));
      } else {
        entry.dueAt = this.deps.now();
      }
    }
  }

  /** Ends `entry`'s wait: resolved without an error, rejected with one. */
  private settle(entry: Entry, err: Error | undefined): void {
    if (!this.entries.delete(entry)) return;
    if (err === undefined) entry.resolve();
    else entry.reject(err);
  }
}

/** The batch index of the alias an error's GraphQL path starts at, if it names one of ours. */
function aliasIndex(err: unknown, size: number): number | undefined {
  const path: unknown = isRecord(err) ? err["graphqlPath"] : undefined;
  const head = Array.isArray(path) ? (path[0] as unknown) : undefined;
  if (typeof head !== "string") return undefined;
  for (let i = 0; i < size; i++) if (head === batchAlias(i)) return i;
  return undefined;
}
