/**
 * The resource descriptor: everything the engine needs to know about one Spacelift resource,
 * as declarative data. One descriptor per file in `provider/resources/`; no descriptor contains
 * CRUD code.
 *
 * A descriptor has four parts:
 *
 * 1. **Fields** ({@link FieldSpec}): the Pulumi arguments and outputs, their types, flags and
 *    how each maps to GraphQL input and output fields.
 * 2. **Operations** ({@link Operations}): the verbatim GraphQL root fields for create, read, update
 *    and delete, and where each argument's value comes from ({@link arg}). Documents, variables
 *    and selections are generated from the fields, so create and update never build the same input
 *    twice by hand.
 * 3. **Identity** ({@link IdSpec}): where the Pulumi id comes from, or how a composite id is
 *    composed and parsed.
 * 4. **Behaviour flags**: `immutable`, `deleteBeforeReplace`, `asyncDelete`, cross-field `rules`,
 *    and small named `hooks` where one operation truly differs by case.
 *
 * @example
 * ```ts
 * export const context = defineResource({
 *   kind: "Context",
 *   doc: "A collection of configuration elements attachable to stacks and modules.",
 *   fields: {
 *     name: { type: t.string(), required: true, doc: "Unique name.", validate: [slugName()] },
 *     spaceId: { type: t.string(), gql: "space", serverDefault: true, doc: "Space ID." },
 *   },
 *   operations: {
 *     create: mutation("ContextCreate", "contextCreateV2", { input: arg.input("ContextInput!") }),
 *     read: query("ContextRead", "context", { id: arg.id() }),
 *     update: mutation("ContextUpdate", "contextUpdateV2", { id: arg.id(), input: arg.input("ContextInput!") }),
 *     delete: mutation("ContextDelete", "contextDelete", { id: arg.id() }),
 *   },
 * });
 * ```
 *
 * @packageDocumentation
 */

import type { Constraint } from "./constraints";
import type { FieldType, InputsOfFields, OutputsOfFields } from "./fieldTypes";
import type { Rule } from "./rules";
import type { ObjectRef } from "./madeHere";
import type { JsonObject, JsonValue, Values } from "./values";
import { validateDescriptor } from "./descriptorValidation";

/**
 * One Pulumi property of a resource (or of a nested object).
 *
 * The key under which the field is declared is its **Pulumi argument name** (camelCase, matching
 * Spacelift's deprecated official provider: `spaceId`, `parentSpaceId`, `writeOnly`...). `gql`,
 * `gqlInput` and `gqlOutput` say what it is called on the GraphQL side.
 */
export interface FieldSpec<T extends FieldType = FieldType> {
  /** The value type; build it with `t` (`t.string()`, `t.set(t.string())`, `t.object({...})`). */
  readonly type: T;

  /**
   * Markdown documentation for the argument/output. It is the single source for the SDK's TSDoc
   * and the generated reference, so write it for users: what it is, defaults, constraints.
   */
  readonly doc: string;

  /** The user must set it. `check` fails when it is missing (unknown during preview is fine). */
  readonly required?: boolean;

  /**
   * Value `check` fills in when the user leaves the field unset. It is part of the normalized
   * inputs, so it is sent to the API and stored in outputs, and diffs compare against it.
   */
  readonly default?: JsonValue;

  /**
   * Output only: the API decides the value (`checksum`, `createdAt`). Users cannot set it, it is
   * never sent in an input object, and it never causes a diff.
   */
  readonly computed?: boolean;

  /**
   * For a `computed` field: the API hands the value out only in a mutation's answer (the create's,
   * or a reset's), and reads give null (a one-time token such as a VCS agent pool's `config`). The
   * stored value is then kept by reads and updates instead of being dropped, and its absence from an
   * answer never calls for a read-back. An object brought in with `get` or an import has no value.
   */
  readonly issuedOnce?: boolean;

  /**
   * Optional input whose value, when the user leaves it unset, is chosen by the API and read back
   * (Terraform's Optional+Computed, e.g. a context's `spaceId`). Unset in the program means "keep
   * whatever the API has", so it causes no diff; setting it does.
   */
  readonly serverDefault?: boolean;

  /**
   * For a top-level `serverDefault` input: `false` stops the engine from sending the stored value
   * on update when the program leaves it unset (the default, because Spacelift updates replace the
   * whole object and its own clients re-send such values). Then null is sent, so Spacelift chooses
   * again, unless `hooks.localValues` supplies a value (e.g. only while a stack keeps its vendor).
   */
  readonly resendWhenUnset?: false;

  /**
   * Changing the value requires a new object (Terraform's ForceNew). `diff` lists the top-level
   * argument in `replaces`; on a nested field, the enclosing top-level argument is listed, and only
   * a change inside an enclosing object present before and after counts (adding or removing the
   * object is not a change of the nested field).
   */
  readonly replaceOnChange?: boolean;

