/**
 * The benchmark's program shape, the same for every provider: 3 spaces, then groups of a context,
 * two environment variables on it, a stack and a context attachment of that context to that
 * stack, spread over the spaces, until the program declares exactly `resources` resources.
 *
 * @packageDocumentation
 */

import type * as pulumi from "@pulumi/pulumi";

import type * as Spacelift from "../sdk";
import {
  FloorContext,
  FloorContextAttachment,
  FloorEnvironmentVariable,
  FloorSpace,
  FloorStack,
} from "./floor";

/** Anything the program needs of a declared resource: its ID. */
export interface Declared {
  readonly id: pulumi.Output<string>;
}

/** How one provider declares each kind of resource the program uses. */
export interface ResourceKit {
  space(name: string, args: { name: string }): Declared;
  context(name: string, args: { name: string; spaceId: pulumi.Input<string> }): Declared;
  environmentVariable(
    name: string,
    args: { contextId: pulumi.Input<string>; name: string; value: string },
  ): Declared;
  stack(
    name: string,
    args: { name: string; repository: string; branch: string; spaceId: pulumi.Input<string> },
  ): Declared;
  contextAttachment(
    name: string,
    args: { contextId: pulumi.Input<string>; stackId: pulumi.Input<string> },
  ): Declared;
}

/** Number of spaces the program starts with. */
export const SPACES = 3;

/** The kit that declares pulumi-spacelift's resources. */
export function spaceliftKit(spacelift: typeof Spacelift): ResourceKit {
  return {
    space: (name, args) => new spacelift.Space(name, args),
    context: (name, args) => new spacelift.Context(name, args),
    environmentVariable: (name, args) => new spacelift.EnvironmentVariable(name, args),
    stack: (name, args) => new spacelift.Stack(name, args),
    contextAttachment: (name, args) => new spacelift.ContextAttachment(name, args),
  };
}

/** The kit that declares the floor's resources. */
export const floorKit: ResourceKit = {
  space: (name, args) => new FloorSpace(name, args),
  context: (name, args) => new FloorContext(name, args),
  environmentVariable: (name, args) => new FloorEnvironmentVariable(name, args),
  stack: (name, args) => new FloorStack(name, args),
  contextAttachment: (name, args) => new FloorContextAttachment(name, args),
};

/**
 * Declares `resources` resources (at least {@link SPACES}) through `kit`. `tag` makes the
 * Spacelift names unique to one deployment.
 */
export function declareProgram(kit: ResourceKit, resources: number, tag: string): void {
  const spaces: Declared[] = [];
  for (let s = 0; s < SPACES; s++) {
    spaces.push(kit.space(`space-${s}`, { name: `bench-${tag}-${s}` }));
  }
  let made = SPACES;
  for (let g = 0; made < resources; g++) {
    const space = spaces[g % SPACES];
    const context = kit.context(`ctx-${g}`, { name: `bench-${tag}-ctx-${g}`, spaceId: space.id });
    made++;
    for (let v = 0; v < 2 && made < resources; v++, made++) {
      kit.environmentVariable(`var-${g}-${v}`, {
        contextId: context.id,
        name: `VAR_${v}`,
        value: `value-${g}-${v}`,
      });
    }
    if (made >= resources) break;
    const stack = kit.stack(`stack-${g}`, {
      name: `bench-${tag}-stack-${g}`,
      repository: "infra",
      branch: "main",
      spaceId: space.id,
    });
    made++;
    if (made >= resources) break;
    kit.contextAttachment(`attach-${g}`, { contextId: context.id, stackId: stack.id });
    made++;
  }
}
