/** The eleven hook lists stacks, modules and contexts carry, in the API's field names. */
export const HOOK_NAMES = [
  "afterApply",
  "afterDestroy",
  "afterInit",
  "afterPerform",
  "afterPlan",
  "afterRun",
  "beforeApply",
  "beforeDestroy",
  "beforeInit",
  "beforePerform",
  "beforePlan",
] as const;

/** One of {@link HOOK_NAMES}. */
export type HookName = (typeof HOOK_NAMES)[number];

/** Hook lists as stored; every list present, possibly empty. */
export type HooksRecord = { readonly [K in HookName]: readonly string[] };

/** Input that may carry hook lists (`StackInput` directly, `ContextInput` under `hooks`). */
export type HooksInput = { readonly [K in HookName]?: readonly string[] | null };

/** Hook lists from an input; an absent or null list is empty. */
export function hooksFromInput(input: HooksInput | null | undefined): HooksRecord {
  const hooks: Partial<Record<HookName, readonly string[]>> = {};
  for (const name of HOOK_NAMES) {
    hooks[name] = [...(input?.[name] ?? [])];
  }
  return hooks as HooksRecord;
}
