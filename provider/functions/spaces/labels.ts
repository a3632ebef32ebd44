import { isMarkerLabel } from "../../engine/marker";

/**
 * The labels a user set, sorted: without the marker label pulumi-spacelift adds to the objects it
 * creates, which the resources' own outputs never show either.
 *
 * @param labels - the labels as Spacelift returns them
 */
export function userLabels(labels: readonly string[]): string[] {
  return labels.filter((label) => !isMarkerLabel(label)).sort();
}
