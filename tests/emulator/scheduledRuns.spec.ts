import assert from "node:assert/strict";
import { Harness } from "./harness";

const RUN =
  "id name cronSchedule timestampSchedule timezone nextSchedule customRuntimeConfig { projectRoot runnerImage environment { key value } beforePlan afterApply terraformVersion }";
const CREATE = `mutation($stack: ID!, $input: ScheduledRunInput!) { stackScheduledRunCreate(stack: $stack, input: $input) { ${RUN} } }`;
const UPDATE = `mutation($stack: ID!, $id: ID!, $input: ScheduledRunInput!) { stackScheduledRunUpdate(stack: $stack, scheduledRun: $id, input: $input) { ${RUN} } }`;
const DELETE = `mutation($stack: ID!, $id: ID!) { stackScheduledRunDelete(stack: $stack, scheduledRun: $id) { id } }`;
const READ = `query($stack: ID!, $id: ID!) { stack(id: $stack) { scheduledRun(id: $id) { ${RUN} } scheduledRuns { id } scheduledTasks { id } } }`;

type Run = Record<string, unknown> & { id: string };

describe("emulator scheduled runs", () => {
  let h: Harness;
  let future: number;

  beforeEach(() => {
    h = new Harness();
    h.seed({ stacks: [{ name: "infra" }, { name: "other" }] });
    future = Math.floor(h.nowMs / 1000) + 3600;
  });

  async function create(input: Record<string, unknown>, stack = "infra"): Promise<Run> {
    return (await h.ok<{ stackScheduledRunCreate: Run }>(CREATE, { stack, input })).stackScheduledRunCreate;
  }

  it("creates a named cron run with a runtime configuration, returned as given", async () => {
    const created = await create({
      name: "Nightly run",
      cronSchedule: ["0 2 * * *"],
      runtimeConfig: {
        projectRoot: "infra",
        environment: [{ key: "TF_LOG", value: "debug" }],
        beforePlan: ["echo hi"],
      },
    });
    assert.deepEqual(created, {
      id: created.id,
      name: "Nightly run",
      cronSchedule: ["0 2 * * *"],
      timestampSchedule: null,
      timezone: "UTC",
      nextSchedule: null,
      customRuntimeConfig: {
        projectRoot: "infra",
        runnerImage: null,
        environment: [{ key: "TF_LOG", value: "debug" }],
        beforePlan: ["echo hi"],
        afterApply: [],
        terraformVersion: null,
      },
    });
    const read = await h.ok<{
      stack: { scheduledRun: Run; scheduledRuns: unknown[]; scheduledTasks: unknown[] };
    }>(READ, { stack: "infra", id: created.id });
    assert.deepEqual(read.stack.scheduledRun, created);
    assert.deepEqual(read.stack.scheduledRuns, [{ id: created.id }]);
    // Runs and tasks are schedules of different kinds.
    assert.deepEqual(read.stack.scheduledTasks, []);
    const elsewhere = await h.ok<{ stack: { scheduledRun: unknown } }>(READ, {
      stack: "other",
      id: created.id,
    });
    assert.equal(elsewhere.stack.scheduledRun, null);
  });

  it("an update replaces every setting: a one-shot run without runtime configuration", async () => {
    const created = await create({
      name: "n",
      cronSchedule: ["0 2 * * *"],
      timezone: "Europe/Berlin",
      runtimeConfig: { runnerImage: "img" },
    });
    const updated = (
      await h.ok<{ stackScheduledRunUpdate: Run }>(UPDATE, {
        stack: "infra",
        id: created.id,
        input: { name: "renamed", timestampSchedule: future },
      })
    ).stackScheduledRunUpdate;
    assert.deepEqual(updated, {
      id: created.id,
      name: "renamed",
      cronSchedule: null,
      timestampSchedule: future,
      timezone: "UTC",
      nextSchedule: future,
      customRuntimeConfig: null,
    });
  });

  it("refuses both or neither schedule, a past timestamp, a bad cron or time zone", async () => {
    const refused = async (input: Record<string, unknown>) =>
      h.fails(CREATE, { stack: "infra", input: { name: "n", ...input } });
    assert.match(await refused({}), /exactly one of cronSchedule and timestampSchedule/);
    assert.match(
      await refused({ cronSchedule: ["* * * * *"], timestampSchedule: future }),
      /exactly one of cronSchedule and timestampSchedule/,
    );
    assert.match(await refused({ timestampSchedule: future - 7200 }), /in the future/);
    assert.match(await refused({ cronSchedule: ["every day"] }), /cron/);
    assert.match(await refused({ cronSchedule: ["* * * * *"], timezone: "Mars/Olympus" }), /time zone/);
    assert.match(
      await h.fails(CREATE, { stack: "nope", input: { name: "n", timestampSchedule: future } }),
      /not found/,
    );
  });

  it("deletes a run, and a second delete or another stack's id is not found", async () => {
    const created = await create({ name: "n", timestampSchedule: future });
    assert.match(await h.fails(DELETE, { stack: "other", id: created.id }), /scheduled run .* not found/);
    assert.deepEqual(await h.ok(DELETE, { stack: "infra", id: created.id }), {
      stackScheduledRunDelete: { id: created.id },
    });
    assert.match(await h.fails(DELETE, { stack: "infra", id: created.id }), /not found/);
  });

  it("goes with its stack", async () => {
    const created = await create({ name: "n", timestampSchedule: future });
    await h.ok(`mutation { stackDelete(id: "infra") { id } }`);
    h.nowMs += 600_000;
    h.seed({ stacks: [{ name: "infra" }] });
    const read = await h.ok<{ stack: { scheduledRun: unknown; scheduledRuns: unknown[] } }>(READ, {
      stack: "infra",
      id: created.id,
    });
    assert.equal(read.stack.scheduledRun, null);
    assert.deepEqual(read.stack.scheduledRuns, []);
  });
});
