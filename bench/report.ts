/**
 * Pure helpers of the benchmark: medians and the markdown tables it prints.
 *
 * @packageDocumentation
 */

/** The operations measured, in the order they run on one stack. */
export const OPERATIONS = ["up", "preview", "update", "refresh", "destroy"] as const;

/** One measured operation. */
export type Operation = (typeof OPERATIONS)[number];

/** How each operation is labelled in the table. */
export const OPERATION_LABELS: Readonly<Record<Operation, string>> = {
  up: "`up` from empty",
  preview: "no-change `preview`",
  update: "no-change `up`",
  refresh: "`refresh`",
  destroy: "`destroy`",
};

/** What one operation of one deployment cost. */
export interface OperationSample {
  /** Wall time in seconds. */
  readonly seconds: number;
  /** GraphQL requests the emulator served during the operation. */
  readonly requests: number;
  /** Those requests per GraphQL operation name, to see where the count comes from. */
  readonly requestsByOperation?: Readonly<Record<string, number>>;
  /** Peak RSS in bytes of the dynamic-provider process, when it could be read. */
  readonly providerPeakRss?: number;
  /**
   * CPU seconds of the benchmark's process (the inline program and the emulator) and of the
   * engine and provider processes, when they could be read.
   */
  readonly cpuSeconds?: { readonly self: number; readonly children: number };
  /** CPU seconds of the dynamic-provider processes alone (a lower bound, see `./providerProcess`). */
  readonly providerCpuSeconds?: number;
}

/** What one deployment (one provider, one N, one run) cost. */
export interface DeploymentSample {
  readonly operations: Readonly<Record<Operation, OperationSample>>;
  /** Bytes of the stack's checkpoint file after `up` from empty. */
  readonly checkpointBytes: number;
}

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of the defined values, or undefined when none is. */
function medianDefined(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : median(defined);
}

/** Medians over runs of one provider at one N. */
export interface Summary {
  readonly seconds: Readonly<Record<Operation, number>>;
  readonly requestsPerResource: Readonly<Record<Operation, number>>;
  readonly peakRssBytes: Readonly<Record<Operation, number | undefined>>;
  /** Median CPU seconds of the benchmark's process (program and emulator). */
  readonly selfCpuSeconds: Readonly<Record<Operation, number | undefined>>;
  /** Median CPU seconds of the engine and provider processes. */
  readonly childrenCpuSeconds: Readonly<Record<Operation, number | undefined>>;
  /** Median CPU seconds of the provider processes alone. */
  readonly providerCpuSeconds: Readonly<Record<Operation, number | undefined>>;
  readonly checkpointBytesPerResource: number;
}

/** Summarizes the runs of one provider at `resources` resources. */
export function summarize(samples: readonly DeploymentSample[], resources: number): Summary {
  const per = <T>(pick: (op: Operation) => T): Record<Operation, T> =>
    Object.fromEntries(OPERATIONS.map((op) => [op, pick(op)])) as Record<Operation, T>;
  return {
    seconds: per((op) => median(samples.map((s) => s.operations[op].seconds))),
    requestsPerResource: per((op) => median(samples.map((s) => s.operations[op].requests)) / resources),
    peakRssBytes: per((op) => medianDefined(samples.map((s) => s.operations[op].providerPeakRss))),
    selfCpuSeconds: per((op) => medianDefined(samples.map((s) => s.operations[op].cpuSeconds?.self))),
    childrenCpuSeconds: per((op) => medianDefined(samples.map((s) => s.operations[op].cpuSeconds?.children))),
    providerCpuSeconds: per((op) => medianDefined(samples.map((s) => s.operations[op].providerCpuSeconds))),
    checkpointBytesPerResource: median(samples.map((s) => s.checkpointBytes)) / resources,
  };
}

/** Seconds with one decimal below 100 s (`12.3 s`), two below 10 s. */
export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
}

/** Megabytes (10^6) without decimals, or `n/a`. */
export function formatMegabytes(bytes: number | undefined): string {
  return bytes === undefined ? "n/a" : `${Math.round(bytes / 1e6)} MB`;
}

/**
 * The markdown table of one N: per operation, wall time of ours and the floor, their ratio,
 * requests per resource and the provider process's peak RSS, then checkpoint bytes per resource.
 */
export function formatTable(
  resources: number,
  latencyMs: number,
  runs: number,
  ours: Summary,
  floor: Summary,
): string {
  const header =
    `| N = ${resources}, ${latencyMs} ms, median of ${runs} | ours | floor | ours / floor ` +
    `| requests / resource (ours, floor) | provider peak RSS (ours, floor) |`;
  const lines = [header, "|---|---|---|---|---|---|"];
  for (const op of OPERATIONS) {
    lines.push(
      `| ${OPERATION_LABELS[op]} | ${formatSeconds(ours.seconds[op])} | ${formatSeconds(floor.seconds[op])} ` +
        `| ${(ours.seconds[op] / floor.seconds[op]).toFixed(2)} ` +
        `| ${ours.requestsPerResource[op].toFixed(2)}, ${floor.requestsPerResource[op].toFixed(2)} ` +
        `| ${formatMegabytes(ours.peakRssBytes[op])}, ${formatMegabytes(floor.peakRssBytes[op])} |`,
    );
  }
  const ourState = Math.round(ours.checkpointBytesPerResource);
  const floorState = Math.round(floor.checkpointBytesPerResource);
  lines.push(
    `| checkpoint bytes / resource | ${ourState} | ${floorState} | ` +
      `${(ours.checkpointBytesPerResource / floor.checkpointBytesPerResource).toFixed(2)} | | |`,
  );
  return lines.join("\n");
}

/** CPU seconds with one decimal, or `n/a`. */
function formatCpu(seconds: number | undefined): string {
  return seconds === undefined ? "n/a" : seconds.toFixed(1);
}

/**
 * The markdown table of one N's CPU seconds: the benchmark's process (the inline program and the
 * emulator, which share it), the engine with the provider process, and the provider process
 * alone, for ours and the floor.
 */
export function formatCpuTable(resources: number, ours: Summary, floor: Summary): string {
  const lines = [
    `| N = ${resources}, CPU s | program + emulator (ours, floor) | engine + provider (ours, floor) ` +
      `| of which provider (ours, floor) |`,
    "|---|---|---|---|",
  ];
  for (const op of OPERATIONS) {
    lines.push(
      `| ${OPERATION_LABELS[op]} | ${formatCpu(ours.selfCpuSeconds[op])}, ${formatCpu(floor.selfCpuSeconds[op])} ` +
        `| ${formatCpu(ours.childrenCpuSeconds[op])}, ${formatCpu(floor.childrenCpuSeconds[op])} ` +
        `| ${formatCpu(ours.providerCpuSeconds[op])}, ${formatCpu(floor.providerCpuSeconds[op])} |`,
    );
  }
  return lines.join("\n");
}
