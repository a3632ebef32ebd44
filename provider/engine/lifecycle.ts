/**
 * The one lifecycle implementation (check, diff, create, read, update, delete) shared by every
 * descriptor. Resource files hold data; this file holds the Pulumi semantics.
 *
 * @packageDocumentation
 */

import { apiErrorCode, type ApiPort, type SignInCheck } from "./api";
import { checkInputs } from "./check";
import { sha256Hex } from "./checksum";
import type { CompositeIdSpec, OperationDef, OperationSlot, ResourceDescriptor } from "./descriptor";
import { isReadable, isVariants, outputName } from "./descriptorAccess";
import { diffResource } from "./diff";
import { messageOf, redact, ResourceInitError, ResourceOperationError, type LifecycleStep } from "./errors";
import type { FieldType } from "./fieldTypes";
import { buildVariables, getPath, pickResult, readObject } from "./graphqlValues";
import { operationSpec } from "./operationDocument";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./results";
import {
  isRecord,
  nonJsonPaths,
  PROVIDER_KEY,
  toValues,
  type JsonObject,
  type JsonValue,
  type Values,
} from "./values";

/** Environment variable bounding how long an asynchronous delete is awaited. */
export const DELETE_TIMEOUT_ENV = "SPACELIFT_DELETE_TIMEOUT_SECONDS";
/** Default bound for asynchronous deletes, in seconds. */
export const DEFAULT_DELETE_TIMEOUT_SECONDS = 300;
const DEFAULT_POLL_INTERVAL_MS = 5000;
// Most deletions finish within a second or two, so polling starts fast and backs off to the
// interval: a destroy does not wait a whole interval for an object that is already gone.
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
}

