#!/usr/bin/env node
import { CliUsageError, parseCliArgs, USAGE, type CliCommand } from "./cliArgs";
import { startEmulator } from "./index";
import { listeningUrl } from "./options";

/**
 * The `spacelift-emulator` command. Exit status: 0 after a clean stop, 1 when the emulator cannot
 * start (port taken, corrupt state file), 2 for command-line mistakes.
 */
async function main(argv: readonly string[]): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(
        `spacelift-emulator: ${err.message}\nRun "spacelift-emulator --help" for usage.\n`,
      );
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }

  const generatedKey = command.options.apiKeys === undefined;
  let emulator;
  try {
    emulator = await startEmulator(command.options);
  } catch (err) {
    process.stderr.write(`spacelift-emulator: cannot start: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }

  // Scripts wait for this exact first line, so nothing may be printed before it.
  const lines = [`spacelift-emulator listening on ${listeningUrl(emulator.host, emulator.port)}`];
  for (const key of emulator.apiKeys) {
    lines.push(`API key id: ${key.id}`);
  }
  if (generatedKey) {
    lines.push(`API key secret: ${emulator.apiKey.secret}`);
  }
  lines.push(
    "Point a Spacelift client (pulumi-spacelift, the Terraform provider, spacectl) at it with:",
    `  export SPACELIFT_API_KEY_ENDPOINT=${emulator.url}`,
    `  export SPACELIFT_API_KEY_ID=${emulator.apiKey.id}`,
    `  export SPACELIFT_API_KEY_SECRET=${generatedKey ? emulator.apiKey.secret : "<the secret given with --api-key>"}`,
    `GraphQL endpoint: ${emulator.graphqlUrl}`,
    `Test controls: ${emulator.url}/_emulator/ (not part of the Spacelift API)`,
  );
  if (command.options.stateFile) {
    lines.push(`State file: ${command.options.stateFile}`);
  }
  lines.push("Stop with Ctrl+C.");
  process.stdout.write(lines.join("\n") + "\n");

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    emulator.close().then(
      () => {
        process.stderr.write(`spacelift-emulator: stopped (${signal})\n`);
        process.exit(0);
      },
      (err: Error) => {
        process.stderr.write(`spacelift-emulator: error while stopping: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`spacelift-emulator: ${err.message}\n`);
  process.exit(1);
});
