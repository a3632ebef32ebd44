import { displayName, nonEmpty, pattern } from "../engine/constraints";
import { arg, defineResource, mutation, query, type OperationDef, type PathStep } from "../engine/descriptor";
import { quoted, recordsOf } from "./existing";
import { t } from "../engine/fieldTypes";
import type { JsonValue, Values } from "../engine/values";

/** The only way a reference reaches the dependent stack. */
const REFERENCE_TYPE = "ENVIRONMENT_VARIABLE";

/** Part `index` of `stackDependencyId` (`<stackId>/<dependencyId>`): 0 the stack, 1 the dependency. */
function dependencyPart(index: 0 | 1): (values: Values) => JsonValue | undefined {
  return (values) => {
    const id = values["stackDependencyId"];
    return typeof id === "string" ? id.split("/")[index] : undefined;
  };
}

/** A ULID, as Spacelift's dependency and reference ids are; stack ids are lower-case slugs. */
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Arguments of the read's `dependency(...)` step. A `stackDependencyId` in the Terraform provider's
 * form (`<stackId>/<dependsOnStackId>`, which `StackDependency.get` accepts) names the dependency by
 * the stack depended on, with an empty id, as that provider reads it (8565261,
 * resource_stack_dependency.go).
 */
const readDependencyArgs = {
  id: arg.derived(
    "ID!",
    (values) => {
      const part = dependencyPart(1)(values);
      return typeof part === "string" && ULID.test(part) ? part : "";
    },
    "dependencyId",
  ),
  dependsOnStackId: arg.derived(
    "ID",
    (values) => {
      const part = dependencyPart(1)(values);
      return typeof part === "string" && !ULID.test(part) ? part : null;
    },
    "dependsOnStackId",
  ),
};

/**
 * Arguments of the read's `reference(...)` step: by the reference's own id, or, for an id in the
 * Terraform provider's form (`<stackId>/<dependsOnStackId>/<inputName>`), by its input name with
 * an empty id, as that provider imports it (8565261, resource_stack_dependency_reference.go).
 */
const readReferenceArgs = {
  id: arg.derived("ID!", (values) => values["referenceId"] ?? "", "referenceId"),
  inputName: arg.derived(
    "String",
    (values) => (values["referenceId"] === undefined ? (values["inputName"] ?? null) : null),
    "inputName",
  ),
};

/** A query reaching `last` below the dependency the values name: `stack(id) { dependency(...) { last } }`. */
function onDependency(name: string, last: PathStep): OperationDef {
  return query(
    name,
    "stack",
    { id: arg.derived("ID!", dependencyPart(0), "stackId") },
    { path: [{ field: "dependency", args: readDependencyArgs }, last] },
  );
}

/**
 * StackDependencyReference: one output of the depended-on stack, passed to the dependent stack as
 * an environment variable. Its id extends the dependency's with the reference's own ULID.
 */
export const stackDependencyReference = defineResource({
  kind: "StackDependencyReference",
  doc:
    "A **stack dependency reference**: the output `outputName` of the stack depended on is passed to the " +
    "dependent stack as the input (environment variable) `inputName`, like an `EnvironmentVariable` whose value " +
    "comes from another stack. Input names are unique within a dependency. `get` also takes " +
    "`<stackId>/<dependsOnStackId>/<inputName>`, the ID Spacelift's Terraform provider imports it by.",
  fields: {
    stackDependencyId: {
      type: t.string(),
      gql: false,
      required: true,
      replaceOnChange: true,
      doc: "ID of the `StackDependency` (`<stackId>/<dependencyId>`). Changing it replaces the reference.",
      validate: [pattern(/^[^/]+\/[^/]+$/, "the ID of a StackDependency, <stackId>/<dependencyId>")],
    },
    outputName: {
      type: t.string(),
      required: true,
      doc: "Name of the output of the stack depended on.",
      validate: [nonEmpty(), displayName()],
    },
    inputName: {
      type: t.string(),
      required: true,
      doc: "Name of the environment variable the dependent stack receives the output's value in.",
      validate: [nonEmpty(), displayName()],
    },
    triggerAlways: {
      type: t.boolean(),
      default: false,
      doc: "Whether the dependent stack is triggered even when the output's value did not change. Defaults to `false`.",
    },
    referenceId: {
      type: t.string(),
      computed: true,
      gqlOutput: "id",
      doc: "Spacelift's own ID of the reference (a ULID).",
    },
  },
  id: {
    format: "<stackId>/<dependencyId>/<referenceId>",
    compose: (values) =>
      typeof values["stackDependencyId"] === "string" && typeof values["referenceId"] === "string"
        ? `${values["stackDependencyId"]}/${values["referenceId"]}`
        : undefined,
    // Also `<stackId>/<dependsOnStackId>/<inputName>`, the Terraform provider's import form: a
    // stack id (a slug) in the middle tells it from this provider's (a dependency ULID there).
    parse(id): Values | undefined {
      const [stackId, second, third, ...rest] = id.split("/");
      if (!stackId || !second || !third || rest.length > 0) return undefined;
      const stackDependencyId = `${stackId}/${second}`;
      return ULID.test(second)
        ? { stackDependencyId, referenceId: third }
        : { stackDependencyId, inputName: third };
    },
  },
  // A replacement may keep the input name, which the new reference could not take while the old holds it.
  deleteBeforeReplace: true,
  // Among the dependency's references, the one for the same input; Spacelift refuses a second one.
  existing: {
    op: onDependency("StackDependencyReferenceList", { field: "references", args: {} }),
    candidates: (result, values) => recordsOf(result).filter((r) => r["inputName"] === values["inputName"]),
    describe: (v) =>
      `the reference to input ${quoted(v["inputName"])} of dependency ${quoted(v["stackDependencyId"])}`,
  },
  operations: {
    create: mutation("StackDependencyReferenceCreate", "stackDependenciesAddReference", {
      stackDependencyID: arg.derived("ID!", dependencyPart(1)),
      reference: arg.input("StackDependencyReferenceInput!", { type: REFERENCE_TYPE }),
    }),
    read: onDependency("StackDependencyReferenceRead", { field: "reference", args: readReferenceArgs }),
    // The update input carries the reference's own id, which only the id (or outputs) hold.
    update: mutation("StackDependencyReferenceUpdate", "stackDependenciesUpdateReference", {
      reference: arg.derived("StackDependencyReferenceUpdateInput!", (values) => ({
        id: values["referenceId"] ?? null,
        outputName: values["outputName"] ?? null,
        inputName: values["inputName"] ?? null,
        type: REFERENCE_TYPE,
        triggerAlways: values["triggerAlways"] ?? false,
      })),
    }),
    delete: mutation("StackDependencyReferenceDelete", "stackDependenciesDeleteReference", {
      id: arg.field("referenceId", "ID!"),
    }),
  },
});
