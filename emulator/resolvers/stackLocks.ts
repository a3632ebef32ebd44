import { requireViewer } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import { rejected } from "./errors";
import { unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import type { StackRecord } from "./stackRecords";
import { liveStack } from "./stacks";

/** Who holds a stack's lock, as stored by stack id. */
export interface StackLockRecord {
  readonly stackId: string;
  /** The name of the caller who took the lock (the API key's name). */
  readonly holder: string;
  /** Unix seconds. */
  readonly lockedAt: number;
  readonly note: string | null;
}

function locks(store: Store): Map<string, StackLockRecord> {
  return store.collection<StackLockRecord>("stackLocks");
}

/** The lock on the stack, or undefined when it is not locked. */
export function findStackLock(store: Store, stackId: string): StackLockRecord | undefined {
  return locks(store).get(stackId);
}

type StackParent = Pick<StackRecord, "id">;

/**
 * `stackLock` and `stackUnlock`: a lock is a marker of exclusive use that Spacelift shows and
 * honours for runs; the emulator executes no runs, so it only keeps and reports the holder. Taking
 * a lock the caller already holds replaces its note; a lock held by another caller is refused.
 * Every API key of the emulator is an admin, and admins may release anyone's lock, so unlocking
 * always succeeds, also on a stack that is not locked.
 */
export const stackLocksModule: DomainModule = {
  resolvers: {
    Mutation: {
      stackLock: ((_parent, { id, note }, ctx) => {
        const viewer = requireViewer(ctx);
        const nowMs = ctx.now();
        const stack = liveStack(ctx.store, nowMs, id);
        const current = findStackLock(ctx.store, stack.id);
        if (current && current.holder !== viewer.name) {
          throw rejected(`stack ${stack.id} is already locked by ${current.holder}`);
        }
        locks(ctx.store).set(stack.id, {
          stackId: stack.id,
          holder: viewer.name,
          lockedAt: current?.lockedAt ?? unixSeconds(nowMs),
          note: note ?? null,
        });
        return stack;
      }) satisfies FieldResolver<unknown, { id: string; note?: string | null }, StackRecord>,
      stackUnlock: ((_parent, { id }, ctx) => {
        requireViewer(ctx);
        const stack = liveStack(ctx.store, ctx.now(), id);
        locks(ctx.store).delete(stack.id);
        return stack;
      }) satisfies FieldResolver<unknown, { id: string }, StackRecord>,
    },
    Stack: {
      lockedBy: ((s, _args, ctx) => findStackLock(ctx.store, s.id)?.holder ?? null) satisfies FieldResolver<
        StackParent,
        unknown,
        string | null
      >,
      lockedAt: ((s, _args, ctx) => findStackLock(ctx.store, s.id)?.lockedAt ?? null) satisfies FieldResolver<
        StackParent,
        unknown,
        number | null
      >,
      lockNote: ((s, _args, ctx) => findStackLock(ctx.store, s.id)?.note ?? null) satisfies FieldResolver<
        StackParent,
        unknown,
        string | null
      >,
    },
  },
  removeProjectData: (store, projectId) => {
    locks(store).delete(projectId);
  },
};
