// The weekly digest's workbook: the week's items and events (the same .xlsx as /fb export) with
// the digest's own figures added to its summary sheet. It is posted beside the chart, as a file
// where the platform takes files and as a signed link in the card where it does not, so a
// supervisor reading the week's numbers has the rows behind them in the same place.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { digestCard } from '../../cards/digest-card.js';
import { labelOf } from '../domain/refusal-text.js';
import type { Translate } from '../i18n/translate.js';
import { buildExport, type ExportFile, type SummaryRow } from '../exports/workbook.js';
import type { DigestData } from './digest-data.js';
import type { DigestPeriod } from './period.js';

/** How long a digest's workbook (and its link) is kept: people look back at last month's weeks. */
export const DIGEST_WORKBOOK_DAYS = 30;

export interface DigestWorkbook { exportId: string; filename: string; items: number; events: number; truncated: boolean }

/** The export id of a digest's workbook: one per digest, replaced when the digest is made again. */
export function workbookIdOf(digestId: string): string {
  return `digest-${digestId}`;
}

/** Builds the period's workbook; the digest's figures go in its summary once `figures` has them. */
export function buildDigestWorkbook(db: Kysely<Database>, period: DigestPeriod, figures: Promise<DigestData>, t: Translate, now: Date): Promise<ExportFile> {
  return buildExport(db, {
    from: period.start, to: period.end, label: `${period.date}..${period.lastDate}`, timeZone: period.timeZone, now,
    summary: figures.then((d) => digestSummaryRows(d, t)),
  });
}

/** Stores the workbook as an export of its own (served by the export link route) and says what it is. */
export async function storeDigestWorkbook(db: Kysely<Database>, digestId: string, period: DigestPeriod, file: ExportFile, now: Date): Promise<DigestWorkbook> {
  const exportId = workbookIdOf(digestId);
  const filename = `feedback-${period.kind}-${period.date}_to_${period.lastDate}.xlsx`;
  const expiresAt = new Date(now.getTime() + DIGEST_WORKBOOK_DAYS * 86_400_000);
  await db.deleteFrom('exports').where('expires_at', '<', now).execute();
  await db.insertInto('exports').values({ id: exportId, requested_by: null, filename, bytes: file.bytes, rows: file.items, expires_at: expiresAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ filename, bytes: file.bytes, rows: file.items, expires_at: expiresAt, created_at: now }))
    .execute();
  return { exportId, filename, items: file.items, events: file.events, truncated: file.truncated };
}

/** The digest's figures as summary lines: the card's fields, then the worst topics with their examples. */
export function digestSummaryRows(d: DigestData, t: Translate): SummaryRow[] {
  const card = digestCard(d, t);
  const rows: SummaryRow[] = [{ what: card.title, value: null }];
  for (const node of card.body) if (node.type === 'fields') for (const f of node.fields) rows.push({ what: f.label, value: f.value });
  for (const topic of d.negativeTopics) {
    rows.push({ what: t('digest.negative_topic', { topic: labelOf(t, 'topic', topic.topic), n: topic.n }), value: topic.examples.join(' · ') });
  }
  return rows;
}
