/**
 * The one lifecycle implementation (check, diff, create, read, update, delete) shared by every
 * descriptor. Resource files hold data; this file holds the Pulumi semantics.
 *
 * @packageDocumentation
 */

import { MAX_GONE_CONFIRMATIONS, NOT_CONFIRMED_GONE, TOKENS_KEPT_REFUSED } from "./goneConfirmation";
import { pickOurs, foreignExplanation, judge, type Candidate as Judged, type Evidence } from "./adoption";
import {
  apiErrorCode,
  mayHaveApplied,
  type AnswerReceipt,
  type ApiPort,
  type OperationSpec,
  type SignInCheck,
} from "./api";
import { checkInputs } from "./check";
import { fileJournal, journalDirectory, type CreateJournal } from "./createJournal";
import { MadeHere } from "./madeHere";
import { sha256Hex } from "./checksum";
import type { CompositeIdSpec, OperationDef, OperationSlot, ResourceDescriptor } from "./descriptor";
import { inputName, isReadable, isVariants, outputName } from "./descriptorAccess";
import { DeletionWatcher } from "./deletionWatcher";
import { diffResource } from "./diff";
import { messageOf, redact, ResourceInitError, ResourceOperationError, type LifecycleStep } from "./errors";
import type { FieldType } from "./fieldTypes";
import { buildVariables, getPath, pickResult, readObject } from "./graphqlValues";
import { withKeyLock } from "./keyLock";
import { markerKeyOf, withMarker, withoutMarker } from "./marker";
import { withCurrentNames } from "./names";
import { operationSpec, SIGNED_IN_FIELD, signedInSpec } from "./operationDocument";
import { carriedOver, formerChecksums, writtenByOfficialProvider } from "./takeover";
import type {
  CheckFailure,
  CheckResult,
  CreateResult,
  DiffResult,
  ReadResult,
  UpdateResult,
} from "./results";
import {
  isRecord,
  nonJsonPaths,
  PROVIDER_KEY,
  RESOURCE_KEY,
  IMPORT_KEY,
  toValues,
  type JsonObject,
  type JsonValue,
  type Values,
} from "./values";

/** Environment variable bounding how long an asynchronous delete is awaited. */
export const DELETE_TIMEOUT_ENV = "SPACELIFT_DELETE_TIMEOUT_SECONDS";
/** Default bound for asynchronous deletes, in seconds. */
export const DEFAULT_DELETE_TIMEOUT_SECONDS = 300;
/** Environment variable bounding the wait for an object a create made to be ready (seconds). */
export const CREATE_TIMEOUT_ENV = "SPACELIFT_CREATE_TIMEOUT_SECONDS";
/** Terraform's default create timeout, which Spacelift's Terraform provider waits within. */
export const DEFAULT_CREATE_TIMEOUT_SECONDS = 1200;
const DEFAULT_POLL_INTERVAL_MS = 5000;
// Most deletions and runs finish within a second or two, so polling starts fast and backs off to
// the interval: a destroy does not wait a whole interval for an object that is already gone.
const FIRST_POLL_MS = 500;

/** What the engine needs from the outside world; everything but `api` has a real default. */
export interface EngineDeps {
  /** The Spacelift API. */
  readonly api: ApiPort;
  /** Waits `ms` milliseconds (fake it in tests). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Current time in epoch milliseconds (fake it in tests). */
  readonly now?: () => number;
  /** Environment to read settings from at call time; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where creates are recorded (see `createJournal.ts`); a file journal under Pulumi's home by default. */
  readonly journal?: CreateJournal;
  /**
   * Where warnings go (a delete that leaves the object in Spacelift): the provider process's stderr
   * by default, which the Pulumi CLI shows (see `credentialWarning.ts`).
   */
  readonly warn?: (line: string) => void;
  /**
   * The objects this process made, shared by every kind's engine so that a child's create knows
   * its parent was made here (see `madeHere.ts`); each engine has its own by default.
   */
  readonly madeHere?: MadeHere;
}

/**
 * Sends of one create, the first included: each further send follows a lost answer whose look-up
 * proved that nothing was made, so it cannot duplicate anything.
 */
const MAX_CREATE_ATTEMPTS = 5;

/** A candidate for adoption, with what was read of it. */
interface Candidate extends Judged {
  readonly raw: JsonObject;
  readonly api: Values;
}

/** {@link Evidence} that grows while a create runs. */
type MutableEvidence = { -readonly [K in keyof Evidence]: Evidence[K] };

/** The lifecycle steps that talk to the API. */
type CrudStep = "create" | "read" | "update" | "delete";

/**
 * An answer whose emptiness the engine judges: the port's receipt (which token received it), and
 * whether the same answer's `viewer` showed that token accepted.
 */
interface Asked {
  readonly receipt: AnswerReceipt;
  signedIn: boolean;
}

/** What a fetch of the live object produced. */
interface Fetched {
  readonly raw: JsonObject;
  readonly api: Values;
}

/**
 * Runs the lifecycle of one resource kind. Stateless apart from its dependencies, so one instance
 * per kind can serve concurrent calls.
 */
export class ResourceEngine {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly journal: CreateJournal;
  private readonly madeHere: MadeHere;
  /** Ids of the objects this process's creates made or adopted, with the key of their resource. */
  private readonly claimed = new Map<string, string | undefined>();
  /** Keys of resources Pulumi holds in state: a create of one of them is a replacement. */
  private readonly replacing = new Set<string>();
  /** The one listing of candidates a `listOnce` kind makes per process. */
  private listing: Promise<JsonValue> | undefined;
  /** Awaits this kind's asynchronous deletions together; see `deletionWatcher.ts`. */
  private watcher: DeletionWatcher | undefined;

