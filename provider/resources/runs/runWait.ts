import type { CreateWaitSpec } from "../../engine/descriptor";
import { isRecord, type JsonObject, type Values } from "../../engine/values";
import { quoted } from "../existing";

/** Environment variable bounding how long a run is awaited. */
export const RUN_TIMEOUT_ENV = "SPACELIFT_RUN_TIMEOUT_SECONDS";

/** The program's `wait` block, if it gives one. */
function waitOf(values: Values): Values | undefined {
  const wait = values["wait"];
  return isRecord(wait) ? (wait as Values) : undefined;
}

/** The lower-case final states a waited-for run may end in: `["finished"]` unless the program says. */
function acceptedStates(values: Values): string[] {
  const listed = waitOf(values)?.["continueOnStates"];
  const states = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === "string") : [];
  return states.length > 0 ? states.map((s) => s.toLowerCase()) : ["finished"];
}

/**
 * How a create that starts a run (`Run`, `Task`) waits for it, as Terraform's provider does when
 * the program gives a `wait` block: until `settled` says the run stopped, then the run must have
 * ended in one of the accepted states. `noun` names the run in messages.
 */
export function runWait(noun: string, settled: (raw: JsonObject) => boolean): CreateWaitSpec {
  return {
    when: (v) => waitOf(v) !== undefined && waitOf(v)!["disabled"] !== true,
    settled,
    outcome: (raw, v) => {
      const state = typeof raw["state"] === "string" ? raw["state"].toLowerCase() : "unknown";
      const accepted = acceptedStates(v);
      return accepted.includes(state) ? undefined : `ended ${state}; expected ${accepted.join(" or ")}`;
    },
    continueOnTimeout: (v) => waitOf(v)?.["continueOnTimeout"] === true,
    timeoutEnv: RUN_TIMEOUT_ENV,
    defaultTimeoutSeconds: 1800,
    // Terraform's provider checks every 10 seconds.
    pollIntervalMs: 10_000,
    describe: (id, v) => `${noun} ${id} on stack ${quoted(v["stackId"])}`,
  };
}
