/**
 * CPU time of this process and of its waited-for descendants, from Linux `/proc/self/stat`.
 * The benchmark's own process runs the inline program and the emulator; its descendants are the
 * Pulumi CLI (the engine) and the dynamic-provider process the CLI starts and waits for.
 *
 * @packageDocumentation
 */

import * as fs from "node:fs";

/** CPU seconds used so far. */
export interface CpuTimes {
  /** This process (user + system): the inline program and the emulator. */
  readonly self: number;
  /** Descendants that have exited and been waited for (user + system): engine and provider. */
  readonly children: number;
}

/** Reads the CPU times, or undefined where `/proc` is not available. */
export function readCpuTimes(): CpuTimes | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name: state is field 3, utime..cstime are fields 14..17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = (index: number): number => Number(fields[index - 3]);
    const hz = 100; // USER_HZ, 100 on every Linux Node supports
    return { self: (ticks(14) + ticks(15)) / hz, children: (ticks(16) + ticks(17)) / hz };
  } catch {
    return undefined;
  }
}

/** The CPU seconds spent between `before` and `after`, or undefined if either is missing. */
export function cpuSpent(before: CpuTimes | undefined, after: CpuTimes | undefined): CpuTimes | undefined {
  if (before === undefined || after === undefined) return undefined;
  return { self: after.self - before.self, children: after.children - before.children };
}
