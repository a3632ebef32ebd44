import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query, variants } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { Values } from "../../engine/values";
import { quoted, theObject } from "../existing";

const ID_PREFIX = "activator-";

// Both set the stack's state whatever it was, so they serve the create and the update alike.
const enable = mutation("StackActivatorEnable", "stackEnable", { id: arg.field("stackId", "ID!") });
const disable = mutation("StackActivatorDisable", "stackDisable", { id: arg.field("stackId", "ID!") });

/**
 * StackActivator: enables or disables one stack (`stackEnable` / `stackDisable`), read back from
 * the stack's `isDisabled`. As in Spacelift's Terraform provider (`spacelift_stack_activator`,
 * v1.9.3 and 8565261 alike), `stackId` changes in place and destroying the activator leaves the
 * stack as it is. Its ID is Terraform's `activator-<unix seconds>`, which names no stack: the stack
 * comes from the stored arguments, so `get` by ID alone cannot find it (Terraform's import cannot
 * either).
 */
export const stackActivator = defineResource({
  kind: "StackActivator",
  doc:
    "A **stack activator** enables or disables a stack: a disabled stack takes no runs. Destroying the activator " +
    "leaves the stack as it is. Its ID is `activator-<unix seconds>`, as Spacelift's Terraform provider forms it; it " +
    "names no stack, so look an activator up with `get` only together with its `stackId`.",
  fields: {
    stackId: {
      type: t.string(),
      gql: false,
      required: true,
      doc: "ID of the stack to enable or disable. Changing it sets the new stack's state and leaves the old one as it is.",
      validate: [nonEmpty()],
    },
    enabled: {
      type: t.boolean(),
      required: true,
      gqlInput: false,
      gqlOutput: "isDisabled",
      transform: { fromOutput: (disabled) => (typeof disabled === "boolean" ? !disabled : undefined) },
      doc: "Whether the stack is enabled (`true`) or disabled (`false`).",
    },
    activatedAt: {
      type: t.int(),
      gql: false,
      computed: true,
      doc: "When the activator was created, Unix seconds; the number in its ID.",
    },
  },
  id: {
    format: "activator-<unix seconds>",
    compose: (v) => (typeof v["activatedAt"] === "number" ? `${ID_PREFIX}${v["activatedAt"]}` : undefined),
    parse: (id) => {
      const match = /^activator-(\d{1,12})$/.exec(id);
      return match ? { activatedAt: Number(match[1]) } : undefined;
    },
  },
  hooks: {
    selectVariant: (v) => (v["enabled"] === true ? "enable" : v["enabled"] === false ? "disable" : undefined),
    localValues: (step): Values => (step === "create" ? { activatedAt: Math.floor(Date.now() / 1000) } : {}),
  },
  forgetOnDelete: true,
  // Setting a stack's state twice does no harm; after a lost answer the stack is read, and adopted
  // when it is in the state asked for.
  existing: {
    candidates: theObject,
    describe: (v) => `activation of stack ${quoted(v["stackId"])}`,
  },
  operations: {
    create: variants({ enable, disable }),
    read: query("StackActivatorRead", "stack", { id: arg.field("stackId", "ID!") }),
    update: variants({ enable, disable }),
  },
});