  /**
   * The output is secret: the SDK passes it in `additionalSecretOutputs` so Pulumi encrypts it in
   * state. (Returning a secret wrapper from a dynamic provider is not supported by Pulumi.)
   * Top-level fields only.
   */
  readonly secret?: boolean;

  /**
   * The value is never stored in outputs. Instead the output named `checksumField` (a computed
   * string field of the same descriptor) holds the lowercase hex SHA-256 of the value, and diffs
   * compare `sha256(new value)` with it. Reads never put the value back, even when the API returns
   * it. Use for secrets the API itself only exposes as a checksum (environment variable values,
   * mounted file content). Top-level fields only.
   */
  readonly writeOnly?: WriteOnlySpec;

  /**
   * GraphQL name for both the input object and the output object; a dotted path reaches into
   * nested GraphQL objects (`hooks.afterApply`). Defaults to the argument name. `false` means the
   * field exists only on the Pulumi side (e.g. a parent id that is passed as an operation argument).
   */
  readonly gql?: string | false;

  /** Overrides `gql` for the input object only (e.g. `workerPool` in, `workerPool.id` out). */
  readonly gqlInput?: string | false;

  /** Overrides `gql` for the selection and the returned object only. `false`: not readable. */
  readonly gqlOutput?: string | false;

  /** Value constraints checked by `check` on the whole value, after the type check (`constraints.ts`). */
  readonly validate?: readonly Constraint[];

  /** Constraints checked on each element of a list or each value of a map (e.g. label format). */
  readonly validateEach?: readonly Constraint[];

  /**
   * Converts between the Pulumi value and the GraphQL value when they differ in shape (a map sent
   * as a list of `{key, value}`, a union read back with `__typename`). Keep both directions pure.
   */
  readonly transform?: FieldTransform;

  /**
   * The sub-selection to request for this field, verbatim (e.g. `{ key value }` or a union's
   * inline fragments), when the one generated from nested fields does not fit. Use with `transform`.
   */
  readonly selection?: string;

  /** When set, the argument is deprecated; the text says what to use instead. */
  readonly deprecated?: string;

  /**
   * Top-level string fields only: when the program leaves the field unset, `check` names the object
   * after its Pulumi resource, as the official provider's auto-naming does, so the argument is
   * optional. The name is kept once the resource exists (taken from the old inputs, so renaming or
   * aliasing the resource never renames the object) and is otherwise the resource's logical name
   * plus a suffix derived from its resource key: the same in preview and up, different per Pulumi
   * stack. `"dash"`: `<name>-<7 hex digits>`; `"identifier"`: the name with every character other
   * than letters, digits and `_` turned into `_`, then `_<7 hex digits>` (environment variables).
   */
  readonly autoName?: AutoNameStyle;

  /**
   * For a `computed` or `serverDefault` field: every object has a value once it is created (an id
   * Spacelift assigns, the space it chose), so the SDK declares the output without `| undefined`,
   * as the official SDK does. Leave it unset where the value can be absent (a Terraform version on
   * a Pulumi stack, a private key when the program gave the CSR).
   */
  readonly alwaysSet?: true;

  /**
   * The name the argument had in earlier versions of this package (`schedule` for `schedules`).
   * Programs may still set it (the SDK declares it `@deprecated`; setting both fails check), and
   * state written under it is read as this field, so upgrading shows no change. Top-level only.
   */
  readonly formerName?: string;

  /**
   * Only the create uses the value (a stack's state to import): it is never kept in outputs, never
   * read back, and a later change makes no diff (Terraform's "ignore once created"). Top-level
   * fields only; the create reaches it through an argument or `operations.beforeCreate`.
   */
  readonly createOnly?: boolean;

  /**
   * Reads the value from the whole object the API returned instead of from one member, for a value
   * the API spreads over several members or returns inside a union (a stack's VCS blocks come from
   * `provider`, `namespace` and `vcsIntegration`; its vendor blocks from the `vendorConfig` union).
   * It replaces the output mapping: `gql`/`gqlOutput` then only name the input.
   */
  readonly readFrom?: FieldReader;
}

/** How {@link FieldSpec.autoName} builds a name. */
export type AutoNameStyle = "dash" | "identifier";

/** How a field is read from the whole returned object; see {@link FieldSpec.readFrom}. */
export interface FieldReader {
  /**
   * The selection the reader needs on the object, verbatim GraphQL (`provider namespace
   * vcsIntegration { id }`). It is added once to every generated selection; readers may overlap,
   * since GraphQL merges repeated fields.
   */
  readonly select: string;
  /** The Pulumi value, from the object at the field's level; undefined when absent. Keep it pure. */
  read(obj: JsonObject): JsonValue | undefined;
}

