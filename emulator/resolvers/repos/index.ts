import { createHash, randomBytes } from "node:crypto";
import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { countOf, type DomainModule } from "../domainModule";
import { notFound, orNotFound, rejected, slugTaken } from "../errors";
import { newUlid, slugify, unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { byName, emptyConnection, search, type Connection, type SearchInput } from "../search";
import { existingSpaceId, spaceDetailsField } from "../spaces";
import { listStacks } from "../stackRecords";

/** How runs report back as checks (`VCSCheck`). */
type VcsCheck = "INDIVIDUAL" | "AGGREGATED" | "ALL";

/** A repo as stored. */
export interface RepoRecord {
  /** The slug of the name at creation. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly space: string;
  readonly vcsChecks: VcsCheck;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

/** A revision as stored, with the versions of the files it wrote. */
export interface RevisionRecord {
  readonly repo: string;
  /** Position in the repo's history, from 1: ULIDs made in one millisecond do not sort by creation. */
  readonly seq: number;
  /** A ULID. */
  readonly id: string;
  readonly sha: string;
  readonly message: string;
  readonly description: string | null;
  readonly authorName: string;
  readonly authorEmail: string | null;
  /** Unix seconds. */
  readonly createdAt: number;
  readonly files: readonly FileVersionRecord[];
}

/** What one revision made of one file. */
export interface FileVersionRecord {
  readonly path: string;
  /** Null for a deletion. */
  readonly content: { readonly base64: string; readonly encrypted: boolean } | null;
  /** Four octal digits; null for a deletion. */
  readonly fileMode: string | null;
}

interface RepoCreateInput {
  readonly spaceID: string;
  readonly name: string;
  readonly description?: string | null;
  readonly labels?: readonly string[] | null;
  readonly isDefault?: boolean | null;
  readonly vcsChecks?: VcsCheck | null;
}

type RepoUpdateInput = Omit<RepoCreateInput, "spaceID">;

interface RevisionFileInput {
  readonly path: string;
  readonly content?: string | null;
  readonly encrypt?: boolean | null;
  readonly fileMode?: string | null;
  readonly action?: string | null;
}

interface RevisionCreateInput {
  readonly repoID: string;
  readonly message: string;
  readonly description?: string | null;
  readonly authorName: string;
  readonly authorEmail?: string | null;
  readonly files: readonly RevisionFileInput[];
}

/** `RepoFile` as resolved. */
interface RepoFileView {
  readonly filePath: string;
  readonly isDeleted: boolean;
  readonly sizeBytes: number | null;
  readonly fileMode: string | null;
  readonly revision: RevisionView;
  readonly content: {
    readonly sha256Hash: string;
    readonly content: string | null;
    readonly sizeBytes: number;
    readonly isEncrypted: boolean;
  } | null;
}

type RevisionView = Omit<RevisionRecord, "repo" | "seq" | "files">;

function repos(store: Store): Map<string, RepoRecord> {
  return store.collection<RepoRecord>("repos");
}

function revisions(store: Store): Map<string, RevisionRecord> {
  return store.collection<RevisionRecord>("repoRevisions");
}

function existingRepo(store: Store, id: string): RepoRecord {
  return orNotFound(repos(store).get(id), "repo", id);
}

/** The repo's revisions, oldest first. */
function revisionsOf(store: Store, repo: string): RevisionRecord[] {
  return [...revisions(store).values()].filter((r) => r.repo === repo).sort((a, b) => a.seq - b.seq);
}

/** What each revision that touched `path` made of it, newest first. */
function fileHistory(
  store: Store,
  repo: string,
  path: string,
): { revision: RevisionRecord; file: FileVersionRecord }[] {
  return revisionsOf(store, repo)
    .flatMap((revision) => revision.files.filter((f) => f.path === path).map((file) => ({ revision, file })))
    .reverse();
}

/** Whether the file exists at the newest revision (it was written and not deleted since). */
function fileExists(store: Store, repo: string, path: string): boolean {
  const newest = fileHistory(store, repo, path)[0];
  return newest !== undefined && newest.file.content !== null;
}

function revisionView(r: RevisionRecord): RevisionView {
  return {
    id: r.id,
    sha: r.sha,
    message: r.message,
    description: r.description,
    authorName: r.authorName,
    authorEmail: r.authorEmail,
    createdAt: r.createdAt,
  };
}

function fileView(revision: RevisionRecord, file: FileVersionRecord): RepoFileView {
  if (file.content === null) {
    return {
      filePath: file.path,
      isDeleted: true,
      sizeBytes: null,
      fileMode: null,
      revision: revisionView(revision),
      content: null,
    };
  }
  const bytes = Buffer.from(file.content.base64, "base64");
  return {
    filePath: file.path,
    isDeleted: false,
    sizeBytes: bytes.length,
    fileMode: file.fileMode,
    revision: revisionView(revision),
    content: {
      sha256Hash: createHash("sha256").update(bytes).digest("hex"),
      // Spacelift never hands out an encrypted file's content.
      content: file.content.encrypted ? null : file.content.base64,
      sizeBytes: bytes.length,
      isEncrypted: file.content.encrypted,
    },
  };
}

function requireRepoName(name: string): void {
  if (name.trim() === "") throw rejected("name must not be empty");
  if (slugify(name) === "") throw rejected("repo name must contain at least one letter or digit");
}

/** Canonical Base64 only: a value that does not encode back to itself is refused, not guessed at. */
function base64Content(path: string, content: string): string {
  if (Buffer.from(content, "base64").toString("base64") !== content) {
    throw rejected(`content of file ${path} must be Base64-encoded`);
  }
  return content;
}

function fileMode(path: string, mode: string | null | undefined): string {
  if (mode === null || mode === undefined) return "0644";
  if (!/^[0-7]{1,4}$/.test(mode))
    throw rejected(`file mode of ${path} must be octal permissions such as 0644`);
  // Spacelift stores the mode as a number and renders it zero-padded (resource_repo_file.go:117-118).
  return mode.padStart(4, "0");
}

/**
 * One file entry of `revisionCreate`, checked against the repo as it stands: a file is added only
 * where none exists, and changed or deleted only where one does.
 */
function fileVersion(store: Store, repo: string, entry: RevisionFileInput): FileVersionRecord {
  const path = entry.path;
  if (path.trim() === "" || path.startsWith("/"))
    throw rejected(`file path ${JSON.stringify(path)} must be relative to the repo root`);
  const exists = fileExists(store, repo, path);
  // Without an action, the entry adds the file or changes it, whichever applies.
  const action = entry.action ?? (exists ? "UPDATE" : "CREATE");
  switch (action) {
    case "CREATE":
    case "ADDED":
      if (exists) throw rejected(`file ${path} already exists in repo ${repo}`);
      break;
    case "UPDATE":
      if (!exists) throw notFound(`file ${path} in repo`, repo);
      break;
    case "DELETE":
      if (!exists) throw notFound(`file ${path} in repo`, repo);
      return { path, content: null, fileMode: null };
    default:
      throw rejected(`action of file ${path} must be one of CREATE, UPDATE, DELETE, ADDED`);
  }
  if (entry.content === null || entry.content === undefined)
    throw rejected(`content of file ${path} is required`);
  return {
    path,
    content: { base64: base64Content(path, entry.content), encrypted: entry.encrypt === true },
    fileMode: fileMode(path, entry.fileMode),
  };
}

/** Commits a revision as `revisionCreate` does. */
export function createRevision(store: Store, input: RevisionCreateInput, nowMs: number): RevisionRecord {
  existingRepo(store, input.repoID);
  if (input.files.length === 0) throw rejected("a revision must change at least one file");
  if (input.message.trim() === "") throw rejected("message must not be empty");
  const paths = input.files.map((f) => f.path);
  if (new Set(paths).size !== paths.length) throw rejected("a revision may name each file once");
  const files = input.files.map((entry) => fileVersion(store, input.repoID, entry));
  const record: RevisionRecord = {
    repo: input.repoID,
    seq: revisionsOf(store, input.repoID).length + 1,
    id: newUlid(nowMs),
    sha: randomBytes(20).toString("hex"),
    message: input.message,
    description: input.description ?? null,
    authorName: input.authorName,
    authorEmail: input.authorEmail ?? null,
    createdAt: unixSeconds(nowMs),
    files,
  };
  revisions(store).set(`${record.repo}/${record.id}`, record);
  return record;
}

/** A page of a file's history; the cursor is the revision's ULID. */
function historyPage(
  store: Store,
  repo: string,
  path: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Connection<RepoFileView> {
  const all = fileHistory(store, repo, path);
  const start = after ? all.findIndex((h) => h.revision.id === after) + 1 : 0;
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 0) throw rejected("first must be a non-negative integer");
  const page = all.slice(start, start + size);
  return {
    edges: page.map((h) => ({ cursor: h.revision.id, node: fileView(h.revision, h.file) })),
    pageInfo: {
      endCursor: page.length > 0 ? page[page.length - 1]!.revision.id : null,
      hasNextPage: start + size < all.length,
      hasPreviousPage: start > 0,
    },
  };
}

function stacksUsing(store: Store, nowMs: number, repo: string): string[] {
  return listStacks(store, nowMs)
    .filter((s) => s.provider === "SPACELIFT" && s.vcsIntegrationId === repo)
    .map((s) => s.id)
    .sort();
}

const repoQueries = {
  repo: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    return repos(ctx.store).get(id) ?? null;
  }) satisfies FieldResolver<unknown, { id: string }, RepoRecord | null>,
  searchRepos: ((_parent, { input }, ctx) =>
    ctx.viewer
      ? search([...repos(ctx.store).values()].sort(byName), input, {
          fields: { space: (r) => [r.space], label: (r) => r.labels },
          text: (r) => [r.name, r.description],
          order: { name: (r) => r.name, createdAt: (r) => r.createdAt },
          id: (r) => r.id,
        })
      : emptyConnection()) satisfies FieldResolver<unknown, { input: SearchInput }, Connection<RepoRecord>>,
  repoFileHistory: ((_parent, { repoID, filePath, first, after }, ctx) => {
    requireViewer(ctx);
    existingRepo(ctx.store, repoID);
    return historyPage(ctx.store, repoID, filePath, first, after);
  }) satisfies FieldResolver<
    unknown,
    { repoID: string; filePath: string; first?: number | null; after?: string | null },
    Connection<RepoFileView>
  >,
  revision: ((_parent, { repoID, sha }, ctx) => {
    requireViewer(ctx);
    const all = revisionsOf(ctx.store, existingRepo(ctx.store, repoID).id);
    const found = sha ? all.find((r) => r.sha === sha) : all[all.length - 1];
    return found ? revisionView(found) : null;
  }) satisfies FieldResolver<unknown, { repoID: string; sha?: string | null }, RevisionView | null>,
};

