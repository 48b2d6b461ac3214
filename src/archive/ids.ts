import { createHash } from 'node:crypto';

/** Stable item id: the same entry of the same source always gets the same id, on any machine. */
export function itemId(sourceId: string, guid: string): string {
  return createHash('sha256').update(sourceId).update('\0').update(guid).digest('base64url').slice(0, 22);
}
