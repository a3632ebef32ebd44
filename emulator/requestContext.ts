import type { EmulatorContext } from "./context";
import type { CredentialRegistry } from "./credentials";
import type { TokenService } from "./tokens";

/**
 * The context the emulator's server hands to resolvers: the shared {@link EmulatorContext} plus
 * what only the authentication resolvers need. Domain resolvers keep typing their context as
 * `EmulatorContext`; the extra members are invisible to them.
 */
export interface RequestContext extends EmulatorContext {
  /** Issues and revokes JWTs. */
  readonly tokens: TokenService;
  /** API keys and GitHub tokens the emulator accepts. */
  readonly credentials: CredentialRegistry;
  /** The `jti` of the bearer token that authenticated this request, or null when anonymous. */
  readonly tokenId: string | null;
}

/**
 * Narrows a resolver's context to the server's {@link RequestContext}. Resolvers are typed with the
 * shared `EmulatorContext` so they fit any resolver map; the authentication resolvers then need
 * this check to reach the token services.
 *
 * @throws Error when the schema is executed outside the emulator's server
 */
export function asRequestContext(ctx: EmulatorContext): RequestContext {
  const candidate = ctx as Partial<RequestContext>;
  if (!candidate.tokens || !candidate.credentials || candidate.tokenId === undefined) {
    throw new Error("authentication resolvers need the emulator server's request context");
  }
  return ctx as RequestContext;
}
