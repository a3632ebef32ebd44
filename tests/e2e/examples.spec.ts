import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import type { EmulatorHandle } from "../../emulator/assemble";
import {
  CLI_BUILD_TIMEOUT_MS,
  REPO_ROOT,
  directoryStack,
  readBackendFiles,
  stageProject,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { assertNoSecrets } from "../helpers/secrets";

/** A runnable Pulumi project of the repository: every example, and the root project. */
interface ProjectUnderTest {
  readonly label: string;
  /** Directory holding the project's `Pulumi.yaml`. */
  readonly dir: string;
}

const examplesDir = path.join(REPO_ROOT, "examples");
const projects: ProjectUnderTest[] = [
  ...fs
    .readdirSync(examplesDir)
    .filter((name) => fs.existsSync(path.join(examplesDir, name, "Pulumi.yaml")))
    // Its data functions read during preview; tests/e2e/lookups.spec.ts runs it with its expectations.
    .filter((name) => name !== "lookups")
    .sort()
    .map((name) => ({ label: `examples/${name}`, dir: path.join(examplesDir, name) })),
  { label: "the repository root (Pulumi.yaml runs the quickstart)", dir: REPO_ROOT },
];

describe("examples run end to end with the real engine (directory programs, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;

  before(async () => {
    fixture = await startEmulatorSandbox({ emulator: { stackDeletionDelayMs: 100 } });
    ({ emulator, sandbox } = fixture);
  });

  after(() => fixture?.close());

  it("finds the three examples", () => {
    assert.ok(projects.length >= 4, projects.map((p) => p.label).join(", "));
  });

  for (const project of projects) {
    it(`${project.label}: preview, up, a no-change up, a no-change refresh, destroy`, async () => {
      const stack = await directoryStack(sandbox, stageProject(sandbox, project.dir));
      await stack.setConfig("prefix", { value: `ex${randomBytes(3).toString("hex")}` });
      const deployToken = `tok-${randomBytes(8).toString("hex")}`;
      await stack.setConfig("deployToken", { value: deployToken, secret: true });

      const before = emulator.controls.stats().total;
      const preview = await stack.preview();
      assert.ok((preview.changeSummary.create ?? 0) > 1, JSON.stringify(preview.changeSummary));
      assert.equal(emulator.controls.stats().total, before, "preview made no API call");

      const up = await stack.up();
      assert.equal(up.summary.result, "succeeded");
      assert.equal(up.summary.resourceChanges?.create, preview.changeSummary.create);
      await stack.up({ expectNoChanges: true });
      // Reading every object back must agree with the state `up` left.
      const refresh = await stack.refresh({ expectNoChanges: true });
      assert.deepEqual(
        Object.keys(refresh.summary.resourceChanges ?? {}).filter((op) => op !== "same"),
        [],
        JSON.stringify(refresh.summary.resourceChanges),
      );
      assertNoSecrets(readBackendFiles(sandbox), [emulator.apiKey.secret, deployToken]);

      const destroy = await stack.destroy();
      assert.equal(destroy.summary.resourceChanges?.delete, preview.changeSummary.create);
      await stack.workspace.removeStack("test");
    });
  }
});