/** How a write-only field is kept out of state; see {@link FieldSpec.writeOnly}. */
export interface WriteOnlySpec {
  /** The computed string field that holds the value's SHA-256. */
  readonly checksumField: string;
  /**
   * The API cannot clear the value in place: an empty value on update means "keep the stored one"
   * (webhook secrets). Changing the value to empty or unset then replaces the object, while
   * changing it to another non-empty value still updates in place.
   */
  readonly replaceOnClear?: boolean;
}

/** Pure converters between Pulumi values and GraphQL values for one field. */
export interface FieldTransform {
  /** Pulumi value → GraphQL input value. */
  toInput?(value: JsonValue): JsonValue;
  /** GraphQL output value → Pulumi value (`undefined` means "absent"). */
  fromOutput?(value: JsonValue): JsonValue | undefined;
}

/** A descriptor's fields, keyed by Pulumi argument name. */
export type Fields = Readonly<Record<string, FieldSpec>>;

/**
 * Where the value of one GraphQL argument comes from.
 *
 * - `id`: the Pulumi resource id.
 * - `field`: a value from the current values (normalized inputs, computed outputs, and the parts
 *   parsed from a composite id), by argument name.
 * - `input`: the input object generated from every field that has a GraphQL input name, plus
 *   `extra` constant members (e.g. `type: "ENVIRONMENT_VARIABLE"`).
 * - `const`: a fixed value.
 * - `derived`: computed from the current values, e.g. one part of a composite parent id
 *   (`<stackId>/<dependencyId>`); undefined is sent as `null`.
 */
export type ArgSource =
  | { readonly from: "id" }
  | { readonly from: "field"; readonly field: string }
  | {
      readonly from: "input";
      readonly extra?: Readonly<Record<string, JsonValue>>;
      /** The member of the input object that carries the resource id (`ManagedUserUpdateInput.id`). */
      readonly idMember?: string;
    }
  | { readonly from: "const"; readonly value: JsonValue }
  | { readonly from: "derived"; derive(values: Values): JsonValue | undefined };

/**
 * One argument of a GraphQL field. The key it is declared under is the GraphQL argument name;
 * `variable` is the `$variable` name in the document (defaults to the argument name, and must be
 * set when two arguments on the path share a name, e.g. `context(id:)` and `configElement(id:)`).
 */
export interface ArgDef {
  /** The GraphQL variable type exactly as the schema spells it: `ID!`, `ContextInput!`, `[String!]`. */
  readonly type: string;
  /** Where the value comes from. */
  readonly source: ArgSource;
  /** The `$variable` name; defaults to the argument name. */
  readonly variable?: string;
}

/** Builders for {@link ArgDef}. `variable` renames the `$variable` when argument names collide. */
export const arg = {
  /** The resource id (`ID!` unless stated). */
  id: (type = "ID!", variable?: string): ArgDef => withVariable({ type, source: { from: "id" } }, variable),
  /** The value of field `field` (normalized input, computed output or composite-id part). */
  field: (field: string, type: string, variable?: string): ArgDef =>
    withVariable({ type, source: { from: "field", field } }, variable),
  /** The generated input object, plus constant members. */
  input: (type: string, extra?: Readonly<Record<string, JsonValue>>, variable?: string): ArgDef =>
    withVariable({ type, source: extra ? { from: "input", extra } : { from: "input" } }, variable),
  /**
   * The generated input object with the resource id in member `member`, for updates whose input
   * names the object itself (`managedUserUpdate(input: { id, accessRules })`).
   */
  inputWithId: (type: string, member = "id", variable?: string): ArgDef =>
    withVariable({ type, source: { from: "input", idMember: member } }, variable),
  /** A constant. */
  constant: (type: string, value: JsonValue, variable?: string): ArgDef =>
    withVariable({ type, source: { from: "const", value } }, variable),
  /** A value computed from the current values (keep `derive` pure). */
  derived: (type: string, derive: (values: Values) => JsonValue | undefined, variable?: string): ArgDef =>
    withVariable({ type, source: { from: "derived", derive } }, variable),
};

function withVariable(def: ArgDef, variable: string | undefined): ArgDef {
  return variable === undefined ? def : { ...def, variable };
}

/** One step below the root field, e.g. `configElement(id: $name)` under `context(id: $context)`. */
export interface PathStep {
  /** GraphQL field name. */
  readonly field: string;
  /** Its arguments (GraphQL argument name → definition). */
  readonly args: Readonly<Record<string, ArgDef>>;
}

/**
 * What to select on the object an operation returns.
 *
 * - `"fields"`: every field with a GraphQL output name (the default for create, read, update).
 * - `"id"`: just `id` (the default for delete).
 * - a list of GraphQL output paths, verbatim.
 */
export type Selection = "fields" | "id" | readonly string[];

/**
 * One GraphQL operation of a resource. The document is generated:
 * `mutation <name>($v: T, ...) { <field>(arg: $v, ...) { <path...> { <selection> } } }`.
 */