  /** @param descriptor - the resource; @param deps - API port, clock and environment. */
  constructor(
    readonly descriptor: ResourceDescriptor,
    private readonly deps: EngineDeps,
  ) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = deps.now ?? Date.now;
    this.journal = deps.journal ?? sharedJournal(deps.env ?? process.env);
    this.madeHere = deps.madeHere ?? new MadeHere();
  }

  /**
   * Validates and normalizes inputs; makes no API call. Old inputs mean the resource exists in
   * Pulumi's state, so a create that follows in this process is a replacement (see `adoption.ts`).
   */
  async check(olds: unknown, news: unknown): Promise<CheckResult> {
    const key = resourceKeyOf(news);
    // Only whether any argument is there matters; check runs for every resource, so no copy is made.
    const inState = isRecord(olds) && Object.keys(olds).some((k) => !k.startsWith("__"));
    if (key !== undefined && inState) {
      this.replacing.add(key);
    }
    const importId = importIdOf(news);
    if (importId === undefined || inState) return checkInputs(this.descriptor, olds, news);
    return this.checkImport(importId, news);
  }

  /**
   * `check` of a resource created with the `import` option: reads the object now, so that a wrong
   * id fails the preview; an auto-named argument the program leaves unset takes the object's value
   * (as it would for a resource already in state), and the provider says what the update will
   * change to match the program.
   */
  private async checkImport(id: string, news: unknown): Promise<CheckResult> {
    const given = stripReserved(toValues(news));
    const found = await this.fetch("create", id, { ...given, ...this.parseId("create", id) });
    if (!found) {
      const checked = checkInputs(this.descriptor, {}, news);
      const missing: CheckFailure = {
        property: "import",
        reason:
          `there is no ${this.descriptor.kind} with id "${id}" in Spacelift to import; check the id given as ` +
          "the import resource option (the reference lists each kind's id format)",
      };
      return { ...checked, failures: [...checked.failures, missing] };
    }
    const live = this.outputs({}, found.api, given, found.raw);
    const names: Values = {};
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (spec.autoName !== undefined && live[name] !== undefined) names[name] = live[name];
    }
    const checked = checkInputs(this.descriptor, names, news);
    if (checked.failures.length > 0) return checked;
    const changed = this.importChanges(found, stripReserved(checked.inputs));
    (this.deps.warn ?? ((line: string) => console.error(line)))(
      `pulumi-spacelift: ${this.descriptor.kind} "${id}" will be imported, not created; ` +
        (changed.length === 0
          ? "it already matches the program."
          : `the update will set ${changed.join(", ")} to match the program.`),
    );
    return checked;
  }

  /** Whether the kind's objects can be changed in place. */
  private updatable(): boolean {
    return !this.descriptor.immutable && this.descriptor.operations.update !== undefined;
  }

  /**
   * The arguments whose live value differs from the program's. `knownSums` are checksums of
   * write-only values known otherwise (the official provider's state), for those Spacelift does not
   * report.
   */
  private importChanges(found: Fetched, values: Values, knownSums: Values = {}): string[] {
    const held = { ...knownSums, ...this.outputs({}, found.api, values, found.raw) };
    const changed = new Set<string>();
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (spec.computed) continue;
      // Spacelift returns a write-only value's checksum only: compare that. A value whose checksum
      // it does not report (a webhook's secret) cannot be compared: it is sent again when the kind
      // can be updated, and otherwise taken as it is, as an adopted object's would be.
      if (spec.writeOnly) {
        const value = values[name];
        const sum = held[spec.writeOnly.checksumField];
        if (value === undefined) continue;
        if (sum === undefined ? this.updatable() : typeof value !== "string" || sum !== sha256Hex(value)) {
          changed.add(name);
        }
        continue;
      }
      if (values[name] === undefined) continue;
      if (
        diffResource(this.descriptor, { ...held, [name]: held[name] }, { ...held, [name]: values[name] })
          .changes
      ) {
        changed.add(name);
      }
    }
    return [...changed].sort();
  }

  /**
   * Takes over the existing object `id` instead of creating one: for the `import` resource option,
   * or for state the official provider wrote (`takeover.ts`). It must exist, and it is updated to
   * match the program when it differs. Nothing is created, and values a create would generate (a
   * worker pool's key) are not: the object keeps its own, and `old` supplies those known before.
   */
  private async importExisting(
    id: string,
    values: Values,
    key: string | undefined,
    provider: JsonValue | undefined,
    why: "import" | "takeover" = "import",
    old: Values = {},
    knownSums: Values = {},
  ): Promise<CreateResult> {
    const step = why === "import" ? "create" : "update";
    const found = await this.fetch(step, id, { ...values, ...this.parseId(step, id) });
    if (!found) {
      throw this.failure(
        step,
        undefined,
        "not_found",
        why === "import"
          ? `there is no ${this.descriptor.kind} with id "${id}" in Spacelift to import; nothing was created`
          : this.vanishedSinceOfficial(id),
      );
    }
    const changed = this.importChanges(found, values, knownSums);
    if (changed.length > 0 && !this.updatable()) {
      throw this.failure(
        step,
        undefined,
        "validation",
        `the ${this.descriptor.kind} "${id}" differs from the program in ${changed.join(", ")} and cannot be ` +
          (why === "import"
            ? "updated in place; make the program match it to import it, nothing was changed"
            : "updated in place; make the program match it to take it over from the official provider, " +
              "then change it in a later update; nothing was changed"),
      );
    }
    return this.adopt(
      {
        id,
        raw: found.raw,
        api: found.api,
        markerKey: undefined,
        createdAtMs: undefined,
        identical: changed.length === 0,
        seenBefore: true,
      },
      values,
      key,
      provider,
      {},
      old,
    );
  }

  /** The error for an object the official provider's state holds that Spacelift no longer has. */
  private vanishedSinceOfficial(id: string): string {
    return (
      `the ${this.descriptor.kind} "${id}" that the official Spacelift provider's state holds no longer exists ` +
      "in Spacelift, so there is nothing to take over; remove it from the state with `pulumi state delete` " +
      "and run the update again to create it"
    );
  }

  /**
   * The diff of a resource whose state the official provider wrote: always an update (which takes
   * it over, see `takeover.ts`), never a replacement, whatever the old outputs say. Reads the object
   * so that a missing one fails the preview, and says what the update will change in Spacelift.
   */
  private async takeoverDiff(id: string, olds: unknown, news: unknown): Promise<DiffResult> {
    const values = stripReserved(toValues(news));
    const found = await this.fetch("update", id, { ...values, ...this.parseId("update", id) });
    if (!found) throw this.failure("update", undefined, "not_found", this.vanishedSinceOfficial(id));
    const changed = this.importChanges(
      found,
      values,
      formerChecksums(this.descriptor.fields, this.stored(olds)),
    );
    (this.deps.warn ?? ((line: string) => console.error(line)))(
      `pulumi-spacelift: ${this.descriptor.kind} "${id}" was managed by the official Spacelift provider; ` +
        "the update takes it over without recreating it" +
        (changed.length === 0
          ? " and changes nothing in Spacelift."
          : ` and sets ${changed.join(", ")} to match the program.`),
    );
    return { changes: true, replaces: [], deleteBeforeReplace: false };
  }

  /**
   * Stored inputs or outputs as this version names them: state written before an argument was
   * renamed (`FieldSpec.formerName`) reads under the new name, so upgrading shows no change.
   */
  private stored(values: unknown): Values {
    return withCurrentNames(this.descriptor.fields, toValues(values));
  }

  /** Compares checked inputs with old outputs; makes no API call. */
  async diff(id: string, olds: unknown, news: unknown): Promise<DiffResult> {
    if (writtenByOfficialProvider(olds)) return this.takeoverDiff(id, olds, news);
    return diffResource(this.descriptor, this.stored(olds), toValues(news));
  }

  /**
   * Creates the object exactly once, reads it back when the mutation result lacks computed values,
   * and returns outputs = normalized inputs + computed values. A failure after the object exists
   * throws {@link ResourceInitError}.
   *
   * Exactly once: when Spacelift's answer is lost (HTTP 5xx, a timeout, a dropped connection), when
   * it refuses a duplicate, or when an earlier create of this resource was interrupted, the engine
   * looks for the object this very resource made (see {@link ExistingSpec} and `adoption.ts`) and
   * adopts it instead of making a second one; an object it cannot prove its own is refused with a
   * message naming it.
   */
  async create(inputs: unknown): Promise<CreateResult> {
    const checked = this.validated("create", inputs);
    const key = resourceKeyOf(inputs);
    const importId = importIdOf(inputs);
    if (importId !== undefined) return this.importExisting(importId, checked.values, key, checked.provider);
    const local = await this.localValues("create", checked.values, {});
    const values = withLocal(checked.values, local);
    const slot = this.descriptor.operations.create;
    if (this.descriptor.createReadsOnly || !slot) return this.createByReading(values, local);
    const op = this.resolve("create", slot, values);
    const lockKey = this.descriptor.existing?.lookFirst === "always" ? this.naturalKey(values) : undefined;
    return withKeyLock(lockKey, () => this.createExactlyOnce(op, values, key, checked.provider, local));
  }

  private async createExactlyOnce(
    op: OperationDef,
    values: Values,
    key: string | undefined,
    provider: JsonValue | undefined,
    local: Values,
  ): Promise<CreateResult> {
    const existing = this.descriptor.existing;
    const evidence: MutableEvidence = {
      key,
      marked: existing?.marker !== undefined,
      sentInThisCallAt: undefined,
      journal: key === undefined ? undefined : this.journal.get(key),
      replacing: key !== undefined && this.replacing.has(key),
    };
    let before: ReadonlySet<string> | undefined;
    if (existing?.lookFirst && this.firstInParentMadeHere(values, evidence)) {
      before = new Set();
    } else if (existing?.lookFirst) {
      const found = await this.lookUp(values, key, existing.lookFirst === "listOnce");
      const ours = pickOurs(found, evidence);
      if (ours) return this.adopt(ours, values, key, provider, local);
      if (existing.lookFirst === "always" && found.length > 0)
        throw this.alreadyExists(values, found, evidence);
      before = new Set(found.map((c) => c.id));
    }

    values = { ...values, ...(await this.prepareCreate(values)) };
    const sendValues = this.marked(values, key);
    if (key !== undefined) this.journal.begin(key, this.descriptor.kind, this.now());
    let obj: JsonValue;
    // When the first create of this call was sent: an object made by it cannot be older.
    const firstSent = this.now();
    for (let attempt = 1; ; attempt++) {
      try {
        obj = await this.call("create", op, { values: sendValues }, values);
        break;
      } catch (err) {
        if (!existing) throw err;
        const ambiguous = mayHaveApplied(err);
        if (!ambiguous && !isDuplicateRefusal(err)) throw err;
        if (ambiguous) evidence.sentInThisCallAt ??= firstSent;
        let found: Candidate[];
        try {
          found = (await this.lookUp(values, key, false)).map((c) => ({
            ...c,
            seenBefore: before?.has(c.id) ?? false,
          }));
        } catch (lookErr) {
          throw this.unresolved(op.name, err, lookErr, values);
        }
        const ours = pickOurs(found, evidence);
        if (ours) return this.adopt(ours, values, key, provider, local);
        // A refusal about something else than this object (a clash with another attachment) is
        // best told in Spacelift's own words.
        if (!ambiguous) throw found.length > 0 ? this.alreadyExists(values, found, evidence) : err;
        // Nothing was made: the request never took effect, so sending it again is safe.
        if (attempt >= MAX_CREATE_ATTEMPTS) throw this.unresolved(op.name, err, undefined, values);
      }
    }

    if (!isRecord(obj)) {
      throw this.failure("create", op.name, "protocol", "the API returned no object");
    }
    const raw = obj as JsonObject;
    let api = this.readApi(raw);
    const id = this.idOf({ ...values, ...api }, raw);
    if (id === undefined) {
      throw this.failure("create", op.name, "protocol", "the API response carries no id for the new object");
    }
    if (key !== undefined) this.journal.finish(key, id, this.now());
    this.claimed.set(id, key);
    this.madeHere.made({ kind: this.descriptor.kind, id });
    let outs = this.outputs(values, api, {}, undefined, local);
    let followed: boolean;
    try {
      followed = await this.followCreate(id, { ...api, ...values });
    } catch (err) {
      throw this.partial("create", id, outs, provider, err, values);
    }
    // Terraform keeps nothing of a create whose wait fails, so neither is the object kept here.
    await this.awaitCreated(id, { ...values, ...api });
    if (followed || this.lacksComputed(raw, values)) {
      try {
        // Computed values (e.g. an attachment's own id) may be needed to find the object again.
        const fetched = await this.fetch("create", id, { ...values, ...api });
        if (!fetched) throw new Error("the new object could not be found when reading it back");
        api = { ...api, ...fetched.api };
        outs = this.outputs(values, api, {}, undefined, local);
      } catch (err) {
        throw this.partial("create", id, outs, provider, err, values);
      }
    }
    return { id, outs: this.assertJson("create", outs) };
  }

  /**
   * The create of a `createReadsOnly` resource: reads the object the values name and takes it on;
   * nothing is sent, so nothing can be made twice.
   */
  private async createByReading(values: Values, local: Values): Promise<CreateResult> {
    const fetched = await this.fetch("create", "", values);
    if (!fetched) {
      throw this.failure("create", undefined, "not_found", `${this.describe(values)} does not exist`);
    }
    const id = this.idOf({ ...values, ...fetched.api }, fetched.raw);
    if (id === undefined) {
      throw this.failure("create", undefined, "protocol", "the object read carries no id");
    }
    return { id, outs: this.assertJson("create", this.outputs(values, fetched.api, {}, undefined, local)) };
  }

  /**
   * Runs `waitAfterCreate`: reads the new object until it settles, for at most the configured
   * timeout, and fails the create when the settled object (or the timeout) says so.
   */
  private async awaitCreated(id: string, values: Values): Promise<void> {
    const wait = this.descriptor.waitAfterCreate;
    if (!wait || !wait.when(values)) return;
    const env = this.deps.env ?? process.env;
    const timeoutMs = timeoutSeconds(env, wait.timeoutEnv, wait.defaultTimeoutSeconds) * 1000;
    const deadline = this.now() + timeoutMs;
    const interval = wait.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    let pause = Math.min(FIRST_POLL_MS, interval);
    const what = wait.describe(id, values);
    for (;;) {
      const fetched = await this.fetch("create", id, values);
      if (!fetched) {
        throw this.failure("create", undefined, "not_found", `${what} disappeared while it was awaited`);
      }
      if (wait.settled(fetched.raw)) {
        const failed = wait.outcome?.(fetched.raw, values);
        if (failed !== undefined) throw this.failure("create", undefined, "internal", `${what} ${failed}`);
        return;
      }
      const remaining = deadline - this.now();
      if (remaining <= 0) {
        if (wait.continueOnTimeout?.(values)) return;
        throw this.failure(
          "create",
          undefined,
          "timeout",
          `${what} did not finish within ${timeoutMs / 1000}s; raise ${wait.timeoutEnv} or allow a timeout`,
        );
      }
      await this.sleep(Math.min(pause, remaining));
      pause = Math.min(pause * 2, interval);
    }
  }

  /**
   * Runs `operations.beforeCreate`: each step that the values call for, and what its answer leads
   * to (an upload). Returns the values the steps add for the create. Failures are the create's,
   * with secrets redacted: nothing was created yet.
   */
  private async prepareCreate(values: Values): Promise<Values> {
    let added: Values = {};
    for (const prep of this.descriptor.operations.beforeCreate ?? []) {
      if (!prep.when(values)) continue;
      const answer = await this.call("create", prep.op, { values }, values);
      try {
        added = { ...added, ...(await prep.use(answer, values)) };
      } catch (err) {
        const detail = redact(messageOf(err), this.secretValues(values));
        throw this.failure("create", prep.op.name, "internal", detail);
      }
    }
    return added;
  }

  /** `api` as `hooks.interpretRead` reads it given the `known` values. */
  private interpreted(api: Values, known: Values): Values {
    const hook = this.descriptor.hooks?.interpretRead;
    return hook ? hook(api, known) : api;
  }

  /** Runs the `operations.afterCreate` mutations the values call for; true when any ran. */
  private async followCreate(id: string, values: Values): Promise<boolean> {
    let ran = false;
    for (const follow of this.descriptor.operations.afterCreate ?? []) {
      if (!follow.when(values)) continue;
      // A follow-up may answer with a list (`moduleShare` returns the shares); nothing is read from it.
      await this.call("create", follow.op, { id, values }, values, { raw: true });
      ran = true;
    }
    return ran;
  }

  /**
   * Takes over `id`, an object this resource made earlier, as the create's result. A marked object
   * whose settings differ from the program's (it was made by an earlier version of the program) is
   * updated to match; unmarked ones are adopted only when identical. Values the provider generated
   * for this create (a worker pool's key and CSR) never reached the adopted object, so the
   * follow-up mutations that carry them are sent.
   */
  private async adopt(
    candidate: Candidate,
    values: Values,
    key: string | undefined,
    provider: JsonValue | undefined,
    local: Values,
    old: Values = {},
  ): Promise<CreateResult> {
    const id = candidate.id;
    if (key !== undefined) this.journal.finish(key, id, this.now());
    this.claimed.set(id, key);
    let api = candidate.api;
    const update = this.descriptor.immutable ? undefined : this.descriptor.operations.update;
    try {
      const ctx = { ...this.computedOf(api), ...values, ...this.parseId("create", id) };
      if (!candidate.identical && update) {
        const op = this.resolve("create", update, ctx);
        const result = await this.call("update", op, { id, values: this.marked(ctx, key) }, values);
        if (isRecord(result)) api = { ...api, ...this.readApi(result as JsonObject) };
      }
      for (const follow of this.descriptor.operations.afterUpdate ?? []) {
        if (!follow.when.some((f) => f in local)) continue;
        const result = await this.call("update", follow.op, { id, values: ctx }, values, { raw: true });
        if (isRecord(result)) api = { ...api, ...this.readApi(result as JsonObject) };
      }
      // The interrupted create may have stopped before its follow-ups; they are idempotent.
      const followed = await this.followCreate(id, ctx);
      if (followed || this.lacksComputed(candidate.raw, values)) {
        const fetched = await this.fetch("create", id, { ...values, ...api });
        if (fetched) api = { ...api, ...fetched.api };
      }
    } catch (err) {
      throw this.partial(
        "create",
        id,
        this.outputs(values, api, old, undefined, local),
        provider,
        err,
        values,
      );
    }
    return { id, outs: this.assertJson("create", this.outputs(values, api, old, undefined, local)) };
  }

  /**
   * The objects where this resource's object would be, each with what the evidence rules need.
   * An empty answer is believed only once the caller is confirmed signed in (as for reads).
   */
  private async lookUp(values: Values, key: string | undefined, cached: boolean): Promise<Candidate[]> {
    const existing = this.descriptor.existing!;
    const op = this.resolve("create", existing.op ?? this.descriptor.operations.read, values);
    const ask = async (): Promise<JsonValue> => {
      const asked: Asked = { receipt: {}, signedIn: false };
      let result = await this.call("create", op, { values }, values, { raw: true, asked });
      if (isEmptyAnswer(result) && this.deps.api.confirmSignedIn) {
        const check = await this.confirmEmpty("create", values, asked);
        if (check === "refreshed") result = await this.call("create", op, { values }, values, { raw: true });
      }
      return result;
    };
    let result: JsonValue;
    if (cached) {
      this.listing ??= ask().catch((err: unknown) => {
        this.listing = undefined;
        throw err;
      });
      result = await this.listing;
    } else {
      result = await ask();
    }
    const all = Array.isArray(result) ? (result.filter(isRecord) as JsonObject[]) : [];
    const chosen = new Set<JsonObject>(existing.candidates(result, values));
    // A marked object is this resource's wherever it is now (the program may have renamed it since).
    if (existing.marker !== undefined && key !== undefined) {
      for (const item of all) if (this.markerKeyOf(item) === key) chosen.add(item);
    }
    const out: Candidate[] = [];
    for (const raw of chosen) {
      // A tombstone (or an emptied setting) is no object a create could have made.
      if (this.descriptor.hooks?.isGone?.(raw)) continue;
      const api = this.readApi(raw);
      const id = this.idOf({ ...values, ...api }, raw);
      if (id === undefined) continue;
      const markerKey = this.markerKeyOf(raw);
      const created = existing.createdAt === undefined ? undefined : getPath(raw, existing.createdAt);
      const held = this.outputs({}, api, values, raw);
      // A write-only value the API reports no checksum for (a webhook's secret) cannot be compared;
      // it counts as equal, and the other evidence (creation time, presence before the create)
      // decides.
      for (const [name, spec] of Object.entries(this.descriptor.fields)) {
        const sumField = spec.writeOnly?.checksumField;
        const value = values[name];
        if (sumField !== undefined && held[sumField] === undefined && typeof value === "string") {
          held[sumField] = sha256Hex(value);
        }
      }
      out.push({
        id,
        raw,
        api,
        markerKey,
        createdAtMs: typeof created === "number" ? created * 1000 : undefined,
        identical: !diffResource(this.descriptor, held, values).changes,
        seenBefore: false,
        // An object another resource of this deployment created or adopted is never this one's.
        takenByAnother: this.claimed.has(id) && this.claimed.get(id) !== key,
      });
    }
    return out;
  }

  /** The resource key named by the marker a raw object carries, if the kind keeps one. */
  private markerKeyOf(raw: JsonObject): string | undefined {
    const field = this.descriptor.existing?.marker;
    if (field === undefined) return undefined;
    return markerKeyOf(readObject(this.descriptor.fields, raw)[field]);
  }

  /** `values` with this resource's marker added, for the kinds that keep one. */
  private marked(values: Values, key: string | undefined): Values {
    const field = this.descriptor.existing?.marker;
    return field === undefined || key === undefined ? values : withMarker(values, field, key);
  }

  /** Pulumi values of a raw object, without the marker. */
  private readApi(raw: JsonObject): Values {
    const api = readObject(this.descriptor.fields, raw);
    const field = this.descriptor.existing?.marker;
    return field === undefined ? api : withoutMarker(api, field);
  }

  /** The object's natural key (its composite id when the inputs determine it), for the create lock. */
  /**
   * Whether this create is the first of its id inside a parent this process made (see
   * `madeHere.ts`), so that its look-first read cannot find anything. Never after an interrupted
   * create of this resource or for a replacement, whose evidence the look-up is there to weigh.
   */
  private firstInParentMadeHere(values: Values, evidence: Evidence): boolean {
    if (evidence.journal !== undefined || evidence.replacing) return false;
    const parent = this.descriptor.existing?.within?.(values);
    const child = this.naturalKey(values);
    return parent !== undefined && child !== undefined && this.madeHere.claimUnused(parent, child);
  }

  private naturalKey(values: Values): string | undefined {
    const spec = this.descriptor.id;
    if ("fromResult" in spec) return undefined;
    const id = (spec as CompositeIdSpec).compose(values);
    return id === undefined ? undefined : `${this.descriptor.kind}:${id}`;
  }

  /** The error for an object that exists and cannot be shown to be this resource's. */
  private alreadyExists(
    values: Values,
    found: readonly Candidate[],
    evidence: Evidence,
  ): ResourceOperationError {
    const what = this.describe(values);
    // Callers pass at least one candidate, none of them this resource's.
    const first = found[0]!;
    const verdict = judge(first, evidence);
    const why = verdict.ours ? "" : `; ${foreignExplanation(verdict.because)}`;
    return this.failure(
      "create",
      undefined,
      "validation",
      `${what} already exists in Spacelift (id "${first.id}") and was not created by this Pulumi resource${why}. ` +
        "Nothing was changed or overwritten. To manage the existing object from this program, adopt it " +
        `deliberately: read it with ${this.descriptor.kind}.get(name, "${first.id}") to use it, or delete it in Spacelift ` +
        "(or give this resource another name) and run the update again.",
    );
  }

  /**
   * The error for a create whose outcome stays unknown: Spacelift may have made the object and the
   * engine could not find out. The journal entry (and the marker, where the kind keeps one) stays,
   * so the next `pulumi up` looks for the object before creating anything.
   */
  private unresolved(
    operation: string,
    err: unknown,
    lookErr: unknown,
    values: Values,
  ): ResourceOperationError {
    const secrets = this.secretValues(values);
    const cause = redact(messageOf(err), secrets);
    const look =
      lookErr === undefined
        ? "and it is not there now"
        : `and looking for it failed too (${redact(messageOf(lookErr), secrets)})`;
    const next =
      this.descriptor.existing?.marker !== undefined
        ? "The next `pulumi up` will look for it by its pulumi-spacelift marker and adopt it instead of creating a second one."
        : "The next `pulumi up` on this machine will look for it and adopt it instead of creating a second one.";
    return this.failure(
      "create",
      operation,
      apiErrorCode(err) ?? "transport",
      `the answer to the create of ${this.describe(values)} was lost (${cause}), so Spacelift may have made it, ${look}. ${next}`,
    );
  }

  /** The object in words, from the descriptor, for messages. */
  private describe(values: Values): string {
    const describe = this.descriptor.existing?.describe;
    return describe ? describe(values) : `the ${this.descriptor.kind}`;
  }

  /**
   * Reads the live object. Returns `{}` when it is gone (null result or not-found, confirmed with a
   * signed-in caller), so refresh drops it. Works with nothing but an id (composite ids are
   * parsed), for `Resource.get`.
   */
  async read(id: string, props?: unknown): Promise<ReadResult> {
    const old = stripReserved(this.stored(props));
    const values = { ...old, ...this.parseId("read", id) };
    const fetched = await this.fetch("read", id, values);
    if (!fetched) return {};
    const outs = this.outputs({}, fetched.api, values, fetched.raw);
    const inputs: Values = {};
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (spec.computed || spec.writeOnly) continue;
      const v = outs[name];
      if (v !== undefined) inputs[name] = v;
    }
    // Read inputs say what Spacelift holds now, as they do for every other field, so a write-only
    // value is represented by the checksum the API reports (diff compares it as the value). Keeping
    // the applied checksum instead would make every later refresh report the same drift again.
    for (const spec of Object.values(this.descriptor.fields)) {
      if (!spec.writeOnly) continue;
      const sum = outs[spec.writeOnly.checksumField] ?? old[spec.writeOnly.checksumField];
      if (sum !== undefined) inputs[spec.writeOnly.checksumField] = sum;
    }
    return { id, props: this.assertJson("read", outs), inputs: this.assertJson("read", inputs) };
  }

  /**
   * Sends the full new input (Spacelift updates replace the whole object) and returns complete
   * outputs, which replace state.
   */
  async update(id: string, olds: unknown, news: unknown): Promise<UpdateResult> {
    if (writtenByOfficialProvider(olds)) {
      const checked = this.validated("update", news);
      const old = stripReserved(this.stored(olds));
      const taken = await this.importExisting(
        id,
        checked.values,
        resourceKeyOf(news),
        checked.provider,
        "takeover",
        carriedOver(this.descriptor.fields, old),
        formerChecksums(this.descriptor.fields, old),
      );
      return { outs: taken.outs };
    }
    if (this.descriptor.localUpdate && !this.descriptor.operations.update) {
      const checked = this.validated("update", news);
      const old = stripReserved(this.stored(olds));
      const local = await this.localValues("update", checked.values, old);
      const values = withLocal(checked.values, local);
      return { outs: this.assertJson("update", this.outputs(values, {}, old, undefined, local)) };
    }
    if (this.descriptor.immutable || !this.descriptor.operations.update) {
      throw this.failure(
        "update",
        undefined,
        "internal",
        "this resource cannot be updated in place; it is replaced",
      );
    }
    const checked = this.validated("update", news);
    const provider = checked.provider;
    const old = stripReserved(this.stored(olds));
    const local = await this.localValues("update", checked.values, old);
    const values = withLocal(checked.values, local);
    // API-assigned values of the existing object (an attachment's own id) may be operation arguments.
    const ctx = {
      ...this.computedOf(old),
      ...this.storedChoices(values, old),
      ...values,
      ...this.parseId("update", id),
    };
    const op = this.resolve("update", this.descriptor.operations.update, ctx);
    for (const before of this.descriptor.operations.beforeUpdate ?? []) {
      if (before.when(values, old)) await this.call("update", before.op, { id, values: ctx }, values);
    }
    const obj = await this.call("update", op, { id, values: this.marked(ctx, resourceKeyOf(news)) }, values);
    let raw = isRecord(obj) ? (obj as JsonObject) : undefined;
    let api = raw ? this.interpreted(this.readApi(raw), ctx) : {};
    const changed = this.changedFields(old, values);
    for (const follow of this.descriptor.operations.afterUpdate ?? []) {
      if (!follow.when.some((f) => changed.has(f))) continue;
      let result: JsonValue;
      try {
        result = await this.call("update", follow.op, { id, values: ctx }, values, { raw: true });
      } catch (err) {
        throw this.partial(
          "update",
          id,
          this.outputs(values, api, old, undefined, local),
          provider,
          err,
          values,
        );
      }
      if (isRecord(result)) {
        raw = { ...(raw ?? {}), ...(result as JsonObject) };
        api = { ...api, ...this.readApi(result as JsonObject) };
      }
    }
    let outs = this.outputs(values, api, old, undefined, local);
    if (!raw || this.lacksComputed(raw, values)) {
      try {
        const fetched = await this.fetch("update", id, ctx);
        if (!fetched) throw new Error("the object could not be found when reading it back");
        api = { ...api, ...fetched.api };
        outs = this.outputs(values, api, old, undefined, local);
      } catch (err) {
        throw this.partial("update", id, outs, provider, err, values);
      }
    }
    return { outs: this.assertJson("update", outs) };
  }

  /**
   * Deletes the object; not-found counts as success. For asynchronous deletes, polls until the
   * object is gone, for at most `SPACELIFT_DELETE_TIMEOUT_SECONDS`.
   */
  async delete(id: string, props: unknown): Promise<void> {
    const old = stripReserved(this.stored(props));
    const values = { ...old, ...this.parseId("delete", id) };
    const slot = this.descriptor.operations.delete;
    const forget = this.descriptor.forgetOnDelete;
    if (!slot || forget === true || (typeof forget === "function" && forget(values))) {
      const warning = this.descriptor.forgetWarning;
      if (warning !== undefined) {
        (this.deps.warn ?? ((line: string) => console.error(line)))(
          `warning: ${this.descriptor.kind} ${id}: ${warning}`,
        );
      }
      return;
    }
    const op = this.resolve("delete", slot, values);
    for (const before of this.descriptor.operations.beforeDelete ?? []) {
      if (!before.when(values)) continue;
      const answer = await this.call("delete", before.op, { id, values }, old, { raw: true });
      const refused = before.refusedWhen?.(answer);
      if (refused !== undefined) throw this.failure("delete", before.op.name, "internal", refused);
    }
    // Whatever happens, an object later found under this id was not made empty by this process.
    this.madeHere.forget({ kind: this.descriptor.kind, id });
    let answer: JsonValue;
    try {
      answer = await this.call("delete", op, { id, values }, old);
    } catch (err) {
      if (ResourceOperationError.isInstance(err) && err.code === "not_found") return;
      throw err;
    }
    const asyncDelete = this.descriptor.asyncDelete;
    if (!asyncDelete) return;
    // The mutation's own answer may already show the object gone: there is nothing to wait for.
    if (isRecord(answer) && this.descriptor.hooks?.isGone?.(answer as JsonObject)) return;

    const read = this.resolve("delete", this.descriptor.operations.read, values);
    const secrets = this.secretValues(values);
    await this.deletions().watch({
      op: read,
      variables: this.variablesOf(read, { id, values }),
      values,
      // Spacelift deletes asynchronously (the mutation answers `deleting: true`), so a poll sent
      // at once could not find the object gone; the first waits a moment.
      firstPollMs: FIRST_POLL_MS,
      intervalMs: asyncDelete.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      timeoutMs: deleteTimeoutSeconds(this.deps.env ?? process.env) * 1000,
      timeoutSetting: DELETE_TIMEOUT_ENV,
      ...(asyncDelete.failedWhen ? { failedWhen: asyncDelete.failedWhen } : {}),
      fail: (operation, code, detail) => this.failure("delete", operation, code, redact(detail, secrets)),
    });
  }

  /** The watcher of this kind's asynchronous deletions, made on first use. */
  private deletions(): DeletionWatcher {
    this.watcher ??= new DeletionWatcher({
      descriptor: this.descriptor,
      api: this.deps.api,
      sleep: this.sleep,
      now: this.now,
      pick: (op, answer, values) => this.pickPolled(op, answer, values),
    });
    return this.watcher;
  }

  /**
   * The live object in one alias's answer to a batched read, as {@link fetchOnce} reads the
   * answer of a single one; undefined when it says the object is gone.
   */
  private pickPolled(op: OperationDef, answer: unknown, values: Values): JsonObject | undefined {
    let picked = pickResult(op, { [op.field]: answer });
    if (Array.isArray(picked)) {
      const select = this.descriptor.hooks?.selectFromList;
      if (!select) throw new Error("the API returned a list where one object was expected");
      picked = select(picked, values) ?? null;
    }
    if (!isRecord(picked)) return undefined;
    const raw = picked as JsonObject;
    return this.descriptor.hooks?.isGone?.(raw) ? undefined : raw;
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Re-checks inputs (create/update receive checked inputs, but direct callers may not). */
  private validated(
    step: LifecycleStep,
    inputs: unknown,
  ): { values: Values; provider: JsonValue | undefined } {
    const checked = checkInputs(this.descriptor, {}, inputs);
    if (checked.failures.length > 0) {
      const list = checked.failures.map((f) => `${f.property} ${f.reason}`).join("; ");
      throw this.failure(step, undefined, "input", `invalid inputs: ${list}`);
    }
    return { values: stripReserved(checked.inputs), provider: checked.inputs[PROVIDER_KEY] };
  }

  private resolve(step: LifecycleStep, slot: OperationSlot, values: Values): OperationDef {
    if (!isVariants(slot)) return slot;
    const key = this.descriptor.hooks?.selectVariant?.(values);
    const op = key === undefined ? undefined : slot.variants[key];
    if (!op) {
      throw this.failure(
        step,
        undefined,
        "input",
        `cannot tell which ${step} operation applies to these values`,
      );
    }
    return op;
  }

  /**
   * Runs an operation and returns the picked result; API failures become ResourceOperationError
   * (marked `mayHaveApplied` when the client says the server may have run a failed mutation).
   * `raw` returns a list result as it is instead of picking one object from it; `asked` learns
   * which credential the answer was given to and, for a query (which then asks `viewer` too),
   * whether that credential was accepted.
   */
  private async call(
    step: CrudStep,
    op: OperationDef,
    ctx: { id?: string; values: Values },
    secretsFrom: Values,
    options: { raw?: boolean; asked?: Asked } = {},
  ): Promise<JsonValue> {
    const asked = options.asked;
    const spec =
      asked !== undefined && op.kind === "query"
        ? signedInSpec(this.descriptor, op)
        : operationSpec(this.descriptor, op, op.kind === "query" ? "read" : step);
    const variables = this.variablesOf(op, ctx);
    let data: unknown;
    try {
      data = await this.runWaitingOut(op, spec, variables, asked?.receipt);
    } catch (err) {
      const code = apiErrorCode(err) ?? "transport";
      const detail = redact(messageOf(err), this.secretValues({ ...secretsFrom, ...ctx.values }));
      const failure = this.failure(step, op.name, code, detail);
      if (op.kind === "mutation" && mayHaveApplied(err)) {
        Object.defineProperty(failure, "mayHaveApplied", { value: true, enumerable: false });
      }
      throw failure;
    }
    if (asked !== undefined && op.kind === "query") {
      asked.signedIn = isRecord(data) && isRecord(data[SIGNED_IN_FIELD]);
    }
    const picked = pickResult(op, data);
    if (!Array.isArray(picked) || options.raw) return picked;
    const select = this.descriptor.hooks?.selectFromList;
    if (!select)
      throw this.failure(step, op.name, "protocol", "the API returned a list where one object was expected");
    return select(picked, ctx.values) ?? null;
  }

  /** The variables of `op` for the object `ctx` describes. */
  private variablesOf(op: OperationDef, ctx: { id?: string; values: Values }): Record<string, unknown> {
    return buildVariables(op, {
      ...ctx,
      fields: this.descriptor.fields,
      ...(this.descriptor.hooks?.shapeInput ? { shapeInput: this.descriptor.hooks.shapeInput } : {}),
    });
  }

  /** Runs `spec`, sending it again while Spacelift gives a refusal the operation waits out. */
  private async runWaitingOut(
    op: OperationDef,
    spec: OperationSpec,
    variables: Record<string, unknown>,
    receipt: AnswerReceipt | undefined,
  ): Promise<unknown> {
    const wait = op.retryWhile;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deps.api.run<unknown>(spec, variables, receipt);
      } catch (err) {
        const refusal = apiErrorCode(err) === "validation" && wait?.message.test(messageOf(err)) === true;
        if (!wait || !refusal || attempt >= wait.attempts) throw err;
        await this.sleep(wait.delayMs);
      }
    }
  }

  /**
   * Reads the live object; undefined when it is gone. Spacelift answers a token it no longer
   * accepts as an anonymous caller, whose reads come back empty, so "gone" is concluded only from
   * an answer given to a token the API accepted: the very token that received the empty answer is
   * checked (a parallel operation may have replaced the current one meanwhile), and when it was
   * refused the read is asked again with an accepted token and that answer is checked in turn.
   * The read asks `viewer` in the same document, so an empty answer given to an accepted token is
   * believed at once; only an anonymous one (or a not-found error, which carries no `viewer`) costs
   * the port's separate check.
   */
  private async fetch(step: CrudStep, id: string, values: Values): Promise<Fetched | undefined> {
    for (let attempt = 1; ; attempt++) {
      const asked: Asked = { receipt: {}, signedIn: false };
      const fetched = await this.fetchOnce(step, id, values, asked);
      if (fetched !== undefined || !this.deps.api.confirmSignedIn) return fetched;
      const check = await this.confirmEmpty(step, values, asked);
      if (check === "ok") return undefined;
      if (attempt >= MAX_GONE_CONFIRMATIONS) {
        throw this.failure(step, "Viewer", "authentication", TOKENS_KEPT_REFUSED);
      }
    }
  }

  /**
   * Whether the credential behind an empty answer was accepted: "ok" at once when the answer's own
   * `viewer` says so, else the port is asked; failures are the step's.
   */
  private async confirmEmpty(step: CrudStep, values: Values, asked: Asked): Promise<SignInCheck> {
    if (asked.signedIn) return "ok";
    try {
      return await this.deps.api.confirmSignedIn!(asked.receipt.answeredBy);
    } catch (err) {
      throw this.failure(
        step,
        "Viewer",
        apiErrorCode(err) ?? "transport",
        `${NOT_CONFIRMED_GONE}: ${redact(messageOf(err), this.secretValues(values))}`,
      );
    }
  }

  /** One read of the live object; undefined when the answer says it is gone. */
  private async fetchOnce(
    step: CrudStep,
    id: string,
    values: Values,
    asked?: Asked,
  ): Promise<Fetched | undefined> {
    const op = this.resolve(step, this.descriptor.operations.read, values);
    let obj: JsonValue;
    try {
      obj = await this.call(step, op, { id, values }, values, asked ? { asked } : {});
    } catch (err) {
      if (ResourceOperationError.isInstance(err) && err.code === "not_found") return undefined;
      throw err;
    }
    if (!isRecord(obj)) return undefined;
    const raw = obj as JsonObject;
    if (this.descriptor.hooks?.isGone?.(raw)) return undefined;
    return { raw, api: this.interpreted(this.readApi(raw), values) };
  }

  /**
   * Builds outputs: normalized inputs, plus values only the API knows (computed fields, and
   * serverDefault fields the program left unset), minus write-only values, plus their checksums.
   * When `inputs` is empty (read), every readable field comes from the API, and fields the API
   * cannot return are carried over from `old`. Empty lists and objects are left out.
   */
  private outputs(inputs: Values, api: Values, old: Values, raw?: JsonObject, local: Values = {}): Values {
    const reading = raw !== undefined;
    const out: Values = {};
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (spec.writeOnly || spec.createOnly) continue;
      const readable = isReadable(spec, name);
      let value: JsonValue | undefined;
      // A computed value the API never returns (one from hooks.localValues) lives on in outputs.
      if (name in local) value = local[name];
      else if (spec.computed)
        value = api[name] ?? (reading && readable && !spec.issuedOnce ? undefined : old[name]);
      else if (reading) value = readable ? api[name] : old[name];
      else if (inputs[name] !== undefined) value = withServerChosen(spec.type, inputs[name]!, api[name]);
      else value = spec.serverDefault ? (api[name] ?? old[name]) : undefined;
      // An empty list or object means "unset" (diffs treat them alike); dropping it keeps the outputs
      // of a read equal to those of the create when the API reports unset lists as [].
      if (value !== undefined && value !== null && (!isEmptyCollection(value) || isMemberless(spec.type)))
        out[name] = value;
    }
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (!spec.writeOnly) continue;
      const sumField = spec.writeOnly.checksumField;
      let sum: JsonValue | undefined;
      if (reading) {
        // Prefer the API's checksum; a value the API returned in clear text is hashed but never kept.
        const clear = api[name];
        sum = api[sumField] ?? (typeof clear === "string" ? sha256Hex(clear) : undefined) ?? old[sumField];
      } else {
        // The value just sent is authoritative, and hashing it locally keeps diffs stable.
        const v = inputs[name];
        sum = typeof v === "string" ? sha256Hex(v) : undefined;
      }
      if (typeof sum === "string") out[sumField] = sum.toLowerCase();
      else delete out[sumField];
    }
    return out;
  }

  /**
   * True when the mutation result misses a value only the API can provide (a computed field, or a
   * serverDefault field the program left unset), so the object must be read back. Checksums of
   * write-only fields are computed locally and do not count.
   */
  private lacksComputed(raw: JsonObject, inputs: Values): boolean {
    const localSums = new Set(
      Object.values(this.descriptor.fields).flatMap((f) => (f.writeOnly ? [f.writeOnly.checksumField] : [])),
    );
    return Object.entries(this.descriptor.fields).some(([name, spec]) => {
      const wanted =
        (spec.computed && !spec.issuedOnce) || (spec.serverDefault && inputs[name] === undefined);
      if (!wanted || localSums.has(name)) return false;
      const path = outputName(spec, name);
      return path !== undefined && getPath(raw, path) === undefined;
    });
  }

  /**
   * The stored values of the top-level serverDefault inputs the program left unset, which an update
   * sends again: Spacelift updates replace the whole object, so a null would not mean "keep" (its
   * Terraform provider re-sends them from state, e.g. `space_id` and `engine_type`).
   */
  private storedChoices(values: Values, old: Values): Values {
    const kept: Values = {};
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (!spec.serverDefault || spec.computed || spec.writeOnly || spec.resendWhenUnset === false) continue;
      if (inputName(spec, name) === undefined) continue;
      if (values[name] === undefined && old[name] !== undefined && old[name] !== null) kept[name] = old[name];
    }
    return kept;
  }

  /** Runs `hooks.localValues`; failures are reported as the step's, with secrets redacted. */
  private async localValues(step: "create" | "update", values: Values, old: Values): Promise<Values> {
    const hook = this.descriptor.hooks?.localValues;
    if (!hook) return {};
    try {
      return await hook(step, values, old);
    } catch (err) {
      const detail = redact(messageOf(err), this.secretValues({ ...old, ...values }));
      throw this.failure(step, undefined, "internal", `could not prepare the values to send: ${detail}`);
    }
  }

  /** The computed values among `values` (the API-assigned part of previous outputs). */
  private computedOf(values: Values): Values {
    const out: Values = {};
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      const v = values[name];
      if (spec.computed && v !== undefined) out[name] = v;
    }
    return out;
  }

  /**
   * Input fields whose new value differs from the previous outputs, by the rules `diff` uses
   * (write-only values by checksum; an unset serverDefault field keeps its value).
   */
  private changedFields(old: Values, values: Values): Set<string> {
    const changed = new Set<string>();
    for (const [name, spec] of Object.entries(this.descriptor.fields)) {
      if (spec.computed) continue;
      const single = { ...this.descriptor, fields: { [name]: spec }, immutable: false };
      if (diffResource(single, old, values).changes) changed.add(name);
    }
    return changed;
  }

  private idOf(values: Values, raw: JsonObject): string | undefined {
    const spec = this.descriptor.id;
    if ("fromResult" in spec) {
      const id = getPath(raw, spec.fromResult);
      return typeof id === "string" && id !== "" ? id : typeof id === "number" ? String(id) : undefined;
    }
    return spec.compose(values);
  }

  private parseId(step: LifecycleStep, id: string): Values {
    const spec = this.descriptor.id;
    if ("fromResult" in spec) return {};
    const parsed = (spec as CompositeIdSpec).parse(id);
    if (!parsed) {
      throw this.failure(step, undefined, "input", `malformed id; expected the form ${spec.format}`);
    }
    return parsed;
  }

  private secretValues(values: Values): string[] {
    return Object.entries(this.descriptor.fields)
      .filter(([, f]) => f.secret || f.writeOnly)
      .map(([name]) => values[name])
      .filter((v): v is string => typeof v === "string");
  }

  private partial(
    step: LifecycleStep,
    id: string,
    outs: Values,
    provider: JsonValue | undefined,
    err: unknown,
    values: Values,
  ): ResourceInitError {
    const reason = redact(messageOf(err), this.secretValues(values));
    const properties: Values = provider === undefined ? { ...outs } : { ...outs, [PROVIDER_KEY]: provider };
    const verb = step === "create" ? "was created" : "was updated";
    return new ResourceInitError(
      `Spacelift ${this.descriptor.kind} ${id} ${verb}, but a follow-up step failed: ${reason}`,
      id,
      this.assertJson(step, properties),
      [reason],
    );
  }

  private failure(
    step: LifecycleStep,
    operation: string | undefined,
    code: ResourceOperationError["code"],
    detail: string,
  ) {
    return new ResourceOperationError(this.descriptor.kind, step, operation, code, detail);
  }

  // The host's Struct conversion throws an opaque "Unexpected struct type." on anything that is not
  // plain JSON; failing here instead names the resource and the offending member.
  private assertJson(step: LifecycleStep, values: Values): Values {
    const bad = nonJsonPaths(values);
    if (bad.length > 0)
      throw this.failure(step, undefined, "internal", `non-JSON output members: ${bad.join(", ")}`);
    return values;
  }
}

