import type { EmulatorContext } from "../context";
import { rejected } from "./errors";
import type { FieldResolver } from "./resolverMap";

/** `SearchInput` as the resolvers receive it. */
export interface SearchInput {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly fullTextSearch?: string | null;
  readonly predicates?: readonly QueryPredicate[] | null;
  readonly orderBy?: { readonly field: string; readonly direction: string } | null;
}

/** `QueryPredicate` as the resolvers receive it. */
export interface QueryPredicate {
  readonly field: string;
  readonly constraint: {
    readonly booleanEquals?: readonly boolean[] | null;
    readonly enumEquals?: readonly string[] | null;
    readonly stringMatches?: readonly string[] | null;
  };
  readonly exclude?: boolean | null;
}

/** What a search over records of type T may filter, match and sort on. */
export interface SearchSpec<T> {
  /** Predicate fields: the values a record has for the field (a label field has several). */
  readonly fields: { readonly [field: string]: (record: T) => readonly (string | boolean | null)[] };
  /** Texts `fullTextSearch` looks in. */
  readonly text: (record: T) => readonly (string | null)[];
  /** Sortable fields; `name` is the default order. */
  readonly order: { readonly [field: string]: (record: T) => string | number } & {
    readonly name: (record: T) => string;
  };
  readonly id: (record: T) => string;
}

interface NamedRecord {
  readonly id: string;
  readonly name: string;
}

/** Compares named objects as the API lists them when asked for no order: by name, ties by id. */
export function byName(a: NamedRecord, b: NamedRecord): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** A page of results in the Relay connection shape the API uses. */
export interface Connection<T> {
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly endCursor: string | null;
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
  };
}

/** Page size when `first` is not given; Spacelift's clients also page by 50. */
export const DEFAULT_PAGE_SIZE = 50;

/** The empty result an anonymous caller gets. */
export function emptyConnection<T>(): Connection<T> {
  return { edges: [], pageInfo: { endCursor: null, hasNextPage: false, hasPreviousPage: false } };
}

type SortKey = string | number;

interface Cursor {
  readonly key: SortKey;
  readonly id: string;
}

/**
 * A `search<Things>(input)` query field: `search` over what `list` returns for the caller, or the
 * empty connection for an anonymous one.
 */
export function searchField<T>(
  list: (ctx: EmulatorContext) => readonly T[],
  spec: SearchSpec<T>,
): FieldResolver<unknown, { input: SearchInput }, Connection<T>> {
  return (_parent, { input }, ctx) => (ctx.viewer ? search(list(ctx), input, spec) : emptyConnection());
}

/**
 * Filters, orders and pages records. Predicates combine with AND; the values of one predicate with
 * OR. Ties in the sort field are broken by id, so the order is total and a cursor (which carries
 * the sort key and id of its edge) stays valid when records before it are added or removed.
 */
export function search<T>(records: readonly T[], input: SearchInput, spec: SearchSpec<T>): Connection<T> {
  const first = input.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) {
    throw rejected("first must be a non-negative integer");
  }
  const orderField = input.orderBy?.field ?? "name";
  const sortKey = spec.order[orderField];
  if (!sortKey) {
    throw rejected(
      `cannot order by ${JSON.stringify(orderField)}: use one of ${Object.keys(spec.order).join(", ")}`,
    );
  }
  const direction = (input.orderBy?.direction ?? "ASC").toUpperCase();
  if (direction !== "ASC" && direction !== "DESC") {
    throw rejected(`order direction must be ASC or DESC, got ${JSON.stringify(input.orderBy?.direction)}`);
  }
  for (const predicate of input.predicates ?? []) {
    if (!spec.fields[predicate.field]) {
      throw rejected(
        `unsupported search predicate field ${JSON.stringify(predicate.field)}: use one of ${Object.keys(spec.fields).join(", ")}`,
      );
    }
  }
  const sign = direction === "ASC" ? 1 : -1;
  const compare = (a: Cursor, b: Cursor) => sign * (compareKeys(a.key, b.key) || a.id.localeCompare(b.id));
  const cursorOf = (record: T): Cursor => ({ key: sortKey(record), id: spec.id(record) });

  const matching = records
    .filter(
      (r) =>
        matchesText(r, input.fullTextSearch, spec) &&
        (input.predicates ?? []).every((p) => matchesPredicate(r, p, spec)),
    )
    .sort((a, b) => compare(cursorOf(a), cursorOf(b)));

  const after = input.after ? decodeCursor(input.after) : null;
  const start = after === null ? 0 : countUpTo(matching, (r) => compare(cursorOf(r), after) <= 0);
  const page = matching.slice(start, start + first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: {
      endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
      hasNextPage: start + page.length < matching.length,
      hasPreviousPage: start > 0,
    },
  };
}

function countUpTo<T>(sorted: readonly T[], atOrBefore: (record: T) => boolean): number {
  let n = 0;
  while (n < sorted.length && atOrBefore(sorted[n])) {
    n++;
  }
  return n;
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === "number" && typeof b === "number") {
    return a - b;
  }
  return String(a).localeCompare(String(b));
}

function matchesText<T>(record: T, text: string | null | undefined, spec: SearchSpec<T>): boolean {
  const needle = text?.trim().toLowerCase();
  if (!needle) {
    return true;
  }
  return spec.text(record).some((t) => t !== null && t.toLowerCase().includes(needle));
}

function matchesPredicate<T>(record: T, predicate: QueryPredicate, spec: SearchSpec<T>): boolean {
  const values = spec.fields[predicate.field](record);
  const { booleanEquals, enumEquals, stringMatches } = predicate.constraint;
  let matches = true;
  if (booleanEquals != null) {
    matches &&= values.some((v) => typeof v === "boolean" && booleanEquals.includes(v));
  }
  if (enumEquals != null) {
    matches &&= values.some((v) => typeof v === "string" && enumEquals.includes(v));
  }
  if (stringMatches != null) {
    matches &&= values.some(
      (v) => typeof v === "string" && stringMatches.some((pattern) => globMatches(pattern, v)),
    );
  }
  return predicate.exclude ? !matches : matches;
}

// `*` matches any run of characters; everything else matches itself.
function globMatches(pattern: string, value: string): boolean {
  const source = pattern.split("*").map(escapeRegExp).join(".*");
  return new RegExp(`^${source}$`).test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      (typeof decoded[0] === "string" || typeof decoded[0] === "number") &&
      typeof decoded[1] === "string"
    ) {
      return { key: decoded[0], id: decoded[1] };
    }
  } catch {
    // Falls through to the error below: a cursor this emulator did not issue.
  }
  throw rejected(`invalid cursor ${JSON.stringify(text)}`);
}
