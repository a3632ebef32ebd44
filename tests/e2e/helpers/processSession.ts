/**
 * Starting a command in a session of its own and killing every process of that session at once,
 * as `kill -9` of a whole deployment (CLI, language host, program, providers) would.
 *
 * A process group is not enough for the Pulumi CLI: it starts each plugin (the language host, the
 * dynamic provider) in a process group of its own, so `kill -9 -<pgid of the CLI>` kills the CLI
 * alone and leaves the provider running, still sending requests. Every process keeps the session
 * of the CLI, though (none of them calls `setsid`), so the session finds them all. Linux only: the
 * processes of a session are read from `/proc`.
 *
 * @packageDocumentation
 */

import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";

/** One process of a session, from `/proc/<pid>/stat`. */
export interface SessionProcess {
  readonly pid: number;
  /** Its process group. */
  readonly pgid: number;
  /** The executable's name (at most 15 characters), e.g. `pulumi`, `node`. */
  readonly name: string;
  /** The scheduler state letter; `Z` for a zombie (dead, not yet reaped). */
  readonly state: string;
}

/** How a command ended. */
export interface Exit {
  /** Exit code; null when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, if any. */
  readonly signal: NodeJS.Signals | null;
}

/** A command running in its own session (its pid is the session id). */
export interface SessionCommand {
  /** The leader's pid, which is also the session id and the leader's process group. */
  readonly pid: number;
  /** Resolves when the leader has exited and its output streams are closed. */
  readonly exited: Promise<Exit>;
  /** Everything written to stdout and stderr so far, interleaved. */
  output(): string;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Whether the leader has exited. */
  hasExited(): boolean;
}

/** Options of {@link startSession}. */
export interface StartOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
}

/**
 * Runs `command` with `args` as the leader of a new session (`detached: true` calls `setsid`),
 * collecting its output. The caller must either await `exited` or call {@link killSession}.
 */
export function startSession(
  command: string,
  args: readonly string[],
  options: StartOptions,
): SessionCommand {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const chunks: string[] = [];
  const stdout: string[] = [];
  child.stdout?.on("data", (data: Buffer) => {
    chunks.push(data.toString("utf8"));
    stdout.push(data.toString("utf8"));
  });
  child.stderr?.on("data", (data: Buffer) => chunks.push(data.toString("utf8")));
  let done = false;
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid,
    exited,
    output: () => chunks.join(""),
    stdout: () => stdout.join(""),
    hasExited: () => done,
  };
}

/** Runs a command in its own session to completion and returns its exit and output. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: StartOptions,
): Promise<Exit & { readonly output: string; readonly stdout: string }> {
  const session = startSession(command, args, options);
  const exit = await session.exited;
  return { ...exit, output: session.output(), stdout: session.stdout() };
}

/** The live (not zombie) processes of session `sid`. */
export function sessionProcesses(sid: number): SessionProcess[] {
  const out: SessionProcess[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // It exited while the list was read.
    }
    // "pid (name) state ppid pgrp session ...": the name may hold spaces and parentheses.
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    const [state, , pgrp, session] = fields;
    if (Number(session) !== sid || state === "Z") continue;
    out.push({ pid: Number(entry), pgid: Number(pgrp), name: stat.slice(open + 1, close), state });
  }
  return out;
}

/**
 * Sends SIGKILL to every process group of the session, again until no live process of it is
 * left (a process may start another while the first signals are sent), then waits for the
 * leader's exit. Returns the processes that were alive when the kill began.
 */
export async function killSession(session: SessionCommand): Promise<SessionProcess[]> {
  const first = sessionProcesses(session.pid);
  for (let round = 0; round < 100; round++) {
    const alive = sessionProcesses(session.pid);
    if (alive.length === 0) break;
    for (const pgid of new Set(alive.map((p) => p.pgid))) signal(-pgid);
    for (const p of alive) signal(p.pid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const left = sessionProcesses(session.pid);
  if (left.length > 0) {
    throw new Error(`processes survived SIGKILL: ${left.map((p) => `${p.name}[${p.pid}]`).join(", ")}`);
  }
  await session.exited;
  return first;
}

function signal(target: number): void {
  try {
    process.kill(target, "SIGKILL");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}