/** `values` with the members of `hooks.localValues` merged in; a null member removes the value. */
function withLocal(values: Values, local: Values): Values {
  const out: Values = { ...values };
  for (const [name, value] of Object.entries(local)) {
    if (value === null) delete out[name];
    else out[name] = value;
  }
  return out;
}

/**
 * `given` (a nested object from the inputs) with the members the API chose filled in: nested
 * serverDefault fields the program left unset take the API's value, as top-level ones do.
 */
function withServerChosen(type: FieldType, given: JsonValue, fromApi: JsonValue | undefined): JsonValue {
  if (type.kind !== "object" || !isRecord(given) || !isRecord(fromApi)) return given;
  const out: JsonObject = { ...(given as JsonObject) };
  for (const [name, spec] of Object.entries(type.fields)) {
    const mine = out[name];
    const theirs = (fromApi as JsonObject)[name];
    if (mine === undefined) {
      if ((spec.serverDefault || spec.computed) && theirs !== undefined && theirs !== null)
        out[name] = theirs;
    } else {
      out[name] = withServerChosen(spec.type, mine, theirs);
    }
  }
  return out;
}

/** An object type without members, whose presence alone means something (`spaceliftRepo: {}`). */
function isMemberless(type: FieldType): boolean {
  return type.kind === "object" && Object.keys(type.fields).length === 0;
}

