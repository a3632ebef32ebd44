/**
 * State handed over when a stack is created (Spacelift's Terraform provider `import_state`, v1.9.3
 * resource_stack.go `uploadStateFile`): `stateUploadUrl` hands out an object id and a URL, the
 * client PUTs the state there, and `stackCreate(stackObjectID:)` names the object. The emulator
 * serves the URL itself, at `/state-uploads/<objectId>`.
 *
 * @packageDocumentation
 */

import { randomUUID } from "node:crypto";
import { requireViewer } from "../context";
import { jsonResponse, type EmulatorRequest, type EmulatorResponse } from "../httpMessage";
import type { Store } from "../store";
import { rejected } from "./errors";
import type { FieldResolver } from "./resolverMap";

/** Path prefix of upload URLs; not part of the GraphQL API, as a presigned storage URL is not. */
export const STATE_UPLOAD_PREFIX = "/state-uploads/";

/** One upload slot. */
export interface StateUploadRecord {
  readonly objectId: string;
  /** The uploaded state, null until the PUT arrives. */
  readonly content: string | null;
  /** The stack created from it, once one is. */
  readonly usedBy: string | null;
}

const COLLECTION = "stateUploads";

function uploads(store: Store): Map<string, StateUploadRecord> {
  return store.collection<StateUploadRecord>(COLLECTION);
}

/** `stateUploadUrl`: a new slot and the URL to PUT the state to. */
export const stateUploadUrl = ((_parent, _args, ctx) => {
  requireViewer(ctx);
  const objectId = randomUUID();
  uploads(ctx.store).set(objectId, { objectId, content: null, usedBy: null });
  return { objectId, url: `${ctx.baseUrl}${STATE_UPLOAD_PREFIX}${objectId}` };
}) satisfies FieldResolver<unknown, unknown, { objectId: string; url: string }>;

/** Serves `PUT /state-uploads/<objectId>`: stores the body in a slot `stateUploadUrl` handed out. */
export function handleStateUpload(store: Store, req: EmulatorRequest): EmulatorResponse {
  const objectId = req.path.slice(STATE_UPLOAD_PREFIX.length);
  const slot = uploads(store).get(objectId);
  if (req.method !== "PUT") return jsonResponse(405, { error: "state uploads take PUT" });
  if (!slot || slot.usedBy !== null) return jsonResponse(403, { error: "no such upload URL" });
  uploads(store).set(objectId, { ...slot, content: req.body });
  return { status: 200, headers: {}, body: "" };
}

/** Takes the uploaded state `objectId` for stack `stackId`; refuses an unknown or empty slot. */
export function claimStateUpload(
  store: Store,
  objectId: string,
  stackId: string,
  manageState: boolean,
): void {
  const slot = uploads(store).get(objectId);
  if (!manageState)
    throw rejected("importing state requires the stack to manage its state (manageState: true)");
  if (!slot || slot.content === null || slot.usedBy !== null) {
    throw rejected(`no uploaded state object ${objectId}`);
  }
  uploads(store).set(objectId, { ...slot, usedBy: stackId });
}
