import { rejected } from "../errors";

/** An attachment of a cloud integration (AWS, Azure) to a stack or module, for read and/or write. */
export interface ReadWriteAttachment {
  readonly integrationId: string;
  readonly read: boolean;
  readonly write: boolean;
}

/**
 * Refuses an attachment used for neither read nor write, or one that would give stack `projectId`
 * a second integration of the same cloud for reading or for writing; `others` are the stack's
 * other attachments of that cloud. `cloud` names it in messages (`AWS`, `Azure`).
 */
export function requireReadWriteUse(
  cloud: string,
  others: readonly ReadWriteAttachment[],
  projectId: string,
  read: boolean,
  write: boolean,
): void {
  if (!read && !write) {
    throw rejected(`an ${cloud} integration must be attached for read, write or both`);
  }
  for (const [use, wanted] of [
    ["read", read],
    ["write", write],
  ] as const) {
    const clash = others.find((a) => a[use] && wanted);
    if (clash) {
      throw rejected(
        `stack ${projectId} already has an ${cloud} integration attached for ${use} (${clash.integrationId})`,
      );
    }
  }
}
