import type { AfterApplyFault, BeforeApplyFault } from "./faults";
import type { HeldAnswers } from "./heldAnswers";
import { CONNECTION_RESET, jsonResponse, type EmulatorReply, type EmulatorResponse } from "./httpMessage";

/** The reply to a request stopped by `fault` before its operation ran. */
export function refusal(fault: BeforeApplyFault): EmulatorReply {
  switch (fault.kind) {
    case "serverError":
      return jsonResponse(fault.status ?? 500, {
        errors: [{ message: "internal server error (injected by the emulator)" }],
      });
    case "rateLimit":
      return jsonResponse(
        429,
        { errors: [{ message: "too many requests (injected by the emulator)" }] },
        { "retry-after": String(fault.retryAfterSeconds ?? 1) },
      );
    case "graphqlError":
      return jsonResponse(200, { data: null, errors: [{ message: fault.message }] });
    case "dropBeforeApply":
      return CONNECTION_RESET;
  }
}

/** What the client gets of an executed operation's answer, and whether it got nothing of it. */
export interface SpoiledAnswer {
  /** The reply to send. */
  readonly reply: EmulatorReply;
  /** True when the client does not receive the operation's answer. */
  readonly lost: boolean;
}

/**
 * Applies `fault` to the answer of an operation that has already run and been committed.
 *
 * @param fault - the fault drawn for the request before it ran
 * @param answer - the operation's real answer
 * @param held - where a `slowAnswer` waits, so that closing the emulator cuts the wait
 * @param signal - aborted when the client goes away, which also cuts the wait
 */
export async function spoilAnswer(
  fault: AfterApplyFault,
  answer: EmulatorResponse,
  held: HeldAnswers,
  signal: AbortSignal | undefined,
): Promise<SpoiledAnswer> {
  switch (fault.kind) {
    case "applyThenServerError":
      return {
        reply: jsonResponse(fault.status ?? 502, {
          errors: [{ message: "answer lost (injected by the emulator after applying the operation)" }],
        }),
        lost: true,
      };
    case "applyThenDrop":
      return { reply: CONNECTION_RESET, lost: true };
    case "slowAnswer":
      return (await held.hold(fault.delayMs, signal))
        ? { reply: answer, lost: false }
        : { reply: CONNECTION_RESET, lost: true };
  }
}
