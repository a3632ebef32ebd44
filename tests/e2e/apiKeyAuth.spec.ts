import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";

import type { OutputMap, Stack } from "@pulumi/pulumi/automation";

import type * as Spacelift from "../../sdk";
import { CLI_BUILD_TIMEOUT_MS, inlineStack, readBackendFiles } from "../../scripts/lib/pulumiSandbox";
import { postGraphQL } from "../helpers/emulator";
import { assertNoSecrets } from "../helpers/secrets";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";

const spacelift = require("pulumi-spacelift") as typeof Spacelift;

const EXCHANGE = "mutation($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt } }";

/**
 * An API key made by one Pulumi program (`ApiKey`, bound to a role with `RoleAttachment`) is the
 * credential another program runs with, through the real CLI; its secret reaches that program
 * only through an encrypted stack output and an encrypted config value, and shows in no state file
 * or output of any run.
 */
describe("an API key made by ApiKey authenticates pulumi-spacelift itself", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let env: EmulatorSandbox;
  // Every run's printed output, scanned for the secret at the end.
  const printed: string[] = [];
  const run = randomBytes(3).toString("hex");

  before(async () => {
    // No credentials in the sandbox: the first stack uses the emulator's key, the second the new one.
    env = await startEmulatorSandbox({ keyInSandbox: false });
  });

  after(async () => {
    await env?.close();
  });

  const record = <T extends { stdout: string; stderr: string }>(result: T): T => {
    printed.push(result.stdout, result.stderr);
    return result;
  };

  const outputValue = (outputs: OutputMap, name: string): { value: string; secret: boolean } => {
    const output = outputs[name];
    assert.ok(output, `output ${name} is missing`);
    assert.equal(typeof output.value, "string");
    return { value: output.value as string, secret: output.secret };
  };

  it("creates the key, uses it from a second stack, and keeps its secret out of state and logs", async () => {
    const owner: Stack = await inlineStack(env.sandbox, {
      projectName: "key-owner",
      env: env.keyEnv,
      program: async () => {
        const key = new spacelift.ApiKey("automation", { name: `automation-${run}` });
        const role = new spacelift.Role("automation", {
          name: `automation-${run}`,
          actions: ["SPACE_ADMIN"],
        });
        const binding = new spacelift.RoleAttachment("automation", {
          apiKeyId: key.id,
          roleId: role.id,
          spaceId: "root",
        });
        return { keyId: key.id, keySecret: key.secret, bindingId: binding.id, roleId: role.id };
      },
    });
    const created = record(await owner.up());
    assert.equal(created.summary.result, "succeeded");
    const keyId = outputValue(created.outputs, "keyId");
    const keySecret = outputValue(created.outputs, "keySecret");
    assert.equal(keyId.secret, false);
    assert.equal(keySecret.secret, true, "the key's secret is a secret output");
    assert.ok(keySecret.value.length >= 32);
    const bindingId = outputValue(created.outputs, "bindingId").value;
    assert.match(bindingId, /^API\/[0-9A-HJKMNP-TV-Z]{26}$/, "Terraform's import ID");

    const user: Stack = await inlineStack(env.sandbox, {
      projectName: "key-user",
      program: async () => {
        const context = new spacelift.Context("managed", { name: `made-with-new-key-${run}` });
        // A saved filter records who saved it: the proof of which key the provider used.
        const filter = new spacelift.SavedFilter("managed", {
          name: `made-with-new-key-${run}`,
          type: "contexts",
          data: "{}",
          isPublic: false,
        });
        // The binding that grants this very key its access, looked up by its ID alone.
        const binding = spacelift.RoleAttachment.get("own-binding", bindingId);
        return {
          contextId: context.id,
          savedBy: filter.createdBy,
          boundKey: binding.apiKeyId,
          boundRole: binding.roleId,
        };
      },
    });
    await user.setConfig("spacelift:apiKeyEndpoint", { value: env.emulator.url });
    await user.setConfig("spacelift:apiKeyId", { value: keyId.value });
    await user.setConfig("spacelift:apiKeySecret", { value: keySecret.value, secret: true });

    const used = record(await user.up());
    assert.equal(used.summary.result, "succeeded");
    assert.equal(outputValue(used.outputs, "savedBy").value, keyId.value);
    assert.equal(outputValue(used.outputs, "contextId").value, `made-with-new-key-${run}`);
    assert.equal(outputValue(used.outputs, "boundKey").value, keyId.value);
    assert.equal(outputValue(used.outputs, "boundRole").value, outputValue(created.outputs, "roleId").value);
    assert.equal(record(await user.refresh({ expectNoChanges: true })).summary.result, "succeeded");
    assert.equal(record(await user.up({ expectNoChanges: true })).summary.result, "succeeded");
    assert.equal(record(await user.destroy()).summary.resourceChanges?.delete, 3);

    // Destroying the key revokes it.
    assert.equal(record(await owner.destroy()).summary.resourceChanges?.delete, 4);
    const exchanged = await postGraphQL<{ apiKeyUser: unknown }>(env.emulator, EXCHANGE, {
      variables: { id: keyId.value, secret: keySecret.value },
    });
    assert.equal(exchanged.data?.apiKeyUser, null);

    assertNoSecrets(readBackendFiles(env.sandbox), [keySecret.value, env.emulator.apiKey.secret]);
    assertNoSecrets(printed, [keySecret.value, env.emulator.apiKey.secret]);
  });
});
