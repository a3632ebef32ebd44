import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import type { LookupDomain } from "./domain";

// One secret per test process: the example signs its webhooks with it, and it must never reach the
// state in plaintext.
const WEBHOOK_SECRET = `whsec-${randomBytes(12).toString("hex")}`;

/** Worker pools as the emulator stores them: only what the test reads. */
interface StoredPool {
  readonly name: string | null;
  readonly config: string;
}

function poolsNamed(found: unknown, prefix: string): string[] {
  assert.ok(Array.isArray(found));
  return (found as string[]).filter((name) => name.startsWith(`${prefix}-`));
}

/** Policies, modules, webhooks and pools (`examples/lookups/catalog.ts`). */
export const catalog: LookupDomain = {
  output: "catalogLookups",
  async prepare() {
    return { catalogWebhookSecret: { value: WEBHOOK_SECRET, secret: true } };
  },
  check(found, emulator, prefix) {
    assert.deepEqual(found.policy, {
      name: `${prefix}-plan-guard`,
      type: "PLAN",
      labels: ["guard", prefix].sort(),
      spaceId: "root",
    });
    assert.deepEqual(found.labelledPolicies, [`${prefix}-plan-guard`, `${prefix}-push-rules`]);
    assert.deepEqual(found.planPolicies, [`${prefix}-plan-guard`]);

    const stored = [...emulator.store.collection<StoredPool>("workerPools").values()].find(
      (p) => p.name === `${prefix}-workers`,
    );
    assert.ok(stored, "the example's worker pool exists");
    assert.deepEqual(found.workerPool, {
      name: `${prefix}-workers`,
      labels: [prefix],
      config: stored.config,
      configMatches: true,
    });
    assert.deepEqual(poolsNamed(found.workerPoolNames, prefix), [`${prefix}-workers`]);

    assert.deepEqual(found.vcsAgentPool, {
      name: `${prefix}-vcs-agents`,
      description: "Agents in front of the on-premises VCS.",
    });
    assert.deepEqual(poolsNamed(found.vcsAgentPoolNames, prefix), [`${prefix}-vcs-agents`]);

    const moduleId = `terraform-aws-${prefix}-vpc`;
    assert.deepEqual(found.module, {
      id: moduleId,
      projectRoot: "modules/vpc",
      labels: ["network", prefix].sort(),
      workerPoolId: (found.module as { workerPoolId: string }).workerPoolId,
      matchesPool: true,
    });
    assert.deepEqual(found.networkModules, [moduleId]);

    assert.deepEqual(found.webhook, {
      endpoint: `https://example.com/hooks/${prefix}/vpc`,
      enabled: true,
      moduleId,
    });
    assert.deepEqual(found.namedWebhook, {
      name: `${prefix}-alerts`,
      labels: [prefix],
      secretHeaderKeys: ["X-Alert-Token"],
    });
  },
  secrets(emulator) {
    return [
      WEBHOOK_SECRET,
      ...[...emulator.store.collection<StoredPool>("workerPools").values()].map((p) => p.config),
    ];
  },
};
