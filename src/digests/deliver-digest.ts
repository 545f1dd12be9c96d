// Sends a stored digest or export to one chat. Platforms that take uploads get the chart (and an
// export's or weekly digest's workbook) as a picture or file of their own; the local chat shows
// the chart inside the card, and the workbook as a link, from signed links the bot serves.
import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.js';
import { PlatformError, type ChatAdapter, type ChatRef } from '../../adapters/chat-adapter.js';
import { digestCard, digestTitle } from '../../cards/digest-card.js';
import type { Translate } from '../i18n/translate.js';
import type { OutboxPayload } from '../outbox/outbox-message.js';
import type { LinkSigner } from '../exports/signed-link.js';
import type { DigestData } from './digest-data.js';
import { DIGEST_WORKBOOK_DAYS, workbookIdOf } from './digest-workbook.js';
import { exportPath } from '../exports/file-routes.js';

export interface FileDeliveryOptions { db: Kysely<Database>; t: Translate; now: () => Date; links: LinkSigner }

/** A chart link stays valid as long as people scroll back to a digest. */
export const CHART_LINK_DAYS = 90;

export async function deliverStoredFile(o: FileDeliveryOptions, adapter: ChatAdapter, row: OutboxRow,
  payload: Extract<OutboxPayload, { kind: 'digest.card' | 'digest.chart' | 'export.file' }>): Promise<void> {
  const chat: ChatRef = { platform: adapter.platform, chatId: row.chat_id };
  if (payload.kind === 'export.file') {
    if (!adapter.uploadFile) return;
    const found = await o.db.selectFrom('exports').select(['filename', 'bytes']).where('id', '=', payload.exportId).executeTakeFirst();
    if (!found) throw new PlatformError(adapter.platform, 'rejected', `export ${payload.exportId} no longer exists`);
    await adapter.uploadFile(chat, { bytes: Buffer.from(found.bytes), filename: found.filename });
    return;
  }
  if (payload.kind === 'digest.chart' && !adapter.uploadImage) return; // shown inside the card instead
  const digest = await o.db.selectFrom('digests').select(['id', 'data', 'chart']).where('id', '=', payload.digestId).executeTakeFirst();
  if (!digest) throw new PlatformError(adapter.platform, 'rejected', `digest ${payload.digestId} no longer exists`);
  const data = digest.data as DigestData;
  if (payload.kind === 'digest.chart') {
    const title = digestTitle(data, o.t);
    const comment = o.t('digest.chart_comment', { date: data.date, kind_zh: data.kind === 'daily' ? '日报' : '周报', kind_en: data.kind });
    await adapter.uploadImage!(chat, { bytes: Buffer.from(digest.chart), filename: `${digest.id}.png`, title, comment });
    return;
  }
  const chartUrl = adapter.uploadImage ? undefined : chartLink(o.links, digest.id, o.now());
  const workbookUrl = adapter.uploadFile ? undefined : await workbookLink(o, digest.id);
  const workbook = workbookUrl ? { url: workbookUrl, days: DIGEST_WORKBOOK_DAYS } : undefined;
  await adapter.send(chat, { card: digestCard(data, o.t, { ...(chartUrl ? { chartUrl } : {}), ...(workbook ? { workbook } : {}) }), readOnly: true }, row.idempotency_key);
}

export function chartPath(digestId: string): string {
  return `/files/digests/${encodeURIComponent(digestId)}/chart.png`;
}

export function chartLink(links: LinkSigner, digestId: string, now: Date): string {
  return links.sign(chartPath(digestId), new Date(now.getTime() + CHART_LINK_DAYS * 86_400_000));
}

/** A link to a digest's workbook, valid as long as the file is kept; none when the digest has none. */
export async function workbookLink(o: Pick<FileDeliveryOptions, 'db' | 'links'>, digestId: string): Promise<string | undefined> {
  const found = await o.db.selectFrom('exports').select(['id', 'filename', 'expires_at']).where('id', '=', workbookIdOf(digestId)).executeTakeFirst();
  return found ? o.links.sign(exportPath(found.id, found.filename), found.expires_at) : undefined;
}
