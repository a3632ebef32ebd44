import { ulid } from "ulid";
import type { OperationIdentity, OperationKind } from "./operation";

/** The kinds of failure the emulator can inject. */
export type FaultKind = Fault["kind"];

/**
 * What an injected failure looks like to the client. The first four stop the request before its
 * operation runs; the last three run it, keep its effect, and then spoil the answer, as a load
 * balancer or a network that loses a reply does.
 */
export type Fault =
  /** An HTTP 5xx response with a JSON error body. `status` defaults to 500. */
  | { readonly kind: "serverError"; readonly status?: number }
  /** HTTP 429 with a `Retry-After` header. `retryAfterSeconds` defaults to 1. */
  | { readonly kind: "rateLimit"; readonly retryAfterSeconds?: number }
  /** HTTP 200 with `data: null` and one GraphQL error carrying `message`. */
  | { readonly kind: "graphqlError"; readonly message: string }
  /** The connection is reset before the operation runs: nothing is applied, nothing answered. */
  | { readonly kind: "dropBeforeApply" }
  /** The operation is applied, then an HTTP 5xx JSON error replaces its answer. `status` defaults to 502. */
  | { readonly kind: "applyThenServerError"; readonly status?: number }
  /** The operation is applied, then the connection is reset without any response. */
  | { readonly kind: "applyThenDrop" }
  /**
   * The operation is applied, and its answer is held for `delayMs` milliseconds. If the client
   * gives up or the emulator closes first, the connection is reset instead.
   */
  | { readonly kind: "slowAnswer"; readonly delayMs: number };

/** A fault that lets the operation run and then spoils its answer. */
export type AfterApplyFault = Extract<
  Fault,
  { kind: "applyThenServerError" | "applyThenDrop" | "slowAnswer" }
>;

/** A fault that answers the request instead of running its operation. */
export type BeforeApplyFault = Exclude<Fault, AfterApplyFault>;

/** Whether the operation runs before `fault` takes effect. */
export function appliesFirst(fault: Fault): fault is AfterApplyFault {
  return (
    fault.kind === "applyThenServerError" || fault.kind === "applyThenDrop" || fault.kind === "slowAnswer"
  );
}

/**
 * When a fault applies. Give exactly one of `times` or `share`; `operation` and `operationKind`
 * narrow which calls the rule sees, and both must match when both are given.
 *
 * - `times`: the next N matching calls fail, then the rule is removed.
 * - `share` (0..1): a deterministic share of matching calls fails, until the rule is removed. The
 *   k-th matching call fails when `floor(k * share)` grows, so 0.5 fails calls 2, 4, 6… and 0.25
 *   fails calls 4, 8, 12…
 */
export interface FaultRuleInput {
  /** Operation name to match (see `identifyOperation`); every operation when omitted. */
  readonly operation?: string;
  /**
   * `query` or `mutation`. Credential exchanges (`apiKeyUser`, `oauthUser`) are left out of
   * `mutation` unless `operation` names them, so that a rule aimed at API writes does not break
   * authentication.
   */
  readonly operationKind?: OperationKind;
  /** Number of matching calls to fail. */
  readonly times?: number;
  /** Share of matching calls to fail. */
  readonly share?: number;
  /** The failure to produce. */
  readonly fault: Fault;
}

/** A fault rule as reported by the controls. */
export interface FaultRule {
  /** Rule id. */
  readonly id: string;
  /** Operation matched, or null for every operation. */
  readonly operation: string | null;
  /** Kind of operation matched, or null for both. */
  readonly operationKind: OperationKind | null;
  /** Remaining failures of a `times` rule; null for a `share` rule. */
  readonly remaining: number | null;
  /** Share of a `share` rule; null for a `times` rule. */
  readonly share: number | null;
  /** Matching calls seen so far. */
  readonly matched: number;
  /** The failure it produces. */
  readonly fault: Fault;
}

/** Thrown for an invalid fault rule; the message is safe to return to the caller. */
export class FaultRuleError extends Error {}

type MutableRule = { -readonly [K in keyof FaultRule]: FaultRule[K] };

/** Absorbs binary rounding so that e.g. share 0.1 fails exactly every 10th call. */
const EPSILON = 1e-9;

