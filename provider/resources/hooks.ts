import { nonEmpty } from "../engine/constraints";
import type { FieldSpec } from "../engine/descriptor";
import { t, type ListType, type StringType } from "../engine/fieldTypes";

/**
 * The eleven hook-list arguments of a stack or a context, named as the deprecated official provider
 * spells them (plural, e.g. `beforeApplies`, where the API says `beforeApply`). `gqlPrefix` is where the lists sit in the GraphQL objects (`hooks.` for a context,
 * top level for a stack); `scope` ends each doc sentence (e.g. ", in every stack or module the
 * context is attached to").
 */
export function hookFields(gqlPrefix: string, scope: string) {
  const hook = (gqlName: string, phase: string): FieldSpec<ListType<StringType>> => ({
    type: t.list(t.string()),
    gql: `${gqlPrefix}${gqlName}`,
    doc: `Commands run ${phase}, in order${scope}.`,
    validateEach: [nonEmpty()],
  });
  return {
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
  };
}
