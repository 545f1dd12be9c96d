// A room's summary card: what a burst of new items held back from the room, counted by priority
// and topic, with the urgent ones (which still get their own cards) named.
import { labelOf } from '../src/domain/refusal-text.js';
import type { SummaryCounts } from '../src/db/schema.js';
import type { Translate } from '../src/i18n/translate.js';
import type { Card } from './card.js';

const PRIORITIES = ['urgent', 'general', 'routine'];
const MAX_TOPICS = 8;
const MAX_URGENT_LISTED = 20;

export function summaryCard(counts: SummaryCounts, t: Translate): Card {
  const byPriority = PRIORITIES.filter((p) => counts.byPriority[p])
    .map((p) => `${labelOf(t, 'priority', p)} ${counts.byPriority[p]}`).join(' · ');
  const byTopic = Object.entries(counts.byTopic).sort((a, b) => b[1] - a[1]).slice(0, MAX_TOPICS)
    .map(([topic, n]) => `${labelOf(t, 'topic', topic)} ${n}`).join(' · ');
  const urgent = counts.urgent.slice(-MAX_URGENT_LISTED).map((u) => u.shortId).join(', ');
  const title = t('summary.title', { n: String(counts.total) });
  return {
    title,
    tone: counts.urgent.length > 0 ? 'warning' : 'info',
    body: [
      { type: 'text', text: t('summary.lead', { n: String(counts.total) }) },
      { type: 'fields', fields: [
        { label: t('summary.by_priority'), value: byPriority || t('summary.none') },
        { label: t('summary.by_topic'), value: byTopic || t('summary.none') },
        { label: t('summary.urgent'), value: urgent || t('summary.none') },
      ] },
      { type: 'context', text: t('summary.queue') },
    ],
    fallback: `${title}: ${byPriority}${urgent ? ` · ${urgent}` : ''}`,
  };
}
