import type { PropertyMap } from "../helpers/providerHost";

/**
 * One row of the bad-input table (`badInput.spec.ts`): program inputs that `Check` must reject,
 * through Pulumi's real dynamic-provider host, naming the property at fault and saying what is
 * wrong, without a single API call. Rows are plain data; put them in a file under
 * `tests/host/badInputCases/` (one per kind, or per theme) exporting `badInputCases`, and the
 * table picks the file up.
 *
 * @example
 * ```ts
 * export const badInputCases: BadInputCase[] = [
 *   { kind: "Space", inputs: { description: "no name" }, property: "name", reason: /is required/ },
 *   { kind: "Space", inputs: { name: "s", labels: ["ok", ""] }, property: "labels[1]", reason: /must not be empty/ },
 * ];
 * ```
 */
export interface BadInputCase {
  /** The resource kind, as the SDK exports it (`Space`, `MountedFile`). */
  readonly kind: string;

  /** The program's inputs, exactly as Check receives them on create (no placeholders, no defaults). */
  readonly inputs: PropertyMap;

  /**
   * The property path one of the failures must name, exactly: `name`, `labels[1]`,
   * `gitlab.namespace`. For a rule over several arguments, the argument the engine blames.
   */
  readonly property: string;

  /** What that failure's reason must match. */
  readonly reason: RegExp;
}
