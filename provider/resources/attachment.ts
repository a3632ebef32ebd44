/**
 * What `ContextAttachment` and `PolicyAttachment` share. Both attach something (the "source": a
 * context or a policy) to a stack or a module (the "target"; the API calls both stacks and takes
 * either id in its `stack` argument), have no update, and are read out of the source's
 * `attachedStacks` list.
 *
 * @packageDocumentation
 */

import { nonEmpty } from "../engine/constraints";
import type { CompositeIdSpec, ExistingSpec, FieldSpec } from "../engine/descriptor";
import { t, type StringType } from "../engine/fieldTypes";
import { exactlyOneOf, type Rule } from "../engine/rules";
import { quoted, recordsOf } from "./existing";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../engine/values";

/** A kind of target: a stack or a module. */
export type AttachmentTargetKind = "stack" | "module";

/** The Pulumi argument holding each kind of target's id. */
export const TARGET_FIELDS = { stack: "stackId", module: "moduleId" } as const;

// The attachment object says whether its target is a module; `stackId` holds the id either way.
// `isAutoattached` tells an attachment made through an `autoattach:` label, which is no object of
// its own: no resource may take it for the attachment it created or looks up.
const TARGET_SELECTION = "stackId isModule isAutoattached";

function target(kind: AttachmentTargetKind, source: string): FieldSpec<StringType> {
  return {
    type: t.string(),
    gqlInput: false,
    readFrom: {
      select: TARGET_SELECTION,
      read: (obj: JsonObject) =>
        (obj["isModule"] === true) === (kind === "module") ? obj["stackId"] : undefined,
    },
    doc: `ID of the ${kind} the ${source} is attached to. Set exactly one of \`stackId\` and \`moduleId\`.`,
    validate: [nonEmpty()],
  };
}

/** The `stackId` and `moduleId` arguments; `source` names what is attached ("context", "policy"). */
export function attachmentTargetFields(
  source: string,
): Record<(typeof TARGET_FIELDS)[AttachmentTargetKind], FieldSpec<StringType>> {
  return { stackId: target("stack", source), moduleId: target("module", source) };
}

/** The attachment's own id, assigned by Spacelift. */
export const attachmentIdField: FieldSpec<StringType> = {
  type: t.string(),
  gql: "id",
  computed: true,
  doc: "ID Spacelift gave the attachment itself (the second part of the resource ID).",
};

/** Exactly one target must be set. */
export const attachmentTargetRules: readonly Rule[] = [
  exactlyOneOf(TARGET_FIELDS.stack, TARGET_FIELDS.module),
];

/** The target kind the values point at: the attach mutation takes its id from that argument. */
export function attachmentTargetKindOf(values: Values): AttachmentTargetKind | undefined {
  if (typeof values[TARGET_FIELDS.stack] === "string") return "stack";
  if (typeof values[TARGET_FIELDS.module] === "string") return "module";
  return undefined;
}

/**
 * The composite id `<sourceId>/<attachmentId>`, where `sourceField` is the source's argument
 * (`contextId`, `policyId`). Read also accepts `<sourceId>/<stackOrModuleId>`, to look an existing
 * attachment up by what it attaches ({@link selectAttachment}).
 */
export function attachmentId(sourceField: string): CompositeIdSpec {
  return {
    format: `<${sourceField}>/<attachmentId>`,
    compose(values) {
      const source = values[sourceField];
      const own = values["attachmentId"];
      return typeof source === "string" && typeof own === "string" && own !== ""
        ? `${source}/${own}`
        : undefined;
    },
    parse(id) {
      const parts = id.split("/");
      if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
      return { [sourceField]: parts[0], attachmentId: parts[1] };
    },
  };
}

/**
 * Finds the attachment among the source's `attachedStacks` by its own id. An attachment detached
 * and attached again outside Pulumi is a new object with a new id, so the old one reads as gone.
 * A lookup (`get`) knows no target yet and may name it instead of the attachment: a source is
 * attached to a target at most once, so the target identifies the attachment too.
 */
export function selectAttachment(items: readonly JsonValue[], values: Values): JsonValue | undefined {
  const attachments = (items.filter(isRecord) as JsonObject[]).filter((a) => a["isAutoattached"] !== true);
  const own = values["attachmentId"];
  const byId = attachments.find((a) => a["id"] === own);
  if (byId || attachmentTargetKindOf(values) !== undefined) return byId;
  return attachments.find((a) => a["stackId"] === own);
}

/**
 * How the engine finds an attachment that already exists: among the source's attachments, the one
 * on the same target. Spacelift refuses a second attachment to one target, so the engine only looks
 * after that refusal or a lost answer; attachments carry no marker or creation time, so only a
 * create this resource sent (in this call, or recorded in the journal) makes one its own.
 *
 * @param source - the source in words (`context`), and the argument holding its id
 */
export function attachmentExisting(source: string, sourceField: string): ExistingSpec {
  return {
    candidates: (result, values) => {
      const kind = attachmentTargetKindOf(values);
      if (kind === undefined) return [];
      const target = values[TARGET_FIELDS[kind]];
      return recordsOf(result).filter(
        (a) =>
          a["stackId"] === target &&
          (a["isModule"] === true) === (kind === "module") &&
          a["isAutoattached"] !== true,
      );
    },
    describe: (values) => {
      const kind = attachmentTargetKindOf(values) ?? "stack";
      return `the attachment of ${source} ${quoted(values[sourceField])} to ${kind} ${quoted(values[TARGET_FIELDS[kind]])}`;
    },
  };
}
