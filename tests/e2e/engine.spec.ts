import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import type { Stack } from "@pulumi/pulumi/automation";

import type * as Spacelift from "../../sdk";
import type { EmulatorHandle } from "../../emulator/assemble";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import {
  CLI_BUILD_TIMEOUT_MS,
  inlineStack,
  readBackendFiles,
  type EngineSandbox,
} from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";
import { assertNoSecrets } from "../helpers/secrets";

// The program loads the package by name, as users do: that is the built `dist/`.
const spacelift = require("pulumi-spacelift") as typeof Spacelift;

/** What the quick program declares; changing one field at a time drives each scenario. */
interface QuickProgram {
  readonly run: string;
  readonly spaceDescription: string;
  readonly plainValue: string;
  readonly secretValue: string;
  /** Name of the secret variable: the variable has no update, so a new name forces a replace. */
  readonly secretName: string;
  /** A label on the space that is intentionally invalid when set to `""`. */
  readonly label?: string;
}

function quickProgram(p: QuickProgram): () => Promise<Record<string, unknown>> {
  return async () => {
    const space = new spacelift.Space("team", {
      name: `team-${p.run}`,
      description: p.spaceDescription,
      labels: p.label === undefined ? ["e2e"] : ["e2e", p.label],
    });
    const context = new spacelift.Context("shared", {
      name: `shared-${p.run}`,
      spaceId: space.id,
      description: "shared settings",
    });
    new spacelift.EnvironmentVariable("region", {
      contextId: context.id,
      name: "AWS_REGION",
      value: p.plainValue,
      writeOnly: false,
    });
    const token = new spacelift.EnvironmentVariable("token", {
      contextId: context.id,
      name: p.secretName,
      // Passed in plain text on purpose: the SDK must keep it secret on its own.
      value: p.secretValue,
    });
    return { spaceId: space.id, contextId: context.id, tokenChecksum: token.checksum };
  };
}

/** The parts of a local-backend checkpoint file the secrets audit reads. */
interface Checkpoint {
  checkpoint: {
    latest: {
      resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
    };
  };
}

const runId = () => randomBytes(3).toString("hex");

