import { labelOf } from '../src/domain/refusal-text.js';
import { KINDS, PRIORITIES } from '../src/domain/types.js';
import type { Translate } from '../src/i18n/translate.js';
import type { TodayStats } from '../src/stats/today-stats.js';
import type { Card, CardField } from './card.js';

export function todayStatsCard(s: TodayStats, t: Translate, date: string): Card {
  const pct = (n: number) => (s.received === 0 ? '0%' : `${Math.round((n / s.received) * 100)}%`);
  const fields: CardField[] = [
    { label: t('stats.received'), value: String(s.received) },
    { label: t('stats.negative'), value: `${s.negative} (${pct(s.negative)})` },
    { label: t('stats.open'), value: String(s.open) },
    { label: t('stats.overdue'), value: String(s.overdue) },
    { label: t('stats.closed'), value: String(s.closedToday) },
    { label: t('stats.first_response'), value: s.avgFirstResponseMinutes === null ? '—' : t('stats.minutes', { n: s.avgFirstResponseMinutes }) },
    { label: t('stats.by_kind'), value: KINDS.map((k) => `${labelOf(t, 'kind', k)} ${s.byKind[k] ?? 0}`).join(' · ') },
    { label: t('stats.by_priority'), value: PRIORITIES.map((p) => `${labelOf(t, 'priority', p)} ${s.byPriority[p] ?? 0}`).join(' · ') },
    { label: t('stats.top_topics'), value: s.topTopics.length ? s.topTopics.map((x) => `${labelOf(t, 'topic', x.topic)} ${x.n}`).join(' · ') : '—' },
  ];
  return {
    title: t('stats.title', { date }),
    tone: s.overdue > 0 ? 'warning' : 'info',
    body: [{ type: 'fields', fields }],
    fallback: fields.map((f) => `${f.label}: ${f.value}`).join('\n'),
  };
}
