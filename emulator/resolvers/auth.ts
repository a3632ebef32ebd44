import { GraphQLError } from "graphql";
import type { EmulatorContext, Viewer } from "../context";
import { asRequestContext } from "../requestContext";

/** What `viewer` and `logout` return (the schema's `User`). */
export interface ViewerResult {
  /** User id: the API key id, the GitHub login or `<stack>/<run>` for a run token. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Same as the id; Spacelift's own `logout` selection asks for `login`. */
  readonly login: string;
  /** How the user authenticated: `API_KEY`, `GITHUB` or `RUN`. */
  readonly type: string;
}

/** What the exchange mutations return: the user behind the credential plus a fresh JWT. */
export interface ExchangedUser extends ViewerResult {
  /** The bearer token to send as `Authorization: Bearer <jwt>`. */
  readonly jwt: string;
  /** Token expiry, Unix seconds. */
  readonly validUntil: number;
}

function viewerResult(viewer: Viewer): ViewerResult {
  return { id: viewer.id, name: viewer.name, login: viewer.id, type: userType(viewer.credential) };
}

function userType(credential: string): string {
  if (credential.startsWith("oauth:")) {
    return "GITHUB";
  }
  return credential.startsWith("run:") ? "RUN" : "API_KEY";
}

/**
 * Resolvers for authentication: the two credential exchanges (which need no bearer token),
 * `viewer` and `logout`.
 *
 * They are typed with the shared `EmulatorContext` so they merge into any resolver map, and reach
 * the token services through the server's request context (see `asRequestContext`). Error
 * messages never contain the submitted secret or token.
 */
export const authResolvers = {
  Query: {
    /** The authenticated caller; null for an anonymous one, as the real API answers. */
    viewer(_parent: unknown, _args: Record<string, never>, ctx: EmulatorContext): ViewerResult | null {
      return ctx.viewer ? viewerResult(ctx.viewer) : null;
    },
  },
  Mutation: {
    /**
     * Exchanges an API key for a JWT. An unknown id gives null (clients report "no such API user");
     * a known id with the wrong secret gives an error.
     */
    async apiKeyUser(
      _parent: unknown,
      args: { id: string; secret: string },
      ctx: EmulatorContext,
    ): Promise<ExchangedUser | null> {
      const { credentials, tokens } = asRequestContext(ctx);
      const check = credentials.checkApiKey(args.id, args.secret);
      if (check.status === "unknown-id") {
        return null;
      }
      if (check.status === "wrong-secret") {
        throw new GraphQLError("unauthorized: invalid API key secret");
      }
      const name = check.key.name ?? check.key.id;
      const token = await tokens.issue("api-key", check.key.id, name);
      return { id: check.key.id, name, login: check.key.id, type: "API_KEY", ...token };
    },

    /** Exchanges a GitHub token (one configured in the emulator's options) for a JWT. */
    async oauthUser(_parent: unknown, args: { token: string }, ctx: EmulatorContext): Promise<ExchangedUser> {
      const { credentials, tokens } = asRequestContext(ctx);
      const login = credentials.githubLogin(args.token);
      if (login === null) {
        throw new GraphQLError("unauthorized: unknown GitHub token");
      }
      const token = await tokens.issue("github", login, login);
      return { id: login, name: login, login, type: "GITHUB", ...token };
    },

    /** Revokes the bearer token of the request; returns the caller, or null when anonymous. */
    logout(_parent: unknown, _args: Record<string, never>, ctx: EmulatorContext): ViewerResult | null {
      const { viewer, tokenId, tokens } = asRequestContext(ctx);
      if (!viewer || tokenId === null) {
        return null;
      }
      tokens.revoke(tokenId);
      return viewerResult(viewer);
    },
  },
};
