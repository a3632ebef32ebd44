/**
 * What the floor's provider does when the engine calls it, loaded by the dynamic-provider process
 * from a file the benchmark transpiles (see `./floor`). It makes one round trip to the emulator
 * (a trivial GraphQL query, so the injected latency applies) per create, update, delete and read,
 * and none for configure, check and diff.
 *
 * @packageDocumentation
 */

type Props = Record<string, unknown>;

/** One trivial GraphQL query to the emulator whose URL the engine's environment holds. */
async function roundTrip(operation: string): Promise<void> {
  const answer = await fetch(`${process.env.SPACELIFT_API_KEY_ENDPOINT}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `query ${operation} { __typename }` }),
  });
  await answer.text();
  if (!answer.ok) throw new Error(`floor ${operation}: HTTP ${answer.status}`);
}

/**
 * configure(req), check(olds, news), diff(id, olds, news) or read(id, props), told apart by their
 * arguments as pulumi-spacelift's runtime does.
 */
export async function observe(a: readonly unknown[]): Promise<unknown> {
  if (a.length === 1) return undefined;
  if (typeof a[0] !== "string") return { inputs: a[1] };
  if (a.length === 3) {
    const olds = a[1] as Props;
    const news = a[2] as Props;
    return { changes: Object.keys(news).some((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])) };
  }
  await roundTrip("FloorRead");
  return { id: a[0], props: a[1] };
}

let created = 0;

/** create(inputs), update(id, olds, news) or delete(id, props), told apart by their arguments. */
export async function mutate(a: readonly unknown[]): Promise<unknown> {
  await roundTrip("FloorMutate");
  if (a.length === 1) return { id: `floor-${process.pid}-${++created}`, outs: a[0] };
  if (a.length === 3) return { outs: a[2] };
  return undefined;
}
