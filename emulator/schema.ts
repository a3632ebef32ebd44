import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { authResolvers } from "./resolvers/auth";
import { domainResolvers } from "./resolvers";

/** Folder of the SDL parts that extend `schema.graphql`, one file per Spacelift domain. */
export const SCHEMA_PARTS_DIR = "schema";

/**
 * The emulator's SDL: `schema.graphql`, then every `schema/*.graphql` part in name order (a domain
 * adds its types there and extends `Query`, `Mutation` or `Stack` with `extend type`). Both are
 * read from next to this module: the build copies them into `dist/emulator/`, and under ts-node
 * they sit beside the source.
 */
export function loadTypeDefs(): string {
  const parts = path.join(__dirname, SCHEMA_PARTS_DIR);
  const files = existsSync(parts)
    ? readdirSync(parts)
        .filter((name) => name.endsWith(".graphql"))
        .sort()
    : [];
  return [
    readFileSync(path.join(__dirname, "schema.graphql"), "utf8"),
    ...files.map((name) => readFileSync(path.join(parts, name), "utf8")),
  ].join("\n");
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
