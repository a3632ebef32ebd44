import { requireViewer } from "../context";
import type { Store } from "../store";
import {
  findConfig,
  listConfig,
  removeAllConfig,
  removeConfig,
  upsertConfig,
  type ConfigElementRecord,
  type ConfigInput,
  type ConfigOwnerKind,
} from "./configRecords";
import { findContext } from "./contextRecords";
import type { DomainModule } from "./domainModule";
import { notFound, orNotFound } from "./errors";
import { existingProject } from "./projects";
import type { FieldResolver, ObjectResolvers } from "./resolverMap";

function removeExisting(
  store: Store,
  ownerKind: ConfigOwnerKind,
  ownerId: string,
  id: string,
): ConfigElementRecord {
  return orNotFound(removeConfig(store, ownerKind, ownerId, id), "config element", id);
}

/** `config` and `configElement` of a `Context` (`ownerKind` "context") or of a `Stack` or `Module`. */
export function configFieldResolvers(ownerKind: ConfigOwnerKind): ObjectResolvers {
  return {
    config: ((owner, _args, ctx) => listConfig(ctx.store, ownerKind, owner.id)) satisfies FieldResolver<
      { readonly id: string },
      unknown,
      unknown
    >,
    configElement: ((owner, { id }, ctx) =>
      findConfig(ctx.store, ownerKind, owner.id, id) ?? null) satisfies FieldResolver<
      { readonly id: string },
      { id: string },
      unknown
    >,
  };
}

const mutations = {
  contextConfigAdd: ((_parent, { context, config }, ctx) => {
    requireViewer(ctx);
    if (!findContext(ctx.store, context)) {
      throw notFound("context", context);
    }
    return upsertConfig(ctx.store, "context", context, config, ctx.now());
  }) satisfies FieldResolver<unknown, { context: string; config: ConfigInput }, ConfigElementRecord>,
  contextConfigDelete: ((_parent, { context, id }, ctx) => {
    requireViewer(ctx);
    if (!findContext(ctx.store, context)) {
      throw notFound("context", context);
    }
    return removeExisting(ctx.store, "context", context, id);
  }) satisfies FieldResolver<unknown, { context: string; id: string }, ConfigElementRecord>,
  // `stack` takes a stack or a module id: modules are configured through the stack mutations.
  stackConfigAdd: ((_parent, { stack, config }, ctx) => {
    requireViewer(ctx);
    const nowMs = ctx.now();
    existingProject(ctx.store, nowMs, stack);
    return upsertConfig(ctx.store, "project", stack, config, nowMs);
  }) satisfies FieldResolver<unknown, { stack: string; config: ConfigInput }, ConfigElementRecord>,
  stackConfigDelete: ((_parent, { stack, id }, ctx) => {
    requireViewer(ctx);
    existingProject(ctx.store, ctx.now(), stack);
    return removeExisting(ctx.store, "project", stack, id);
  }) satisfies FieldResolver<unknown, { stack: string; id: string }, ConfigElementRecord>,
};

/** Config elements (environment variables and mounted files) of contexts, stacks and modules. */
export const configElementsModule: DomainModule = {
  resolvers: {
    Mutation: mutations,
    ConfigElement: {
      // A write-only value is never returned; clients compare checksums instead.
      value: ((e) => (e.writeOnly ? null : e.value)) satisfies FieldResolver<
        ConfigElementRecord,
        unknown,
        unknown
      >,
      runtime: (() => false) satisfies FieldResolver<ConfigElementRecord, unknown, boolean>,
    },
    StackContextAttachment: {
      config: ((a, _args, ctx) => listConfig(ctx.store, "context", a.contextId)) satisfies FieldResolver<
        { readonly contextId: string },
        unknown,
        ConfigElementRecord[]
      >,
    },
  },
  removeProjectData: (store, projectId) => removeAllConfig(store, "project", projectId),
};
