import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { GraphQLSchema } from "graphql";
import { makeSchema } from "./executableSchema";
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

/** The executable schema: the SDL with the domain and authentication resolvers attached. */
export function buildEmulatorSchema(): GraphQLSchema {
  // A resolver for a field absent from the SDL is a bug: makeSchema fails at start-up rather
  // than leave it never run.
  return makeSchema(loadTypeDefs(), [domainResolvers, authResolvers]);
}
