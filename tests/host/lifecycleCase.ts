import type { JsonValue, PropertyMap } from "../helpers/providerHost";

/**
 * One entry of the table-driven lifecycle suite (`lifecycle.spec.ts`): everything needed to drive
 * one resource kind through Pulumi's real dynamic-provider host against the emulator. An entry is
 * plain data; put it in its own file under `tests/host/lifecycleCases/` exporting `lifecycleCase`,
 * and the suite picks it up.
 *
 * **Placeholders.** Any string in `create`, `update`, `replace.inputs`, `expect`, `drift` and
 * `vanish` may contain these tokens, substituted before use:
 *
 * | token                  | value                                                        |
 * |------------------------|--------------------------------------------------------------|
 * | `{run}`                | a short suffix unique to this test run (keeps names unique)  |
 * | `{parent.<ref>.id}`    | the ID of the parent resource declared with `ref`            |
 * | `{parent.<ref>.<key>}` | an output of that parent                                     |
 * | `{id}`                 | the ID of the resource under test (out-of-band steps only)   |
 * | `{outs.<key>}`         | an output of the resource under test (out-of-band steps only)|
 *
 * A string that is exactly one token takes the token's value as is (numbers stay numbers).
 *
 * @example
 * ```ts
 * export const lifecycleCase: LifecycleCase = {
 *   kind: "Context",
 *   create: { name: "lifecycle-context-{run}", description: "first" },
 *   update: { description: "second" },
 *   unknown: [{ property: "description" }],
 *   drift: {
 *     call: {
 *       query: "mutation($id: ID!, $input: ContextInput!) { contextUpdateV2(id: $id, input: $input) { id } }",
 *       variables: { id: "{id}", input: { name: "{outs.name}", description: "changed elsewhere" } },
 *     },
 *     expect: { description: "changed elsewhere" },
 *   },
 *   vanish: { query: "mutation($id: ID!) { contextDelete(id: $id) { id } }", variables: { id: "{id}" } },
 * };
 * ```
 */
export interface LifecycleCase {
  /** The resource kind, as the SDK exports it (`Space`, `EnvironmentVariable`). */
  readonly kind: string;

  /**
   * Resources the one under test needs (a context for an environment variable), created through
   * the host before the case runs and deleted after it, in reverse order.
   */
  readonly parents?: readonly ParentResource[];

  /** The program's inputs for the first create. */
  readonly create: PropertyMap;

  /**
   * Outputs expected after create (a subset; every listed key must match exactly). Defaults to
   * `create` without `hiddenInputs`.
   */
  readonly expect?: PropertyMap;

  /**
   * Inputs that never appear in outputs (write-only values). They are left out of the default
   * expectations and asserted to be absent from every output and from the host's logs.
   */
  readonly hiddenInputs?: readonly string[];

  /**
   * An in-place update: inputs merged over `create`. Diff must report a change without replacement,
   * and the outputs of update and of a following read must hold the new values. Leave it out for
   * kinds Spacelift cannot update (descriptor `immutable`); the suite checks that it is one.
   */
  readonly update?: PropertyMap;

  /**
   * A change that forces replacement: inputs merged over the current ones, the top-level arguments
   * diff must list in `replaces`, and whether the old object must go first. The suite then replaces
   * the resource the way the engine orders it. Leave it out only when no argument forces
   * replacement; the suite checks that against the descriptor.
   */
  readonly replace?: {
    readonly inputs: PropertyMap;
    readonly replaces: readonly string[];
    readonly deleteBeforeReplace: boolean;
  };

  /**
   * Preview with values that are not known yet: each `property` is set to Pulumi's unknown sentinel.
   * Check must accept it and keep it; diff against the current outputs must report a change, with
   * `property` in `replaces` exactly when `replaces` is true.
   */
  readonly unknown: readonly { readonly property: string; readonly replaces?: boolean }[];

  /**
   * A change made directly in the emulator, behind Pulumi's back. A following read (refresh) must
   * report `expect`, and diff of those refreshed outputs against the program's inputs must report a
   * change, listing `replaces` (default none). Leave it out for kinds that nothing can change in
   * place, not even outside Pulumi (attachments: detaching and attaching again makes a new object
   * with a new ID, which refresh rightly reports as the old one gone, as `vanish` checks); the suite
   * checks that the kind is `immutable`.
   */
  readonly drift?: {
    readonly call: GraphQLCall;
    readonly expect: PropertyMap;
    readonly replaces?: readonly string[];
  };

  /** Deletes the object directly in the emulator; read must then report it gone, and delete must still succeed. */
  readonly vanish: GraphQLCall;
}

/** A resource created before the case, through the host, and referenced by `{parent.<ref>...}`. */
export interface ParentResource {
  /** Name used in placeholders. */
  readonly ref: string;
  /** Its kind. */
  readonly kind: string;
  /** Its inputs; placeholders may refer to earlier parents. */
  readonly inputs: PropertyMap;
}

/** A GraphQL request sent straight to the emulator, authenticated with its API key. */
export interface GraphQLCall {
  /** The document. */
  readonly query: string;
  /** Its variables; placeholders allowed. */
  readonly variables?: { readonly [name: string]: JsonValue };
}
