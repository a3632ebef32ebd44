import { strict as assert } from "node:assert";
import { createHash, randomBytes } from "node:crypto";

import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";

import type * as Spacelift from "../../sdk";
import type { EmulatorHandle } from "../../emulator/assemble";
import {
  CLI_BUILD_TIMEOUT_MS,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { assertNoSecrets } from "../helpers/secrets";

// The program loads the package by name, as users do: that is the built `dist/`.
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/** The operation a context variable's create sends (see provider/resources/configElement.ts). */
const VARIABLE_CREATE = "ContextEnvironmentVariableCreate";
const VARIABLE_DELETE = "ContextEnvironmentVariableDelete";

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");
const runId = () => randomBytes(3).toString("hex");
const secretValue = (label: string) => `${label}-${randomBytes(8).toString("hex")}`;

/** A program of environment variables on one context, by logical name. */
function variablesProgram(
  contextId: string,
  variables: Record<string, { name: string; value: string }>,
): PulumiFn {
  return async () => {
    for (const [logical, v] of Object.entries(variables)) {
      new spacelift.EnvironmentVariable(logical, { contextId, name: v.name, value: v.value });
    }
  };
}

describe("objects made by hand are never taken over (real engine, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  let token: string;
  const engineOutput: string[] = [];
  const onOutput = (s: string) => engineOutput.push(s);
  const secrets: string[] = [];

  before(async () => {
    fixture = await startEmulatorSandbox();
    ({ emulator, sandbox } = fixture);
    token = await exchangeApiKey(emulator);
    secrets.push(emulator.apiKey.secret);
  });

  after(() => fixture?.close());

  /** Sends a GraphQL document with the admin token, failing on any error. */
  async function api<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    const reply = await postGraphQL<T>(emulator, document, { token, variables });
    assert.equal(reply.errors, undefined, JSON.stringify(reply.errors));
    assert.ok(reply.data, reply.text);
    return reply.data;
  }

  /** Creates a context by hand, as a user in the Spacelift UI would, and returns its id. */
  async function handmadeContext(name: string): Promise<string> {
    const data = await api<{ contextCreateV2: { id: string } }>(
      "mutation HandmadeContext($input: ContextInput!) { contextCreateV2(input: $input) { id } }",
      { input: { name, space: "root" } },
    );
    return data.contextCreateV2.id;
  }

  /** The checksum Spacelift reports for a context's variable, or null when there is none. */
  async function checksumOf(contextId: string, name: string): Promise<string | null> {
    const data = await api<{ context: { configElement: { checksum: string } | null } | null }>(
      "query HandmadeCheck($context: ID!, $name: ID!) { context(id: $context) { configElement(id: $name) { checksum } } }",
      { context: contextId, name },
    );
    return data.context?.configElement?.checksum ?? null;
  }

  /** Runs `up`, expecting it to fail; returns the error text (also kept for the secrets scan). */
  async function failingUp(stack: Stack): Promise<string> {
    try {
      await stack.up({ onOutput });
    } catch (err) {
      const text = String(err);
      engineOutput.push(text);
      return text;
    }
    assert.fail("the up was expected to fail");
  }

  /** The logical names of the environment variables in the stack's state. */
  async function variablesInState(stack: Stack): Promise<string[]> {
    const deployment = (await stack.exportStack()).deployment as {
      resources?: { type: string; urn: string }[];
    };
    return (deployment.resources ?? [])
      .filter((r) => r.type.endsWith(":EnvironmentVariable"))
      .map((r) => r.urn.split("::").pop() ?? "")
      .sort();
  }

  it("refuses to overwrite a variable made by hand, naming it and its context, and leaves it through destroy", async () => {
    const run = runId();
    const contextId = await handmadeContext(`handmade-${run}`);
    const handValue = secretValue("hand");
    const programValue = secretValue("program");
    secrets.push(handValue, programValue);
    await api(
      "mutation HandmadeVariable($context: ID!, $config: ConfigInput!) { contextConfigAdd(context: $context, config: $config) { id } }",
      {
        context: contextId,
        config: { id: "DATABASE_URL", type: "ENVIRONMENT_VARIABLE", value: handValue, writeOnly: true },
      },
    );
    assert.equal(await checksumOf(contextId, "DATABASE_URL"), sha256(handValue));

    const stack = await inlineStack(sandbox, {
      projectName: "e2e-handmade-variable",
      program: variablesProgram(contextId, { "database-url": { name: "DATABASE_URL", value: programValue } }),
    });
    emulator.controls.resetStats();
    const error = await failingUp(stack);
    assert.match(error, new RegExp(`environment variable "DATABASE_URL" on context "${contextId}"`));
    assert.match(error, /already exists in Spacelift .*was not created by this Pulumi resource/);
    assert.equal(emulator.controls.requestCount(VARIABLE_CREATE), 0, "no create was sent over the variable");
    assert.equal(
      await checksumOf(contextId, "DATABASE_URL"),
      sha256(handValue),
      "the hand-made value is intact",
    );
    assert.deepEqual(await variablesInState(stack), []);

    await stack.destroy({ onOutput });
    assert.equal(emulator.controls.requestCount(VARIABLE_DELETE), 0);
    assert.equal(await checksumOf(contextId, "DATABASE_URL"), sha256(handValue), "destroy left the variable");
    await stack.workspace.removeStack("test");
  });

  it("lets only one of two resources declaring the same variable make it, and only its removal deletes it", async () => {
    const run = runId();
    const contextId = await handmadeContext(`twice-${run}`);
    const declared = {
      first: { name: "API_TOKEN", value: secretValue("first") },
      second: { name: "API_TOKEN", value: secretValue("second") },
    };
    secrets.push(declared.first.value, declared.second.value);
    const stack = await inlineStack(sandbox, {
      projectName: "e2e-handmade-twice",
      program: variablesProgram(contextId, declared),
    });

    emulator.controls.resetStats();
    const error = await failingUp(stack);
    const made = await variablesInState(stack);
    assert.equal(made.length, 1, `exactly one of the two resources holds the variable: ${made}`);
    const winner = made[0] as keyof typeof declared;
    const loser = winner === "first" ? "second" : "first";
    assert.equal(emulator.controls.requestCount(VARIABLE_CREATE), 1, "one create was sent, not two");
    assert.match(
      error,
      new RegExp(
        `EnvironmentVariable \\(${loser}\\):\\s*error: .*environment variable "API_TOKEN" on context "${contextId}" already exists in Spacelift`,
      ),
    );
    assert.doesNotMatch(error, new RegExp(`EnvironmentVariable \\(${winner}\\):`), "the winner did not fail");
    const checksum = await checksumOf(contextId, "API_TOKEN");
    assert.equal(checksum, sha256(declared[winner].value), "the variable holds the winner's value");

    // The loser never made anything: dropping it from the program changes nothing in Spacelift.
    stack.workspace.program = variablesProgram(contextId, { [winner]: declared[winner] });
    emulator.controls.resetStats();
    const kept = await stack.up({ onOutput });
    assert.deepEqual(kept.summary.resourceChanges, { same: 2 });
    assert.equal(emulator.controls.stats().recent.filter((r) => r.kind === "mutation").length, 0);
    assert.equal(await checksumOf(contextId, "API_TOKEN"), checksum, "untouched by the loser's removal");

    // The winner's removal deletes it.
    stack.workspace.program = variablesProgram(contextId, {});
    const removed = await stack.up({ onOutput });
    assert.equal(removed.summary.resourceChanges?.delete, 1, JSON.stringify(removed.summary.resourceChanges));
    assert.equal(await checksumOf(contextId, "API_TOKEN"), null, "deleted with its own resource");
    await stack.workspace.removeStack("test");
  });

  // Declared last, in a suite of its own, so that it runs after the scenarios.
  describe("secrets", () => {
    it("keeps every variable value out of the state files and the engine output", () => {
      assert.ok(engineOutput.length > 0, "the engine output was captured");
      assertNoSecrets({ backend: readBackendFiles(sandbox), output: engineOutput.join("\n") }, secrets);
    });
  });
});
