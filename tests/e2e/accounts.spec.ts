import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";

import { startEmulator, type EmulatorHandle } from "../../emulator";
import type * as Spacelift from "../../sdk";
import {
  CLI_BUILD_TIMEOUT_MS,
  createSandbox,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { assertNoSecrets } from "../helpers/secrets";

// The package by name, as the dynamic-provider process loads it.
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/**
 * One program, two Spacelift accounts (two emulators), through two explicit `spacelift.Provider`s:
 * a production one given as `{ provider }` and a sandbox one given to a component as `providers`.
 * The sandbox environment holds no credentials at all, so every request must use a provider's.
 */
describe("two accounts in one program through two spacelift.Providers", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let production: EmulatorHandle;
  let staging: EmulatorHandle;
  let sandbox: EngineSandbox;
  let stack: Stack;
  const run = randomBytes(3).toString("hex");
  const found: Record<string, unknown> = {};

  before(async () => {
    production = await startEmulator({ host: "127.0.0.1", port: 0 });
    staging = await startEmulator({ host: "127.0.0.1", port: 0 });
    sandbox = await createSandbox();
    stack = await inlineStack(sandbox, {
      projectName: "two-accounts",
      program: async () => {
        const prod = new spacelift.Provider("production", {
          apiKeyEndpoint: production.url,
          apiKeyId: production.apiKey.id,
          apiKeySecret: production.apiKey.secret,
        });
        const stage = new spacelift.Provider("staging", {
          apiKeyEndpoint: staging.url,
          apiKeyId: staging.apiKey.id,
          apiKeySecret: pulumi.secret(staging.apiKey.secret),
        });
        const prodSpace = new spacelift.Space(
          "team",
          { name: `prod-${run}`, parentSpaceId: "root" },
          { provider: prod },
        );
        new spacelift.Context(
          "shared",
          { name: `prod-ctx-${run}`, spaceId: prodSpace.id },
          { provider: prod },
        );

        // The official SDK's way of scoping a provider: a parent with `providers`.
        const team = new pulumi.ComponentResource(
          "acme:index:Team",
          "staging-team",
          {},
          { providers: [stage] },
        );
        const stageSpace = new spacelift.Space(
          "team",
          { name: `stage-${run}`, parentSpaceId: "root" },
          { parent: team },
        );
        new spacelift.Context(
          "shared",
          { name: `stage-ctx-${run}`, spaceId: stageSpace.id },
          { parent: team },
        );
        // A map keyed by the official package name works as well.
        const other = new pulumi.ComponentResource(
          "acme:index:Other",
          "staging-other",
          {},
          { providers: { spacelift: stage } },
        );
        new spacelift.Context("other", { name: `stage-other-${run}`, spaceId: "root" }, { parent: other });

        // Functions follow the provider they are given, or their parent's.
        found.prodIps = await spacelift.getIPs({ provider: prod });
        found.stageIps = await spacelift.getIPs({ parent: team });
        return { prodSpace: prodSpace.id, stageSpace: stageSpace.id };
      },
    });
  });

  after(async () => {
    sandbox?.cleanup();
    await production?.close();
    await staging?.close();
  });

  /** Names of the records of `collection` (`spaces`, `contexts`) in an account that carry this run's suffix. */
  const namesIn = (emulator: EmulatorHandle, collection: string): string[] =>
    [...(emulator.store.toJSON()[collection] ? Object.values(emulator.store.toJSON()[collection] ?? {}) : [])]
      .map((record) => (record as { name?: unknown }).name)
      .filter((name): name is string => typeof name === "string" && name.endsWith(run))
      .sort();

  it("up creates each object in its own account, with that account's key only", async () => {
    const up = await stack.up();
    assert.equal(up.summary.result, "succeeded");

    assert.deepEqual(namesIn(production, "spaces"), [`prod-${run}`]);
    assert.deepEqual(namesIn(staging, "spaces"), [`stage-${run}`]);
    assert.deepEqual(namesIn(production, "contexts"), [`prod-ctx-${run}`]);
    assert.deepEqual(namesIn(staging, "contexts"), [`stage-ctx-${run}`, `stage-other-${run}`]);

    // Each account saw its own key and nothing else: the exchange itself is the only anonymous call.
    const credentials = (e: EmulatorHandle) => [
      ...new Set(
        e.controls
          .stats()
          .recent.filter((r) => r.operation !== "ApiKeyUser")
          .map((r) => r.credential),
      ),
    ];
    assert.deepEqual(credentials(production), [production.apiKey.id]);
    assert.deepEqual(credentials(staging), [staging.apiKey.id]);
    assert.ok(found.prodIps && found.stageIps, "both functions ran");
  });

  it("refresh and destroy use the providers kept in state, and no key secret is in it", async () => {
    const refresh = await stack.refresh({ expectNoChanges: true });
    assert.equal(refresh.summary.result, "succeeded");
    assertNoSecrets(readBackendFiles(sandbox), [production.apiKey.secret, staging.apiKey.secret]);

    const destroy = await stack.destroy();
    assert.equal(destroy.summary.result, "succeeded");
    for (const account of [production, staging]) {
      assert.deepEqual(namesIn(account, "contexts"), []);
      assert.deepEqual(namesIn(account, "spaces"), []);
    }
  });
});
