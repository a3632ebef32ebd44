import { requireViewer } from "../../context";
import type { DomainModule } from "../domainModule";
import { rejected } from "../errors";
import { newUlid } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { liveStack } from "../stacks";
import {
  findRun,
  isFinal,
  removeRunsOf,
  runsOfStack,
  runView,
  saveRun,
  takeFailure,
  type RunRecord,
  type RunType,
  type RunView,
} from "./records";

/** A stack as the `Stack` field resolvers receive it. */
interface StackParent {
  readonly id: string;
}

/** The page size of `Stack.runs`. */
const RUNS_PAGE = 50;

function trigger(
  ctx: Parameters<FieldResolver<unknown, unknown, unknown>>[2],
  stackId: string,
  commitSha: string | null | undefined,
  type: RunType,
  task?: { readonly command: string; readonly skipInitialization: boolean },
): RunRecord {
  const viewer = requireViewer(ctx);
  const nowMs = ctx.now();
  const stack = liveStack(ctx.store, nowMs, stackId);
  if (stack.isDisabled) throw rejected(`stack ${stackId} is disabled; enable it to trigger runs`);
  const run: RunRecord = {
    id: newUlid(nowMs),
    stack: stack.id,
    type,
    commitSha: commitSha ?? null,
    triggeredBy: viewer.id,
    createdAtMs: nowMs,
    autodeploy: stack.autodeploy,
    failing: takeFailure(ctx.store, stack.id),
    discardedAtMs: null,
    ...(task ?? {}),
  };
  saveRun(ctx.store, run);
  return run;
}

const mutations = {
  runTrigger: ((_parent, { stack, commitSha, runType }, ctx) =>
    runView(
      ctx.store,
      trigger(ctx, stack, commitSha, runType ?? "TRACKED"),
      ctx.now(),
    )) satisfies FieldResolver<
    unknown,
    { stack: string; commitSha?: string | null; runType?: RunType | null },
    RunView
  >,
  runResourceCreate: ((_parent, { stack, commitSha, proposed }, ctx) =>
    trigger(ctx, stack, commitSha, proposed ? "PROPOSED" : "TRACKED").id) satisfies FieldResolver<
    unknown,
    { stack: string; commitSha?: string | null; proposed?: boolean | null },
    string
  >,
  // A task runs a command on the stack's tracked commit; like any run, not on a disabled stack.
  taskCreate: ((_parent, { stack, command, skipInitialization }, ctx) => {
    if (command.trim() === "") throw rejected("command must not be empty");
    const run = trigger(ctx, stack, null, "TASK", {
      command,
      skipInitialization: skipInitialization ?? false,
    });
    return runView(ctx.store, run, ctx.now());
  }) satisfies FieldResolver<
    unknown,
    { stack: string; command: string; skipInitialization?: boolean | null },
    RunView
  >,
  runDiscardAll: ((_parent, { stack }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    const owner = liveStack(ctx.store, nowMs, stack);
    const discarded: RunView[] = [];
    for (const run of runsOfStack(ctx.store, owner.id)) {
      // Only runs that have not started yet can be discarded.
      if (runView(ctx.store, run, nowMs).state !== "QUEUED") continue;
      const changed: RunRecord = { ...run, discardedAtMs: nowMs };
      saveRun(ctx.store, changed);
      discarded.push(runView(ctx.store, changed, nowMs));
    }
    return { discardedRuns: discarded, failedDiscarding: [] };
  }) satisfies FieldResolver<
    unknown,
    { stack: string; note?: string | null },
    { discardedRuns: RunView[]; failedDiscarding: string[] }
  >,
};

const stackFields = {
  runs: ((s, { before }, ctx) => {
    const nowMs = ctx.now();
    let newestFirst = runsOfStack(ctx.store, s.id).reverse();
    if (before != null) {
      const at = newestFirst.findIndex((r) => r.id === before);
      newestFirst = at < 0 ? [] : newestFirst.slice(at + 1);
    }
    return newestFirst.slice(0, RUNS_PAGE).map((r) => runView(ctx.store, r, nowMs));
  }) satisfies FieldResolver<StackParent, { before?: string | null }, RunView[]>,
  run: ((s, { id }, ctx) => {
    const run = findRun(ctx.store, s.id, id);
    return run ? runView(ctx.store, run, ctx.now()) : null;
  }) satisfies FieldResolver<StackParent, { id: string }, RunView | null>,
  runResourceState: ((s, { id }, ctx) => {
    const run = findRun(ctx.store, s.id, id);
    if (!run) return null;
    const view = runView(ctx.store, run, ctx.now());
    return { id: view.id, state: view.state, finished: view.finished };
  }) satisfies FieldResolver<
    StackParent,
    { id: string },
    { id: string; state: string; finished: boolean } | null
  >,
  // The run holding the stack's queue: its oldest tracked run that is still under way (one waiting
  // for confirmation included).
  blocker: ((s, _args, ctx) => {
    const nowMs = ctx.now();
    for (const run of runsOfStack(ctx.store, s.id)) {
      if (run.type !== "TRACKED") continue;
      const view = runView(ctx.store, run, nowMs);
      if (!isFinal(view.state)) return view;
    }
    return null;
  }) satisfies FieldResolver<StackParent, unknown, RunView | null>,
};

/**
 * Runs: triggered on stacks (`runTrigger`, and `runResourceCreate` for older clients), tasks
 * (`taskCreate`), read
 * through the stack, discarded with `runDiscardAll`. Their states follow the emulator's clock.
 */
export const runsModule: DomainModule = {
  resolvers: {
    Mutation: mutations,
    Stack: stackFields,
  },
  removeProjectData: removeRunsOf,
};
