import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ulid } from "ulid";

/** An API key the emulator accepts in `apiKeyUser(id, secret)`. */
export interface ApiKeyCredential {
  /** Key id; the real API uses 26-character ULIDs. */
  readonly id: string;
  /** Key secret. */
  readonly secret: string;
  /** Display name shown by `viewer { name }`; defaults to the id. */
  readonly name?: string;
}

/** A GitHub token the emulator accepts in `oauthUser(token)`, and the login it stands for. */
export interface GitHubTokenCredential {
  /** The token value. */
  readonly token: string;
  /** The GitHub login the token belongs to. */
  readonly login: string;
}

/** Outcome of checking an API key id and secret. */
export type ApiKeyCheck =
  | { readonly status: "ok"; readonly key: ApiKeyCredential }
  | { readonly status: "unknown-id" }
  | { readonly status: "wrong-secret" };

/**
 * The credentials an emulator accepts. Secrets are compared through their SHA-256 digests with a
 * constant-time comparison, so neither their length nor their content leaks through timing.
 */
export class CredentialRegistry {
  private readonly apiKeys = new Map<string, { key: ApiKeyCredential; digest: Buffer }>();
  private readonly githubTokens = new Map<string, string>();

  constructor(apiKeys: readonly ApiKeyCredential[], githubTokens: readonly GitHubTokenCredential[] = []) {
    for (const key of apiKeys) {
      this.apiKeys.set(key.id, { key, digest: digest(key.secret) });
    }
    for (const { token, login } of githubTokens) {
      this.githubTokens.set(digest(token).toString("hex"), login);
    }
  }

  /** Every configured API key, in configuration order. */
  listApiKeys(): ApiKeyCredential[] {
    return [...this.apiKeys.values()].map((entry) => entry.key);
  }

  /**
   * Accepts one more API key from now on, as creating a key in Spacelift's UI does.
   *
   * @throws Error when a key with this id exists
   */
  addApiKey(key: ApiKeyCredential): void {
    if (this.apiKeys.has(key.id)) throw new Error(`an API key with id ${key.id} exists`);
    this.apiKeys.set(key.id, { key, digest: digest(key.secret) });
  }

  /**
   * Stops accepting an API key, as deleting it in Spacelift does: its id is unknown from now on.
   *
   * @returns whether the key existed
   */
  deleteApiKey(id: string): boolean {
    return this.apiKeys.delete(id);
  }

  /** Checks an id and secret pair. */
  checkApiKey(id: string, secret: string): ApiKeyCheck {
    const entry = this.apiKeys.get(id);
    if (!entry) {
      return { status: "unknown-id" };
    }
    return timingSafeEqual(entry.digest, digest(secret))
      ? { status: "ok", key: entry.key }
      : { status: "wrong-secret" };
  }

  /** The GitHub login for a token, or null when the token is not configured. */
  githubLogin(token: string): string | null {
    return this.githubTokens.get(digest(token).toString("hex")) ?? null;
  }
}

/**
 * Creates an API key the way Spacelift shapes them: a ULID id and a random secret.
 *
 * @param name - display name of the key
 */
export function generateApiKey(name?: string): ApiKeyCredential {
  return { id: ulid(), secret: randomBytes(24).toString("hex"), ...(name === undefined ? {} : { name }) };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
