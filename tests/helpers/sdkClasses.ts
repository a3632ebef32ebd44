import * as pulumi from "@pulumi/pulumi";
import { descriptors } from "../../provider/resources";

/**
 * The resource classes an SDK module exports, by kind. A class also exported under the official
 * provider's name (`Mountedfile` for `MountedFile`) is one kind, listed once under its kind.
 */
export function resourceClassesOf(sdk: Record<string, unknown>): [string, unknown][] {
  const classes = Object.entries(sdk).filter(
    ([, value]) =>
      typeof value === "function" &&
      value.prototype instanceof pulumi.CustomResource &&
      !(value.prototype instanceof pulumi.ProviderResource),
  );
  return classes
    .filter(
      ([name, value]) =>
        descriptors[name] !== undefined ||
        !classes.some(([other, same]) => same === value && descriptors[other] !== undefined),
    )
    .sort(([a], [b]) => a.localeCompare(b));
}
