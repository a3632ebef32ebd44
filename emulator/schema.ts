import { readFileSync } from "node:fs";
import path from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { authResolvers } from "./resolvers/auth";
import { domainResolvers } from "./resolvers";

/**
 * The emulator's SDL. It is read from next to this module: the build copies `schema.graphql` into
 * `dist/emulator/`, and under ts-node it sits beside the source.
 */
export function loadTypeDefs(): string {
  return readFileSync(path.join(__dirname, "schema.graphql"), "utf8");
}

type ResolverMapLike = Exclude<
  NonNullable<Parameters<typeof makeExecutableSchema>[0]["resolvers"]>,
  unknown[]
>;

/** The executable schema: the SDL with the domain and authentication resolvers attached. */
export function buildEmulatorSchema(): GraphQLSchema {
  // The two maps are typed against their own context types (the auth resolvers need the server's
  // wider request context); graphql-tools takes any resolver map, so this is where they meet.
  const resolvers: ResolverMapLike[] = [domainResolvers as ResolverMapLike, authResolvers as ResolverMapLike];
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers,
    // Resolvers for fields absent from the SDL are bugs; fail at start-up rather than never run.
    resolverValidationOptions: { requireResolversToMatchSchema: "error" },
  });
}
