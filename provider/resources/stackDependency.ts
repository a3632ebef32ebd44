import { nonEmpty } from "../engine/constraints";
import { arg, defineResource, mutation, query } from "../engine/descriptor";
import { matching, quoted } from "./existing";
import { t } from "../engine/fieldTypes";
import { distinct } from "../engine/rules";
import type { Values } from "../engine/values";

/** A ULID, as Spacelift's dependency ids are. */
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * StackDependency: one stack waits for another. Spacelift has no update for it, so every change
 * replaces it; its id combines the dependent stack's id and the dependency's own ULID.
 */
export const stackDependency = defineResource({
  kind: "StackDependency",
  doc:
    "A **stack dependency**: the tracked runs of `stackId` wait until `dependsOnStackId` has finished " +
    "successfully, and changes to `dependsOnStackId` trigger `stackId`. Pass outputs along with " +
    "`StackDependencyReference`. Spacelift refuses a stack depending on itself, a second dependency on the same " +
    "stack and dependencies that form a cycle. Every change replaces the dependency (the old one is deleted first). " +
    "`get` also takes `<stackId>/<dependsOnStackId>`, the ID Spacelift's Terraform provider imports it by.",
  fields: {
    stackId: {
      type: t.string(),
      gqlInput: "stackId",
      gqlOutput: "stack.id",
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack that depends on the other.",
      validate: [nonEmpty()],
    },
    dependsOnStackId: {
      type: t.string(),
      gqlInput: "dependsOnStackId",
      gqlOutput: "dependsOnStack.id",
      required: true,
      replaceOnChange: true,
      doc: "ID of the stack depended on. Must differ from `stackId`.",
      validate: [nonEmpty()],
    },
    dependencyId: {
      type: t.string(),
      computed: true,
      gqlOutput: "id",
      doc: "Spacelift's own ID of the dependency (a ULID).",
    },
  },
  rules: [distinct("stackId", "dependsOnStackId")],
  id: {
    format: "<stackId>/<dependencyId>",
    compose: (values) =>
      typeof values["stackId"] === "string" && typeof values["dependencyId"] === "string"
        ? `${values["stackId"]}/${values["dependencyId"]}`
        : undefined,
    // Spacelift's Terraform provider also imports `<stackId>/<dependsOnStackId>` (8565261,
    // resource_stack_dependency.go). Dependency ids are ULIDs (upper case) and stack ids are slugs
    // (lower case), so the second part tells the forms apart.
    parse(id): Values | undefined {
      const [stackId, second, ...rest] = id.split("/");
      if (!stackId || !second || rest.length > 0) return undefined;
      return ULID.test(second) ? { stackId, dependencyId: second } : { stackId, dependsOnStackId: second };
    },
  },
  immutable: true,
  // A replacement may reverse the dependency or recreate the same pair; creating first would be
  // refused as a cycle or a duplicate.
  deleteBeforeReplace: true,
  // Among the stack's dependencies, the one on the same stack; Spacelift refuses a second one and
  // reports creation times.
  existing: {
    op: query(
      "StackDependencyList",
      "stack",
      { id: arg.field("stackId", "ID!") },
      { path: [{ field: "dependsOn", args: {} }], extraSelection: ["createdAt"] },
    ),
    candidates: matching({ "dependsOnStack.id": "dependsOnStackId" }),
    createdAt: "createdAt",
    describe: (v) =>
      `the dependency of stack ${quoted(v["stackId"])} on stack ${quoted(v["dependsOnStackId"])}`,
  },
  operations: {
    create: mutation("StackDependencyCreate", "stackDependencyCreate", {
      input: arg.input("StackDependencyInput!"),
    }),
    read: query(
      "StackDependencyRead",
      "stack",
      { id: arg.field("stackId", "ID!", "stackId") },
      {
        path: [
          {
            field: "dependency",
            // Without the dependency's own id (an id in the Terraform provider's form), it is found
            // by the stack depended on, with an empty id, as that provider reads it.
            args: {
              id: arg.derived("ID!", (v) => v["dependencyId"] ?? "", "dependencyId"),
              dependsOnStackId: arg.derived(
                "ID",
                (v) => (v["dependencyId"] === undefined ? (v["dependsOnStackId"] ?? null) : null),
                "dependsOnStackId",
              ),
            },
          },
        ],
      },
    ),
    delete: mutation("StackDependencyDelete", "stackDependencyDelete", {
      id: arg.field("dependencyId", "ID!"),
    }),
  },
});
