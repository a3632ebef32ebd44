import { createHash } from "node:crypto";

import * as pulumi from "@pulumi/pulumi";

/**
 * The resource key of a resource: `<stack part>.<resource part>`, two truncated SHA-256 digests,
 * of the Pulumi project and stack, and of those plus the resource's kind, name and parent URN.
 * It is the same on every run of the program, so the provider can tell the object a create of
 * this resource made (marked with it in Spacelift, or recorded under it in the create journal)
 * from any other object of the same name, even after a deployment was killed or an answer lost.
 * It reveals nothing of the names it is made from.
 *
 * @param kind - the resource kind (`Space`)
 * @param name - the resource's logical name in the program
 * @param opts - the resource options, for the parent
 */
export function resourceKey(
  kind: string,
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Input<string> {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const stackPart = digest([project, stack]).slice(0, 8);
  const keyOf = (parentUrn: string) =>
    `${stackPart}.${digest([project, stack, kind, name, parentUrn]).slice(0, 16)}`;
  const parent = opts?.parent;
  if (parent === undefined) return keyOf("");
  // Not `parent.urn.apply(keyOf)`: that output would depend on the parent, and Pulumi turns a
  // dependency on a component into one on all its children, so two children of one component would
  // each wait for the other forever. The URN is only a name here, never a dependency.
  const urn = (parent.urn as unknown as { promise(): Promise<string> }).promise();
  return pulumi.output(urn.then(keyOf));
}

function digest(parts: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
