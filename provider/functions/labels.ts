import { isMarkerLabel } from "../engine/marker";

/**
 * An object's labels as a program sees them: sorted, without the marker label the resource engine
 * adds to the objects it creates (resource reads drop it too, so look-ups and outputs agree).
 *
 * @param labels - the labels Spacelift returned (null or absent for none)
 */
export function visibleLabels(labels: readonly string[] | null | undefined): string[] {
  return (labels ?? []).filter((label) => !isMarkerLabel(label)).sort();
}
