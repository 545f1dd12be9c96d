// The daily or weekly digest as a neutral card: volumes with their change, deadlines, times,
// rates, satisfaction, the worst topics with masked examples, workload, and the trend chart.
import { labelOf } from '../src/domain/refusal-text.js';
import { perLanguage } from '../src/i18n/per-language.js';
import type { Translate } from '../src/i18n/translate.js';
import type { DigestData, DeadlineFigures, PeriodCount } from '../src/digests/digest-data.js';
import type { Card, CardField, CardNode } from './card.js';
import { surveyFields } from './survey-fields.js';

export interface DigestCardOptions {
  /** Where the chart can be fetched; absent where the chart is sent as an upload of its own. */
  chartUrl?: string;
  /** Where the week's workbook can be fetched and for how many days; absent where it is sent as a file of its own. */
  workbook?: { url: string; days: number };
}

const LIST_LIMIT = 8;

export function digestTitle(d: DigestData, t: Translate): string {
  return d.kind === 'daily' ? t('digest.title.daily', { date: d.date }) : t('digest.title.weekly', { date: d.date, last: d.lastDate });
}

export function digestCard(d: DigestData, t: Translate, options: DigestCardOptions = {}): Card {
  const title = digestTitle(d, t);
  const fields: CardField[] = [
    { label: t('digest.volume'), value: `${d.total} (${t('digest.change', { change: change(d.total, d.previousTotal) })})` },
    { label: t('digest.by_kind'), value: counts(d.byKind, (k) => labelOf(t, 'kind', k), t) },
    { label: t('digest.by_topic'), value: counts(d.byTopic, (k) => labelOf(t, 'topic', k), t) },
    { label: t('digest.by_channel'), value: counts(d.byChannel, (k) => k, t) },
    { label: t('digest.first_response_met'), value: compliance(d.firstResponse, t) },
    { label: t('digest.resolution_met'), value: compliance(d.resolution, t) },
    { label: t('digest.first_response_time'), value: t('digest.duration', { a: duration(d.firstResponse.medianMinutes), b: duration(d.firstResponse.p90Minutes) }) },
    { label: t('digest.resolution_time'), value: t('digest.duration', { a: duration(d.resolution.medianMinutes), b: duration(d.resolution.p90Minutes) }) },
    { label: t('digest.resolution_rate'), value: `${percent(d.resolved, d.total)} (${d.resolved}/${d.total})` },
    { label: t('digest.reopen_rate'), value: `${percent(d.reopened, d.resolvedInPeriod)} (${d.reopened}/${d.resolvedInPeriod})` },
  ];
  fields.push(...surveyFields(d, t));
  fields.push({
    label: t('digest.agents'),
    value: d.agents.length ? d.agents.map((a) => `${a.name} ${a.claimed}/${a.replied}/${a.resolved}/${a.openNow}`).join(' · ') : t('digest.none'),
  });

  const body: CardNode[] = [{ type: 'fields', fields }];
  body.push({ type: 'text', text: `${t('digest.negative_topics')}: ${d.negativeTopics.length ? '' : t('digest.none')}`.trim() });
  for (const topic of d.negativeTopics) {
    const examples = topic.examples.map((e) => `• ${e}`).join('\n');
    body.push({ type: 'text', text: `${t('digest.negative_topic', { ...perLanguage('topic', topic.topic), n: topic.n })}\n${examples}` });
  }
  if (options.chartUrl) body.push({ type: 'image', url: options.chartUrl, alt: t('digest.chart_alt') });
  if (options.workbook) body.push({ type: 'text', text: `${t('digest.workbook_link', { days: options.workbook.days })}: ${options.workbook.url}` });
  body.push({ type: 'context', text: t('digest.context', { from: d.date, to: d.lastDate, zone: d.timeZone }) });

  const worst = d.negativeTopics[0];
  return {
    title,
    tone: d.firstResponse.due > 0 && d.firstResponse.met / d.firstResponse.due < 0.8 ? 'warning' : 'info',
    body,
    fallback: [title, ...fields.slice(0, 6).map((f) => `${f.label}: ${f.value}`),
      ...(worst ? [t('digest.negative_topic', { ...perLanguage('topic', worst.topic), n: worst.n })] : [])].join('\n'),
  };
}

/** "+25%", "−10%", "±0%"; against an empty period, "+N" (a percentage of nothing means nothing). */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '±0' : `+${now}`;
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '±0%' : pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}

/** Minutes as "45m", "3h 20m" or "2d 4h". */
export function duration(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)}d${hours % 24 ? ` ${hours % 24}h` : ''}`;
}

function compliance(f: DeadlineFigures, t: Translate): string {
  return `${percent(f.met, f.due)} (${t('digest.of', { met: f.met, due: f.due })})`;
}

function counts(rows: PeriodCount[], label: (key: string) => string, t: Translate): string {
  const shown = rows.filter((r) => r.n > 0).slice(0, LIST_LIMIT);
  if (shown.length === 0) return t('digest.none');
  return shown.map((r) => `${label(r.key)} ${r.n} (${change(r.n, r.previous)})`).join(' · ');
}