export interface OperationDef {
  /** Operation name in the document, PascalCase and unique within the descriptor: `ContextCreate`. */
  readonly name: string;
  /** Query or mutation. */
  readonly kind: "query" | "mutation";
  /** The root field, verbatim: `contextCreateV2`, `policyCreatev2`, `spaceUpdate`. */
  readonly field: string;
  /** The root field's arguments (GraphQL argument name → definition). */
  readonly args: Readonly<Record<string, ArgDef>>;
  /** Nested lookups below the root field; the result is the object at the end of the path. */
  readonly path?: readonly PathStep[];
  /** What to select on the result object. */
  readonly selection?: Selection;
  /** Extra GraphQL paths to select that no field maps (e.g. a stack's `deleting` flag for polling). */
  readonly extraSelection?: readonly string[];
  /** Safe to retry after an ambiguous failure; defaults to true for queries, updates and deletes, false for creates. */
  readonly idempotent?: boolean;
  /** Adapts the generated input object to this operation's input type; see {@link InputShape}. */
  readonly shapeInput?: InputShape;
  /** Refusals that go away on their own, to wait out; see {@link RetryWhile}. */
  readonly retryWhile?: RetryWhile;
  /**
   * The field answers a scalar rather than an object (`securityEmail: String`): nothing is selected,
   * and the answer is read as an object whose member at this GraphQL path holds it. A null answer
   * stays null (gone); a list of scalars (a webhook's header keys) is read as a list of such
   * objects, for `hooks.selectFromList` to pick from.
   */
  readonly scalar?: string;
  /**
   * More scalar root fields, without arguments, asked in the same document as `field` (which must
   * be a `scalar` one too), each read into the answer at the GraphQL path given: Spacelift answers
   * some settings only as separate root fields (the account's two default runner images). The
   * answer is null (gone) only when every field is null.
   */
  readonly alongside?: Readonly<Record<string, string>>;
}

/**
 * A refusal Spacelift gives until something outside it settles (AWS needs seconds to propagate a
 * new role's trust policy, and `awsIntegrationAttach` is refused meanwhile). The engine sends the
 * operation again, `attempts` times in all, `delayMs` apart, while the refusal's message matches.
 * Only for refusals: the server ran nothing, so repeating is safe even for a create.
 */
export interface RetryWhile {
  /** Matches the refusal's message. */
  readonly message: RegExp;
  /** Sends in all, the first included. */
  readonly attempts: number;
  /** Wait between sends, ms. */
  readonly delayMs: number;
}

/**
 * Lays out the input object for one operation whose input type differs from the others: a
 * module's create input nests its settings under `updateInput`, a policy's update input has no
 * `type`. Gets the object built from the fields (after `hooks.shapeInput`) and the current values;
 * returns the object to send. Keep it pure.
 */
export type InputShape = (input: JsonObject, values: Values) => JsonObject;

/** Options for {@link query} and {@link mutation}. */
export interface OperationOptions {
  /** Nested lookups below the root field. */
  readonly path?: readonly PathStep[];
  /** What to select on the result. */
  readonly selection?: Selection;
  /** Extra raw paths to select. */
  readonly extraSelection?: readonly string[];
  /** Overrides the default idempotency. */
  readonly idempotent?: boolean;
  /** Adapts the generated input object to this operation's input type. */
  readonly shapeInput?: InputShape;
  /** Refusals to wait out. */
  readonly retryWhile?: RetryWhile;
  /** The field answers a scalar, read as this member; see {@link OperationDef.scalar}. */
  readonly scalar?: string;
  /** More scalar root fields asked alongside; see {@link OperationDef.alongside}. */
  readonly alongside?: Readonly<Record<string, string>>;
}

/** A query operation: `query(name, rootField, args, options?)`. */
export function query(
  name: string,
  field: string,
  args: Readonly<Record<string, ArgDef>>,
  options: OperationOptions = {},
): OperationDef {
  return { name, kind: "query", field, args, ...options };
}

/** A mutation operation: `mutation(name, rootField, args, options?)`. */
export function mutation(
  name: string,
  field: string,
  args: Readonly<Record<string, ArgDef>>,
  options: OperationOptions = {},
): OperationDef {
  return { name, kind: "mutation", field, args, ...options };
}

/**
 * Several versions of one operation, chosen per call by the descriptor's `hooks.selectVariant`
 * (e.g. `contextConfigAdd` vs `stackConfigAdd` by parent kind). Every operation of a descriptor
 * that uses variants must declare the same variant keys.
 */
export interface OperationVariants {
  readonly variants: Readonly<Record<string, OperationDef>>;
}

/** Declares {@link OperationVariants}. */
export function variants(byKey: Readonly<Record<string, OperationDef>>): OperationVariants {
  return { variants: byKey };
}

/** An operation slot: one operation, or variants of it. */
export type OperationSlot = OperationDef | OperationVariants;

/**
 * The resource's operations. `update` is absent exactly when the resource is `immutable`.
 * `read` must return null (or fail with not-found) when the object is gone.
 */
