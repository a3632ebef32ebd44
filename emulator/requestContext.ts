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
