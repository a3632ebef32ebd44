import { requireViewer } from "../../context";
import type { Store } from "../../store";
import { orNotFound, rejected } from "../errors";
import { unixSeconds } from "../ids";
import type { FieldResolver } from "../resolverMap";
import { existingSpaceId } from "../spaces";

/** The arguments of `terraformProviderCreate` (and, with `id` for `type`, of `terraformProviderUpdate`). */
export interface TerraformProviderArgs {
  readonly space: string;
  readonly description?: string | null;
  readonly labels?: readonly string[] | null;
}

/** A Terraform provider of the account's registry, as stored. */
export interface TerraformProviderRecord {
  /** The provider's type, unique in the account. */
  readonly id: string;
  readonly space: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly public: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly updatedAt: number;
}

/** `TerraformProvider` as resolved. */
export interface TerraformProviderView extends TerraformProviderRecord {
  readonly latestVersionNumber: string | null;
  readonly deleted: boolean;
}

function collection(store: Store): Map<string, TerraformProviderRecord> {
  return store.collection<TerraformProviderRecord>("terraformProviders");
}

/** Every provider, by type. */
export function listTerraformProviders(store: Store): TerraformProviderRecord[] {
  return [...collection(store).values()].sort((a, b) => a.id.localeCompare(b.id));
}

function view(record: TerraformProviderRecord, deleted = false): TerraformProviderView {
  return { ...record, latestVersionNumber: null, deleted };
}

function existing(store: Store, id: string): TerraformProviderRecord {
  return orNotFound(collection(store).get(id), "Terraform provider", id);
}

// A provider's type names it in `required_providers` and registry addresses, where whitespace
// cannot appear.
function requireType(type: string): void {
  if (type.trim() === "" || /\s/.test(type)) {
    throw rejected("type must not be empty or contain whitespace");
  }
}

/** Creates a provider as `terraformProviderCreate` does. */
export function createTerraformProvider(
  store: Store,
  type: string,
  args: TerraformProviderArgs,
  nowMs: number,
): TerraformProviderRecord {
  requireType(type);
  if (collection(store).has(type)) {
    throw rejected(`Terraform provider ${type} already exists in this account`);
  }
  const now = unixSeconds(nowMs);
  const record: TerraformProviderRecord = {
    id: type,
    space: existingSpaceId(store, args.space, args.space),
    description: args.description ?? null,
    labels: [...(args.labels ?? [])],
    public: false,
    createdAt: now,
    updatedAt: now,
  };
  collection(store).set(type, record);
  return record;
}

export const terraformProviderQueries = {
  terraformProviders: ((_parent, _args, ctx) =>
    ctx.viewer ? listTerraformProviders(ctx.store).map((p) => view(p)) : []) satisfies FieldResolver<
    unknown,
    unknown,
    TerraformProviderView[]
  >,
  terraformProvider: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    const record = collection(ctx.store).get(id);
    return record ? view(record) : null;
  }) satisfies FieldResolver<unknown, { id: string }, TerraformProviderView | null>,
};

export const terraformProviderMutations = {
  terraformProviderCreate: ((_parent, { type, ...args }, ctx) => {
    requireViewer(ctx);
    return view(createTerraformProvider(ctx.store, type, args, ctx.now()));
  }) satisfies FieldResolver<unknown, TerraformProviderArgs & { type: string }, TerraformProviderView>,
  terraformProviderUpdate: ((_parent, { id, space, description, labels }, ctx) => {
    requireViewer(ctx);
    const current = existing(ctx.store, id);
    const updated: TerraformProviderRecord = {
      ...current,
      space: existingSpaceId(ctx.store, space, space),
      description: description ?? null,
      labels: [...(labels ?? [])],
      updatedAt: unixSeconds(ctx.now()),
    };
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<unknown, TerraformProviderArgs & { id: string }, TerraformProviderView>,
  terraformProviderSetVisibility: ((_parent, { id, public: isPublic }, ctx) => {
    requireViewer(ctx);
    const updated: TerraformProviderRecord = {
      ...existing(ctx.store, id),
      public: isPublic,
      updatedAt: unixSeconds(ctx.now()),
    };
    collection(ctx.store).set(id, updated);
    return view(updated);
  }) satisfies FieldResolver<unknown, { id: string; public: boolean }, TerraformProviderView>,
  terraformProviderDelete: ((_parent, { id }, ctx) => {
    requireViewer(ctx);
    // A provider that is already gone is answered with null, which Spacelift's Terraform provider
    // reports as "Terraform provider not found" (resource_terraform_provider.go, delete).
    const current = collection(ctx.store).get(id);
    if (!current) {
      return null;
    }
    collection(ctx.store).delete(id);
    return view(current, true);
  }) satisfies FieldResolver<unknown, { id: string }, TerraformProviderView | null>,
};