export interface Operations {
  /** Absent exactly when the resource is `createReadsOnly`. */
  readonly create?: OperationSlot;
  readonly read: OperationSlot;
  readonly update?: OperationSlot;
  /** Absent exactly when the resource is `forgetOnDelete`. */
  readonly delete?: OperationSlot;
  /**
   * Mutations run after `update`, each only when one of its `when` fields changed from the previous
   * outputs: settings the API changes through a mutation of their own (a worker pool's CSR goes
   * through `workerPoolReset`, not `workerPoolUpdate`). Their results add to the update's.
   */
  readonly afterUpdate?: readonly ConditionalOperation[];
  /**
   * Mutations run before `update`, each only when its `when` predicate holds for the new values
   * and the previous outputs: a change the update itself cannot make (a stack switching between
   * Terraform and Terragrunt goes through `stackMigrateVendor` first).
   */
  readonly beforeUpdate?: readonly PreparingOperation[];
  /**
   * Steps run before `create`, each only when `when` holds for the values to create: a mutation
   * whose answer `use` turns into values the create then sends (a stack's state to import is
   * uploaded to the URL `stateUploadUrl` hands out, and `stackCreate` names the uploaded object).
   */
  readonly beforeCreate?: readonly CreatePreparation[];
  /**
   * Mutations run after `create`, each only when `when` holds for the created values: settings the
   * create input cannot carry (`modulePublish`, `moduleShare`). They also run when an earlier
   * create is adopted, so they must be idempotent. The object is then read back.
   */
  readonly afterCreate?: readonly CreateFollowUp[];
  /**
   * Mutations run before `delete`, each only when `when` holds for the stored values: what must
   * happen first (a stack destructor discards the stack's queued runs). `refusedWhen` turns an
   * answer that reports a failure into the delete's error.
   */
  readonly beforeDelete?: readonly DeletePreparation[];
}

/** A mutation before the delete; see {@link Operations.beforeDelete}. */
export interface DeletePreparation {
  /** True when the stored values call for the mutation. */
  readonly when: (values: Values) => boolean;
  /** The mutation; its arguments are built from the stored values and the id. */
  readonly op: OperationDef;
  /** Why the answer means the delete cannot go on, or undefined when it can. */
  readonly refusedWhen?: (answer: JsonValue) => string | undefined;
}

/** A step before the create; see {@link Operations.beforeCreate}. */
export interface CreatePreparation {
  /** True when the values to create need the step. */
  readonly when: (values: Values) => boolean;
  /** The mutation (or query) whose answer `use` takes; arguments are built from the values. */
  readonly op: OperationDef;
  /**
   * Does what the answer calls for (e.g. an upload) and returns values to merge into those the
   * create is built from (names an argument of the create reads through `arg.derived`).
   */
  readonly use: (answer: JsonValue, values: Values) => Promise<Values>;
}

/** A mutation after the create; see {@link Operations.afterCreate}. */
export interface CreateFollowUp {
  /** True when the created values need the mutation. */
  readonly when: (values: Values) => boolean;
  /** The mutation; its arguments are built from the values and the new object's id. */
  readonly op: OperationDef;
}

/** An operation that runs before the update when `when` holds; see {@link Operations.beforeUpdate}. */
export interface PreparingOperation {
  /** True when the move from `old` (previous outputs) to `values` (new inputs) needs the operation. */
  readonly when: (values: Values, old: Values) => boolean;
  /** The mutation; its arguments are built from the new values. */
  readonly op: OperationDef;
}

/** An operation that runs only when one of the `when` fields changed; see {@link Operations.afterUpdate}. */
export interface ConditionalOperation {
  /** Argument names of the fields whose change calls for the operation. */
  readonly when: readonly string[];
  /** The mutation. */
  readonly op: OperationDef;
}

/**
 * How the Pulumi id is obtained.
 *
 * - `{ fromResult: "id" }` (default): the GraphQL `id` of the object create returns (a slug).
 * - composite: `compose` builds it from the values (inputs + computed outputs, e.g.
 *   `context/<contextId>/<name>`), and `parse` splits an id back into those values so that `read`
 *   works with nothing but an id (`Resource.get(name, id)`).
 */
export type IdSpec = { readonly fromResult: string } | CompositeIdSpec;

/** A composite id; `compose(parse(id))` must give `id` back. */
export interface CompositeIdSpec {
  /** Human form for docs and error messages: `context/<contextId>/<name>`. */
  readonly format: string;
  /** Builds the id from values; undefined when a needed value is missing. */
  compose(values: Values): string | undefined;
  /** Splits an id into the values it encodes (by argument name); undefined when malformed. */
  parse(id: string): Values | undefined;
}

/**
 * The id of an account-wide singleton (the security e-mail, the audit trail webhook): there is one
 * object per account, so the id names no object. New resources get `id`; any other id is accepted
 * for reads (Spacelift's Terraform provider uses the creation time), so state migrated from it and
 * `get` with any id keep working.
 */