/** Longest `slowAnswer` delay: what `setTimeout` can wait (about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Decides which requests fail. Rules are checked in the order they were added; the first that
 * fires answers the request and later rules do not see it.
 */
export class FaultInjector {
  private rules: MutableRule[] = [];

  /** Adds a rule after validating it. */
  add(input: FaultRuleInput): FaultRule {
    const rule = validateRule(input);
    this.rules.push(rule);
    return { ...rule };
  }

  /** The active rules. */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The fault for this call, if any; advances the counters of the rules it reaches. */
  next(call: OperationIdentity): Fault | null {
    for (const rule of this.rules) {
      if (!matches(rule, call)) {
        continue;
      }
      rule.matched += 1;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) {
          this.rules = this.rules.filter((r) => r !== rule);
        }
        return rule.fault;
      }
      const share = rule.share ?? 0;
      if (Math.floor(rule.matched * share + EPSILON) > Math.floor((rule.matched - 1) * share + EPSILON)) {
        return rule.fault;
      }
    }
    return null;
  }
}

function matches(rule: MutableRule, call: OperationIdentity): boolean {
  if (rule.operation !== null && rule.operation !== call.name) {
    return false;
  }
  if (rule.operationKind !== null) {
    return rule.operationKind === call.kind && (rule.operation !== null || !call.exchange);
  }
  return true;
}

function validateRule(input: FaultRuleInput): MutableRule {
  const { operation, operationKind, times, share, fault } = input;
  if (operation !== undefined && (typeof operation !== "string" || operation === "")) {
    throw new FaultRuleError("operation must be a non-empty string");
  }
  if (operationKind !== undefined && operationKind !== "query" && operationKind !== "mutation") {
    throw new FaultRuleError('operationKind must be "query" or "mutation"');
  }
  if ((times === undefined) === (share === undefined)) {
    throw new FaultRuleError("give exactly one of times or share");
  }
  if (times !== undefined && !(Number.isInteger(times) && times > 0)) {
    throw new FaultRuleError("times must be a positive integer");
  }
  if (share !== undefined && !(typeof share === "number" && share >= 0 && share <= 1)) {
    throw new FaultRuleError("share must be a number from 0 to 1");
  }
  return {
    id: ulid(),
    operation: operation ?? null,
    operationKind: operationKind ?? null,
    remaining: times ?? null,
    share: share ?? null,
    matched: 0,
    fault: validateFault(fault),
  };
}

const KINDS =
  "serverError, rateLimit, graphqlError, dropBeforeApply, applyThenServerError, applyThenDrop or slowAnswer";

function validateFault(fault: unknown): Fault {
  if (typeof fault !== "object" || fault === null) {
    throw new FaultRuleError("fault must be an object with a kind");
  }
  const { kind, status, retryAfterSeconds, message, delayMs } = fault as Record<string, unknown>;
  switch (kind) {
    case "serverError":
    case "applyThenServerError":
      return { kind, status: serverStatus(kind, status ?? (kind === "serverError" ? 500 : 502)) };
    case "rateLimit": {
      const seconds = retryAfterSeconds ?? 1;
      if (!(typeof seconds === "number" && Number.isInteger(seconds) && seconds >= 0)) {
        throw new FaultRuleError("rateLimit retryAfterSeconds must be a non-negative integer");
      }
      return { kind, retryAfterSeconds: seconds };
    }
    case "graphqlError":
      if (typeof message !== "string" || message === "") {
        throw new FaultRuleError("graphqlError message must be a non-empty string");
      }
      return { kind, message };
    case "dropBeforeApply":
    case "applyThenDrop":
      return { kind };
    case "slowAnswer":
      if (!(
        typeof delayMs === "number" &&
        Number.isInteger(delayMs) &&
        delayMs > 0 &&
        delayMs <= MAX_DELAY_MS
      )) {
        throw new FaultRuleError(`slowAnswer delayMs must be an integer from 1 to ${MAX_DELAY_MS}`);
      }
      return { kind, delayMs };
    default:
      throw new FaultRuleError(`fault kind must be ${KINDS}`);
  }
}

function serverStatus(kind: string, code: unknown): number {
  if (!(typeof code === "number" && Number.isInteger(code) && code >= 500 && code <= 599)) {
    throw new FaultRuleError(`${kind} status must be an integer from 500 to 599`);
  }
  return code;
}
