/**
 * A local emulator of the Spacelift GraphQL API, for tests, demos and CI.
 *
 * ```ts
 * import { startEmulator } from "pulumi-spacelift/emulator";
 *
 * const emulator = await startEmulator();
 * process.env.SPACELIFT_API_KEY_ENDPOINT = emulator.url;
 * process.env.SPACELIFT_API_KEY_ID = emulator.apiKey.id;
 * process.env.SPACELIFT_API_KEY_SECRET = emulator.apiKey.secret;
 * // ... run the program or tests ...
 * await emulator.close();
 * ```
 *
 * `POST {url}/graphql` serves the API. Test controls, which are not Spacelift API, are on the
 * handle (`emulator.controls`) and over HTTP, JSON in and out:
 *
 * | route | body | effect |
 * |---|---|---|
 * | `GET /_emulator/health` | | `{ ok, url }` |
 * | `GET /_emulator/stats` | | `{ total, byOperation, byCredential, recent[] }` |
 * | `POST /_emulator/stats/reset` | | forget counts and the request log |
 * | `GET /_emulator/latency` | | `{ ms }` |
 * | `POST /_emulator/latency` | `{ ms }` | delay every GraphQL request |
 * | `GET /_emulator/faults` | | `{ faults: FaultRule[] }` |
 * | `POST /_emulator/faults` | `FaultRuleInput` | add a fault rule, returns the `FaultRule` |
 * | `DELETE /_emulator/faults` | | remove every fault rule |
 * | `POST /_emulator/tokens/expire` | | tokens issued so far become anonymous |
 * | `POST /_emulator/tokens/revoke` | | new signing key: tokens issued so far become anonymous, data stays |
 * | `POST /_emulator/seed` | `SeedInput` | add objects; returns `{ ok, created }` |
 * | `POST /_emulator/data/reset` | | remove every object (settings are kept) |
 * | `POST /_emulator/runs/fail` | `{ stack, count? }` | the stack's next `count` (default 1) runs fail |
 *
 * A `FaultRuleInput` is `{ operation?, operationKind?: "query" | "mutation", times | share, fault }`;
 * `fault.kind` is `serverError`, `rateLimit`, `graphqlError` or `dropBeforeApply` (the operation
 * does not run), or `applyThenServerError`, `applyThenDrop` or `slowAnswer` (it runs and its
 * effect is kept, but the answer is lost or late).
 *
 * Errors are `{ error }` with HTTP 400 (bad body), 404 (unknown route) or 405 (wrong method).
 *
 * @packageDocumentation
 */
import type { GraphQLSchema } from "graphql";
import { assembleEmulator, type EmulatorHandle } from "./assemble";
import type { EmulatorOptions } from "./options";
import { buildEmulatorSchema } from "./schema";
import { seedFromUnknown } from "./seed";

export type { AnonymousReads } from "./anonymousReads";
export type { EmulatorHandle } from "./assemble";
export type { EmulatorControls } from "./controls";
export type { ApiKeyCredential, GitHubTokenCredential } from "./credentials";
export type { Fault, FaultKind, FaultRule, FaultRuleInput } from "./faults";
export type { EmulatorOptions } from "./options";
export type { SeedInput, SeedResult } from "./seed";
export type { RequestLogEntry, RequestStats } from "./stats";
export type { Store, StoreSnapshot } from "./store";
export type { IssuedToken } from "./tokens";

let schema: GraphQLSchema | undefined;

/**
 * Starts an emulator listening on `options.host` (default `127.0.0.1`) and `options.port`
 * (default 0: a free port). Without `options.apiKeys`, one API key with a ULID id and a random
 * secret is generated; it is `handle.apiKey` either way.
 *
 * @throws when the port cannot be bound, an option is invalid, or `options.stateFile` exists but
 *   is not valid emulator state (the message names the file)
 */
export async function startEmulator(options?: EmulatorOptions): Promise<EmulatorHandle> {
  // The schema holds no state (data lives in each emulator's store), so one serves every instance.
  schema ??= buildEmulatorSchema();
  return assembleEmulator(options, { schema, seed: seedFromUnknown });
}
