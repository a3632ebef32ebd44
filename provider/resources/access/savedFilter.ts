import { nonEmpty } from "../../engine/constraints";
import type { Constraint } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { matching, quoted } from "../existing";

/**
 * The views a filter can be saved for, as terraform-provider-spacelift 8565261 documents them
 * (resource_saved_filter.go:61-62). Its own check accepts only four of them; Bruno's example sends
 * `STACKS`, so capitals are accepted too.
 */
const FILTER_TYPES = [
  "stacks",
  "modules",
  "auditTrailEntries",
  "vcsIntegrations",
  "blueprints",
  "contexts",
  "workerPools",
  "webhooks",
  "notifications",
  "resources",
  "policies",
] as const;

const filterType: Constraint = {
  name: "oneOf",
  description: `one of ${FILTER_TYPES.map((x) => `\`${x}\``).join(", ")}`,
  test: (v) =>
    typeof v === "string" && FILTER_TYPES.some((x) => x === v || x.toUpperCase() === v)
      ? undefined
      : `must be one of ${FILTER_TYPES.join(", ")}`,
};

// The filter is JSON text the UI reads back.
const json: Constraint = {
  name: "json",
  description: "JSON text",
  test: (v) => {
    if (typeof v !== "string") return "must be JSON text";
    try {
      JSON.parse(v);
      return undefined;
    } catch {
      return "must be JSON text";
    }
  },
};

/** SavedFilter: a filter of one of the UI's lists, saved under a name. Follows Bruno's "Saved Filters". */
export const savedFilter = defineResource({
  kind: "SavedFilter",
  officialClass: false,
  doc:
    "A **saved filter**: criteria of one of Spacelift's lists (stacks, contexts, webhooks, ...) saved under a " +
    "name, for the one who saved it or, when public, for everyone in the account. Changing the type replaces " +
    "the filter.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the saved filter.",
      validate: [nonEmpty()],
    },
    type: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      doc: `The list the filter is for: ${FILTER_TYPES.map((x) => `\`${x}\``).join(", ")}.`,
      validate: [filterType],
    },
    data: {
      type: t.string(),
      required: true,
      doc: 'The filter itself, as JSON text (what the UI saves), e.g. `{"key":"activeFilters","value":"{}"}`.',
      validate: [nonEmpty(), json],
    },
    isPublic: {
      type: t.boolean(),
      required: true,
      doc: "Whether everyone in the account can use the filter; otherwise only whoever saved it.",
    },
    createdBy: {
      type: t.string(),
      computed: true,
      doc: "Login of the user, or ID of the API key, that saved the filter.",
    },
  },
  // Saved filters carry no marker and Spacelift does not refuse a second of one name, so only a
  // create this resource sent (in this call, or journalled) can claim one after a lost answer.
  existing: {
    op: query("SavedFilterList", "savedFilters", {}),
    candidates: matching({ name: "name", type: "type" }),
    lookFirst: "exclude",
    describe: (values) => `saved filter ${quoted(values["name"])}`,
  },
  operations: {
    create: mutation("SavedFilterCreate", "savedFilterCreate", { input: arg.input("SavedFilterInput!") }),
    read: query("SavedFilterRead", "savedFilter", { id: arg.id() }),
    update: mutation("SavedFilterUpdate", "savedFilterUpdate", {
      id: arg.id(),
      isPublic: arg.field("isPublic", "Boolean!"),
      name: arg.field("name", "String"),
      data: arg.field("data", "String"),
    }),
    delete: mutation("SavedFilterDelete", "savedFilterDelete", { id: arg.id() }),
  },
});
