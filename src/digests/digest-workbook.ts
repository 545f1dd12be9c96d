// The weekly digest's workbook: the report itself as tables people can sort, chart and paste
// into their own weekly report (figures, volumes with the week before, deadlines, workload, the
// worst topics with masked examples, the 8-week trend). The week's rows are /fb export's job,
// named in the summary: a week of a busy desk is tens of thousands of rows, a file of its own.
// It is posted beside the chart, as a file where the platform takes files and as a signed link
// in the card where it does not.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { digestCard } from '../../cards/digest-card.js';
import { labelOf } from '../domain/refusal-text.js';
import { perLanguage } from '../i18n/per-language.js';
import type { Translate } from '../i18n/translate.js';
import { writeWorkbook, type Cell, type SheetSpec } from '../exports/workbook.js';
import { storeExportFile } from '../exports/export-store.js';
import type { DigestData, PeriodCount } from './digest-data.js';
import type { DigestPeriod } from './period.js';

/** How long a digest's workbook (and its link) is kept: people look back at last month's weeks. */
export const DIGEST_WORKBOOK_DAYS = 30;

export interface DigestWorkbook { exportId: string; filename: string; bytes: number }

/** The export id of a digest's workbook: one per digest, replaced when the digest is made again. */
export function workbookIdOf(digestId: string): string {
  return `digest-${digestId}`;
}

/** The digest's tables as an .xlsx. */
export function buildDigestWorkbook(d: DigestData, t: Translate, now: Date): Promise<Buffer> {
  return writeWorkbook(digestSheets(d, t), now);
}

/** Stores the workbook as an export of its own (served by the export link route) and says what it is. */
export async function storeDigestWorkbook(db: Kysely<Database>, digestId: string, period: DigestPeriod, bytes: Buffer, rows: number, now: Date): Promise<DigestWorkbook> {
  const exportId = workbookIdOf(digestId);
  const filename = `feedback-${period.kind}-${period.date}_to_${period.lastDate}.xlsx`;
  await storeExportFile(db, { id: exportId, requestedBy: null, filename, bytes, rows, expiresAt: new Date(now.getTime() + DIGEST_WORKBOOK_DAYS * 86_400_000), now });
  return { exportId, filename, bytes: bytes.length };
}

const num = (header: string, width = 10, numFmt = '0') => ({ header, width, numFmt });
const pct = (header: string) => ({ header, width: 10, numFmt: '0.0%' });

function digestSheets(d: DigestData, t: Translate): SheetSpec[] {
  const change = (c: PeriodCount): Cell => (c.previous === 0 ? null : (c.n - c.previous) / c.previous);
  const volumes = ([['kind', d.byKind], ['topic', d.byTopic], ['channel', d.byChannel]] as const)
    .flatMap(([dimension, counts]) => counts.map((c): Cell[] => [
      DIMENSIONS[dimension],
      dimension === 'channel' ? c.key : labelOf(t, dimension, c.key), c.n, c.previous, change(c),
    ]));
  const deadline = (label: string, f: DigestData['firstResponse']): Cell[] => [label, f.due, f.met, f.due === 0 ? null : f.met / f.due, f.medianMinutes, f.p90Minutes];
  return [
    {
      name: 'summary', columns: [{ header: '项目 Measure', width: 40 }, { header: '值 Value', width: 60 }],
      rows: [
        ...summaryRows(d, t),
        ['逐条明细 Every item of the period', `/fb export ${d.date}..${d.lastDate}`],
      ],
    },
    {
      name: 'volumes',
      columns: [{ header: '维度 Dimension', width: 14 }, { header: '值 Value', width: 24 }, num('本期 This period'), num('上期 Previous'), pct('变化 Change')],
      rows: [['总量 Total', null, d.total, d.previousTotal, d.previousTotal === 0 ? null : (d.total - d.previousTotal) / d.previousTotal], ...volumes],
    },
    {
      name: 'deadlines',
      columns: [{ header: '时限 Deadline', width: 22 }, num('到期 Due'), num('达标 Met'), pct('达标率 Met share'), num('中位分钟 Median min', 12), num('P90 分钟 P90 min', 12)],
      rows: [deadline('首次响应 First response', d.firstResponse), deadline('解决 Resolution', d.resolution)],
    },
    {
      name: 'agents',
      columns: [{ header: '处理人 Agent', width: 18 }, num('认领 Claimed'), num('回复 Replied'), num('解决 Resolved'), num('当前未结 Open now', 12)],
      rows: d.agents.map((a) => [a.name, a.claimed, a.replied, a.resolved, a.openNow]),
    },
    {
      name: 'negative topics',
      columns: [{ header: '主题 Topic', width: 20 }, num('负面 Negative'), { header: '示例（已脱敏） Example (masked)', width: 80 }],
      rows: d.negativeTopics.flatMap((n) => (n.examples.length ? n.examples : ['']).map((e): Cell[] => [labelOf(t, 'topic', n.topic), n.n, e || null])),
    },
    {
      name: 'trend',
      columns: [{ header: d.kind === 'weekly' ? '周 Week of' : '日 Day', width: 12 }, num('反馈 Items'), pct('负面占比 Negative share')],
      rows: d.trend.map((p) => [p.label, p.total, p.negativeShare]),
    },
  ];
}

const DIMENSIONS = { kind: '类型 Kind', topic: '主题 Topic', channel: '渠道 Channel' } as const;

/** The card's title and fields, then the worst topics with their examples: what the card shows, as rows. */
function summaryRows(d: DigestData, t: Translate): Cell[][] {
  const card = digestCard(d, t);
  const rows: Cell[][] = [[card.title]];
  for (const node of card.body) if (node.type === 'fields') for (const f of node.fields) rows.push([f.label, f.value]);
  for (const topic of d.negativeTopics) rows.push([t('digest.negative_topic', { ...perLanguage('topic', topic.topic), n: topic.n }), topic.examples.join(' · ')]);
  return rows;
}
