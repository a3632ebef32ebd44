import type { OperationKind } from "./operation";
import type { FaultKind } from "./faults";

/** Credential label of requests without a valid bearer token. */
export const ANONYMOUS = "anonymous";

/**
 * One served GraphQL request, as shown in the request log. It deliberately holds no variables,
 * document text or token, so it can be printed or returned by the controls endpoint safely.
 */
export interface RequestLogEntry {
  /** Sequence number, from 1, counting since the last reset. */
  readonly seq: number;
  /** When the request arrived, epoch milliseconds (emulator clock). */
  readonly at: number;
  /** Operation name (header, document name or first root field). */
  readonly operation: string;
  /** Query or mutation. */
  readonly kind: OperationKind;
  /** API key id, `oauth:<login>`, `run:<stack>/<run>` or `anonymous`. */
  readonly credential: string;
  /** HTTP status of the response; 0 when the connection was reset without one. */
  readonly status: number;
  /** The injected fault that answered the request, if any. */
  readonly fault?: FaultKind;
  /** True when the operation ran but an injected fault kept its answer from the client. */
  readonly answerLost?: true;
}

/** Counters and recent requests since the last reset. */
export interface RequestStats {
  /** Requests served. */
  readonly total: number;
  /** Requests per operation name. */
  readonly byOperation: Readonly<Record<string, number>>;
  /** Requests per credential label. */
  readonly byCredential: Readonly<Record<string, number>>;
  /**
   * Requests whose operation ran (a mutation's effect was kept) but whose answer the client did
   * not get, through `applyThenServerError`, `applyThenDrop`, or a `slowAnswer` cut short.
   */
  readonly answersLost: number;
  /** The most recent requests, oldest first. */
  readonly recent: readonly RequestLogEntry[];
}

/** Default number of log entries kept. */
export const DEFAULT_LOG_SIZE = 500;

/** Collects per-operation and per-credential request counts and a bounded request log. */
export class RequestRecorder {
  private total = 0;
  private byOperation = new Map<string, number>();
  private byCredential = new Map<string, number>();
  private answersLost = 0;
  private log: RequestLogEntry[] = [];

  constructor(private readonly logSize: number = DEFAULT_LOG_SIZE) {}

  /** Records a request whose response has been decided. */
  record(entry: Omit<RequestLogEntry, "seq">): void {
    this.total += 1;
    this.byOperation.set(entry.operation, (this.byOperation.get(entry.operation) ?? 0) + 1);
    this.byCredential.set(entry.credential, (this.byCredential.get(entry.credential) ?? 0) + 1);
    if (entry.answerLost) {
      this.answersLost += 1;
    }
    this.log.push({ seq: this.total, ...entry });
    if (this.log.length > this.logSize) {
      this.log.splice(0, this.log.length - this.logSize);
    }
  }

  /** A copy of the counters and the log. */
  snapshot(): RequestStats {
    return {
      total: this.total,
      byOperation: Object.fromEntries(this.byOperation),
      byCredential: Object.fromEntries(this.byCredential),
      answersLost: this.answersLost,
      recent: [...this.log],
    };
  }

  /** Requests served for one operation name. */
  count(operation: string): number {
    return this.byOperation.get(operation) ?? 0;
  }

  /** Forgets every count and log entry. */
  reset(): void {
    this.total = 0;
    this.byOperation = new Map();
    this.byCredential = new Map();
    this.answersLost = 0;
    this.log = [];
  }
}
