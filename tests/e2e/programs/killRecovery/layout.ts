/**
 * What the kill-recovery program (`index.ts` beside this file) declares, by resource kind, so
 * that the test can check state and the emulator against it without reading the program.
 *
 * @packageDocumentation
 */

/** Resources declared once, whatever the number of teams. */
export const SHARED: Readonly<Record<string, number>> = {
  Space: 1,
  Context: 1,
  EnvironmentVariable: 1,
  Policy: 1,
};

/** Resources declared for each team. */
export const PER_TEAM: Readonly<Record<string, number>> = {
  Space: 1,
  WorkerPool: 1,
  Stack: 2,
  Context: 1,
  EnvironmentVariable: 4,
  MountedFile: 1,
  ContextAttachment: 2,
  Policy: 1,
  PolicyAttachment: 2,
  Webhook: 1,
  NamedWebhook: 1,
  StackDependency: 1,
  StackDependencyReference: 1,
  DriftDetection: 1,
};

/** How many resources of each kind the program declares with `teams` teams. */
export function declaredKinds(teams: number): Record<string, number> {
  const out: Record<string, number> = { ...SHARED };
  for (const [kind, n] of Object.entries(PER_TEAM)) out[kind] = (out[kind] ?? 0) + n * teams;
  return out;
}

/** How many resources the program declares with `teams` teams (the Pulumi stack not counted). */
export function declaredCount(teams: number): number {
  return Object.values(declaredKinds(teams)).reduce((a, b) => a + b, 0);
}
