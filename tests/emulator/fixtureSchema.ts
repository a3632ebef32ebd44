import { GraphQLError, type GraphQLSchema } from "graphql";
import { makeSchema } from "../../emulator/executableSchema";
import { assembleEmulator, type EmulatorHandle } from "../../emulator/assemble";
import { requireViewer, type EmulatorContext } from "../../emulator/context";
import type { EmulatorOptions } from "../../emulator/options";
import { authResolvers } from "../../emulator/resolvers/auth";
import type { Store } from "../../emulator/store";

/**
 * A deliberately small schema for testing the server mechanics (auth, faults, counts,
 * persistence) independently of the domain resolvers: notes that anonymous callers cannot see.
 */
const typeDefs = /* GraphQL */ `
  type User {
    id: ID!
    name: String!
    login: String
    jwt: String
    validUntil: Int
  }
  type Note {
    id: ID!
    text: String!
    label: String
  }
  type Query {
    viewer: User
    notes(label: String): [Note!]!
    note(id: ID!): Note
  }
  type Mutation {
    apiKeyUser(id: ID!, secret: String!): User
    oauthUser(token: String!): User
    logout: User
    noteCreate(id: ID!, text: String!, label: String): Note!
  }
`;

interface Note {
  id: string;
  text: string;
  label: string | null;
}

const notes = (store: Store) => store.collection<Note>("notes");

const noteResolvers = {
  Query: {
    notes: (_: unknown, args: { label?: string | null }, ctx: EmulatorContext): Note[] =>
      ctx.viewer ? [...notes(ctx.store).values()].filter((n) => !args.label || n.label === args.label) : [],
    note: (_: unknown, args: { id: string }, ctx: EmulatorContext): Note | null => {
      requireViewer(ctx);
      return notes(ctx.store).get(args.id) ?? null;
    },
  },
  Mutation: {
    noteCreate: (
      _: unknown,
      args: { id: string; text: string; label?: string | null },
      ctx: EmulatorContext,
    ): Note => {
      requireViewer(ctx);
      if (notes(ctx.store).has(args.id)) {
        throw new GraphQLError(`note ${args.id} already exists`);
      }
      const note = { id: args.id, text: args.text, label: args.label ?? null };
      notes(ctx.store).set(note.id, note);
      return note;
    },
  },
};

/** The fixture schema with the real authentication resolvers. */
export const fixtureSchema: GraphQLSchema = makeSchema(typeDefs, [authResolvers, noteResolvers]);

/** Seeds `{ notes: [{id, text, label?}] }`. */
export function seedNotes(store: Store, input: unknown): void {
  const list = (input as { notes?: Array<Partial<Note>> } | null)?.notes;
  if (!Array.isArray(list)) {
    throw new Error("expected { notes: [...] }");
  }
  for (const n of list) {
    if (typeof n.id !== "string" || typeof n.text !== "string") {
      throw new Error("every note needs an id and a text");
    }
    notes(store).set(n.id, { id: n.id, text: n.text, label: n.label ?? null });
  }
}

/** What {@link seedNotes} accepts. */
export interface NotesSeed {
  readonly notes: ReadonlyArray<{ id: string; text: string; label?: string }>;
}

/** An emulator serving the fixture schema. */
export type FixtureEmulator = EmulatorHandle<NotesSeed, void>;

/** Starts an emulator serving the fixture schema. */
export function startFixtureEmulator(options: EmulatorOptions = {}): Promise<FixtureEmulator> {
  return assembleEmulator<NotesSeed, void>(options, { schema: fixtureSchema, seed: seedNotes });
}
