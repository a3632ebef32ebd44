import assert from "node:assert/strict";
import { Harness } from "./harness";

const TASK = "id command cronSchedule timestampSchedule timezone nextSchedule";
const CREATE_TASK = `mutation($stack: ID!, $input: ScheduledTaskInput!) { stackScheduledTaskCreate(stack: $stack, input: $input) { ${TASK} } }`;
const UPDATE_TASK = `mutation($stack: ID!, $id: ID!, $input: ScheduledTaskInput!) { stackScheduledTaskUpdate(stack: $stack, scheduledTask: $id, input: $input) { ${TASK} } }`;
const DELETE_TASK = `mutation($stack: ID!, $id: ID!) { stackScheduledTaskDelete(stack: $stack, scheduledTask: $id) { id } }`;
const READ_TASK = `query($stack: ID!, $id: ID!) { stack(id: $stack) { scheduledTask(id: $id) { ${TASK} } scheduledTasks { id } } }`;
const CREATE_DELETE = `mutation($stack: ID!, $input: ScheduledDeleteInput!) { stackScheduledDeleteCreate(stack: $stack, input: $input) { id shouldDeleteResources timestampSchedule nextSchedule } }`;
const UPDATE_DELETE = `mutation($stack: ID!, $id: ID!, $input: ScheduledDeleteInput!) { stackScheduledDeleteUpdate(stack: $stack, scheduledDelete: $id, input: $input) { id shouldDeleteResources timestampSchedule } }`;
const READ_DELETE = `query($stack: ID!, $id: ID!) { stack(id: $stack) { scheduledDelete(id: $id) { id shouldDeleteResources } } }`;

describe("emulator schedules", () => {
  let h: Harness;
  let future: number;

  beforeEach(() => {
    h = new Harness();
    h.seed({ stacks: [{ name: "infra" }, { name: "other" }] });
    future = Math.floor(h.nowMs / 1000) + 3600;
  });

  it("creates, reads, updates and deletes a cron task; the time zone defaults to UTC", async () => {
    const created = (
      await h.ok<{ stackScheduledTaskCreate: Record<string, unknown> }>(CREATE_TASK, {
        stack: "infra",
        input: { command: "terraform plan", cronSchedule: ["0 9 * * 1"] },
      })
    ).stackScheduledTaskCreate;
    const id = created["id"] as string;
    assert.deepEqual(created, {
      id,
      command: "terraform plan",
      cronSchedule: ["0 9 * * 1"],
      timestampSchedule: null,
      timezone: "UTC",
      nextSchedule: null,
    });
    const updated = await h.ok<{ stackScheduledTaskUpdate: Record<string, unknown> }>(UPDATE_TASK, {
      stack: "infra",
      id,
      input: { command: "echo once", timestampSchedule: future },
    });
    assert.deepEqual(updated.stackScheduledTaskUpdate, {
      id,
      command: "echo once",
      cronSchedule: null,
      timestampSchedule: future,
      timezone: "UTC",
      nextSchedule: future,
    });
    const read = await h.ok<{ stack: { scheduledTask: unknown; scheduledTasks: unknown[] } }>(READ_TASK, {
      stack: "infra",
      id,
    });
    assert.deepEqual(read.stack.scheduledTask, updated.stackScheduledTaskUpdate);
    assert.deepEqual(read.stack.scheduledTasks, [{ id }]);
    // Another stack does not see it.
    const elsewhere = await h.ok<{ stack: { scheduledTask: unknown } }>(READ_TASK, { stack: "other", id });
    assert.equal(elsewhere.stack.scheduledTask, null);
    await h.ok(DELETE_TASK, { stack: "infra", id });
    const gone = await h.ok<{ stack: { scheduledTask: unknown } }>(READ_TASK, { stack: "infra", id });
    assert.equal(gone.stack.scheduledTask, null);
    assert.match(await h.fails(DELETE_TASK, { stack: "infra", id }), /not found/);
  });

  it("refuses both or neither schedule, a bad cron expression or time zone, a past timestamp and an empty command", async () => {
    const refuse = async (input: Record<string, unknown>, message: RegExp) =>
      assert.match(
        await h.fails(CREATE_TASK, { stack: "infra", input: { command: "x", ...input } }),
        message,
      );
    await refuse({ cronSchedule: ["* * * * *"], timestampSchedule: future }, /exactly one/);
    await refuse({}, /exactly one/);
    await refuse({ cronSchedule: [] }, /exactly one/);
    await refuse({ cronSchedule: ["every day"] }, /invalid cron expression/);
    await refuse({ cronSchedule: ["* * * * *"], timezone: "Mars/Olympus" }, /unknown time zone/);
    await refuse({ timestampSchedule: future - 7200 }, /in the future/);
    await refuse({ command: " ", timestampSchedule: future }, /command must not be empty/);
    assert.match(
      await h.fails(CREATE_TASK, { stack: "nope", input: { command: "x", timestampSchedule: future } }),
      /not found/,
    );
  });

  it("schedules a stack's deletion, and forgets schedules with their stack", async () => {
    const created = (
      await h.ok<{ stackScheduledDeleteCreate: Record<string, unknown> }>(CREATE_DELETE, {
        stack: "infra",
        input: { shouldDeleteResources: true, timestampSchedule: future },
      })
    ).stackScheduledDeleteCreate;
    const id = created["id"] as string;
    assert.deepEqual(created, {
      id,
      shouldDeleteResources: true,
      timestampSchedule: future,
      nextSchedule: future,
    });
    const updated = await h.ok<{ stackScheduledDeleteUpdate: Record<string, unknown> }>(UPDATE_DELETE, {
      stack: "infra",
      id,
      input: { shouldDeleteResources: false, timestampSchedule: future + 60 },
    });
    assert.deepEqual(updated.stackScheduledDeleteUpdate, {
      id,
      shouldDeleteResources: false,
      timestampSchedule: future + 60,
    });
    const read = await h.ok<{ stack: { scheduledDelete: unknown } }>(READ_DELETE, { stack: "infra", id });
    assert.deepEqual(read.stack.scheduledDelete, { id, shouldDeleteResources: false });

    await h.ok(`mutation { stackDelete(id: "infra") { id } }`);
    h.nowMs += 60_000;
    await h.ok(`{ stacks { id } }`);
    assert.equal(h.store.collection("scheduledDeletes").size, 0);
  });
});