const repoMutations = {
  repoCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    requireRepoName(input.name);
    const id = slugify(input.name);
    if (repos(ctx.store).has(id)) throw slugTaken("repo", id);
    const now = unixSeconds(ctx.now());
    const record: RepoRecord = {
      id,
      name: input.name,
      description: input.description ?? null,
      labels: [...(input.labels ?? [])],
      space: existingSpaceId(ctx.store, input.spaceID, input.spaceID),
      vcsChecks: input.vcsChecks ?? "INDIVIDUAL",
      createdAt: now,
      updatedAt: now,
    };
    repos(ctx.store).set(id, record);
    return record;
  }) satisfies FieldResolver<unknown, { input: RepoCreateInput }, RepoRecord>,
  repoUpdate: ((_parent, { id, input }, ctx) => {
    requireViewer(ctx);
    const current = existingRepo(ctx.store, id);
    requireRepoName(input.name);
    const updated: RepoRecord = {
      ...current,
      name: input.name,
      description: input.description ?? null,
      labels: [...(input.labels ?? [])],
      vcsChecks: input.vcsChecks ?? current.vcsChecks,
      updatedAt: unixSeconds(ctx.now()),
    };
    repos(ctx.store).set(id, updated);
    return updated;
  }) satisfies FieldResolver<unknown, { id: string; input: RepoUpdateInput }, RepoRecord>,
  repoDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    existingRepo(ctx.store, id);
    repos(ctx.store).delete(id);
    for (const r of revisionsOf(ctx.store, id)) revisions(ctx.store).delete(`${id}/${r.id}`);
    return true;
  }) satisfies FieldResolver<unknown, { id: string }, boolean>,
  revisionCreate: ((_parent, { input }, ctx) => {
    requireViewer(ctx);
    return revisionView(createRevision(ctx.store, input, ctx.now()));
  }) satisfies FieldResolver<unknown, { input: RevisionCreateInput }, RevisionView>,
};

/**
 * Spacelift repos: ids are slugs of the name; files change only through revisions, which are
 * never rewritten, so a file's history (deletions included) stays until the repo is deleted.
 */
export const reposModule: DomainModule = {
  resolvers: {
    Query: repoQueries,
    Mutation: repoMutations,
    Repo: {
      slug: ((r) => r.id) satisfies FieldResolver<RepoRecord, unknown, string>,
      isDefault: (() => false) satisfies FieldResolver<RepoRecord, unknown, boolean>,
      space: spaceDetailsField,
      stacks: ((r, _args, ctx) => stacksUsing(ctx.store, ctx.now(), r.id)) satisfies FieldResolver<
        RepoRecord,
        unknown,
        string[]
      >,
    },
  },
  spaceOccupants: (store, spaceId) =>
    countOf([...repos(store).values()].filter((r) => r.space === spaceId).length, "repo", "repos"),
};
