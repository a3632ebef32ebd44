import { displayName, label, nonEmpty, slugName } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { markedInList, quoted } from "./existing";
import { t } from "../engine/fieldTypes";

/**
 * Space: a node in the account's tree of spaces, which scopes access to stacks, contexts,
 * policies and other resources.
 */
export const space = defineResource({
  kind: "Space",
  doc:
    "A Spacelift **space**: a node in the account's tree of spaces. Spaces group stacks, contexts, " +
    "policies and other resources and decide who can access them. Every account has a `root` space.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the space. The space's id is derived from it when the space is created and never changes.",
      validate: [nonEmpty(), slugName(), displayName()],
    },
    parentSpaceId: {
      type: t.string(),
      gql: "parentSpace",
      default: "root",
      doc: "ID of the parent space. Defaults to `root`. Changing it moves the space in place.",
      validate: [nonEmpty()],
    },
    description: {
      type: t.string(),
      // SpaceInput.description is non-null, so "unset" has to travel as the empty string.
      default: "",
      doc: "Free-form description for users. Defaults to an empty string.",
    },
    inheritEntities: {
      type: t.boolean(),
      default: false,
      doc: "Whether access to this space also gives read access to entities of the parent space. Defaults to `false`.",
    },
    labels: {
      type: t.set(t.string()),
      doc: "Labels describing the space. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
  },
  // Space ids carry a generated suffix, so Spacelift never refuses a second space of one name:
  // the first create in a process lists the spaces once and recognises its own by their marker.
  existing: markedInList({
    noun: "space",
    operation: "SpaceList",
    listField: "spaces",
    key: { name: "name", parentSpace: "parentSpaceId" },
    duplicatesAccepted: true,
    describe: (v) => `space ${quoted(v["name"])} in space ${quoted(v["parentSpaceId"])}`,
  }),
  operations: {
    create: mutation("SpaceCreate", "spaceCreate", { input: arg.input("SpaceInput!") }),
    read: query("SpaceRead", "space", { id: arg.id() }),
    // Space mutations name their id argument `space`, unlike most others.
    update: mutation("SpaceUpdate", "spaceUpdate", { space: arg.id(), input: arg.input("SpaceInput!") }),
    delete: mutation("SpaceDelete", "spaceDelete", { space: arg.id() }),
  },
});