export function singletonId(id: string): CompositeIdSpec {
  return {
    format: `${id} (any ID reads the account's one ${id})`,
    compose: () => id,
    parse: () => ({}),
  };
}

/**
 * Deletion that completes in the background (stacks): after the delete mutation the engine polls
 * `read` until the object is gone, for at most `SPACELIFT_DELETE_TIMEOUT_SECONDS` (default 300).
 * The objects of a kind awaiting deletion are polled together, one batched `read` per round (see
 * `deletionWatcher.ts`), so the read cannot ask fields `alongside`. A delete whose own answer the
 * descriptor's `hooks.isGone` calls gone is not polled.
 */
export interface AsyncDeleteSpec {
  /**
   * Longest pause between polls (the first comes 500 ms after the delete, then the pauses double
   * up to it); default 5000 ms.
   */
  readonly pollIntervalMs?: number;
  /**
   * Given the raw object a poll returned, true when the API has given up deleting (e.g. a stack's
   * `deleting` went back to false); the engine then fails instead of waiting for the timeout.
   * Select what it needs with the read operation's `extraSelection`.
   */
  readonly failedWhen?: (raw: Values) => boolean;
}

/**
 * A wait after the create until the object reaches a state (a run finishing): the engine reads the
 * object until `settled` holds, for at most the seconds in the environment variable `timeoutEnv`
 * (default `defaultTimeoutSeconds`). A wait that fails (a settled object `outcome` rejects, or the
 * timeout unless `continueOnTimeout` allows it) fails the create: the object is not kept in state,
 * as Terraform keeps none when its create fails, so the next update tries again.
 */
export interface CreateWaitSpec {
  /** True when the values ask for the wait. */
  readonly when: (values: Values) => boolean;
  /** Given the raw object a read returned, true once it reached a state where waiting ends. */
  readonly settled: (raw: Values) => boolean;
  /** Why a settled object fails the create (e.g. the run failed), or undefined when it does not. */
  readonly outcome?: (raw: Values, values: Values) => string | undefined;
  /** True when the values accept a timeout as success. */
  readonly continueOnTimeout?: (values: Values) => boolean;
  /** The environment variable bounding the wait, in seconds. */
  readonly timeoutEnv: string;
  /** The bound when the variable is unset or invalid. */
  readonly defaultTimeoutSeconds: number;
  /** Longest pause between reads (they start at 500 ms and double up to it); default 5000 ms. */
  readonly pollIntervalMs?: number;
  /** The object in words for messages (`run 01H... on stack infra`). */
  readonly describe: (id: string, values: Values) => string;
}

/**
 * How the engine finds an object that a create of this resource may already have made: after an
 * answer was lost (HTTP 5xx, a timeout, a dropped connection), after Spacelift refused a duplicate,
 * or after an earlier deployment was killed between sending a create and recording its result.
 * The engine adopts a candidate only with evidence that this very resource created it (a marker,
 * its own create journal, or a create sent in this call); any other match fails with a message
 * naming the object. See docs/architecture.md, "Exactly-once creates".
 */
export interface ExistingSpec {
  /**
   * The query that returns candidates. Defaults to the read operation run with the checked inputs
   * alone, for kinds whose inputs determine where the object lives (a config element's parent and
   * name, an attachment's source, a stack's drift detection).
   */
  readonly op?: OperationSlot;
  /** The candidates for `values` among what `op` returned (one object, null, or a list). */
  readonly candidates: (result: JsonValue, values: Values) => readonly JsonObject[];
  /**
   * The argument (a set of strings, i.e. `labels`) in which the engine keeps a marker naming the
   * resource that created the object. Only for kinds whose labels Spacelift stores and returns.
   */
  readonly marker?: string;
  /** GraphQL path of the object's creation time (Unix seconds), when the API reports one. */
  readonly createdAt?: string;
  /**
   * When the engine looks before creating:
   * - `"always"`: the create mutation is an upsert that would overwrite an existing object;
   * - `"listOnce"`: Spacelift accepts duplicates (ids are generated), so the first create of the
   *   kind in a process lists the candidates once and recognises its own by their marker;
   * - `"exclude"`: duplicates are accepted and there is no marker, so each create lists first and
   *   never takes an object that was there before for the one it made;
   * - unset: Spacelift refuses a duplicate itself (slugs, attachments), so the engine only looks
   *   after a refusal or an ambiguous failure.
   */
  readonly lookFirst?: "always" | "listOnce" | "exclude";
  /**
   * For `lookFirst: "always"`: the parent object (kind and id, from the inputs) that the candidates
   * live in, where Spacelift makes parents empty. When this provider process made that parent with
   * a create, the first create of each id in it skips the look-up (see `madeHere.ts`).
   */
  readonly within?: (values: Values) => ObjectRef | undefined;
  /** The object in words for messages, from the inputs: `variable AWS_REGION on context shared`. */
  readonly describe: (values: Values) => string;
}

