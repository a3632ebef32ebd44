/**
 * Peak resident memory of the dynamic-provider processes the engine starts, read from Linux
 * `/proc`: every `interval` ms the sampler finds the descendants of this process whose command
 * line runs Pulumi's `dynamic-provider` and keeps the largest `VmHWM` (the kernel's own peak RSS
 * of the process) seen. A process's growth after its last sample is missed, so the figure is a
 * lower bound; on systems without `/proc` it is undefined.
 *
 * @packageDocumentation
 */

import * as fs from "node:fs";

/** A running sampler. */
export interface RssSampler {
  /** Stops sampling and returns the peak in bytes, or undefined when no process was seen. */
  stop(): number | undefined;
}

/** The parent PID of each process, from `/proc/<pid>/stat`. */
function parentsOf(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses; fields after its last ")" do not.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(pid, Number(fields[1]));
    } catch {
      // The process exited between listing and reading.
    }
  }
  return parents;
}

/** The peak RSS in bytes (`VmHWM`) of the process, or undefined when it is gone. */
function peakRssOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** True when the process's command line runs the dynamic provider. */
function isDynamicProvider(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider");
  } catch {
    return false;
  }
}

/** One sample: the largest peak RSS among this process's dynamic-provider descendants. */
function sample(root: number): number | undefined {
  const parents = parentsOf();
  let peak: number | undefined;
  for (const pid of parents.keys()) {
    let ancestor = parents.get(pid);
    let depth = 0;
    while (ancestor !== undefined && ancestor !== root && ancestor > 1 && depth++ < 32) {
      ancestor = parents.get(ancestor);
    }
    if (ancestor !== root || !isDynamicProvider(pid)) continue;
    const rss = peakRssOf(pid);
    if (rss !== undefined && (peak === undefined || rss > peak)) peak = rss;
  }
  return peak;
}

/** Starts sampling this process's dynamic-provider descendants every `intervalMs`. */
export function startRssSampler(intervalMs = 100): RssSampler {
  if (!fs.existsSync("/proc/self/status")) return { stop: () => undefined };
  let peak: number | undefined;
  const take = (): void => {
    const rss = sample(process.pid);
    if (rss !== undefined && (peak === undefined || rss > peak)) peak = rss;
  };
  const timer = setInterval(take, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
