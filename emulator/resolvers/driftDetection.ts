import { requireViewer } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import { notFound, rejected } from "./errors";
import { unixSeconds } from "./ids";
import type { IntegrationsParent } from "./projectFields";
import { existingProject } from "./projects";
import type { FieldResolver } from "./resolverMap";

/** `DriftDetectionIntegrationInput` as the resolvers receive it. */
export interface DriftDetectionInput {
  readonly ignoreState: boolean;
  readonly reconcile: boolean;
  readonly schedule: readonly string[];
  readonly timezone?: string | null;
}

/** The drift detection settings of one stack or module, as stored. */
export interface DriftDetectionRecord {
  /** The stack or module id; a project has at most one drift detection integration. */
  readonly projectId: string;
  readonly ignoreState: boolean;
  readonly reconcile: boolean;
  readonly schedule: readonly string[];
  readonly timezone: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

/** `DriftDetectionIntegration` as resolved. */
type DriftDetectionView = IntegrationsParent["driftDetection"];

const COLLECTION = "driftDetections";

function records(store: Store): Map<string, DriftDetectionRecord> {
  return store.collection<DriftDetectionRecord>(COLLECTION);
}

/** The drift detection settings of a stack or module, or undefined when it has none. */
export function findDriftDetection(store: Store, projectId: string): DriftDetectionRecord | undefined {
  return records(store).get(projectId);
}

function view(record: DriftDetectionRecord, deleted = false): DriftDetectionView {
  return {
    deleted,
    ignoreState: record.ignoreState,
    reconcile: record.reconcile,
    schedule: record.schedule,
    timezone: record.timezone,
    // Working out the next matching minute is a scheduler's job; the emulator runs nothing.
    nextSchedule: null,
  };
}

const CRON_FIELD =
  /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[1-9][0-9]*)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[1-9][0-9]*)?)*$/;

/**
 * Why `schedule` is unacceptable, or null. Each entry must be a five-field cron expression; the
 * shape of each field is checked (numbers, names, ranges, steps and lists), not its bounds.
 */
export function scheduleProblem(schedule: readonly string[]): string | null {
  if (schedule.length === 0) {
    return "schedule must contain at least one cron expression";
  }
  for (const expression of schedule) {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
      return `invalid cron expression ${JSON.stringify(expression)}: expected five fields (minute hour day-of-month month day-of-week)`;
    }
  }
  return null;
}

export function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Stores drift detection settings for a stack or module as the create mutation does (`replace`
 * false: refused when some exist) or as update does (`replace` true: refused when none exist).
 * Shared with seeding.
 */
export function saveDriftDetection(
  store: Store,
  nowMs: number,
  projectId: string,
  input: DriftDetectionInput,
  replace: boolean,
): DriftDetectionRecord {
  const project = existingProject(store, nowMs, projectId);
  if (!project.isModule && project.record.deleteAt !== null) {
    throw rejected(`stack ${projectId} is being deleted`);
  }
  const current = findDriftDetection(store, project.record.id);
  if (replace && !current) {
    throw notFound("drift detection integration of stack", projectId);
  }
  if (!replace && current) {
    throw rejected(`stack ${projectId} already has drift detection; update it instead`);
  }
  const problem = scheduleProblem(input.schedule);
  if (problem !== null) {
    throw rejected(problem);
  }
  const timezone = input.timezone ?? "UTC";
  if (!validTimezone(timezone)) {
    throw rejected(`invalid timezone ${JSON.stringify(timezone)}: use an IANA name such as Europe/Berlin`);
  }
  const record: DriftDetectionRecord = {
    projectId: project.record.id,
    ignoreState: input.ignoreState,
    reconcile: input.reconcile,
    schedule: input.schedule.map((s) => s.trim()),
    timezone,
    createdAt: current?.createdAt ?? unixSeconds(nowMs),
    updatedAt: unixSeconds(nowMs),
  };
  records(store).set(record.projectId, record);
  return record;
}

type StackArgs = { stack: string };
type InputArgs = StackArgs & { input: DriftDetectionInput };

const mutations = {
  stackIntegrationDriftDetectionCreate: ((_parent, { stack, input }, ctx) => {
    requireViewer(ctx);
    return view(saveDriftDetection(ctx.store, ctx.now(), stack, input, false));
  }) satisfies FieldResolver<unknown, InputArgs, DriftDetectionView>,
  stackIntegrationDriftDetectionUpdate: ((_parent, { stack, input }, ctx) => {
    requireViewer(ctx);
    return view(saveDriftDetection(ctx.store, ctx.now(), stack, input, true));
  }) satisfies FieldResolver<unknown, InputArgs, DriftDetectionView>,
  stackIntegrationDriftDetectionDelete: ((_parent, { stack }, ctx) => {
    requireViewer(ctx);
    const project = existingProject(ctx.store, ctx.now(), stack);
    const current = findDriftDetection(ctx.store, project.record.id);
    if (!current) {
      throw notFound("drift detection integration of stack", stack);
    }
    records(ctx.store).delete(current.projectId);
    return view(current, true);
  }) satisfies FieldResolver<unknown, StackArgs, DriftDetectionView>,
};

/**
 * Drift detection: at most one schedule per stack or module, reported under
 * `integrations.driftDetection` (an empty schedule when there is none, as in the real API).
 */
export const driftDetectionModule: DomainModule = {
  resolvers: {
    Mutation: mutations,
    StackIntegrations: {
      driftDetection: ((parent, _args, ctx) => {
        const record = findDriftDetection(ctx.store, parent.projectId);
        return record ? view(record) : parent.driftDetection;
      }) satisfies FieldResolver<IntegrationsParent, unknown, DriftDetectionView>,
    },
  },
  removeProjectData: (store, projectId) => {
    records(store).delete(projectId);
  },
};
