import {
  buildSchema,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";

/**
 * Resolvers by type name: an object of functions, a field resolver per field of an object type,
 * or `__resolveType` for a union or an interface. Each map is typed against its own parent,
 * argument and context types, so the value type stays open here and is checked when attached.
 */
export interface ResolverMapInput {
  readonly [typeName: string]: object;
}

/**
 * Builds an executable schema from SDL (type extensions included) and resolver maps, with
 * graphql-js alone. The emulator once used a schema-tools library for this, but its current
 * releases depend on a package that declares Node 22, which made installing this package warn
 * on Node 20; the emulator only needs field resolvers and union type resolution.
 *
 * A resolver for a type or field absent from the SDL throws: it is a bug that would otherwise
 * never run. So does a map that resolves the same field twice.
 */
export function makeSchema(typeDefs: string, resolverMaps: readonly ResolverMapInput[]): GraphQLSchema {
  const schema = buildSchema(typeDefs);
  const seen = new Set<string>();
  for (const map of resolverMaps) {
    for (const [typeName, resolvers] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (!type) {
        throw new Error(`resolvers are given for ${typeName}, which the schema does not define`);
      }
      for (const [name, resolver] of Object.entries(resolvers) as Array<[string, unknown]>) {
        const key = `${typeName}.${name}`;
        if (seen.has(key)) {
          throw new Error(`resolver ${key} is given twice`);
        }
        seen.add(key);
        if (typeof resolver !== "function") {
          throw new Error(`resolver ${key} is not a function`);
        }
        if (name === "__resolveType") {
          if (!isUnionType(type) && !isInterfaceType(type)) {
            throw new Error(`${typeName} is neither a union nor an interface, so it takes no __resolveType`);
          }
          type.resolveType = resolver as unknown as GraphQLTypeResolver<unknown, unknown>;
          continue;
        }
        const field = isObjectType(type) ? type.getFields()[name] : undefined;
        if (!field) {
          throw new Error(`resolver ${key} matches no field of the schema`);
        }
        field.resolve = resolver as unknown as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
  return schema;
}