function isEmptyCollection(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isRecord(value) && Object.keys(value).length === 0;
}

let journalShared: { dir: string; journal: CreateJournal } | undefined;

/** One file journal per process and directory, shared by every kind's engine. */
function sharedJournal(env: Readonly<Record<string, string | undefined>>): CreateJournal {
  const dir = journalDirectory(env);
  if (journalShared?.dir !== dir) journalShared = { dir, journal: fileJournal(dir) };
  return journalShared.journal;
}

/** The id of the object to take over (the `import` resource option), if the SDK put one into the inputs. */
export function importIdOf(inputs: unknown): string | undefined {
  const id = isRecord(inputs) ? inputs[IMPORT_KEY] : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The resource key the SDK put into the inputs, if any. */
export function resourceKeyOf(inputs: unknown): string | undefined {
  const key = isRecord(inputs) ? inputs[RESOURCE_KEY] : undefined;
  return typeof key === "string" && key !== "" ? key : undefined;
}

/**
 * True when Spacelift refused a create because the object exists: a slug taken, a target already
 * attached, a stack that already has drift detection.
 */
function isDuplicateRefusal(err: unknown): boolean {
  if (!ResourceOperationError.isInstance(err) || err.code !== "validation") return false;
  return /already (exists|attached|has|depends|referenced)|with this slug already/i.test(err.message);
}

/** True for an answer with nothing in it: null, or an empty list. */
function isEmptyAnswer(value: JsonValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

/** A copy of `values` without Pulumi's reserved `__` members. */
export function stripReserved(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) if (!k.startsWith("__")) out[k] = v;
  return out;
}

/**
 * The asynchronous-delete bound from the environment, in seconds. An unset, non-numeric or
 * non-positive value falls back to {@link DEFAULT_DELETE_TIMEOUT_SECONDS}.
 */
/** The delete wait bound from the environment; see {@link DELETE_TIMEOUT_ENV}. */
export function deleteTimeoutSeconds(env: Readonly<Record<string, string | undefined>>): number {
  return timeoutSeconds(env, DELETE_TIMEOUT_ENV, DEFAULT_DELETE_TIMEOUT_SECONDS);
}

/** A bound in seconds from the variable `name`; unset, non-numeric or non-positive gives `fallback`. */
export function timeoutSeconds(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
): number {
  const raw = env[name];
  const n = raw === undefined ? NaN : Number(raw.trim());
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
