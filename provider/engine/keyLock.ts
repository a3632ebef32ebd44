/**
 * One-at-a-time execution per key within the provider process.
 *
 * Pulumi runs creates in parallel in one provider process. Two resources of a program that
 * declare the same upserted object (a variable of one name on one context) would otherwise both
 * look, both find nothing and both write, ending up sharing one object; serialising creates per
 * natural key makes the second one see the first one's object and refuse it.
 *
 * @packageDocumentation
 */

const tails = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call with the same `key` has settled; no key, no waiting. */
export async function withKeyLock<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
  if (key === undefined) return work();
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    // The map only holds keys with work pending, so it does not grow with the deployment.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
