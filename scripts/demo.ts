/**
 * `npm run demo`: the whole product in one command. Starts the local Spacelift emulator, runs
 * `pulumi preview` and `pulumi up` of examples/quickstart with the real Pulumi engine, shows what
 * was created and how to look at it, then destroys it (unless `--keep`). Exits non-zero on any
 * failure.
 *
 * @packageDocumentation
 */

import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { parseArgs } from "node:util";

import type * as EmulatorModule from "../emulator";
import {
  REPO_ROOT,
  createSandbox,
  directoryStack,
  ensurePulumiCli,
  stageProject,
  type EngineSandbox,
} from "./lib/pulumiSandbox";

// The emulator is loaded by package name, as a user's script would.
const { startEmulator } = require("pulumi-spacelift/emulator") as typeof EmulatorModule;

const USAGE = `Usage: npm run demo [-- --keep] [--port N] [--api-key ID:SECRET]

  --keep                leave the resources and the emulator running (Ctrl+C stops it)
  --port N              port of the emulator (default: any free port)
  --api-key ID:SECRET   the emulator's API key (default: a generated one), so that you can
                        point other clients at the emulator while it runs`;

function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Reads what the quickstart created, straight from the emulator's API. */
async function describeAccount(
  graphqlUrl: string,
  apiKey: { id: string; secret: string },
  prefix: string,
): Promise<string[]> {
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown> };
  };
  const exchange = await post(
    "mutation DemoLogin($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt } }",
    apiKey,
  );
  const jwt = (exchange.data?.apiKeyUser as { jwt?: string } | undefined)?.jwt;
  const reply = await post(
    `query DemoAccount {
      spaces { id name parentSpace }
      stacks { id name space branch repository projectRoot }
      contexts { id name space config { id writeOnly value checksum } }
      policies { id name type space }
    }`,
    {},
    jwt,
  );
  const data = (reply.data ?? {}) as {
    spaces?: { id: string; name: string; parentSpace: string | null }[];
    stacks?: {
      id: string;
      name: string;
      space: string;
      branch: string;
      repository: string;
      projectRoot: string;
    }[];
    contexts?: {
      id: string;
      name: string;
      space: string;
      config: { id: string; writeOnly: boolean; value: string | null; checksum: string }[];
    }[];
    policies?: { id: string; name: string; type: string; space: string }[];
  };
  const mine = <T extends { name: string }>(items: T[] | undefined) =>
    (items ?? []).filter((item) => item.name.startsWith(prefix));
  const lines: string[] = [];
  for (const s of mine(data.spaces)) lines.push(`  space    ${s.id} (in ${s.parentSpace ?? "-"})`);
  for (const s of mine(data.stacks)) {
    lines.push(`  stack    ${s.id} in ${s.space}: ${s.repository}@${s.branch}/${s.projectRoot}`);
  }
  for (const c of mine(data.contexts)) {
    lines.push(`  context  ${c.id} in ${c.space}`);
    for (const e of c.config) {
      const shown = e.writeOnly ? `write-only, sha256 ${e.checksum.slice(0, 12)}…` : JSON.stringify(e.value);
      lines.push(`             ${e.id} = ${shown}`);
    }
  }
  for (const p of mine(data.policies)) lines.push(`  policy   ${p.id} (${p.type}) in ${p.space}`);
  return lines;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      keep: { type: "boolean", default: false },
      port: { type: "string" },
      "api-key": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    say(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number, got "${values.port}"\n${USAGE}\n`);
    return 2;
  }

  const keyFlag = values["api-key"];
  const separator = keyFlag?.indexOf(":") ?? -1;
  if (keyFlag !== undefined && (separator < 1 || separator === keyFlag.length - 1)) {
    process.stderr.write(`--api-key takes ID:SECRET\n${USAGE}\n`);
    return 2;
  }
  const apiKeys = keyFlag
    ? [{ id: keyFlag.slice(0, separator), secret: keyFlag.slice(separator + 1) }]
    : undefined;

  say("pulumi-spacelift demo");
  say("1/5 Pulumi CLI");
  const bin = ensurePulumiCli();
  say(`    using ${path.join(bin, "pulumi")}`);

  const emulator = await startEmulator({ port, apiKeys, stackDeletionDelayMs: 300 });
  let sandbox: EngineSandbox | undefined;
  try {
    say(`2/5 Spacelift emulator listening on ${emulator.url}`);
    sandbox = await createSandbox({
      SPACELIFT_API_KEY_ENDPOINT: emulator.url,
      SPACELIFT_API_KEY_ID: emulator.apiKey.id,
      SPACELIFT_API_KEY_SECRET: emulator.apiKey.secret,
    });
    const stack = await directoryStack(sandbox, stageProject(sandbox, REPO_ROOT), "demo");
    const prefix = "demo";
    await stack.setConfig("prefix", { value: prefix });
    await stack.setConfig("deployToken", { value: randomBytes(16).toString("hex"), secret: true });
    const print = (text: string) => process.stdout.write(text);

    say("3/5 pulumi preview (examples/quickstart)");
    const preview = await stack.preview({ onOutput: print });
    const planned = preview.changeSummary.create ?? 0;

    say("4/5 pulumi up");
    const up = await stack.up({ onOutput: print });
    const created = up.summary.resourceChanges?.create ?? 0;
    if (up.summary.result !== "succeeded" || created !== planned) {
      throw new Error(`up ${up.summary.result}: created ${created} of the ${planned} planned resources`);
    }

    say();
    say(`Created ${created} resources (counting the Pulumi stack itself). In the emulator:`);
    for (const line of await describeAccount(emulator.graphqlUrl, emulator.apiKey, prefix)) say(line);
    say();
    say("Look at it yourself:");
    say(`  curl -s ${emulator.url}/_emulator/stats          # requests per operation and credential`);
    say(`  export SPACELIFT_API_KEY_ENDPOINT=${emulator.url}`);
    say(`  export SPACELIFT_API_KEY_ID=${emulator.apiKey.id}`);
    say(
      keyFlag
        ? "  export SPACELIFT_API_KEY_SECRET=<the secret you gave with --api-key>"
        : "  export SPACELIFT_API_KEY_SECRET=<run the demo with --api-key ID:SECRET to choose it>",
    );
    say("  ...then any GraphQL client, spacectl, or your own Pulumi program, pointed at the emulator.");

    if (values.keep) {
      say();
      say(`5/5 kept (--keep). State backend: ${sandbox.env.PULUMI_BACKEND_URL}. Press Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      return 0;
    }

    say();
    say("5/5 pulumi destroy");
    const destroy = await stack.destroy({ onOutput: print });
    if (destroy.summary.result !== "succeeded") {
      throw new Error(`destroy ${destroy.summary.result}`);
    }
    await stack.workspace.removeStack("demo");
    say("Done: everything the demo created is gone.");
    return 0;
  } finally {
    // With --keep this runs only after Ctrl+C, so the emulator lives as long as the user wants.
    sandbox?.cleanup();
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
