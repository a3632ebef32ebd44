import { GraphQLError } from "graphql";
import type { Store } from "./store";

/** The authenticated caller of one emulator request, derived from a valid bearer JWT. */
export interface Viewer {
  /** User id as the real API shows it in `viewer { id }`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** What authenticated: the API key id, or `oauth:<login>` for a GitHub token. */
  readonly credential: string;
}

/** Per-request context handed to every resolver. */
export interface EmulatorContext {
  /** The caller; null for an anonymous caller (missing, invalid or expired token). */
  readonly viewer: Viewer | null;
  /** The emulator's in-memory data. */
  readonly store: Store;
  /** Current time in epoch milliseconds (injectable for tests). */
  now(): number;
  /** Base URL of the emulator, e.g. `http://127.0.0.1:4000` (the JWT audience). */
  readonly baseUrl: string;
}

/**
 * Returns the viewer or throws the GraphQL error the real API gives an anonymous caller on a
 * protected field: HTTP 200 with an error whose message contains `unauthorized`.
 */
export function requireViewer(ctx: EmulatorContext): Viewer {
  if (!ctx.viewer) {
    throw new GraphQLError("unauthorized");
  }
  return ctx.viewer;
}