/** Small named functions for the few places where an operation differs by case. */
export interface Hooks {
  /**
   * Picks the variant key for operations declared with {@link variants}, from the current values
   * (inputs, or the parts parsed from the id). Return undefined when it cannot be decided.
   */
  readonly selectVariant?: (values: Values) => string | undefined;

  /**
   * Reshapes the generated input object where the API's form cannot be declared field by field:
   * several alternative blocks folding into one discriminated form (a stack's VCS blocks become
   * `provider`, `namespace`, `repositoryURL` and `vcsIntegrationId`). Gets the object built from
   * the fields and the current values; returns the object to send. Keep it pure.
   */
  readonly shapeInput?: (input: JsonObject, values: Values) => JsonObject;

  /**
   * Picks the object out of a list when an operation's path ends at one, e.g. an attachment found
   * by its id among `context(id) { attachedStacks { ... } }`. Return undefined when it is absent
   * (for a read, that means gone).
   */
  readonly selectFromList?: (items: readonly JsonValue[], values: Values) => JsonValue | undefined;

  /**
   * True when an object the API returned is in fact gone (a tombstone such as `deleted: true`),
   * so read reports it gone, asynchronous delete stops waiting and a create's look-up does not take
   * it for an object it made. Select what it needs with the
   * read operation's `extraSelection`.
   */
  readonly isGone?: (raw: Values) => boolean;

  /**
   * Adjusts the values read from the object by what is already known of it (the previous outputs
   * on a refresh, the program's values on a read-back after create or update), where Spacelift's
   * own clients let configuration decide how a reading maps to arguments (a stack Spacelift
   * migrated to native OpenTofu reads as the `terraform*` arguments unless an `opentofu` block is
   * known). Keep it pure.
   */
  readonly interpretRead?: (api: Values, known: Values) => Values;

  /**
   * Values the provider computes itself at create or update time, rather than the user or the API
   * (a worker pool's key pair and CSR, generated when the program gives none). The members returned
   * are merged over the checked inputs before the operation is built, so they are sent wherever a
   * field maps them and are kept in outputs; a member set to null removes that output. `old` holds
   * the previous outputs (empty on create). May be asynchronous.
   */
  readonly localValues?: (step: "create" | "update", values: Values, old: Values) => Values | Promise<Values>;
}

/** What a descriptor file passes to {@link defineResource}. */
export interface ResourceInit<F extends Fields = Fields> {
  /**
   * PascalCase kind; the Pulumi type token becomes `pulumi-nodejs:dynamic/spacelift:<kind>`.
   * Stored in state inside every serialized provider stub, so never rename a kind.
   */
  readonly kind: string;
  /** Markdown documentation of the resource (SDK class TSDoc and generated reference). */
  readonly doc: string;
  /**
   * When set, the whole kind is deprecated (kept so that programs migrating from the official
   * provider still compile); the text says what to use instead. The SDK class gets a `@deprecated`
   * tag, so editors strike it through, and the reference says so first.
   */
  readonly deprecated?: string;
  /**
   * Other names the SDK also exports the class (and its `Args`) under: the official provider's
   * class name where it differs from the kind (`Mountedfile`), so a migrating program compiles with
   * only its import changed. The kind stays the type token.
   */
  readonly classAliases?: readonly string[];
  /**
   * The class of Spacelift's official Pulumi provider (`@spacelift-io/pulumi-spacelift`) that
   * declares the same objects, when its name differs from the kind (`Mountedfile`); `false` for a
   * kind that provider lacks. Its type token becomes an alias of this kind's, so the official
   * provider's state moves over in place (see `provider/engine/takeover.ts`).
   */
  readonly officialClass?: string | false;
  /** The fields, keyed by Pulumi argument name. */
  readonly fields: F;
  /** The GraphQL operations. */
  readonly operations: Operations;
  /** How the id is obtained; defaults to `{ fromResult: "id" }`. */
  readonly id?: IdSpec;
  /** Cross-field rules (`exactlyOneOf(...)`, `atMostOneOf(...)`, `requiredTogether(...)`). */
  readonly rules?: readonly Rule[];
  /** No update operation exists: every change replaces the object. */
  readonly immutable?: boolean;
  /**
   * Names are unique per parent, so a replacement must delete the old object before creating the
   * new one (otherwise the create collides, or an upsert is then deleted).
   */
  readonly deleteBeforeReplace?: boolean;
  /** Deletion is asynchronous; poll until gone. */
  readonly asyncDelete?: AsyncDeleteSpec;
  /**
   * Deleting the resource only drops it from Pulumi's state; nothing is sent to Spacelift
   * (Terraform's no-op delete or `RemoveFromState`). `true`: always, and the resource has no
   * delete operation; a predicate: when it holds for the stored values (a deactivated destructor).
   */
  readonly forgetOnDelete?: boolean | ((values: Values) => boolean);
  /**
   * What the user is told, as a warning, when a destroy only forgets the resource because Spacelift
   * offers no way to delete the object (an account's security e-mail), as Spacelift's Terraform
   * provider warns. Only with `forgetOnDelete`.
   */
  readonly forgetWarning?: string;
  /**
   * The create sends nothing: it reads the object the arguments name, which must exist, and takes
   * it on (Terraform's `spacelift_stack_destructor`, whose create only checks the stack). Such a
   * resource has no create operation; its id is usually composite.
   */
  readonly createReadsOnly?: boolean;
  /**
   * An update sends nothing: the new arguments are only stored, and used by later steps (a stack
   * destructor's `deactivated` decides what its destroy does). Such a resource has no update
   * operation and is not `immutable`.
   */
  readonly localUpdate?: boolean;
  /** Wait after the create until the object reaches a state; see {@link CreateWaitSpec}. */
  readonly waitAfterCreate?: CreateWaitSpec;
  /** Named hooks. */
  readonly hooks?: Hooks;
  /** How to find an object a create may already have made; see {@link ExistingSpec}. */
  readonly existing?: ExistingSpec;
}

