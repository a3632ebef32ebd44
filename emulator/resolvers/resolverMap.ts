import type { GraphQLResolveInfo } from "graphql";
import type { EmulatorContext } from "../context";

/**
 * A field resolver with its parent and argument types spelled out. Every resolver of the domain
 * modules has this shape; `TParent` is the record the parent field returned.
 */
export type FieldResolver<TParent, TArgs, TResult> = (
  parent: TParent,
  args: TArgs,
  ctx: EmulatorContext,
  info: GraphQLResolveInfo,
) => TResult;

/**
 * Any field resolver, whatever its parent and argument types. `never` parameters make every
 * {@link FieldResolver} assignable here without widening anything to `any`.
 */
export type AnyFieldResolver = (
  parent: never,
  args: never,
  ctx: EmulatorContext,
  info: GraphQLResolveInfo,
) => unknown;

/** Resolvers of one object type, by field name. */
export interface ObjectResolvers {
  readonly [field: string]: AnyFieldResolver;
}

/** How a union member is chosen for a value. */
export interface UnionResolvers {
  readonly __resolveType: (value: never) => string;
}

/** Resolvers by type name, in the shape `makeSchema` takes. */
export interface ResolverMap {
  readonly [typeName: string]: ObjectResolvers | UnionResolvers;
}

/**
 * Merges resolver maps type by type. Two maps resolving the same field is a programming error
 * (one would silently win), so it throws naming the field.
 */
export function mergeResolverMaps(maps: readonly ResolverMap[]): ResolverMap {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) {
          throw new Error(`resolver ${typeName}.${field} is defined by two domain modules`);
        }
        target[field] = resolver;
      }
    }
  }
  return merged as ResolverMap;
}