/** The lifecycle steps that talk to the API. */
type CrudStep = "create" | "read" | "update" | "delete";

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

  /** @param descriptor - the resource; @param deps - API port, clock and environment. */
  constructor(
    readonly descriptor: ResourceDescriptor,
    private readonly deps: EngineDeps,
  ) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = deps.now ?? Date.now;
  }

  /** Validates and normalizes inputs; makes no API call. */
  async check(olds: unknown, news: unknown): Promise<CheckResult> {
    return checkInputs(this.descriptor, olds, news);
  }

  /** Compares checked inputs with old outputs; makes no API call. */
  async diff(_id: string, olds: unknown, news: unknown): Promise<DiffResult> {
    return diffResource(this.descriptor, toValues(olds), toValues(news));
  }

  /**
   * Creates the object, reads it back when the mutation result lacks computed values, and returns
   * outputs = normalized inputs + computed values. A failure after the object exists throws
   * {@link ResourceInitError}.
   */
  async create(inputs: unknown): Promise<CreateResult> {
    const checked = this.validated("create", inputs);
    const provider = checked.provider;
    const local = await this.localValues("create", checked.values, {});
    const values = withLocal(checked.values, local);
    const op = this.resolve("create", this.descriptor.operations.create, values);
    const obj = await this.call("create", op, { values }, values);
    if (!isRecord(obj)) {
      throw this.failure("create", op.name, "protocol", "the API returned no object");
    }
    const raw = obj as JsonObject;
    let api = readObject(this.descriptor.fields, raw);
    const id = this.idOf({ ...values, ...api }, raw);
    if (id === undefined) {
      throw this.failure("create", op.name, "protocol", "the API response carries no id for the new object");
    }
    let outs = this.outputs(values, api, {}, undefined, local);
    if (this.lacksComputed(raw, values)) {
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
   * Reads the live object. Returns `{}` when it is gone (null result or not-found, confirmed with a
   * signed-in caller), so refresh drops it. Works with nothing but an id (composite ids are
   * parsed), for `Resource.get`.
   */
  async read(id: string, props?: unknown): Promise<ReadResult> {
    const old = stripReserved(toValues(props));
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
    // Inputs describe what the program asked for, so a write-only value keeps the checksum of the
    // value last applied, not the one the API now reports (that drift shows up in the outputs).
    for (const spec of Object.values(this.descriptor.fields)) {
      if (!spec.writeOnly) continue;
      const sum = old[spec.writeOnly.checksumField] ?? outs[spec.writeOnly.checksumField];
      if (sum !== undefined) inputs[spec.writeOnly.checksumField] = sum;
    }
    return { id, props: this.assertJson("read", outs), inputs: this.assertJson("read", inputs) };
  }

  /**
   * Sends the full new input (Spacelift updates replace the whole object) and returns complete
   * outputs, which replace state.
   */
  async update(id: string, olds: unknown, news: unknown): Promise<UpdateResult> {
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
    const old = stripReserved(toValues(olds));
    const local = await this.localValues("update", checked.values, old);
    const values = withLocal(checked.values, local);
    // API-assigned values of the existing object (an attachment's own id) may be operation arguments.
    const ctx = { ...this.computedOf(old), ...values, ...this.parseId("update", id) };
    const op = this.resolve("update", this.descriptor.operations.update, ctx);
    const obj = await this.call("update", op, { id, values: ctx }, values);
    let raw = isRecord(obj) ? (obj as JsonObject) : undefined;
    let api = raw ? readObject(this.descriptor.fields, raw) : {};
    const changed = this.changedFields(old, values);
    for (const follow of this.descriptor.operations.afterUpdate ?? []) {
      if (!follow.when.some((f) => changed.has(f))) continue;
      let result: JsonValue;
      try {
        result = await this.call("update", follow.op, { id, values: ctx }, values);
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
        api = { ...api, ...readObject(this.descriptor.fields, result as JsonObject) };
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
    const old = stripReserved(toValues(props));
    const values = { ...old, ...this.parseId("delete", id) };
    const op = this.resolve("delete", this.descriptor.operations.delete, values);
    try {
      await this.call("delete", op, { id, values }, old);
    } catch (err) {
      if (ResourceOperationError.isInstance(err) && err.code === "not_found") return;
      throw err;
    }
    const asyncDelete = this.descriptor.asyncDelete;
    if (!asyncDelete) return;

    const timeoutMs = deleteTimeoutSeconds(this.deps.env ?? process.env) * 1000;
    const deadline = this.now() + timeoutMs;
    const interval = asyncDelete.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    let wait = Math.min(FIRST_POLL_MS, interval);
    for (;;) {
      const fetched = await this.fetch("delete", id, values);
      if (!fetched) return;
      if (asyncDelete.failedWhen?.(fetched.raw)) {
        throw this.failure(
          "delete",
          undefined,
          "internal",
          "Spacelift stopped deleting the object before it was gone",
        );
      }
      const remaining = deadline - this.now();
      if (remaining <= 0) {
        throw this.failure(
          "delete",
          undefined,
          "timeout",
          `the object still exists ${timeoutMs / 1000}s after deletion was requested; ` +
            `raise ${DELETE_TIMEOUT_ENV} or run the destroy again later`,
        );
      }
      await this.sleep(Math.min(wait, remaining));
      wait = Math.min(wait * 2, interval);
    }
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

  /** Runs an operation and returns the picked result; API failures become ResourceOperationError. */
  private async call(
    step: CrudStep,
    op: OperationDef,
    ctx: { id?: string; values: Values },
    secretsFrom: Values,
  ): Promise<JsonValue> {
    const spec = operationSpec(this.descriptor, op, op.kind === "query" ? "read" : step);
    const variables = buildVariables(op, {
      ...ctx,
      fields: this.descriptor.fields,
      ...(this.descriptor.hooks?.shapeInput ? { shapeInput: this.descriptor.hooks.shapeInput } : {}),
    });
    let data: unknown;
    try {
      data = await this.deps.api.run<unknown>(spec, variables);
    } catch (err) {
      const code = apiErrorCode(err) ?? "transport";
      const detail = redact(messageOf(err), this.secretValues({ ...secretsFrom, ...ctx.values }));
      throw this.failure(step, op.name, code, detail);
    }
    const picked = pickResult(op, data);
    if (!Array.isArray(picked)) return picked;
    const select = this.descriptor.hooks?.selectFromList;
    if (!select)
      throw this.failure(step, op.name, "protocol", "the API returned a list where one object was expected");
    return select(picked, ctx.values) ?? null;
  }

  /**
   * Reads the live object; undefined when it is gone. Spacelift answers a token it no longer
   * accepts as an anonymous caller, whose reads come back empty, so "gone" is reported only once
   * the port confirms the caller is signed in; after a token refresh the read is asked once more.
   * Only this path pays for the check.
   */
  private async fetch(step: CrudStep, id: string, values: Values): Promise<Fetched | undefined> {
    const fetched = await this.fetchOnce(step, id, values);
    if (fetched !== undefined || !this.deps.api.confirmSignedIn) return fetched;
    let check: SignInCheck;
    try {
      check = await this.deps.api.confirmSignedIn();
    } catch (err) {
      throw this.failure(
        step,
        "Viewer",
        apiErrorCode(err) ?? "transport",
        `could not confirm that the object is gone: ${redact(messageOf(err), this.secretValues(values))}`,
      );
    }
    return check === "refreshed" ? this.fetchOnce(step, id, values) : undefined;
  }

  /** One read of the live object; undefined when the answer says it is gone. */
  private async fetchOnce(step: CrudStep, id: string, values: Values): Promise<Fetched | undefined> {
    const op = this.resolve(step, this.descriptor.operations.read, values);
    let obj: JsonValue;
    try {
      obj = await this.call(step, op, { id, values }, values);
    } catch (err) {
      if (ResourceOperationError.isInstance(err) && err.code === "not_found") return undefined;
      throw err;
    }
    if (!isRecord(obj)) return undefined;
    const raw = obj as JsonObject;
    if (this.descriptor.hooks?.isGone?.(raw)) return undefined;
    return { raw, api: readObject(this.descriptor.fields, raw) };
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
      if (spec.writeOnly) continue;
      const readable = isReadable(spec, name);
      let value: JsonValue | undefined;
      // A computed value the API never returns (one from hooks.localValues) lives on in outputs.
      if (name in local) value = local[name];
      else if (spec.computed) value = api[name] ?? (reading && readable ? undefined : old[name]);
      else if (reading) value = readable ? api[name] : old[name];
      else if (inputs[name] !== undefined) value = withServerChosen(spec.type, inputs[name]!, api[name]);
      else value = spec.serverDefault ? (api[name] ?? old[name]) : undefined;
      // An empty list or object means "unset" (diffs treat them alike); dropping it keeps the outputs
      // of a read equal to those of the create when the API reports unset lists as [].
      if (value !== undefined && value !== null && !isEmptyCollection(value)) out[name] = value;
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
      const wanted = spec.computed || (spec.serverDefault && inputs[name] === undefined);
      if (!wanted || localSums.has(name)) return false;
      const path = outputName(spec, name);
      return path !== undefined && getPath(raw, path) === undefined;
    });
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
      if (spec.serverDefault && theirs !== undefined && theirs !== null) out[name] = theirs;
    } else {
      out[name] = withServerChosen(spec.type, mine, theirs);
    }
  }
  return out;
}

function isEmptyCollection(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isRecord(value) && Object.keys(value).length === 0;
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
export function deleteTimeoutSeconds(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[DELETE_TIMEOUT_ENV];
  const n = raw === undefined ? NaN : Number(raw.trim());
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_DELETE_TIMEOUT_SECONDS;
}
