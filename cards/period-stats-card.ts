// The /fb stats card for any period: totals first, then one line per group when grouped.
import { labelOf } from '../src/domain/refusal-text.js';
import { KINDS } from '../src/domain/types.js';
import { perLanguage } from '../src/i18n/per-language.js';
import type { Translate } from '../src/i18n/translate.js';
import { meanMinutes, onTimeShare, type PeriodStats } from '../src/stats/period-stats.js';
import type { StatsDimension } from '../src/stats/rollups.js';
import type { Card, CardField, CardNode } from './card.js';
import { surveyFields } from './survey-fields.js';

/** Names for group values that are ids (agents); others are labelled from the catalogue. */
export type NameOf = (dim: StatsDimension, value: string) => string;

export function periodStatsCard(s: PeriodStats, t: Translate, nameOf: NameOf): Card {
  const { totals } = s;
  const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((n / of) * 100)}%`);
  const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  const minutes = meanMinutes(totals.responseSecs, totals.responded);
  const resolveMinutes = meanMinutes(totals.resolveSecs, totals.resolved);
  const fields: CardField[] = [
    { label: t('stats.received'), value: String(totals.received) },
    { label: t('stats.negative'), value: `${totals.negative} (${pct(totals.negative, totals.received)})` },
    { label: t('stats.open'), value: String(s.open) },
    { label: t('stats.overdue'), value: String(s.overdue) },
    { label: t('stats.closed_period'), value: String(totals.closed) },
    { label: t('stats.resolved'), value: String(totals.resolved) },
    { label: t('stats.first_response'), value: minutes === null ? '—' : t('stats.minutes', { n: minutes }) },
    { label: t('stats.response_on_time'), value: share(onTimeShare(totals.responded, totals.responseLate)) },
    { label: t('stats.avg_resolution'), value: resolveMinutes === null ? '—' : t('stats.hours', { n: Math.round(resolveMinutes / 6) / 10 }) },
    { label: t('stats.resolve_on_time'), value: share(onTimeShare(totals.resolved, totals.resolveLate)) },
    ...surveyFields(s.surveys, t),
  ];
  if (!s.groupBy) {
    const kinds = new Map(s.byKind.map((k) => [k.value, k.received]));
    fields.push(
      { label: t('stats.by_kind'), value: KINDS.map((k) => `${labelOf(t, 'kind', k)} ${kinds.get(k) ?? 0}`).join(' · ') },
      { label: t('stats.top_topics'), value: s.topTopics.length ? s.topTopics.map((x) => `${labelOf(t, 'topic', x.value)} ${x.received}`).join(' · ') : '—' },
    );
  }
  const body: CardNode[] = [{ type: 'fields', fields }];
  let title = s.period.today ? t('stats.title', { date: s.period.label }) : t('stats.period_title', { label: s.period.label });
  let lines: string[] = [];
  if (s.groupBy) {
    const by = s.groupBy;
    const dim = perLanguage('stats.dim', by);
    title = t(s.period.today ? 'stats.today_title_by' : 'stats.period_title_by', { label: s.period.label, by_zh: String(dim.dim_zh), by_en: String(dim.dim_en) });
    lines = s.groups.map((g) => t('stats.group_line', {
      name: nameOf(by, g.value), received: g.measures.received,
      negative: `${g.measures.negative} (${pct(g.measures.negative, g.measures.received)})`, closed: g.measures.closed,
    }));
    body.push({ type: 'text', text: lines.length > 0 ? lines.join('\n') : t('stats.no_groups') });
  }
  return {
    title,
    tone: s.overdue > 0 ? 'warning' : 'info',
    body,
    fallback: [title, ...fields.map((f) => `${f.label}: ${f.value}`), ...lines].join('\n'),
  };
}

/** Catalogue labels for topic, kind, priority and sentiment; channels as they are named. */
export function labelFor(t: Translate, dim: StatsDimension, value: string): string {
  if (dim === 'topic' || dim === 'kind' || dim === 'priority' || dim === 'sentiment') return labelOf(t, dim, value);
  return value;
}
