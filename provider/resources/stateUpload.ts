/**
 * Hands a stack's existing state over to Spacelift at creation, as Spacelift's Terraform provider
 * does for `import_state` and `import_state_file` (v1.9.3 resource_stack.go `uploadStateFile`):
 * `stateUploadUrl` gives an object id and a URL, the state is PUT to the URL, and `stackCreate`
 * names the object in `stackObjectID`.
 *
 * @packageDocumentation
 */

import { readFile } from "node:fs/promises";
import { arg, mutation, type CreatePreparation } from "../engine/descriptor";
import { isRecord, type JsonValue, type Values } from "../engine/values";

/** The value name under which the uploaded object's id reaches `stackCreate`. */
export const STATE_OBJECT = "importedStateObjectId";

/** Whether the values ask for state to be handed over. */
export function importsState(values: Values): boolean {
  return typeof values["importState"] === "string" || typeof values["importStateFile"] === "string";
}

async function stateContent(values: Values): Promise<string> {
  const inline = values["importState"];
  if (typeof inline === "string") return inline;
  const path = values["importStateFile"] as string;
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new Error(`could not read importStateFile ${JSON.stringify(path)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

async function upload(answer: JsonValue, values: Values): Promise<Values> {
  const objectId = isRecord(answer) ? answer["objectId"] : undefined;
  const url = isRecord(answer) ? answer["url"] : undefined;
  if (typeof objectId !== "string" || typeof url !== "string") {
    throw new Error("stateUploadUrl answered without an object id and URL");
  }
  const response = await fetch(url, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: await stateContent(values),
  });
  if (Math.floor(response.status / 100) !== 2) {
    throw new Error(`unexpected HTTP status ${response.status} when uploading the state to import`);
  }
  return { [STATE_OBJECT]: objectId };
}

/** The `beforeCreate` step of a stack. */
export const stateUpload: CreatePreparation = {
  when: importsState,
  op: mutation("StateUploadUrl", "stateUploadUrl", {}, { selection: ["objectId", "url"] }),
  use: upload,
};

/** `stackCreate`'s `stackObjectID` argument: the uploaded object, or null. */
export const stackObjectArg = arg.derived("String", (values) => {
  const id = values[STATE_OBJECT];
  return typeof id === "string" ? id : null;
});
