import { nonEmpty, slugName } from "../engine/constraints";
import { arg, defineResource, mutation, query, type FieldSpec } from "../engine/descriptor";
import { t, type ListType, type StringType } from "../engine/fieldTypes";

// The hook lists keep the argument names of Spacelift's deprecated official Pulumi provider
// (plural, e.g. `beforeApplies`), while the API nests them under `hooks` in singular form.
function hook(gqlName: string, phase: string): FieldSpec<ListType<StringType>> {
  return {
    type: t.list(t.string()),
    gql: `hooks.${gqlName}`,
    doc: `Commands run ${phase}, in order, in every stack or module the context is attached to.`,
  };
}

/**
 * Context: a named collection of configuration (environment variables, mounted files, hooks)
 * that can be attached to many stacks and modules.
 */
export const context = defineResource({
  kind: "Context",
  doc:
    "A Spacelift **context**: a named collection of configuration elements (environment variables, " +
    "mounted files) and hooks that can be attached to many stacks and modules with a `ContextAttachment`. " +
    "Add variables with `EnvironmentVariable` and files with `MountedFile`.",
  fields: {
    name: {
      type: t.string(),
      required: true,
      doc: "Name of the context, unique within the account. The context's id is derived from it at creation and never changes.",
      validate: [nonEmpty(), slugName()],
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    labels: {
      type: t.set(t.string()),
      doc: "Labels. A label `autoattach:<label>` attaches the context to every stack with `<label>`. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      doc: "ID of the space the context belongs to. When unset, Spacelift chooses it and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    afterApplies: hook("afterApply", "after the apply phase"),
    afterDestroys: hook("afterDestroy", "after the destroy phase"),
    afterInits: hook("afterInit", "after the init phase"),
    afterPerforms: hook("afterPerform", "after the perform phase of a task"),
    afterPlans: hook("afterPlan", "after the plan phase"),
    afterRuns: hook("afterRun", "after every run, whatever its outcome"),
    beforeApplies: hook("beforeApply", "before the apply phase"),
    beforeDestroys: hook("beforeDestroy", "before the destroy phase"),
    beforeInits: hook("beforeInit", "before the init phase"),
    beforePerforms: hook("beforePerform", "before the perform phase of a task"),
    beforePlans: hook("beforePlan", "before the plan phase"),
  },
  operations: {
    create: mutation("ContextCreate", "contextCreateV2", { input: arg.input("ContextInput!") }),
    read: query("ContextRead", "context", { id: arg.id() }),
    update: mutation("ContextUpdate", "contextUpdateV2", { id: arg.id(), input: arg.input("ContextInput!") }),
    delete: mutation("ContextDelete", "contextDelete", { id: arg.id() }),
  },
  // Context names are unique per account, so a replacement must free the name first.
  deleteBeforeReplace: true,
});
