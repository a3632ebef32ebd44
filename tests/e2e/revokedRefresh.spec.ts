import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import type { Stack } from "@pulumi/pulumi/automation";

import type { EmulatorHandle } from "../../emulator/assemble";
import {
  CLI_BUILD_TIMEOUT_MS,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { assertNoSecrets } from "../helpers/secrets";
import { exportDeployment, itemName, stateInventory } from "./helpers/stateVsEmulator";
import {
  everyKindProgram,
  everyKindResourceCount,
  everyKindSecrets,
  type EveryKindOptions,
} from "./programs/everyKind";

/**
 * Spacelift answers a read by a token it no longer accepts as it would an anonymous caller's: with
 * null, as for an object that does not exist. Here the emulator does the same (`anonymousReads:
 * "null"`) while every token it issued is revoked again and again during refreshes: a refresh
 * that took such a null for "gone" would drop a live resource from state.
 */

/** How often every token is revoked while the refreshes run. */
const REVOKE_EVERY_MS = 400;
const REFRESHES = 10;
/** Short tokens, so that they also expire (and are renewed) during the refreshes. */
const TOKEN_TTL_SECONDS = 5;

describe("refresh while every token is being revoked drops nothing (anonymous reads answer null)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  const options: EveryKindOptions = {
    run: randomBytes(3).toString("hex"),
    secret: randomBytes(8).toString("hex"),
    copies: 4,
  };
  // The Pulumi stack resource is counted in every summary too.
  const total = everyKindResourceCount(options) + 1;

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  let stack: Stack;
  /** `kind id` of every resource after the up, sorted: what every refresh must leave. */
  let deployed: string[];
  const engineOutput: string[] = [];
  const onOutput = (s: string) => engineOutput.push(s);

  before(async () => {
    fixture = await startEmulatorSandbox({
      emulator: { stackDeletionDelayMs: 200, anonymousReads: "null", tokenTtlSeconds: TOKEN_TTL_SECONDS },
    });
    ({ emulator, sandbox } = fixture);
    stack = await inlineStack(sandbox, {
      projectName: "e2e-revoked-refresh",
      program: everyKindProgram(options),
    });
  });

  after(() => fixture?.close());

  async function resources(): Promise<string[]> {
    return stateInventory(await exportDeployment(stack))
      .map(itemName)
      .sort();
  }

  /**
   * Reads of objects the emulator answered with null since the last reset, because their token had
   * been revoked (or had expired): each is a resource a refresh would drop if it believed the null.
   * Credential exchanges (anonymous by nature) and sign-in checks (`Viewer`) are not counted.
   */
  function refusedReads(): number {
    return emulator.controls
      .stats()
      .recent.filter((r) => r.credential === "anonymous" && r.kind === "query" && r.operation !== "Viewer")
      .length;
  }

  it(`creates ${total - 1} resources of every kind`, async () => {
    const up = await stack.up({ onOutput });
    assert.equal(up.summary.resourceChanges?.create, total, JSON.stringify(up.summary.resourceChanges));
    deployed = await resources();
    assert.equal(deployed.length, total - 1);
  });

  it(`${REFRESHES} refreshes while every token is revoked every ${REVOKE_EVERY_MS} ms: none drops or changes a resource`, async () => {
    let revocations = 0;
    const timer = setInterval(() => {
      emulator.controls.revokeTokens();
      revocations++;
    }, REVOKE_EVERY_MS);
    let refused = 0;
    let failed = 0;
    try {
      for (let i = 1; i <= REFRESHES; i++) {
        emulator.controls.resetStats();
        const revokedBefore = revocations;
        try {
          const refresh = await stack.refresh({ onOutput });
          const changes = refresh.summary.resourceChanges;
          assert.equal(changes?.delete ?? 0, 0, `refresh ${i}: ${JSON.stringify(changes)}`);
          assert.deepEqual(changes, { same: total }, `refresh ${i}`);
        } catch (err) {
          if (err instanceof assert.AssertionError) throw err;
          // When a token is revoked again before the provider could confirm it signed in, the
          // provider stops rather than report anything gone: allowed, with this error only.
          assert.match(String(err), /could not confirm that the object is gone/, `refresh ${i}`);
          failed++;
        }
        assert.deepEqual(await resources(), deployed, `refresh ${i} kept every resource and id`);
        assert.ok(revocations > revokedBefore, `refresh ${i} ran across at least one revocation`);
        refused += refusedReads();
      }
    } finally {
      clearInterval(timer);
    }
    assert.ok(failed < REFRESHES, "every refresh failed");
    // The revocations did reach the provider: some of its reads were answered null.
    assert.ok(refused > 0, "no read was made with a revoked token");
  });

  it("a refresh across one revocation of every token keeps every resource", async () => {
    emulator.controls.resetStats();
    // Revoke once, when about half of the resources have been read.
    let revoked = false;
    const watch = setInterval(() => {
      if (!revoked && emulator.controls.stats().total >= total / 2) {
        emulator.controls.revokeTokens();
        revoked = true;
      }
    }, 10);
    let refresh;
    try {
      refresh = await stack.refresh({ onOutput });
    } finally {
      clearInterval(watch);
    }
    assert.ok(revoked, "the revocation happened during the refresh");
    assert.deepEqual(refresh.summary.resourceChanges, { same: total });
    assert.deepEqual(await resources(), deployed);
    assert.ok(refusedReads() > 0, "reads after the revocation were answered null");
  });

  it("keeps every secret out of the state and the engine output, and destroys everything", async () => {
    assertNoSecrets(
      { backend: readBackendFiles(sandbox), output: engineOutput.join("\n") },
      [emulator.apiKey.secret, ...everyKindSecrets(options)],
      { jwts: true },
    );
    const destroy = await stack.destroy({ onOutput });
    assert.equal(destroy.summary.resourceChanges?.delete, total, JSON.stringify(destroy.summary));
    await stack.workspace.removeStack("test");
  });
});
