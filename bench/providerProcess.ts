/**
 * Peak resident memory and CPU time of the dynamic-provider processes the engine starts, read from
 * Linux `/proc`: every `interval` ms the sampler finds the descendants of this process whose
 * command line runs Pulumi's `dynamic-provider`, keeps the largest `VmHWM` (the kernel's own peak
 * RSS of the process) and each process's latest user + system time. Whatever a process does after
 * its last sample is missed, so both figures are lower bounds; on systems without `/proc` they are
 * undefined.
 *
 * @packageDocumentation
 */

import * as fs from "node:fs";

/** What a sampler saw of the provider processes. */
export interface ProviderUsage {
  /** Largest peak RSS in bytes, or undefined when no process was seen. */
  readonly peakRss: number | undefined;
  /** CPU seconds (user + system) of all provider processes seen, or undefined when none was. */
  readonly cpuSeconds: number | undefined;
}

/** A running sampler. */
export interface ProviderSampler {
  /** Stops sampling and returns what was seen. */
  stop(): ProviderUsage;
}

/** USER_HZ, the unit of `/proc/<pid>/stat` times: 100 on every Linux Node supports. */
const TICKS_PER_SECOND = 100;

/** Fields of `/proc/<pid>/stat` after the command name, which may hold spaces and parentheses. */
function statFields(pid: number | "self"): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    // The process exited between listing and reading.
    return undefined;
  }
}

/** The parent PID of each process. */
function parentsOf(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields !== undefined) parents.set(pid, Number(fields[1]));
  }
  return parents;
}

function peakRssOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** User + system seconds of `pid` (stat fields 14 and 15). */
function cpuSecondsOf(pid: number): number | undefined {
  const fields = statFields(pid);
  if (fields === undefined) return undefined;
  return (Number(fields[14 - 3]) + Number(fields[15 - 3])) / TICKS_PER_SECOND;
}

function isDynamicProvider(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider");
  } catch {
    return false;
  }
}

/** The dynamic-provider processes descending from `root`. */
function providersUnder(root: number): number[] {
  const parents = parentsOf();
  const found: number[] = [];
  for (const pid of parents.keys()) {
    let ancestor = parents.get(pid);
    let depth = 0;
    while (ancestor !== undefined && ancestor !== root && ancestor > 1 && depth++ < 32) {
      ancestor = parents.get(ancestor);
    }
    if (ancestor === root && isDynamicProvider(pid)) found.push(pid);
  }
  return found;
}

/** Starts sampling the provider processes below this one every `intervalMs`. */
export function startProviderSampler(intervalMs = 100): ProviderSampler {
  if (!fs.existsSync("/proc/self/status"))
    return { stop: () => ({ peakRss: undefined, cpuSeconds: undefined }) };
  let peak: number | undefined;
  const cpuByPid = new Map<number, number>();
  const take = (): void => {
    for (const pid of providersUnder(process.pid)) {
      const rss = peakRssOf(pid);
      if (rss !== undefined && (peak === undefined || rss > peak)) peak = rss;
      const cpu = cpuSecondsOf(pid);
      if (cpu !== undefined) cpuByPid.set(pid, cpu);
    }
  };
  const timer = setInterval(take, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      const cpuSeconds = cpuByPid.size === 0 ? undefined : [...cpuByPid.values()].reduce((a, b) => a + b, 0);
      return { peakRss: peak, cpuSeconds };
    },
  };
}
