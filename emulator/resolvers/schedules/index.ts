import { requireViewer } from "../../context";
import type { Store } from "../../store";
import type { DomainModule } from "../domainModule";
import { scheduleProblem, validTimezone } from "../driftDetection";
import { orNotFound, rejected } from "../errors";
import { HOOK_NAMES } from "../hooks";
import { newUlid, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { liveStack } from "../stacks";

/** When a schedule fires, as both kinds' inputs give it. */
interface ScheduleInput {
  readonly cronSchedule?: readonly string[] | null;
  readonly timestampSchedule?: number | null;
  readonly timezone?: string | null;
}

interface ScheduledTaskInput extends ScheduleInput {
  readonly command: string;
}

interface ScheduledDeleteInput extends ScheduleInput {
  readonly shouldDeleteResources: boolean;
}

/** A run's overrides of its stack's configuration, as `RuntimeConfigInput` gives them. */
type RuntimeConfig = Readonly<Record<string, string | readonly string[] | readonly EnvVar[] | null>>;

interface EnvVar {
  readonly key: string;
  readonly value: string;
}

interface ScheduledRunInput extends ScheduleInput {
  readonly name: string;
  readonly runtimeConfig?: RuntimeConfig | null;
}

/**
 * A schedule as stored; `command` for tasks, `shouldDeleteResources` for deletions, `name` and
 * `customRuntimeConfig` for runs.
 */
interface ScheduleRecord {
  readonly id: string;
  readonly stack: string;
  readonly command?: string;
  readonly shouldDeleteResources?: boolean;
  readonly name?: string;
  readonly customRuntimeConfig?: RuntimeConfig | null;
  readonly cronSchedule: readonly string[] | null;
  readonly timestampSchedule: number | null;
  readonly timezone: string | null;
  /** Unix seconds. */
  readonly createdAt: number;
}

/** The two kinds of schedule: their collection and how they are named in messages. */
interface Kind {
  readonly collection: string;
  readonly noun: string;
}

const TASKS: Kind = { collection: "scheduledTasks", noun: "scheduled task" };
const DELETES: Kind = { collection: "scheduledDeletes", noun: "scheduled delete" };
const RUNS: Kind = { collection: "scheduledRuns", noun: "scheduled run" };

function records(store: Store, kind: Kind): Map<string, ScheduleRecord> {
  return store.collection<ScheduleRecord>(kind.collection);
}

/** The schedule part of an input, checked: exactly one of cron and timestamp; `UTC` unless a time zone is given. */
function schedule(
  input: ScheduleInput,
  nowMs: number,
): Pick<ScheduleRecord, "cronSchedule" | "timestampSchedule" | "timezone"> {
  const cron = input.cronSchedule && input.cronSchedule.length > 0 ? [...input.cronSchedule] : null;
  const at = input.timestampSchedule ?? null;
  if ((cron === null) === (at === null)) {
    throw rejected("exactly one of cronSchedule and timestampSchedule must be set");
  }
  if (cron !== null) {
    const problem = scheduleProblem(cron);
    if (problem !== null) throw rejected(problem);
    const timezone = input.timezone ?? "UTC";
    if (!validTimezone(timezone)) throw rejected(`unknown time zone ${JSON.stringify(timezone)}`);
    return { cronSchedule: cron, timestampSchedule: null, timezone };
  }
  // Bruno's "Create Scheduled Delete" sends a time zone with a timestamp: it is accepted and kept.
  const timezone = input.timezone ?? "UTC";
  if (!validTimezone(timezone)) throw rejected(`unknown time zone ${JSON.stringify(timezone)}`);
  if (at! <= unixSeconds(nowMs)) throw rejected("timestampSchedule must be in the future");
  return { cronSchedule: null, timestampSchedule: at, timezone };
}

function view(record: ScheduleRecord): ScheduleRecord & { nextSchedule: number | null } {
  return { ...record, nextSchedule: record.timestampSchedule };
}

function existing(store: Store, kind: Kind, stack: string, id: string): ScheduleRecord {
  const found = records(store, kind).get(id);
  return orNotFound(found?.stack === stack ? found : undefined, kind.noun, id);
}

/**
 * Stores a schedule with a chosen id directly, for test fixtures: a task (`command` given), a run
 * (`name` given) or a deletion, at a timestamp an hour after `nowMs` unless cron expressions are
 * given.
 */
export function seedSchedule(
  store: Store,
  nowMs: number,
  init: {
    readonly id: string;
    readonly stack: string;
    readonly command?: string;
    readonly name?: string;
    readonly cronSchedule?: string[];
  },
): void {
  const kind = init.command !== undefined ? TASKS : init.name !== undefined ? RUNS : DELETES;
  const at = init.cronSchedule ? null : unixSeconds(nowMs) + 3600;
  const own: Partial<ScheduleRecord> =
    init.command !== undefined
      ? { command: init.command }
      : init.name !== undefined
        ? { name: init.name, customRuntimeConfig: null }
        : { shouldDeleteResources: true };
  const record: ScheduleRecord = {
    id: init.id,
    stack: init.stack,
    ...own,
    cronSchedule: init.cronSchedule ?? null,
    timestampSchedule: at,
    timezone: "UTC",
    createdAt: unixSeconds(nowMs),
  };
  records(store, kind).set(record.id, record);
}

type Ctx = Parameters<FieldResolver<unknown, unknown, unknown>>[2];

function create(ctx: Ctx, kind: Kind, stackId: string, own: Partial<ScheduleRecord>, input: ScheduleInput) {
  requireViewer(ctx);
  const nowMs = ctx.now();
  const stack = liveStack(ctx.store, nowMs, stackId);
  const record: ScheduleRecord = {
    id: newUlid(nowMs),
    stack: stack.id,
    ...own,
    ...schedule(input, nowMs),
    createdAt: unixSeconds(nowMs),
  };
  records(ctx.store, kind).set(record.id, record);
  return view(record);
}

function update(
  ctx: Ctx,
  kind: Kind,
  stackId: string,
  id: string,
  own: Partial<ScheduleRecord>,
  input: ScheduleInput,
) {
  requireViewer(ctx);
  const nowMs = ctx.now();
  liveStack(ctx.store, nowMs, stackId);
  const current = existing(ctx.store, kind, stackId, id);
  const record: ScheduleRecord = { ...current, ...own, ...schedule(input, nowMs) };
  records(ctx.store, kind).set(record.id, record);
  return view(record);
}

function remove(ctx: Ctx, kind: Kind, stackId: string, id: string) {
  requireViewer(ctx);
  const current = existing(ctx.store, kind, stackId, id);
  records(ctx.store, kind).delete(id);
  return view(current);
}

function ofStack(kind: Kind) {
  return ((s, _args, ctx) =>
    [...records(ctx.store, kind).values()]
      .filter((r) => r.stack === s.id)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map(view)) satisfies FieldResolver<{ id: string }, unknown, ScheduleRecord[]>;
}

function oneOf(kind: Kind) {
  return ((s, { id }, ctx) => {
    const found = records(ctx.store, kind).get(id);
    return found?.stack === s.id ? view(found) : null;
  }) satisfies FieldResolver<{ id: string }, { id: string }, ScheduleRecord | null>;
}

const mutations = {
  stackScheduledTaskCreate: ((_p, { stack, input }, ctx) =>
    create(ctx, TASKS, stack, { command: requireCommand(input.command) }, input)) satisfies FieldResolver<
    unknown,
    { stack: string; input: ScheduledTaskInput },
    ScheduleRecord
  >,
  stackScheduledTaskUpdate: ((_p, { stack, scheduledTask, input }, ctx) =>
    update(
      ctx,
      TASKS,
      stack,
      scheduledTask,
      { command: requireCommand(input.command) },
      input,
    )) satisfies FieldResolver<
    unknown,
    { stack: string; scheduledTask: string; input: ScheduledTaskInput },
    ScheduleRecord
  >,
  stackScheduledTaskDelete: ((_p, { stack, scheduledTask }, ctx) =>
    remove(ctx, TASKS, stack, scheduledTask)) satisfies FieldResolver<
    unknown,
    { stack: string; scheduledTask: string },
    ScheduleRecord
  >,
  stackScheduledDeleteCreate: ((_p, { stack, input }, ctx) =>
    create(
      ctx,
      DELETES,
      stack,
      { shouldDeleteResources: input.shouldDeleteResources },
      input,
    )) satisfies FieldResolver<unknown, { stack: string; input: ScheduledDeleteInput }, ScheduleRecord>,
  stackScheduledDeleteUpdate: ((_p, { stack, scheduledDelete, input }, ctx) =>
    update(
      ctx,
      DELETES,
      stack,
      scheduledDelete,
      { shouldDeleteResources: input.shouldDeleteResources },
      input,
    )) satisfies FieldResolver<
    unknown,
    { stack: string; scheduledDelete: string; input: ScheduledDeleteInput },
    ScheduleRecord
  >,
  stackScheduledDeleteDelete: ((_p, { stack, scheduledDelete }, ctx) =>
    remove(ctx, DELETES, stack, scheduledDelete)) satisfies FieldResolver<
    unknown,
    { stack: string; scheduledDelete: string },
    ScheduleRecord
  >,
  stackScheduledRunCreate: ((_p, { stack, input }, ctx) =>
    create(ctx, RUNS, stack, runSettings(input), input)) satisfies FieldResolver<
    unknown,
    { stack: string; input: ScheduledRunInput },
    ScheduleRecord
  >,
  stackScheduledRunUpdate: ((_p, { stack, scheduledRun, input }, ctx) =>
    update(ctx, RUNS, stack, scheduledRun, runSettings(input), input)) satisfies FieldResolver<
    unknown,
    { stack: string; scheduledRun: string; input: ScheduledRunInput },
    ScheduleRecord
  >,
  stackScheduledRunDelete: ((_p, { stack, scheduledRun }, ctx) =>
    remove(ctx, RUNS, stack, scheduledRun)) satisfies FieldResolver<
    unknown,
    { stack: string; scheduledRun: string },
    ScheduleRecord
  >,
};

/** The list members of a runtime configuration: a scheduled run reports each, empty when not given. */
const RUNTIME_CONFIG_LISTS = ["environment", ...HOOK_NAMES] as const;

/**
 * The scheduled-run members of an input: its name, and the runtime configuration as given, its
 * lists empty where not given (null strings stay null).
 */
function runSettings(input: ScheduledRunInput): Partial<ScheduleRecord> {
  const given = input.runtimeConfig;
  if (!given) return { name: input.name, customRuntimeConfig: null };
  const config: Record<string, string | readonly string[] | readonly EnvVar[] | null> = {};
  for (const list of RUNTIME_CONFIG_LISTS) config[list] = [];
  for (const [key, value] of Object.entries(given)) {
    if (value === null || value === undefined) continue;
    if (key === "environment") {
      const vars = value as readonly EnvVar[];
      for (const v of vars)
        if (v.key.trim() === "") throw rejected("runtime config environment keys must not be empty");
      config[key] = vars.map((v) => ({ key: v.key, value: v.value }));
    } else {
      config[key] = Array.isArray(value) ? [...(value as readonly string[])] : value;
    }
  }
  return { name: input.name, customRuntimeConfig: config };
}

function requireCommand(command: string): string {
  if (command.trim() === "") throw rejected("command must not be empty");
  return command;
}

/**
 * Schedules of a stack: tasks, runs and deletions, on cron expressions or at one timestamp. They are
 * stored and validated as Spacelift does; the emulator runs nothing when they come due.
 */
export const schedulesModule: DomainModule = {
  resolvers: {
    Mutation: mutations,
    Stack: {
      scheduledTasks: ofStack(TASKS),
      scheduledTask: oneOf(TASKS),
      scheduledDeletes: ofStack(DELETES),
      scheduledDelete: oneOf(DELETES),
      scheduledRuns: ofStack(RUNS),
      scheduledRun: oneOf(RUNS),
    },
  },
  removeProjectData: (store, projectId) => {
    for (const kind of [TASKS, DELETES, RUNS]) {
      for (const record of [...records(store, kind).values()]) {
        if (record.stack === projectId) records(store, kind).delete(record.id);
      }
    }
  },
};
