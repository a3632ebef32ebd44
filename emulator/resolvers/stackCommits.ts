import { requireViewer } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import { rejected } from "./errors";
import { unixSeconds } from "./ids";
import type { FieldResolver } from "./resolverMap";
import type { StackRecord } from "./stackRecords";
import { liveStack } from "./stacks";

/** `Commit` as resolved. */
export interface CommitView {
  readonly authorLogin: string | null;
  readonly authorName: string;
  readonly hash: string;
  readonly message: string;
  readonly timestamp: number;
  readonly url: string | null;
  readonly tag: string;
}

/** The commit a stack was set to track by hand, as stored by stack id. */
export interface TrackedCommitRecord {
  readonly stackId: string;
  readonly commit: CommitView;
  /** The name of the caller who set it. */
  readonly setBy: string;
}

const SHA = /^[0-9a-f]{7,40}$/i;

function trackedCommits(store: Store): Map<string, TrackedCommitRecord> {
  return store.collection<TrackedCommitRecord>("stackTrackedCommits");
}

/** The SHA of the commit the stack was set to track, or null (what `searchStacks` matches `commit` on). */
export function trackedCommitHash(store: Store, stackId: string): string | null {
  return trackedCommits(store).get(stackId)?.commit.hash ?? null;
}

/**
 * The commit as far as the emulator can know it without reading the repository: its hash, and its
 * page for a GitHub repository; author and message stay empty.
 */
function commitOf(stack: StackRecord, sha: string, nowMs: number): CommitView {
  const url =
    stack.provider === "GITHUB" && stack.namespace
      ? `https://github.com/${stack.namespace}/${stack.repository}/commit/${sha}`
      : null;
  return {
    authorLogin: null,
    authorName: "",
    hash: sha,
    message: "",
    timestamp: unixSeconds(nowMs),
    url,
    tag: "",
  };
}

type StackParent = Pick<StackRecord, "id">;

/**
 * `stackSetCurrentCommit` and `stackSyncCommit`. Spacelift tracks the head of a stack's branch
 * and lets a user pin another commit; the emulator reads no repositories, so it only knows pinned
 * commits: `trackedCommit` is null until one is set, and syncing drops the pin.
 */
export const stackCommitsModule: DomainModule = {
  resolvers: {
    Mutation: {
      stackSetCurrentCommit: ((_parent, { id, sha }, ctx) => {
        const viewer = requireViewer(ctx);
        const nowMs = ctx.now();
        const stack = liveStack(ctx.store, nowMs, id);
        if (!SHA.test(sha)) {
          throw rejected(`${JSON.stringify(sha)} is not a commit SHA`);
        }
        trackedCommits(ctx.store).set(stack.id, {
          stackId: stack.id,
          commit: commitOf(stack, sha.toLowerCase(), nowMs),
          setBy: viewer.name,
        });
        return stack;
      }) satisfies FieldResolver<unknown, { id: string; sha: string }, StackRecord>,
      stackSyncCommit: ((_parent, { id }, ctx) => {
        requireViewer(ctx);
        const stack = liveStack(ctx.store, ctx.now(), id);
        trackedCommits(ctx.store).delete(stack.id);
        return stack;
      }) satisfies FieldResolver<unknown, { id: string }, StackRecord>,
    },
    Stack: {
      trackedCommit: ((s, _args, ctx) =>
        trackedCommits(ctx.store).get(s.id)?.commit ?? null) satisfies FieldResolver<
        StackParent,
        unknown,
        CommitView | null
      >,
      trackedCommitSetBy: ((s, _args, ctx) =>
        trackedCommits(ctx.store).get(s.id)?.setBy ?? null) satisfies FieldResolver<
        StackParent,
        unknown,
        string | null
      >,
    },
  },
  removeProjectData: (store, projectId) => {
    trackedCommits(store).delete(projectId);
  },
};
