// A picture posted in a card's thread (Feishu) is kept as an attachment of the item, beside the
// internal note that names it: downloaded through the adapter, checked like an intake attachment
// (a picture type by its magic numbers, 5 MiB at most), then stored. The card's next update shows it.
import { sql } from 'kysely';
import type { ChatAdapter, SentFile } from '../../adapters/chat-adapter.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import type { Deps } from '../deps.js';
import { isPicture, sizeText } from './attachment-kind.js';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, keptTypeOf, preparedAttachment } from './read-attachments.js';

export type KeptPicture = { ok: true; id: string; name: string } | { ok: false; text: string };

/**
 * Stores the picture with the item, or says why not. Throws when the platform cannot be reached
 * (the inbound event is then released, so the platform's retry tries again).
 */
export async function keepThreadPicture(deps: Deps, adapter: ChatAdapter | undefined, itemId: string, file: SentFile): Promise<KeptPicture> {
  const pictures = ATTACHMENT_TYPES.filter(isPicture).join(', ');
  if (!adapter?.download) return { ok: false, text: deps.t('attachment.type', { types: pictures }) };
  let bytes: Buffer;
  try {
    bytes = await adapter.download(file, ATTACHMENT_LIMITS.fileBytes);
  } catch (error) {
    if (error instanceof PlatformError && error.code === 'rejected') return { ok: false, text: deps.t('attachment.too_large', { size: sizeText(ATTACHMENT_LIMITS.fileBytes) }) };
    throw error;
  }
  const type = await keptTypeOf(bytes);
  if (!type || !isPicture(type.mime)) return { ok: false, text: deps.t('attachment.type', { types: pictures }) };
  const a = preparedAttachment(bytes, type.mime, `picture.${type.ext}`, 0);
  await sql`insert into attachments (id, feedback_id, ord, name, content_type, size, sha256, bytes)
    select ${a.id}, ${itemId}, coalesce(max(ord) + 1, 0), ${a.name}, ${a.contentType}, ${a.size}, ${a.sha256}, decode(${a.base64}, 'base64')
    from attachments where feedback_id = ${itemId}`.execute(deps.db);
  return { ok: true, id: a.id, name: a.name };
}
