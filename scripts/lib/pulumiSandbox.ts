import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

import {
  LocalWorkspace,
  PulumiCommand,
  type PulumiFn,
  type Stack,
  type LocalWorkspaceOptions,
} from "@pulumi/pulumi/automation";

/** The repository root: the package whose `node_modules` the provider process resolves from. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs the real Pulumi engine offline in a throw-away sandbox, for the end-to-end tests and
 * `npm run demo`.
 *
 * @packageDocumentation
 */

/** How long a first build of the Pulumi CLI may take on a 2-core machine (it is cached after). */
export const CLI_BUILD_TIMEOUT_MS = 40 * 60_000;

let cliBinDir: string | undefined;

/**
 * The directory holding a usable `pulumi` CLI and its nodejs plugins, from `scripts/ensure-pulumi.sh`
 * (PATH, then the cache outside the repository, else a build from the Go module). Memoized per process.
 */
export function ensurePulumiCli(): string {
  if (!cliBinDir) {
    const out = execFileSync(path.join(REPO_ROOT, "scripts", "ensure-pulumi.sh"), [], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: CLI_BUILD_TIMEOUT_MS,
    });
    const dir = out.trim().split("\n").pop();
    if (!dir || !fs.existsSync(path.join(dir, "pulumi"))) {
      throw new Error(`scripts/ensure-pulumi.sh printed no usable CLI directory (got "${out.trim()}")`);
    }
    cliBinDir = dir;
  }
  return cliBinDir;
}

/**
 * An isolated place to run the real engine offline: a local file backend and `PULUMI_HOME` in a
 * temporary directory, a passphrase secrets provider, no update checks and no plugin downloads.
 */
export interface EngineSandbox {
  /** The temporary directory (backend state under `state/`, `PULUMI_HOME` under `home/`). */
  readonly dir: string;
  /** Environment for every `pulumi` command (and so for the provider process it starts). */
  readonly env: Record<string, string>;
  /** The CLI the Automation API drives. */
  readonly command: PulumiCommand;
  /** Removes the temporary directory. */
  cleanup(): void;
}

/** The passphrase that encrypts sandbox stacks' secrets (the sandbox is thrown away after use). */
export const SANDBOX_PASSPHRASE = "pulumi-spacelift-sandbox";

/** Creates an {@link EngineSandbox}; `env` adds to (and may override) the offline settings. */
export async function createSandbox(env: Record<string, string> = {}): Promise<EngineSandbox> {
  const bin = ensurePulumiCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-spacelift-e2e-"));
  fs.mkdirSync(path.join(dir, "state"));
  fs.mkdirSync(path.join(dir, "home"));
  const sandboxEnv: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: SANDBOX_PASSPHRASE,
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    ...env,
  };
  const command = await PulumiCommand.get({ root: path.dirname(bin) });
  return {
    dir,
    env: sandboxEnv,
    command,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Every file the local backend has written (stack checkpoints, their backups and the update
 * history), keyed by path relative to the backend directory and decompressed when gzipped. This
 * is the state as it rests on disk, with secrets encrypted; `stack.exportStack()` is not, because
 * the Automation API exports with `--show-secrets`.
 */
export function readBackendFiles(sandbox: EngineSandbox): Record<string, string> {
  const root = path.join(sandbox.dir, "state");
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        const raw = fs.readFileSync(full);
        const text = entry.name.endsWith(".gz")
          ? zlib.gunzipSync(raw).toString("utf8")
          : raw.toString("utf8");
        files[path.relative(root, full)] = text;
      }
    }
  };
  walk(root);
  return files;
}

/** Options of {@link inlineStack}. */
export interface InlineStackOptions {
  /** Pulumi project name (also the namespace of unqualified config keys). */
  readonly projectName: string;
  /** Stack name; defaults to `test`. */
  readonly stackName?: string;
  /** The program, run inside this test process. */
  readonly program: PulumiFn;
  /** Environment that overrides the sandbox's for this stack only. */
  readonly env?: Record<string, string>;
}

/**
 * Creates a stack for an inline program. The project's `main` is the repository root so the
 * dynamic-provider process starts there and resolves `@pulumi/pulumi` and `pulumi-spacelift`
 * exactly as it would in a user's project.
 */
export async function inlineStack(sandbox: EngineSandbox, options: InlineStackOptions): Promise<Stack> {
  const workDir = fs.mkdtempSync(path.join(sandbox.dir, "project-"));
  const workspaceOptions: LocalWorkspaceOptions = {
    workDir,
    pulumiCommand: sandbox.command,
    envVars: { ...sandbox.env, ...options.env },
    projectSettings: { name: options.projectName, runtime: "nodejs", main: REPO_ROOT },
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "test", projectName: options.projectName, program: options.program },
    workspaceOptions,
  );
  return retryingUnreachedProgram(stack);
}

/**
 * What the CLI says when its language host could not reach the inline program's server in this
 * process: the program never ran, so the engine registered nothing and the operation can be sent
 * again. Seen now and then on a loaded 2-core machine, never as a result of this package's code.
 */
const PROGRAM_UNREACHED = /14 UNAVAILABLE: No connection established/;

/**
 * `stack` with `preview`, `up`, `refresh` and `destroy` sent once more when the inline program's
 * server was not reached (see {@link PROGRAM_UNREACHED}); any other failure is the caller's.
 */
function retryingUnreachedProgram(stack: Stack): Stack {
  const once =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await operation(...args);
      } catch (err) {
        if (!PROGRAM_UNREACHED.test(String(err))) throw err;
        return operation(...args);
      }
    };
  stack.preview = once(stack.preview.bind(stack));
  stack.up = once(stack.up.bind(stack));
  stack.refresh = once(stack.refresh.bind(stack));
  stack.destroy = once(stack.destroy.bind(stack));
  return stack;
}

/**
 * Prepares a directory program (a `Pulumi.yaml` project such as `examples/quickstart`, or the
 * repository root whose `Pulumi.yaml` points at it) to run as `pulumi up` in its directory would,
 * without writing stack files into the repository: returns a temporary work directory holding a
 * copy of `Pulumi.yaml` whose `main` points back at the program.
 */
export function stageProject(sandbox: EngineSandbox, projectDir: string): string {
  const workDir = fs.mkdtempSync(path.join(sandbox.dir, "work-"));
  const yaml = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const mainMatch = /^main:\s*(\S+)\s*$/m.exec(yaml);
  const programDir = mainMatch ? path.resolve(projectDir, mainMatch[1]) : projectDir;
  const withoutMain = yaml.replace(/^main:.*$/m, "");
  fs.writeFileSync(
    path.join(workDir, "Pulumi.yaml"),
    `${withoutMain.trimEnd()}\nmain: ${path.relative(workDir, programDir)}/\n`,
  );
  return workDir;
}

/**
 * Creates a stack for a directory program (a `Pulumi.yaml` project such as `examples/quickstart`),
 * run by the CLI through the nodejs language host, as `pulumi up` in that directory does.
 */
export async function directoryStack(
  sandbox: EngineSandbox,
  workDir: string,
  stackName = "test",
  env: Record<string, string> = {},
): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { stackName, workDir },
    { pulumiCommand: sandbox.command, envVars: { ...sandbox.env, ...env } },
  );
}
