import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import type { Stack } from "@pulumi/pulumi/automation";

import type { EmulatorHandle } from "../../emulator/assemble";
import {
  CLI_BUILD_TIMEOUT_MS,
  directoryStack,
  ensurePulumiCli,
  readBackendFiles,
  stageProject,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { assertNoSecrets } from "../helpers/secrets";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { killSession, runToEnd, startSession, type SessionProcess } from "./helpers/processSession";
import {
  addedSince,
  assertExactlyOnce,
  stateInventory,
  storeInventory,
  type Deployment,
  type Item,
  type StoredItem,
} from "./helpers/stateVsEmulator";
import { declaredCount, declaredKinds } from "./programs/killRecovery/layout";

/**
 * `pulumi up` is killed with SIGKILL, all of it (CLI, language host, program, dynamic provider), at
 * three points of a growing directory program, and each time recovered with Pulumi's own steps
 * and one `up`. The create journal lives under the sandbox's `PULUMI_HOME`, as on a user's machine.
 */

const PROGRAM_DIR = path.join(__dirname, "programs", "killRecovery");
const STACK = "test";
/** How often the kill conditions are checked. */
const POLL_MS = 25;
/** Longer than any test: a held answer only ends when its client is killed. */
const HELD_MS = 10 * 60_000;
/** How long the engine is given to finish writing checkpoints once every answer is held. */
const CHECKPOINT_SETTLE_MS = 2000;

/** What one kill left behind. */
interface Kill {
  /** The processes that were alive when the kill began. */
  readonly processes: readonly SessionProcess[];
  /** Emulator objects that existed at the kill but that state did not record: their creates must be adopted. */
  readonly unrecorded: readonly Item[];
  /** Creates the state showed as pending (started, outcome unknown) after the kill. */
  readonly pendingCreates: readonly string[];
}

describe("kill -9 of a whole `pulumi up`, recovered with Pulumi's own steps (directory program, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  const prefix = `kr${randomBytes(3).toString("hex")}`;
  const apiToken = `tok-${randomBytes(12).toString("hex")}`;
  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  let workDir: string;
  let stack: Stack;
  let cli: string;
  /** Every line any command printed, for the secrets audit. */
  const outputs: string[] = [];

  before(async () => {
    fixture = await startEmulatorSandbox({
      emulator: { stackDeletionDelayMs: 100 },
      // The program's types are not under test here; type-checking it would double every run.
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    ({ emulator, sandbox } = fixture);
    cli = path.join(ensurePulumiCli(), "pulumi");
    workDir = stageProject(sandbox, PROGRAM_DIR);
    stack = await directoryStack(sandbox, workDir, STACK);
    await stack.setAllConfig({
      prefix: { value: prefix },
      apiToken: { value: apiToken, secret: true },
    });
  });

  after(() => fixture?.close());

  /** Runs one `pulumi` command in the staged project to its end; its output joins the audit. */
  async function pulumi(...args: string[]): Promise<{ code: number | null; output: string; stdout: string }> {
    const run = await runToEnd(cli, [...args, "--stack", STACK, "--non-interactive"], {
      cwd: workDir,
      env: sandbox.env,
    });
    outputs.push(run.output);
    return run;
  }

  async function exportState(): Promise<Deployment> {
    const run = await pulumi("stack", "export");
    assert.equal(run.code, 0, run.output);
    return (JSON.parse(run.stdout) as { deployment: Deployment }).deployment;
  }

  /** The backend's lock files of the stack (a running update holds one). */
  function lockFiles(): string[] {
    const dir = path.join(sandbox.dir, "state", ".pulumi", "locks");
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".json"));
  }

  function stored(): StoredItem[] {
    return storeInventory(emulator);
  }

  /** Mutations other than credential exchanges since the stats were last reset. */
  function writes(): number {
    return emulator.controls
      .stats()
      .recent.filter((r) => r.kind === "mutation" && r.operation !== "ApiKeyUser").length;
  }

  /** Requests whose operation ran but whose answer the client never got, since the stats were reset. */
  function lostAnswers(): number {
    return emulator.controls.stats().answersLost;
  }

  /** The requests a fault answered since the stats were reset, for failure messages. */
  function faulted(): string {
    const hit = emulator.controls.stats().recent.filter((r) => r.fault !== undefined || r.answerLost);
    return JSON.stringify(hit.map((r) => ({ operation: r.operation, fault: r.fault, lost: r.answerLost })));
  }

  /**
   * Starts `pulumi up` for `teams` teams in a session of its own, waits until `killPoint` holds,
   * and kills every process of the session. Fails if the up ends first.
   */
  async function killUpWhen(teams: number, killPoint: () => boolean): Promise<Kill> {
    await stack.setConfig("teams", { value: String(teams) });
    emulator.controls.resetStats();
    const up = startSession(cli, ["up", "--yes", "--skip-preview", "--stack", STACK, "--non-interactive"], {
      cwd: workDir,
      env: sandbox.env,
    });
    let processes: SessionProcess[];
    try {
      while (!killPoint()) {
        if (up.hasExited()) assert.fail(`the up ended before the kill point:\n${up.output()}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      processes = await killSession(up);
      outputs.push(up.output());
      emulator.controls.clearFaults();
    }
    const atKill = stored();
    const state = await exportState();
    return {
      processes,
      unrecorded: addedSince(atKill, stateInventory(state)),
      pendingCreates: (state.pending_operations ?? [])
        .filter((op) => op.type === "creating")
        .map((op) => op.resource.urn.split("::").pop() ?? op.resource.urn),
    };
  }

  /** The processes a kill must have taken down: the CLI, the language host, the program and the provider. */
  function assertWholeDeploymentKilled(kill: Kill): void {
    const names = kill.processes.map((p) => p.name);
    assert.ok(names.includes("pulumi"), names.join(", "));
    assert.ok(names.includes("pulumi-language"), names.join(", "));
    // The program and the dynamic provider are both node processes.
    assert.ok(names.filter((n) => n === "node").length >= 2, names.join(", "));
    // Pulumi starts each plugin in a process group of its own: killing the CLI's group would not do.
    assert.ok(new Set(kill.processes.map((p) => p.pgid)).size >= 3, JSON.stringify(kill.processes));
  }

  /**
   * Pulumi's own recovery after a kill: the file backend keeps the killed update's lock, which
   * only `pulumi cancel` removes; the killed creates stay pending in state, which `pulumi refresh
   * --clear-pending-creates` drops; then one `pulumi up`.
   */
  async function recover(): Promise<void> {
    assert.equal(lockFiles().length, 1, "the killed update left its lock");
    const cancel = await pulumi("cancel", "--yes");
    assert.equal(cancel.code, 0, cancel.output);
    assert.deepEqual(lockFiles(), [], "cancel removed the lock");

    const refresh = await pulumi("refresh", "--clear-pending-creates", "--yes", "--skip-preview");
    assert.equal(refresh.code, 0, refresh.output);
    assert.deepEqual((await exportState()).pending_operations ?? [], []);

    const up = await pulumi("up", "--yes", "--skip-preview");
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(lockFiles(), [], "the up released its lock");
  }

  /**
   * The emulator holds exactly what the program declares, each object once and owned by a resource
   * in state, and the program has nothing left to do.
   */
  async function assertConverged(teams: number, kill: Kill): Promise<void> {
    const deployment = await exportState();
    assertExactlyOnce(deployment, stored(), declaredKinds(teams), `after recovering with ${teams} teams`);
    const state = stateInventory(deployment);
    assert.equal(state.length, declaredCount(teams));
    // What the killed run made without state learning of it is now owned by a resource: adopted.
    assert.deepEqual(addedSince(kill.unrecorded, state), []);
    const preview = await pulumi("preview", "--expect-no-changes");
    assert.equal(preview.code, 0, preview.output);
  }

  it("(a) killed while the first create is applied but unanswered: recovery adopts it", async () => {
    // The organisation space is the only space without a parent in the program, so the first
    // SpaceCreate is its create; its answer is held until the kill.
    emulator.controls.failNext("SpaceCreate", 1, { kind: "slowAnswer", delayMs: HELD_MS });
    const kill = await killUpWhen(2, () => stored().some((i) => i.kind === "Space"));
    assertWholeDeploymentKilled(kill);
    assert.deepEqual(
      kill.unrecorded.map((i) => i.kind),
      ["Space"],
    );
    assert.deepEqual(kill.pendingCreates, ["org"]);
    await waitFor(
      () => lostAnswers() === 1,
      () => `the held answer was cut by the kill: ${faulted()}`,
    );

    await recover();
    await assertConverged(2, kill);
  });

  it("(b) killed midway through the creates of a bigger program: recovery makes each object once", async () => {
    // From the eighth write on, every mutation is applied but its answer held, so the engine stops
    // completing steps; the kill comes once the checkpoint writes of the steps already answered
    // are over. A kill in the middle of the engine writing its checkpoint can leave the file
    // backend's checkpoint unreadable, which no provider can repair and is not what this tests.
    let holdingSince: number | undefined;
    const kill = await killUpWhen(3, () => {
      if (holdingSince === undefined && writes() >= 8) {
        emulator.controls.addFault({
          operationKind: "mutation",
          share: 1,
          fault: { kind: "slowAnswer", delayMs: HELD_MS },
        });
        holdingSince = Date.now();
      }
      return holdingSince !== undefined && Date.now() - holdingSince >= CHECKPOINT_SETTLE_MS;
    });
    assertWholeDeploymentKilled(kill);
    await recover();
    await assertConverged(3, kill);
  });

  it("(c) killed late, while a variable, a policy attachment and a webhook are applied but unanswered: recovery adopts all three", async () => {
    const teams = 4;
    const team = `team${teams - 1}`;
    // Kinds without a marker: only the create journal can tell their objects from anyone's.
    const held = ["ContextEnvironmentVariableCreate", "StackPolicyAttach", "WebhookCreate"];
    for (const operation of held) {
      emulator.controls.failNext(operation, 1, { kind: "slowAnswer", delayMs: HELD_MS });
    }
    const knownBefore = stored();
    const fresh = (kind: string) => addedSince(stored(), knownBefore).filter((i) => i.kind === kind);
    // The new team has three variables on its context, two policy attachments and one webhook:
    // once all six are in the emulator, the variable and attachment whose answers are held are too.
    // Once they are, every later mutation's answer is held too, and the kill waits for the
    // checkpoint writes of steps already answered to end, as in (b): a kill in the middle of one can
    // leave the file backend's checkpoint unreadable, which is not what this tests.
    let holdingSince: number | undefined;
    const kill = await killUpWhen(teams, () => {
      if (
        holdingSince === undefined &&
        fresh("EnvironmentVariable").filter((i) => i.id.startsWith("context/")).length === 3 &&
        fresh("PolicyAttachment").length === 2 &&
        fresh("Webhook").length === 1
      ) {
        emulator.controls.addFault({
          operationKind: "mutation",
          share: 1,
          fault: { kind: "slowAnswer", delayMs: HELD_MS },
        });
        holdingSince = Date.now();
      }
      return holdingSince !== undefined && Date.now() - holdingSince >= CHECKPOINT_SETTLE_MS;
    });
    assertWholeDeploymentKilled(kill);
    await waitFor(
      () => lostAnswers() >= held.length,
      () => `the held answers were cut by the kill: ${faulted()}`,
    );
    const heldCreates = [
      kill.pendingCreates.filter((name) => /^team\d+-(region|log-level|api-token)$/.test(name)),
      kill.pendingCreates.filter((name) => /^team\d+-(plan-on-app|approvals-on-network)$/.test(name)),
      kill.pendingCreates.filter((name) => name === `${team}-app-hook`),
    ];
    assert.ok(
      heldCreates.every((names) => names.some((name) => name.startsWith(`${team}-`))),
      kill.pendingCreates.join(", "),
    );
    const unrecordedKinds = new Set(kill.unrecorded.map((i) => i.kind));
    for (const kind of ["EnvironmentVariable", "PolicyAttachment", "Webhook"]) {
      assert.ok(unrecordedKinds.has(kind), `${kind}: ${JSON.stringify(kill.unrecorded)}`);
    }

    await recover();
    await assertConverged(teams, kill);
  });

  it("destroy removes every object, and no secret reached any output or the backend", async () => {
    const destroy = await pulumi("destroy", "--yes", "--skip-preview");
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(stored(), []);
    // The inventory leaves out stacks whose deletion is pending: the provider waits for it to end.
    assert.deepEqual(Object.keys(emulator.store.toJSON().stacks ?? {}), [], "every stack deletion completed");
    assert.deepEqual(stateInventory(await exportState()), []);

    const journal = path.join(sandbox.dir, "home", "pulumi-spacelift", "creates");
    assert.ok(fs.readdirSync(journal).length >= declaredCount(4), "every create was journalled");
    const journalFiles = Object.fromEntries(
      fs.readdirSync(journal).map((f) => [f, fs.readFileSync(path.join(journal, f), "utf8")]),
    );
    assertNoSecrets(
      { backend: readBackendFiles(sandbox), journal: journalFiles, output: outputs.join("\n") },
      [emulator.apiKey.secret, apiToken],
      { jwts: true },
    );
    const rm = await pulumi("stack", "rm", "--yes");
    assert.equal(rm.code, 0, rm.output);
  });
});

/** Waits until `condition` holds; the mocha timeout bounds the wait. */
async function waitFor(condition: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 2000) assert.fail(`timed out waiting until ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
