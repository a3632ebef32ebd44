import { GraphQLError } from "graphql";
import type { Viewer } from "../context";
import type { RequestContext } from "../requestContext";

/** What the exchange mutations return: the user behind the credential plus a fresh JWT. */
export interface ExchangedUser {
  /** User id: the API key id or the GitHub login. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** The bearer token to send as `Authorization: Bearer <jwt>`. */
  readonly jwt: string;
  /** Token expiry, Unix seconds. */
  readonly validUntil: number;
}

/** What `viewer` and `logout` return. */
export interface ViewerResult {
  /** User id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Same as the id; the real `logout` selection asks for `login`. */
  readonly login: string;
}

function viewerResult(viewer: Viewer): ViewerResult {
  return { id: viewer.id, name: viewer.name, login: viewer.id };
}

/**
 * Resolvers for authentication: the two credential exchanges (which need no bearer token),
 * `viewer` and `logout`.
 *
 * They expect the server's {@link RequestContext}. Error messages never contain the submitted
 * secret or token.
 */
export const authResolvers = {
  Query: {
    /** The authenticated caller; null for an anonymous one, as the real API answers. */
    viewer(_parent: unknown, _args: Record<string, never>, ctx: RequestContext): ViewerResult | null {
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
      ctx: RequestContext,
    ): Promise<ExchangedUser | null> {
      const check = ctx.credentials.checkApiKey(args.id, args.secret);
      if (check.status === "unknown-id") {
        return null;
      }
      if (check.status === "wrong-secret") {
        throw new GraphQLError("unauthorized: invalid API key secret");
      }
      const name = check.key.name ?? check.key.id;
      const token = await ctx.tokens.issue("api-key", check.key.id, name);
      return { id: check.key.id, name, ...token };
    },

    /** Exchanges a GitHub token (one configured in the emulator's options) for a JWT. */
    async oauthUser(_parent: unknown, args: { token: string }, ctx: RequestContext): Promise<ExchangedUser> {
      const login = ctx.credentials.githubLogin(args.token);
      if (login === null) {
        throw new GraphQLError("unauthorized: unknown GitHub token");
      }
      const token = await ctx.tokens.issue("github", login, login);
      return { id: login, name: login, ...token };
    },

    /** Revokes the bearer token of the request; returns the caller, or null when anonymous. */
    logout(_parent: unknown, _args: Record<string, never>, ctx: RequestContext): ViewerResult | null {
      if (!ctx.viewer || ctx.tokenId === null) {
        return null;
      }
      ctx.tokens.revoke(ctx.tokenId);
      return viewerResult(ctx.viewer);
    },
  },
};
