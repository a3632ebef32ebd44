/**
 * Deciding whether an object found in Spacelift was made by the resource now being created: the
 * evidence rules of exactly-once creates, as pure functions. `lifecycle.ts` finds the candidates
 * and acts on the verdict; docs/architecture.md explains the design and its limits per kind.
 *
 * @packageDocumentation
 */

import type { JournalEntry } from "./createJournal";

/**
 * Clock skew tolerated between this machine and Spacelift when creation times are compared with
 * when a create was sent (Spacelift reports whole seconds, so at least one second is needed).
 */
export const CLOCK_SKEW_MS = 5000;

/** One object found where the resource's object would be. */
export interface Candidate {
  /** The Pulumi id it would have. */
  readonly id: string;
  /** The resource key its marker names; undefined when it carries none (or the kind has no marker). */
  readonly markerKey: string | undefined;
  /** Its creation time, epoch ms, when the API reports one. */
  readonly createdAtMs: number | undefined;
  /** Whether its attributes equal what the program declares (a diff would show no change). */
  readonly identical: boolean;
  /** Whether it was already there before this create was first sent (known when looked for first). */
  readonly seenBefore: boolean;
  /** Whether another resource of this deployment created or adopted it. */
  readonly takenByAnother?: boolean;
}

/** What is known about this resource's own earlier attempts. */
export interface Evidence {
  /** The resource key from the program; undefined when the program gave none. */
  readonly key: string | undefined;
  /** Whether the kind keeps a marker (so an unmarked object was not made by a marked create). */
  readonly marked: boolean;
  /** When this call first sent a create whose outcome is unknown (epoch ms); undefined if none. */
  readonly sentInThisCallAt: number | undefined;
  /** This machine's journal entry for the key, from before this call wrote its own. */
  readonly journal: JournalEntry | undefined;
  /**
   * The create replaces an object of the same resource that Pulumi still holds (its `check` saw
   * old inputs): that object carries the same marker and journal record, so only an object made
   * by this very call can be the new one.
   */
  readonly replacing: boolean;
}

/** Why a candidate is, or is not, this resource's object. */
export type Verdict =
  | { readonly ours: true; readonly because: "marker" | "this call" | "journal" }
  | { readonly ours: false; readonly because: ForeignReason };

/** Why a candidate is not this resource's object; worded for users by {@link foreignExplanation}. */
export type ForeignReason =
  | "another resource's marker"
  | "another stack's marker"
  | "no marker"
  | "attributes differ"
  | "no record"
  | "replaced"
  | "taken";

/**
 * Judges one candidate.
 *
 * - A marker names its creator outright: the object is ours when it names our key. On a kind
 *   with markers, an unmarked object is never ours (every create this package sends carries it).
 * - Without a marker, the object must equal what the program declares and either this call sent a
 *   create whose answer was lost, or this machine's journal holds a create of this resource whose
 *   outcome was never learned (or whose recorded id is this object's). Where the API reports
 *   creation times, the object must have been made after that create was sent (and before its
 *   answer arrived).
 * - An object that was there before this call sent anything is never taken for the one it made.
 */
export function judge(candidate: Candidate, evidence: Evidence): Verdict {
  if (candidate.takenByAnother) return { ours: false, because: "taken" };
  if (evidence.replacing) return judgeReplacement(candidate, evidence);
  if (candidate.markerKey !== undefined) {
    if (candidate.markerKey === evidence.key) return { ours: true, because: "marker" };
    const sameStack =
      evidence.key !== undefined && stackPart(candidate.markerKey) === stackPart(evidence.key);
    return { ours: false, because: sameStack ? "another resource's marker" : "another stack's marker" };
  }
  if (evidence.marked && evidence.key !== undefined) return { ours: false, because: "no marker" };
  if (!candidate.identical) return { ours: false, because: "attributes differ" };
  const created = candidate.createdAtMs;
  const sent = evidence.sentInThisCallAt;
  if (
    sent !== undefined &&
    !candidate.seenBefore &&
    (created === undefined || created >= sent - CLOCK_SKEW_MS)
  ) {
    return { ours: true, because: "this call" };
  }
  const entry = evidence.journal;
  if (entry !== undefined) {
    const afterStart = created === undefined || created >= entry.startedAt - CLOCK_SKEW_MS;
    const beforeEnd =
      created === undefined || entry.finishedAt === undefined || created <= entry.finishedAt + CLOCK_SKEW_MS;
    const sameObject = entry.id === undefined || entry.id === candidate.id;
    if (afterStart && beforeEnd && sameObject) return { ours: true, because: "journal" };
  }
  return { ours: false, because: "no record" };
}

/**
 * During a replacement the predecessor is still there with this resource's marker and journal
 * record, so neither is evidence: only an object this call's lost create made (absent before it,
 * created after it was sent where creation times are known) is the new one.
 */
function judgeReplacement(candidate: Candidate, evidence: Evidence): Verdict {
  const sent = evidence.sentInThisCallAt;
  const created = candidate.createdAtMs;
  const ownMarker = candidate.markerKey === undefined || candidate.markerKey === evidence.key;
  const madeNow =
    sent !== undefined && !candidate.seenBefore && (created === undefined || created >= sent - CLOCK_SKEW_MS);
  if (ownMarker && madeNow && (candidate.markerKey !== undefined || candidate.identical)) {
    return { ours: true, because: "this call" };
  }
  return { ours: false, because: ownMarker ? "replaced" : "another resource's marker" };
}

/**
 * The candidate to adopt among several judged ours: one whose attributes match, else the newest.
 * Undefined when none is ours.
 */
export function pickOurs<C extends Candidate>(candidates: readonly C[], evidence: Evidence): C | undefined {
  const ours = candidates.filter((c) => judge(c, evidence).ours);
  if (ours.length <= 1) return ours[0];
  const ranked = [...ours].sort(
    (a, b) => Number(b.identical) - Number(a.identical) || (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0),
  );
  return ranked[0];
}

/** Why a candidate is not ours, as a clause for an error message. */
export function foreignExplanation(reason: ForeignReason): string {
  switch (reason) {
    case "another resource's marker":
      return "it carries the pulumi-spacelift marker of another resource of this Pulumi stack (two resources declare the same object?)";
    case "another stack's marker":
      return "it carries the pulumi-spacelift marker of a resource of another Pulumi stack or project";
    case "no marker":
      return "it carries no pulumi-spacelift marker, so it was made outside this program (by hand, or by another tool)";
    case "attributes differ":
      return "its settings differ from the ones declared, so it was not made by this resource's create";
    case "taken":
      return "another resource of this deployment created or adopted it (two resources declare the same object?)";
    case "replaced":
      return "it is the object this resource is replacing, which Pulumi deletes once the replacement exists";
    case "no record":
      return "this resource has no record of creating it (no create of it was interrupted on this machine)";
  }
}

/**
 * The resource key's stack part. Keys are `<stack hash>.<resource hash>` (see the SDK's
 * `resourceKey`), so two keys of one Pulumi stack share the part before the dot.
 */
export function stackPart(key: string): string {
  const dot = key.indexOf(".");
  return dot < 0 ? key : key.slice(0, dot);
}