describe("real Pulumi engine end to end (Automation API, emulator)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let fixture: EmulatorSandbox | undefined;
  let emulator: EmulatorHandle;
  let sandbox: EngineSandbox;
  let keyEnv: Record<string, string>;
  const engineOutput: string[] = [];
  const onOutput = (s: string) => engineOutput.push(s);

  before(async () => {
    // Some stacks here sign in otherwise, or not at all: the key goes only to those given keyEnv.
    fixture = await startEmulatorSandbox({ emulator: { stackDeletionDelayMs: 200 }, keyInSandbox: false });
    ({ emulator, sandbox, keyEnv } = fixture);
  });

  after(() => fixture?.close());

  /** Mutating GraphQL calls the emulator served since its stats were last reset. */
  function mutationCount(): number {
    return emulator.controls.stats().recent.filter((r) => r.kind === "mutation").length;
  }

  describe("lifecycle of one program", () => {
    const base: QuickProgram = {
      run: runId(),
      spaceDescription: "first",
      plainValue: "eu-west-1",
      secretValue: `s3cr3t-${randomBytes(8).toString("hex")}`,
      secretName: "API_TOKEN",
    };
    let stack: Stack;
    let outputs: Record<string, string>;

    before(async () => {
      stack = await inlineStack(sandbox, {
        projectName: "e2e-lifecycle",
        program: quickProgram(base),
        env: keyEnv,
      });
      await emulator.controls.seed({ spaces: [{ name: `bystander-${base.run}` }] });
    });

    it("previews the creates without a single mutating call", async () => {
      emulator.controls.resetStats();
      const preview = await stack.preview({ onOutput });
      assert.equal(preview.changeSummary.create, 5, JSON.stringify(preview.changeSummary));
      assert.equal(mutationCount(), 0);
    });

    it("creates everything, and a second up changes nothing (no __provider diff)", async () => {
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.create, 5, JSON.stringify(up.summary.resourceChanges));
      outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, String(v.value)]));
      assert.match(outputs.spaceId, new RegExp(`team-${base.run}`));
      assert.equal(outputs.contextId, `shared-${base.run}`);

      emulator.controls.resetStats();
      const again = await stack.up({ expectNoChanges: true, onOutput });
      assert.equal(again.summary.resourceChanges?.same, 5, JSON.stringify(again.summary.resourceChanges));
      assert.equal(mutationCount(), 0, "a no-change up must not mutate anything");
    });

    it("previews one in-place update for an updatable field, and applies it", async () => {
      stack.workspace.program = quickProgram({ ...base, spaceDescription: "second" });
      const preview = await stack.preview({ onOutput });
      assert.equal(preview.changeSummary.update, 1, JSON.stringify(preview.changeSummary));
      assert.equal(preview.changeSummary.replace ?? 0, 0);
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.update, 1);
      const reply = await postGraphQL<{ space: { description: string } }>(
        emulator,
        "query($id: ID!) { space(id: $id) { description } }",
        { variables: { id: outputs.spaceId }, token: await exchangeApiKey(emulator) },
      );
      assert.equal(reply.data?.space.description, "second");
    });

    it("previews a replace for a replace-only field, and applies it", async () => {
      stack.workspace.program = quickProgram({
        ...base,
        spaceDescription: "second",
        secretName: "API_TOKEN_V2",
      });
      const preview = await stack.preview({ onOutput });
      assert.equal(preview.changeSummary.replace, 1, JSON.stringify(preview.changeSummary));
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.replace, 1, JSON.stringify(up.summary.resourceChanges));
      const names = await configNames(outputs.contextId);
      assert.deepEqual(names.sort(), ["API_TOKEN_V2", "AWS_REGION"]);
    });

    it("refresh sees an out-of-band change and an out-of-band delete, and up converges", async () => {
      const current = { ...base, spaceDescription: "second", secretName: "API_TOKEN_V2" };
      const token = await exchangeApiKey(emulator);
      const changed = await postGraphQL(
        emulator,
        "mutation($space: ID!, $input: SpaceInput!) { spaceUpdate(space: $space, input: $input) { id } }",
        {
          token,
          variables: {
            space: outputs.spaceId,
            input: {
              name: `team-${base.run}`,
              description: "edited in the UI",
              inheritEntities: false,
              parentSpace: "root",
              labels: ["e2e"],
            },
          },
        },
      );
      assert.equal(changed.errors, undefined, JSON.stringify(changed.errors));
      const deleted = await postGraphQL(
        emulator,
        "mutation($context: ID!, $id: ID!) { contextConfigDelete(context: $context, id: $id) { id } }",
        { token, variables: { context: outputs.contextId, id: "AWS_REGION" } },
      );
      assert.equal(deleted.errors, undefined, JSON.stringify(deleted.errors));

      const refresh = await stack.refresh({ onOutput });
      assert.equal(
        refresh.summary.resourceChanges?.update,
        1,
        JSON.stringify(refresh.summary.resourceChanges),
      );
      assert.equal(
        refresh.summary.resourceChanges?.delete,
        1,
        JSON.stringify(refresh.summary.resourceChanges),
      );

      stack.workspace.program = quickProgram(current);
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.create, 1, JSON.stringify(up.summary.resourceChanges));
      assert.equal(up.summary.resourceChanges?.update, 1, JSON.stringify(up.summary.resourceChanges));
      await stack.up({ expectNoChanges: true, onOutput });
      assert.deepEqual((await configNames(outputs.contextId)).sort(), ["API_TOKEN_V2", "AWS_REGION"]);
    });

    it("keeps every secret out of the state and the engine output", async () => {
      const stored = readBackendFiles(sandbox);
      const checkpoint = Object.entries(stored).find(([file]) => file.endsWith("e2e-lifecycle/test.json"));
      assert.ok(checkpoint, `no checkpoint among ${Object.keys(stored).join(", ")}`);
      assertNoSecrets(
        { backend: stored, output: engineOutput.join("\n") },
        [emulator.apiKey.secret, base.secretValue],
        { jwts: true },
      );
      // The write-only value is represented in outputs by its checksum only; the program's own
      // input stays a Pulumi secret (ciphertext).
      const token = (JSON.parse(checkpoint[1]) as Checkpoint).checkpoint.latest.resources.find((r) =>
        r.urn.endsWith("::token"),
      );
      assert.ok(token);
      assert.match(String(token.outputs.checksum), /^[0-9a-f]{64}$/);
      assert.equal(token.outputs.value, undefined);
      assert.ok(JSON.stringify(token.inputs.value).includes("ciphertext"), "the input value is encrypted");
    });

    it("destroy removes everything the program created, and nothing else", async () => {
      await stack.destroy({ onOutput });
      const token = await exchangeApiKey(emulator);
      const reply = await postGraphQL<{ spaces: { name: string }[]; contexts: { id: string }[] }>(
        emulator,
        "query { spaces { name } contexts { id } }",
        { token },
      );
      const spaceNames = (reply.data?.spaces ?? []).map((s) => s.name);
      assert.ok(!spaceNames.includes(`team-${base.run}`), "the program's space is gone");
      assert.ok(spaceNames.includes(`bystander-${base.run}`), "a space the program did not create remains");
      assert.ok(!(reply.data?.contexts ?? []).some((c) => c.id === outputs.contextId));
      await stack.workspace.removeStack("test");
    });

    async function configNames(contextId: string): Promise<string[]> {
      const reply = await postGraphQL<{ context: { config: { id: string }[] } | null }>(
        emulator,
        "query($id: ID!) { context(id: $id) { config { id } } }",
        { variables: { id: contextId }, token: await exchangeApiKey(emulator) },
      );
      return (reply.data?.context?.config ?? []).map((c) => c.id);
    }
  });

  describe("state written by an earlier version of the SDK", () => {
    // Earlier versions serialized a two-function stub into `__provider`; Pulumi keeps it in a
    // resource's outputs until the resource is next updated, so refresh and destroy run it.
    const earlierStub = fs.readFileSync(
      path.join(__dirname, "..", "fixtures", "provider-text", "two-function-stub-context.js"),
      "utf8",
    );
    const program: QuickProgram = {
      run: runId(),
      spaceDescription: "upgraded",
      plainValue: "eu-central-1",
      secretValue: `s3cr3t-${randomBytes(8).toString("hex")}`,
      secretName: "API_TOKEN",
    };
    let stack: Stack;

    before(async () => {
      stack = await inlineStack(sandbox, {
        projectName: "e2e-upgrade",
        program: quickProgram(program),
        env: keyEnv,
      });
    });

    it("writes a one-line provider text and the program's line as each resource's source position", async () => {
      await stack.up({ onOutput });
      const resources = (await stack.exportStack()).deployment.resources as {
        type: string;
        inputs?: Record<string, unknown>;
        outputs?: Record<string, unknown>;
        sourcePosition?: string;
      }[];
      const ours = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/spacelift:"));
      assert.equal(ours.length, 4);
      for (const resource of ours) {
        const kind = resource.type.slice(resource.type.lastIndexOf(":") + 1);
        const expected = `exports.handler = () => require("pulumi-spacelift/provider").handler(${JSON.stringify(kind)});\n`;
        assert.equal(resource.inputs?.["__provider"], expected);
        assert.equal(resource.outputs?.["__provider"], expected);
        assert.match(resource.sourcePosition ?? "", /engine\.spec\.ts#\d+,\d+$/);
      }
    });

    it("previews no change, refreshes nothing and destroys everything with the earlier stub in state", async () => {
      const exported = await stack.exportStack();
      const deployment = exported.deployment as {
        resources: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
      };
      for (const resource of deployment.resources) {
        if (!resource.type.startsWith("pulumi-nodejs:dynamic/spacelift:")) continue;
        const kind = resource.type.slice(resource.type.lastIndexOf(":") + 1);
        const stub = earlierStub.split('kind: "Context"').join(`kind: ${JSON.stringify(kind)}`);
        for (const properties of [resource.inputs, resource.outputs])
          if (properties) properties["__provider"] = stub;
      }
      await stack.importStack(exported);

      emulator.controls.resetStats();
      const preview = await stack.preview({ onOutput });
      assert.deepEqual(preview.changeSummary, { same: 5 }, "the new provider text is not a change");
      const refresh = await stack.refresh({ onOutput });
      assert.deepEqual(refresh.summary.resourceChanges, { same: 5 });
      // The token exchange is a mutation too; it changes nothing in the account.
      const changes = () =>
        emulator.controls
          .stats()
          .recent.filter((r) => r.kind === "mutation" && r.operation !== "ApiKeyUser")
          .map((r) => r.operation);
      assert.deepEqual(changes(), []);

      await stack.destroy({ onOutput });
      assert.equal(
        changes().length,
        4,
        `one delete per resource, through the earlier stub: ${changes().join(", ")}`,
      );
      const reply = await postGraphQL<{ spaces: { name: string }[] }>(emulator, "query { spaces { name } }", {
        token: await exchangeApiKey(emulator),
      });
      assert.ok(!(reply.data?.spaces ?? []).some((s) => s.name === `team-${program.run}`));
      await stack.workspace.removeStack("test");
    });
  });

  describe("credentials", () => {
    it("works with credentials in stack config (secret) and none in the environment", async () => {
      const run = runId();
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-config-creds",
        program: async () => {
          new spacelift.Space("s", { name: `config-creds-${run}` });
        },
      });
      await stack.setAllConfig({
        "spacelift:apiKeyEndpoint": { value: emulator.url },
        "spacelift:apiKeyId": { value: emulator.apiKey.id },
        "spacelift:apiKeySecret": { value: emulator.apiKey.secret, secret: true },
      });
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.create, 2);
      assertNoSecrets(readBackendFiles(sandbox), [emulator.apiKey.secret], { jwts: true });
      await stack.destroy({ onOutput });
      await stack.workspace.removeStack("test");
    });

    it("works with the API token Spacelift injects into its runs, taking the endpoint from the token", async () => {
      const run = runId();
      const { jwt } = await emulator.mintRunToken("admin-stack", `run-${run}`);
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-run-token",
        program: async () => {
          new spacelift.Space("s", { name: `run-token-${run}` });
        },
        // No endpoint: a run token names its account in its audience.
        env: { SPACELIFT_API_TOKEN: jwt },
      });
      emulator.controls.resetStats();
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.create, 2);
      // The spaces listing (once per process, to recognise a space an interrupted run made) and the create.
      assert.deepEqual(
        Object.entries(emulator.controls.stats().byOperation)
          .filter(([, n]) => n > 0)
          .map(([op]) => op)
          .sort(),
        ["SpaceCreate", "SpaceList"],
      );
      assert.equal(emulator.controls.stats().byCredential[`run:admin-stack/run-${run}`], 2);
      assert.equal(emulator.controls.stats().byOperation["ApiKeyUser"] ?? 0, 0, "a run token is used as is");
      assertNoSecrets(readBackendFiles(sandbox), [], { jwts: true });
      await stack.destroy({ onOutput });
      await stack.workspace.removeStack("test");
    });

    it("works with credentials in environment variables", async () => {
      const run = runId();
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-env-creds",
        program: async () => {
          new spacelift.Space("s", { name: `env-creds-${run}` });
        },
        env: keyEnv,
      });
      const up = await stack.up({ onOutput });
      assert.equal(up.summary.resourceChanges?.create, 2);
      await stack.destroy({ onOutput });
      await stack.workspace.removeStack("test");
    });
  });

  describe("secret outputs", () => {
    it("a worker pool's generated key and config, and a webhook's secret, are never in plaintext at rest", async () => {
      const run = runId();
      const webhookSecret = `hook-${randomBytes(8).toString("hex")}`;
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-secret-outputs",
        program: async () => {
          const pool = new spacelift.WorkerPool("pool", { name: `pool-${run}` });
          const target = new spacelift.Stack("target", {
            name: `hooked-${run}`,
            repository: "infra",
            branch: "main",
          });
          new spacelift.Webhook("hook", {
            stackId: target.id,
            endpoint: "https://hooks.example.com/spacelift",
            secret: webhookSecret,
          });
          return { poolId: pool.id };
        },
        env: keyEnv,
      });
      await stack.up({ onOutput });
      // The stack's own decrypted view has the generated key, so the scan below knows what to look for.
      const decrypted = (await stack.exportStack()).deployment as Checkpoint["checkpoint"]["latest"];
      const pool = decrypted.resources.find((r) => r.urn.endsWith("::pool"));
      const privateKey = (pool?.outputs.privateKey as { plaintext?: string } | undefined)?.plaintext;
      const config = (pool?.outputs.config as { plaintext?: string } | undefined)?.plaintext;
      assert.ok(privateKey && config, "the worker pool has a generated key and a config");
      assertNoSecrets({ backend: readBackendFiles(sandbox), output: engineOutput.join("\n") }, [
        JSON.parse(privateKey) as string,
        JSON.parse(config) as string,
        webhookSecret,
      ]);
      await stack.destroy({ onOutput });
      await stack.workspace.removeStack("test");
    });
  });

  describe("reading existing objects", () => {
    it("Space.get and EnvironmentVariable.get read objects made elsewhere, and destroy leaves them", async () => {
      const run = runId();
      await emulator.controls.seed({
        spaces: [{ id: `existing-${run}`, name: `existing-${run}`, description: "made elsewhere" }],
        contexts: [
          {
            name: `existing-ctx-${run}`,
            space: `existing-${run}`,
            config: [{ id: "SHARED", type: "ENVIRONMENT_VARIABLE", value: "hello", writeOnly: true }],
          },
        ],
      });
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-get",
        program: async () => {
          const space = spacelift.Space.get("existing", `existing-${run}`);
          const variable = spacelift.EnvironmentVariable.get("shared", `context/existing-ctx-${run}/SHARED`);
          return { description: space.description, checksum: variable.checksum };
        },
        env: keyEnv,
      });
      const up = await stack.up({ onOutput });
      assert.equal(up.outputs.description?.value, "made elsewhere");
      assert.match(String(up.outputs.checksum?.value), /^[0-9a-f]{64}$/);
      await stack.destroy({ onOutput });
      const reply = await postGraphQL<{ space: { id: string } | null }>(
        emulator,
        "query($id: ID!) { space(id: $id) { id } }",
        { variables: { id: `existing-${run}` }, token: await exchangeApiKey(emulator) },
      );
      assert.equal(reply.data?.space?.id, `existing-${run}`, "destroy must not delete a read resource");
      await stack.workspace.removeStack("test");
    });
  });

  describe("bad input", () => {
    it("fails at preview naming the property, and the emulator records no call", async () => {
      const run = runId();
      const stack = await inlineStack(sandbox, {
        projectName: "e2e-bad-input",
        program: quickProgram({
          run,
          spaceDescription: "x",
          plainValue: "x",
          secretValue: "x",
          secretName: "1_NOT_A_VALID_NAME",
        }),
        env: keyEnv,
      });
      emulator.controls.resetStats();
      const output: string[] = [];
      await assert.rejects(
        stack.preview({ onOutput: (s) => output.push(s) }),
        (err: Error) =>
          /name/.test(err.message) && /1_NOT_A_VALID_NAME|environment variable name/i.test(err.message),
      );
      assert.equal(emulator.controls.stats().total, 0);
      await stack.workspace.removeStack("test");
    });
  });
});
