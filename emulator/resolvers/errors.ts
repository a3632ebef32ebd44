import { GraphQLError } from "graphql";

/**
 * The error a mutation gives for a missing object. Clients (the Terraform provider among them)
 * recognise deletion by the words `not found`, so every such message contains them.
 */
export function notFound(kind: string, id: string): GraphQLError {
  return new GraphQLError(`${kind} ${id} not found`);
}

/** `record` when it exists; otherwise throws {@link notFound} for the `kind` with this `id`. */
export function orNotFound<T>(record: T | undefined, kind: string, id: string): T {
  if (record === undefined) {
    throw notFound(kind, id);
  }
  return record;
}

/** A request the real API would refuse: invalid input or a forbidden state change. */
export function rejected(message: string): GraphQLError {
  return new GraphQLError(message);
}

/**
 * The error for an id that is already taken. The wording follows the message Spacelift gives for a
 * context slug clash, so that client code matching on it works against the emulator too.
 */
export function slugTaken(kind: string, slug: string): GraphQLError {
  return new GraphQLError(
    `could not persist ${kind}: ${kind} with this slug already exists for this account (${slug})`,
  );
}
