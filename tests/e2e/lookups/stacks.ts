import { strict as assert } from "node:assert";
import { setStackOutputs } from "../../../emulator/resolvers/stacksFunctions";
import type { LookupDomain } from "./domain";

/** The run token `prepare` minted, which must stay out of the state in plaintext. */
let runToken: string | undefined;

/** Stacks, their roles, drift detection and schedules, and the current stack (`examples/lookups/stacks.ts`). */
export const stacks: LookupDomain = {
  output: "stackLookups",
  async prepare(emulator, prefix) {
    // A program cannot make the stack it runs in: seed one and give the program a token of one of its runs.
    await emulator.controls.seed({ stacks: [{ name: `${prefix}-stack-runner`, administrative: true }] });
    runToken = (await emulator.mintRunToken(`${prefix}-stack-runner`)).jwt;
    // As the runner's last run would have reported them.
    setStackOutputs(emulator.store, `${prefix}-stack-runner`, [
      { id: "vpc_id", description: "The VPC other stacks deploy into", sensitive: false, value: "vpc-0abc" },
      { id: "db_password", description: null, sensitive: true, value: "not-returned" },
    ]);
    return { runToken: { value: runToken, secret: true } };
  },
  check(found, _emulator, prefix) {
    assert.deepEqual(found.stack, {
      id: `${prefix}-network`,
      name: `${prefix}-network`,
      labels: [`lookups:${prefix}`, "layer:network"],
      projectRoot: "network",
      terraformWorkspace: "network",
      afterApplies: ["echo applied"],
    });
    assert.deepEqual(found.appPulumi, [{ loginUrl: "s3://pulumi-state", stackName: "prod" }]);
    assert.deepEqual(found.stacks, [`${prefix}-app`, `${prefix}-network`]);
    assert.deepEqual(found.awsRole, {
      roleArn: "arn:aws:iam::123456789012:role/spacelift-network",
      durationSeconds: 1800,
      older: "arn:aws:iam::123456789012:role/spacelift-network",
    });
    const gcp = found.gcp as { scopes: string[]; email: string; older: string };
    assert.deepEqual(gcp.scopes, ["https://www.googleapis.com/auth/cloud-platform"]);
    assert.match(gcp.email, /@/);
    assert.equal(gcp.older, `${prefix}-network`);
    assert.deepEqual(found.drift, { schedules: ["0 */6 * * *"], reconcile: true });
    assert.deepEqual(found.task, {
      command: "terraform plan",
      everies: ["0 2 * * *"],
      timezone: "Europe/Berlin",
    });
    assert.deepEqual(found.deletion, { at: 2_000_000_000, deleteResources: false });
    assert.equal(found.currentStack, `${prefix}-stack-runner`);
    assert.deepEqual(found.currentOutputs, [
      { id: "db_password", description: "", sensitive: true },
      { id: "vpc_id", description: "The VPC other stacks deploy into", sensitive: false },
    ]);
    assert.match(found.latestTerraform as string, /^\d+\.\d+\.\d+$/);
  },
  secrets() {
    return runToken === undefined ? [] : [runToken];
  },
};
