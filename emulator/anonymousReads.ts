import type { EmulatorResponse } from "./httpMessage";

/**
 * What a query for one object (`space(id)`, `stack(id)`, `context(id)`, ...) answers a caller
 * whose token is missing, expired or revoked:
 *
 * - `unauthorized`: a GraphQL error `unauthorized` on the field, with HTTP 200 (the default);
 * - `null`: the field is null, with no error, as if the object did not exist. A client that takes
 *   a null object for a deleted one is then fooled by a token the server stopped accepting, which
 *   is what this mode lets a test reproduce.
 *
 * Lists and searches are empty and `viewer` is null in both modes; mutations always fail with
 * `unauthorized`.
 */
export type AnonymousReads = "unauthorized" | "null";

/** The error the resolvers raise for an anonymous caller on a field that needs a signed-in one. */
const UNAUTHORIZED = "unauthorized";

/**
 * Rewrites the answer to an anonymous caller's query so that each top-level field refused with
 * `unauthorized` reads null instead, as in {@link AnonymousReads} `null` mode. Other errors, and
 * fields that could not be null (the whole `data` is then null), are left as they are.
 *
 * @param response - the answer the schema produced for an anonymous query
 */
export function nullForAnonymousReads(response: EmulatorResponse): EmulatorResponse {
  let body: { data?: unknown; errors?: unknown };
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    return response;
  }
  const data = body.data;
  if (!Array.isArray(body.errors) || typeof data !== "object" || data === null) return response;
  const nulled = { ...(data as Record<string, unknown>) };
  const kept = body.errors.filter((error: unknown) => {
    const field = refusedTopLevelField(error);
    if (field === undefined || !(field in nulled)) return true;
    nulled[field] = null;
    return false;
  });
  if (kept.length === body.errors.length) return response;
  const rewritten: Record<string, unknown> = { ...body, data: nulled, errors: kept };
  if (kept.length === 0) delete rewritten.errors;
  return { ...response, body: JSON.stringify(rewritten) };
}

/** The top-level field an `unauthorized` error is about, or undefined for any other error. */
function refusedTopLevelField(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { message, path } = error as { message?: unknown; path?: unknown };
  if (message !== UNAUTHORIZED || !Array.isArray(path) || path.length !== 1) return undefined;
  return typeof path[0] === "string" ? path[0] : undefined;
}