/** A validated descriptor, as returned by {@link defineResource}. */
export interface ResourceDescriptor<F extends Fields = Fields> extends ResourceInit<F> {
  /** `pulumi-nodejs:dynamic/spacelift:<kind>`. */
  readonly typeToken: string;
  /**
   * The type token the official provider gives the same objects (`spacelift:index/stack:Stack`),
   * which the SDK declares as an alias; undefined for a kind it lacks.
   */
  readonly officialTypeToken: string | undefined;
  /** The effective id strategy. */
  readonly id: IdSpec;
}

/** The Pulumi module under which every resource is registered. */
export const PULUMI_MODULE = "spacelift";

/** The Pulumi type token of a kind. */
export function typeTokenOf(kind: string): string {
  return `pulumi-nodejs:dynamic/${PULUMI_MODULE}:${kind}`;
}

/**
 * The official provider's type token for its class `className`: Terraform-bridged providers put
 * every resource in module `index`, under the class name with its first letter in lower case.
 */
export function officialTypeTokenOf(className: string): string {
  return `spacelift:index/${className.charAt(0).toLowerCase()}${className.slice(1)}:${className}`;
}

/** Thrown by {@link defineResource} when a descriptor is inconsistent; lists every problem. */
export class DescriptorError extends Error {
  /** Brand for {@link DescriptorError.isInstance}. */
  readonly __spaceliftDescriptorError = true;

  /** @param kind the descriptor's kind; @param problems each problem found. */
  constructor(
    readonly kind: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid descriptor "${kind}":\n  - ${problems.join("\n  - ")}`);
    this.name = "DescriptorError";
  }

  /** True for a {@link DescriptorError}, even one from another copy of this package. */
  static isInstance(obj: unknown): obj is DescriptorError {
    return (
      typeof obj === "object" && obj !== null && (obj as DescriptorError).__spaceliftDescriptorError === true
    );
  }
}

/**
 * Declares a resource. Validates the descriptor immediately (so a broken descriptor fails when
 * the module loads, not halfway through a deployment) and fills in defaults.
 *
 * @throws {@link DescriptorError} listing every inconsistency found.
 */
export function defineResource<const F extends Fields>(init: ResourceInit<F>): ResourceDescriptor<F> {
  const descriptor: ResourceDescriptor<F> = {
    ...init,
    id: init.id ?? { fromResult: "id" },
    typeToken: typeTokenOf(init.kind),
    officialTypeToken:
      init.officialClass === false ? undefined : officialTypeTokenOf(init.officialClass ?? init.kind),
  };
  const problems = validateDescriptor(descriptor);
  if (problems.length > 0) throw new DescriptorError(init.kind, problems);
  return descriptor;
}

/** The user-facing inputs of a descriptor (for typing SDK args). */
export type InputsOf<D> = D extends ResourceDescriptor<infer F> ? InputsOfFields<F> : never;

/** Every property a descriptor may put in state (for typing SDK outputs). */
export type OutputsOf<D> = D extends ResourceDescriptor<infer F> ? OutputsOfFields<F> : never;

/** Argument names of top-level `secret` fields: what the SDK passes as `additionalSecretOutputs`. */
export function secretOutputNames(descriptor: ResourceDescriptor): string[] {
  return Object.entries(descriptor.fields)
    .filter(([, f]) => f.secret === true)
    .map(([name]) => name);
}

/** Argument names of computed fields: the outputs the SDK pre-declares as `undefined`. */
export function computedOutputNames(descriptor: ResourceDescriptor): string[] {
  return Object.entries(descriptor.fields)
    .filter(([, f]) => f.computed === true)
    .map(([name]) => name);
}
