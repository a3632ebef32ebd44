import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
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
import { lookupDomains } from "./lookups";

describe("examples/lookups: every data function, through the real engine", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;

  before(async () => {
    // The API key goes into stack config rather than the environment: an explicit provider never
    // reads stack config, so one given only a run's API token uses that token (an API key in the
    // environment would win over it, as it does in Spacelift's Terraform provider).
    fixture = await startEmulatorSandbox({ emulator: { stackDeletionDelayMs: 100 }, keyInSandbox: false });
    ({ emulator, sandbox } = fixture);
  });

  after(() => fixture?.close());

  it("preview only reads, up finds what each part expects, then no change, refresh, destroy", async () => {
    const stack = await directoryStack(
      sandbox,
      stageProject(sandbox, path.join(REPO_ROOT, "examples/lookups")),
    );
    const prefix = `lk${randomBytes(3).toString("hex")}`;
    await stack.setConfig("prefix", { value: prefix });
    await stack.setConfig("spacelift:apiKeyEndpoint", { value: emulator.url });
    await stack.setConfig("spacelift:apiKeyId", { value: emulator.apiKey.id });
    await stack.setConfig("spacelift:apiKeySecret", { value: emulator.apiKey.secret, secret: true });
    for (const domain of lookupDomains) {
      const entries = (await domain.prepare?.(emulator, prefix)) ?? {};
      for (const [key, entry] of Object.entries(entries)) {
        await stack.setConfig(key, { value: entry.value, secret: entry.secret === true });
      }
    }

    emulator.controls.resetStats();
    await stack.preview();
    const written = emulator.controls
      .stats()
      .recent.filter((r) => r.kind === "mutation" && r.operation !== "ApiKeyUser");
    assert.deepEqual(
      written.map((r) => r.operation),
      [],
      "preview only reads",
    );

    const up = await stack.up();
    assert.equal(up.summary.result, "succeeded");
    for (const domain of lookupDomains) {
      const found = up.outputs[domain.output]?.value as Record<string, unknown> | undefined;
      assert.ok(found, `the example exports ${domain.output}`);
      domain.check(found, emulator, prefix);
    }
    await stack.up({ expectNoChanges: true });
    await stack.refresh({ expectNoChanges: true });
    assertNoSecrets(readBackendFiles(sandbox), [
      emulator.apiKey.secret,
      ...lookupDomains.flatMap((d) => d.secrets?.(emulator) ?? []),
    ]);
    await stack.destroy();
    await stack.workspace.removeStack("test");
  });
});
