import assert from "node:assert/strict";
import { Harness } from "./harness";

const CREATE = `mutation($stack: ID!, $input: DriftDetectionIntegrationInput!) {
  stackIntegrationDriftDetectionCreate(stack: $stack, input: $input) { reconcile ignoreState schedule timezone deleted }
}`;
const UPDATE = `mutation($stack: ID!, $input: DriftDetectionIntegrationInput!) {
  stackIntegrationDriftDetectionUpdate(stack: $stack, input: $input) { reconcile ignoreState schedule timezone deleted }
}`;
const DELETE = `mutation($stack: ID!) { stackIntegrationDriftDetectionDelete(stack: $stack) { schedule deleted } }`;
const READ = `query($id: ID!) {
  stack(id: $id) { integrations { driftDetection { reconcile ignoreState schedule timezone deleted } } }
}`;

interface DriftView {
  reconcile: boolean;
  ignoreState: boolean;
  schedule: string[];
  timezone: string | null;
  deleted: boolean;
}

const input = (extra: Record<string, unknown> = {}) => ({
  reconcile: false,
  ignoreState: false,
  schedule: ["*/15 * * * *"],
  ...extra,
});

describe("emulator drift detection", () => {
  let h: Harness;
  const read = async (id = "infra"): Promise<DriftView> =>
    (await h.ok<{ stack: { integrations: { driftDetection: DriftView } } }>(READ, { id })).stack.integrations
      .driftDetection;

  beforeEach(() => {
    h = new Harness();
    h.seed({ stacks: [{ name: "infra" }], modules: [{ repository: "terraform-aws-drift" }] });
  });

  it("reports an empty schedule, never null, while a stack has no drift detection", async () => {
    assert.deepEqual(await read(), {
      reconcile: false,
      ignoreState: false,
      schedule: [],
      timezone: null,
      deleted: false,
    });
  });

  it("creates, reads, updates and deletes one schedule per stack; timezone defaults to UTC", async () => {
    const created = await h.ok<{ stackIntegrationDriftDetectionCreate: DriftView }>(CREATE, {
      stack: "infra",
      input: input({ reconcile: true }),
    });
    assert.deepEqual(created.stackIntegrationDriftDetectionCreate, {
      reconcile: true,
      ignoreState: false,
      schedule: ["*/15 * * * *"],
      timezone: "UTC",
      deleted: false,
    });
    assert.deepEqual(await read(), created.stackIntegrationDriftDetectionCreate);

    await h.ok(UPDATE, {
      stack: "infra",
      input: input({
        schedule: ["0 4 * * MON-FRI", "30 12 1 * *"],
        timezone: "Europe/Berlin",
        ignoreState: true,
      }),
    });
    assert.deepEqual(await read(), {
      reconcile: false,
      ignoreState: true,
      schedule: ["0 4 * * MON-FRI", "30 12 1 * *"],
      timezone: "Europe/Berlin",
      deleted: false,
    });

    const deleted = await h.ok<{ stackIntegrationDriftDetectionDelete: { deleted: boolean } }>(DELETE, {
      stack: "infra",
    });
    assert.equal(deleted.stackIntegrationDriftDetectionDelete.deleted, true);
    assert.deepEqual((await read()).schedule, []);
  });

  it("refuses a second create, and update or delete when there is none (with 'not found')", async () => {
    assert.match(await h.fails(UPDATE, { stack: "infra", input: input() }), /not found/);
    assert.match(await h.fails(DELETE, { stack: "infra" }), /not found/);
    await h.ok(CREATE, { stack: "infra", input: input() });
    assert.match(await h.fails(CREATE, { stack: "infra", input: input() }), /already has drift detection/);
  });

  it("refuses an unknown stack with 'not found'", async () => {
    assert.match(await h.fails(CREATE, { stack: "nope", input: input() }), /stack nope not found/);
  });

  it("validates the schedule and the timezone", async () => {
    assert.match(
      await h.fails(CREATE, { stack: "infra", input: input({ schedule: [] }) }),
      /at least one cron/,
    );
    assert.match(
      await h.fails(CREATE, { stack: "infra", input: input({ schedule: ["every hour"] }) }),
      /invalid cron expression "every hour"/,
    );
    assert.match(
      await h.fails(CREATE, { stack: "infra", input: input({ schedule: ["* * * *"] }) }),
      /expected five fields/,
    );
    assert.match(
      await h.fails(CREATE, { stack: "infra", input: input({ timezone: "Mars/Olympus_Mons" }) }),
      /invalid timezone "Mars\/Olympus_Mons"/,
    );
  });

  it("works on modules too, which the API treats as stacks", async () => {
    await h.ok(CREATE, { stack: "terraform-aws-drift", input: input() });
    const data = await h.ok<{ module: { integrations: { driftDetection: DriftView } } }>(
      `query { module(id: "terraform-aws-drift") { integrations { driftDetection { schedule } } } }`,
    );
    assert.deepEqual(data.module.integrations.driftDetection.schedule, ["*/15 * * * *"]);
  });

  it("forgets the settings once the stack is gone", async () => {
    await h.ok(CREATE, { stack: "infra", input: input() });
    await h.ok(`mutation { stackDelete(id: "infra") { id } }`);
    h.nowMs += 60_000;
    h.seed({ stacks: [{ name: "infra" }] });
    assert.deepEqual((await read()).schedule, []);
  });
});
